"""Working through a batch: taking the next person, deciding their status, confirming who they
are and settling a doubt about their nationality. Writers of the event's post only.

A status is a decision about the border event; none of them makes the person an accused in a
case. Every decision after "registered" needs a screening interview first, repeat interceptions
included.
"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import ProtectedError, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.cases.models import CaseParty
from htms.common.versioning import lock_at_version
from htms.intake.access import border_event_get_for_user, intake_may_record
from htms.intake.matching import event_candidates
from htms.intake.models import BorderEvent, Classification, IntakeStatus, MatchBasis
from htms.persons.models import Person

CLAIM_MINUTES = 15
SCREEN_FIRST = _(
    "Screen the person first: every decision needs the screening interview, repeat "
    "interceptions included."
)
REFER_FIRST = _("Record the referral (to whom and when) before marking the person referred.")
VICTIM_NOT_ARRESTED = _(
    "A possible victim of trafficking is referred, not arrested or handed to the police. If the "
    "screening was wrong, change its classification with a reason first."
)
NOTE_NEEDED = _("Say why (for example the FIR or the police station).")
BAD_STATUS = _("Choose a valid status.")
NOT_A_CANDIDATE = _("This person is not one of the candidates found for this border event.")
NOTE_REQUIRED = _("Say how the nationality was verified or why the doubt remains.")


def _classification(event: BorderEvent) -> str:
    screening = getattr(event, "screening", None)
    return screening.classification if screening is not None else ""


def _status_errors(event: BorderEvent, status: str, note: str) -> dict[str, str]:
    if status not in IntakeStatus.values:
        return {"status": str(BAD_STATUS)}
    if status == IntakeStatus.REGISTERED:
        return {}
    classification = _classification(event)
    if not classification:
        return {"status": str(SCREEN_FIRST)}
    if status == IntakeStatus.REFERRED and not event.referrals.exists():
        return {"status": str(REFER_FIRST)}
    punitive = status in (IntakeStatus.ARRESTED, IntakeStatus.HANDED_TO_POLICE)
    if punitive and classification == Classification.POSSIBLE_VICTIM:
        return {"status": str(VICTIM_NOT_ARRESTED)}
    if punitive and not note.strip():
        return {"status_note": str(NOTE_NEEDED)}
    return {}


@transaction.atomic
def border_event_set_status(
    *, actor: User, event_id: int, expected_version: int, status: str, note: str = ""
) -> BorderEvent:
    """Records the decision on a border event. It never adds the person to a case."""
    event = border_event_get_for_user(user=actor, event_id=event_id, write=True)
    errors = _status_errors(event, status, note)
    if errors:
        raise ValidationError(errors)
    locked = lock_at_version(BorderEvent, pk=event.pk, expected_version=expected_version)
    old = locked.status
    locked.status, locked.status_note = status, note.strip()[:300]
    locked.claimed_by, locked.claimed_at = None, None
    locked.save(update_fields=["status", "status_note", "claimed_by", "claimed_at", "version"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.BORDER_EVENT,
        object_id=event.pk,
        changes={"status": {"old": old, "new": status}, "note": locked.status_note},
    )
    return locked


@transaction.atomic
def border_event_claim_next(*, actor: User, manifest_id: int | None = None) -> BorderEvent | None:
    """Gives the actor the next registered person of their post that no other officer holds
    (a hold lapses after CLAIM_MINUTES), so several officers can work one batch side by side.

    Writers of the post only. Two officers asking at once never get the same person: the row
    is locked (rows another officer is taking are skipped) where the database can, and taken
    in one conditional update elsewhere. A new hold writes one audit row.
    """
    if not intake_may_record(actor):
        return None
    free = BorderEvent.objects.filter(post_id=actor.unit_id, status=IntakeStatus.REGISTERED)
    if manifest_id is not None:
        free = free.filter(manifest_id=manifest_id)
    mine = free.filter(claimed_by=actor).order_by("id").first()
    if mine is not None:
        return mine
    now = timezone.now()
    stale = now - timedelta(minutes=CLAIM_MINUTES)
    unclaimed = free.exclude(claimed_at__gt=stale).order_by("id")
    taken = _take_first(unclaimed, actor=actor, now=now)
    if taken is None:
        return None
    event, previous = taken
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.BORDER_EVENT,
        object_id=event.pk,
        changes={"claimed_by": {"old": previous, "new": actor.pk}},
    )
    return event


def _take_first(
    unclaimed: QuerySet[BorderEvent], *, actor: User, now: datetime
) -> tuple[BorderEvent, int | None] | None:
    """The first unclaimed event, now held by ``actor``, and who held it before (a lapsed hold)."""
    if connection.features.has_select_for_update_skip_locked:
        event = unclaimed.select_for_update(skip_locked=True, of=("self",)).first()
        if event is None:
            return None
        previous = event.claimed_by_id
        event.claimed_by, event.claimed_at = actor, now
        event.save(update_fields=["claimed_by", "claimed_at"])
        return event, previous
    # Without SKIP LOCKED (SQLite): each try is one conditional UPDATE, which a concurrent
    # claim of the same row makes match nothing.
    for event_id, previous in unclaimed.values_list("pk", "claimed_by_id")[:20]:
        if unclaimed.filter(pk=event_id).update(claimed_by=actor, claimed_at=now):
            return BorderEvent.objects.get(pk=event_id), previous
    return None


@transaction.atomic
def border_event_resolve_doubt(
    *, actor: User, event_id: int, expected_version: int, doubt: bool, note: str
) -> BorderEvent:
    """Keeps or clears the flag on a claimed Pakistani nationality, with how it was checked."""
    event = border_event_get_for_user(user=actor, event_id=event_id, write=True)
    if not note.strip():
        raise ValidationError({"nationality_note": str(NOTE_REQUIRED)})
    locked = lock_at_version(BorderEvent, pk=event.pk, expected_version=expected_version)
    old = locked.nationality_doubt
    locked.nationality_doubt, locked.nationality_note = doubt, note.strip()[:300]
    locked.save(update_fields=["nationality_doubt", "nationality_note", "version"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.BORDER_EVENT,
        object_id=event.pk,
        changes={"nationality_doubt": {"old": old, "new": doubt}, "note": locked.nationality_note},
    )
    return locked


def _discard_if_unused(person: Person, *, actor: User, event: BorderEvent) -> None:
    """Deletes the person this event created, once the officer says it is someone already in
    the register, if nothing else refers to them."""
    if person.created_by_unit_id != event.post_id or person.border_events.exists():
        return
    if CaseParty.objects.filter(person=person).exists():
        return
    pk = person.pk
    try:
        with transaction.atomic():
            person.delete()
    except ProtectedError:  # another app refers to the person: keep them
        return
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        object_type=AuditObject.PERSON,
        object_id=pk,
        changes={"reason": "same person as an earlier record", "kept": event.person_id},
    )


@transaction.atomic
def border_event_confirm_identity(
    *, actor: User, event_id: int, expected_version: int, person_id: int | None
) -> BorderEvent:
    """The officer's word on who the person is: ``None`` keeps the linked person; a candidate's
    id moves the event to that earlier record (the person created for it is removed if unused).
    """
    event = border_event_get_for_user(user=actor, event_id=event_id, write=True)
    candidates = {c["person_id"] for c in event_candidates(user=actor, event=event)}
    if person_id is not None and person_id not in candidates:
        raise ValidationError({"person": str(NOT_A_CANDIDATE)})
    locked = lock_at_version(BorderEvent, pk=event.pk, expected_version=expected_version)
    old_person = locked.person
    if person_id is not None:
        locked.person_id, locked.match_basis = person_id, MatchBasis.OFFICER
    locked.identity_confirmed, locked.match_candidates = True, []
    locked.save(
        update_fields=["person", "match_basis", "identity_confirmed", "match_candidates", "version"]
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.BORDER_EVENT,
        object_id=event.pk,
        changes={"person": {"old": old_person.pk, "new": locked.person_id}, "confirmed": True},
    )
    if person_id is not None and old_person.pk != person_id:
        _discard_if_unused(old_person, actor=actor, event=locked)
    return locked
