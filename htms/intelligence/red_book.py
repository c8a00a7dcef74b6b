"""The red book (most wanted): a circle nominates, headquarters approves or declines; an
approved entry leaves the book on its expiry date, or earlier when withdrawn with a reason.
Callers: the red-book pages, the API and the demo seed. Every write is audited."""

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.errors import NotAllowedError
from htms.common.versioning import lock_at_version
from htms.intelligence.access import (
    agent_get_for_user,
    red_book_entry_get_for_user,
    red_book_may_decide,
    red_book_may_nominate,
    red_book_may_withdraw,
    red_book_queryset_for_user,
)
from htms.intelligence.inputs import NominationInput
from htms.intelligence.models import OPEN_RED_BOOK, RedBookEntry, RedBookStatus
from htms.intelligence.photos import photo_problems
from htms.persons.models import Person

REASONS_MISSING = _("Say why this agent is wanted.")
LOCATION_MISSING = _("Give the agent's last known location.")
EXPIRY_PAST = _("The entry must leave the red book on a date after today.")
EXPIRY_MISSING = _("Give the date the entry leaves the red book.")
NEGATIVE_REWARD = _("The reward cannot be negative.")
MAX_REWARD = 10**11
REWARD_TOO_LARGE = _("The reward is larger than any the system can hold.")
ALREADY_OPEN = _("This agent is already in the red book or waiting for headquarters.")
NOT_PENDING = _("Only a nomination waiting for headquarters can be approved or declined.")
NOT_OPEN = _("Only a nomination waiting or an entry in the red book can be withdrawn.")
DECLINE_REASON = _("Say why the nomination is declined.")
WITHDRAW_REASON = _("Say why the entry is withdrawn.")


def _nomination_errors(data: NominationInput, expires_on: date | None) -> dict[str, str]:
    errors = {}
    if not data.reasons.strip():
        errors["reasons"] = str(REASONS_MISSING)
    if not data.last_known_location.strip():
        errors["last_known_location"] = str(LOCATION_MISSING)
    if expires_on is None:
        errors["expires_on"] = str(EXPIRY_MISSING)
    elif expires_on <= timezone.localdate():
        errors["expires_on"] = str(EXPIRY_PAST)
    if data.reward_pkr is not None and data.reward_pkr < 0:
        errors["reward_pkr"] = str(NEGATIVE_REWARD)
    elif data.reward_pkr is not None and data.reward_pkr >= MAX_REWARD:
        errors["reward_pkr"] = str(REWARD_TOO_LARGE)
    if data.photo is not None and (problems := photo_problems(data.photo)):
        errors["photo"] = problems[0]
    return errors


def _audit(actor: User, entry: RedBookEntry, action: str, changes: Mapping[str, object]) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type=AuditObject.RED_BOOK_ENTRY,
        object_id=entry.pk,
        changes={"person": entry.person_id, **changes},
    )


def red_book_entry_create(
    *, actor: User, person: Person, data: NominationInput, expires_on: date | None
) -> RedBookEntry:
    """A checked nomination of ``person``, waiting for headquarters, without the access check:
    for ``red_book_nominate`` and the demo seed."""
    if errors := _nomination_errors(data, expires_on):
        raise ValidationError(errors)
    if RedBookEntry.objects.filter(person=person, status__in=OPEN_RED_BOOK).exists():
        raise ValidationError(str(ALREADY_OPEN))
    assert expires_on is not None and actor.unit is not None
    entry = RedBookEntry(
        person=person,
        status=RedBookStatus.PENDING,
        reasons=data.reasons.strip(),
        reward_pkr=data.reward_pkr,
        last_known_location=data.last_known_location.strip(),
        expires_on=expires_on,
        nominated_by=actor,
        nominating_unit=actor.unit,
        nominated_at=timezone.now(),
        is_synthetic=person.is_synthetic,
    )
    if data.photo is not None:
        entry.photo = data.photo
    entry.save()
    changes = {"status": entry.status, "expires_on": expires_on, "reward_pkr": data.reward_pkr}
    _audit(actor, entry, AuditAction.CREATE, changes)
    return entry


@transaction.atomic
def red_book_nominate(
    *, actor: User, person_id: int, data: NominationInput, expires_on: date | None
) -> RedBookEntry:
    """Nominates an agent for the red book: case writers posted at a circle, for agents whose
    dossier they may read (404 otherwise). The entry waits for headquarters."""
    person = agent_get_for_user(user=actor, person_id=person_id)
    if not red_book_may_nominate(actor):
        raise NotAllowedError(str(_("Only a circle nominates agents for the red book.")))
    return red_book_entry_create(actor=actor, person=person, data=data, expires_on=expires_on)


@transaction.atomic
def red_book_decide(
    *, actor: User, entry_id: int, expected_version: int, approve: bool, reason: str = ""
) -> RedBookEntry:
    """Approves or declines a waiting nomination: the ATU monitoring cell only. A decline
    needs a reason. Refused on a stale version."""
    found = red_book_entry_get_for_user(user=actor, entry_id=entry_id)
    if not red_book_may_decide(actor):
        raise NotAllowedError(str(_("Headquarters decides on red-book nominations.")))
    entry = lock_at_version(RedBookEntry, pk=found.pk, expected_version=expected_version)
    if entry.status != RedBookStatus.PENDING:
        raise ValidationError(str(NOT_PENDING))
    if not approve and not reason.strip():
        raise ValidationError({"reason": str(DECLINE_REASON)})
    if approve and entry.expires_on <= timezone.localdate():
        raise ValidationError(str(EXPIRY_PAST))
    old = entry.status
    entry.status = RedBookStatus.APPROVED if approve else RedBookStatus.DECLINED
    entry.decline_reason = "" if approve else reason.strip()
    entry.decided_by, entry.decided_at = actor, timezone.now()
    fields = ["status", "decline_reason", "decided_by", "decided_at", "version"]
    entry.save(update_fields=fields)
    changes = {"status": {"old": old, "new": entry.status}, "reason": entry.decline_reason}
    _audit(actor, entry, AuditAction.UPDATE, changes)
    return entry


@transaction.atomic
def red_book_withdraw(
    *, actor: User, entry_id: int, expected_version: int, reason: str
) -> RedBookEntry:
    """Withdraws a waiting or approved entry with a reason: the monitoring cell, or writers of
    the nominating unit."""
    found = red_book_entry_get_for_user(user=actor, entry_id=entry_id)
    if not red_book_may_withdraw(actor, found):
        raise NotAllowedError()
    entry = lock_at_version(RedBookEntry, pk=found.pk, expected_version=expected_version)
    if entry.status not in OPEN_RED_BOOK:
        raise ValidationError(str(NOT_OPEN))
    if not reason.strip():
        raise ValidationError({"reason": str(WITHDRAW_REASON)})
    old = entry.status
    entry.status, entry.withdraw_reason = RedBookStatus.WITHDRAWN, reason.strip()
    entry.withdrawn_by, entry.withdrawn_at = actor, timezone.now()
    fields = ["status", "withdraw_reason", "withdrawn_by", "withdrawn_at", "version"]
    entry.save(update_fields=fields)
    changes = {"status": {"old": old, "new": entry.status}, "reason": entry.withdraw_reason}
    _audit(actor, entry, AuditAction.UPDATE, changes)
    return entry


def red_book_current(*, user: User) -> QuerySet[RedBookEntry]:
    """The red book today: approved entries not yet expired, newest first."""
    return (
        red_book_queryset_for_user(user)
        .filter(status=RedBookStatus.APPROVED, expires_on__gt=timezone.localdate())
        .select_related("person", "nominating_unit")
    )


def red_book_waiting(*, user: User) -> QuerySet[RedBookEntry]:
    """Nominations waiting for headquarters that the user may see."""
    return (
        red_book_queryset_for_user(user)
        .filter(status=RedBookStatus.PENDING)
        .select_related("person", "nominating_unit")
    )


def red_book_entry_state(entry: RedBookEntry) -> str:
    """The status as shown: an approved entry past its date has expired."""
    if entry.status == RedBookStatus.APPROVED and entry.expires_on <= timezone.localdate():
        return str(_("Expired"))
    return str(entry.get_status_display())


def red_book_publishable(entry: RedBookEntry) -> bool:
    """Whether the entry may be the source of a notice for the public: in the red book today."""
    return entry.status == RedBookStatus.APPROVED and entry.expires_on > timezone.localdate()
