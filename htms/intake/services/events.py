"""Recording a border event: the person (matched or new) and what happened at the border."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.errors import NotAllowedError
from htms.intake.access import intake_may_record
from htms.intake.entries import EntryInput, country_id, entry_errors, person_errors
from htms.intake.matching import Candidate, ExactIndex
from htms.intake.models import BorderEvent, Manifest, MatchBasis
from htms.persons.models import DocumentKind, IdentityDocument, Person
from htms.persons.services import person_create
from htms.reference.models import Unit

NOT_A_POST = _("Only officers posted at an immigration post record border intake.")
# Foreign keys set from rows already fetched: full_clean need not look them up again.
_TRUSTED_KEYS = [
    "person",
    "post",
    "manifest",
    "recorded_by",
    "claimed_by",
    "case",
    "destination",
    "deporting_country",
]


def border_event_snapshot(event: BorderEvent) -> dict[str, Any]:
    return {
        "person": event.person_id,
        "kind": event.kind,
        "post": event.post_id,
        "occurred_on": event.occurred_on,
        "destination": event.destination_id,
        "fraud_kind": event.fraud_kind,
        "deporting_country": event.deporting_country_id,
        "return_reason": event.return_reason,
        "escorted": event.escorted,
        "flight_or_vessel": event.flight_or_vessel,
        "status": event.status,
        "nationality_doubt": event.nationality_doubt,
        "match_basis": event.match_basis,
        "manifest": event.manifest_id,
    }


def nationality_doubt(
    entry: EntryInput, person: Person, *, new: bool, holds_cnic: bool | None = None
) -> bool:
    """Claims to be Pakistani, and neither the entry nor the register gives a CNIC.
    ``holds_cnic``: whether the register gives the person one, when the caller read it already
    (a batch reads it for all its persons at once)."""
    if not entry.claims_pakistani or entry.cnic:
        return False
    if new:  # the person's documents are the entry's
        return True
    if holds_cnic is None:
        holds_cnic = IdentityDocument.objects.filter(person=person, kind=DocumentKind.CNIC).exists()
    return not holds_cnic


def _new_person(actor: User, entry: EntryInput, is_synthetic: bool) -> Person:
    try:
        return person_create(actor=actor, data=entry.person, is_synthetic=is_synthetic)
    except ValidationError as exc:
        raise ValidationError(person_errors(exc, entry)) from None


def require_post(actor: User) -> Unit:
    """The immigration post the actor records at; ``NotAllowedError`` for anyone else."""
    if not intake_may_record(actor) or actor.unit is None:
        raise NotAllowedError(str(NOT_A_POST))
    return actor.unit


def border_event_row(
    *,
    actor: User,
    post: Unit,
    entry: EntryInput,
    person: Person,
    new: bool,
    basis: str,
    candidates: list[Candidate] | None,
    manifest: Manifest | None,
    is_synthetic: bool,
    holds_cnic: bool | None = None,
) -> BorderEvent:
    """The border event of a checked entry (``entry_errors``), checked field by field and not
    yet saved; ``holds_cnic`` as for ``nationality_doubt``."""
    assert entry.occurred_on is not None  # entry_errors demands it
    event = BorderEvent(
        person=person,
        kind=entry.kind,
        post=post,
        occurred_on=entry.occurred_on,
        destination_id=country_id(entry.destination_code) if entry.destination_code else None,
        travel_document=entry.travel_document.strip()[:40],
        fraud_kind=entry.fraud_kind,
        deporting_country_id=country_id(entry.deporting_country_code)
        if entry.deporting_country_code
        else None,
        return_reason=entry.return_reason,
        escorted=entry.escorted,
        flight_or_vessel=entry.flight_or_vessel.strip()[:60],
        nationality_doubt=nationality_doubt(entry, person, new=new, holds_cnic=holds_cnic),
        match_basis=basis,
        match_candidates=[c.as_json() for c in candidates or [] if c.person_id != person.pk],
        manifest=manifest,
        recorded_by=actor,
        is_synthetic=is_synthetic,
    )
    # entry_errors has enforced what the check constraints say; the database still guards them.
    event.full_clean(exclude=_TRUSTED_KEYS, validate_constraints=False)
    return event


@transaction.atomic
def border_event_record(
    *,
    actor: User,
    entry: EntryInput,
    person_id: int | None = None,
    basis: str = MatchBasis.NEW,
    candidates: list[Candidate] | None = None,
    manifest: Manifest | None = None,
    is_synthetic: bool = False,
) -> BorderEvent:
    """Records a border event at the actor's immigration post, for the person ``person_id`` or
    a new person made from the entry. Writers posted at an immigration post only; all or
    nothing."""
    post = require_post(actor)
    errors = entry_errors(entry, check_person=person_id is not None)
    if errors:
        raise ValidationError(errors)
    if person_id is None:
        person = _new_person(actor, entry, is_synthetic)
    else:
        person = Person.objects.get(pk=person_id)
    event = border_event_row(
        actor=actor, post=post, entry=entry, person=person, new=person_id is None, basis=basis,
        candidates=candidates, manifest=manifest, is_synthetic=is_synthetic,
    )  # fmt: skip
    event.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.BORDER_EVENT,
        object_id=event.pk,
        changes={"new": border_event_snapshot(event)},
    )
    return event


def border_event_record_matched(*, actor: User, entry: EntryInput) -> BorderEvent:
    """Records an entry made by hand: linked to the one person holding its CNIC or passport,
    else to a new person; other candidates are shown on the person's screen to confirm."""
    match = ExactIndex([entry]).match(entry)
    return border_event_record(
        actor=actor,
        entry=entry,
        person_id=match.person_id,
        basis=match.basis,
        candidates=match.candidates,
    )
