"""Returns home and from abroad: opening one on a referral, and a foreign victim's steps
(nationality, travel document, IOM's assisted return), travel and closure.

Whoever serves the referral writes its return: the organisation's caseworkers, or the referring
unit for an organisation without caseworkers in HTMS (an embassy, a hospital); the referral must
have been accepted. Everyone who may see the referral reads it. Each write is one audit row with
the old and new values; a closed return no longer changes.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.errors import NotAllowedError, StaleEditError
from htms.persons.models import Person
from htms.protection.access import referral_get_for_user, return_get_for_user
from htms.protection.models import (
    AssistedReturn,
    DocumentState,
    NationalityCheck,
    Organisation,
    Referral,
    Return,
    ReturnClosure,
    ReturnFollowUp,
    ReturnKind,
    ServiceType,
    TravelDocumentKind,
)
from htms.protection.models.returns import FOLLOW_UP_MONTHS
from htms.protection.services.care import IN_THE_FUTURE, NO_DATE, NOT_ACCEPTED, WORKING
from htms.protection.services.referrals import referral_sides
from htms.reference.models import Country

PAKISTAN = "PK"
BAD_KIND = _("Choose a foreign victim going home or a Pakistani returned from abroad.")
ALREADY_OPEN = _("This referral already has a return.")
BAD_COUNTRY = _("Choose a country other than Pakistan.")
NOT_AN_EMBASSY = _("Choose an embassy or consulate of the directory.")
NOT_FOREIGN = _(
    "This person is recorded as a Pakistani national: record a return from abroad instead."
)
NOT_PAKISTANI = _("This person is recorded as a foreign national: record a return home instead.")
FOREIGN_ONLY = _("Only a foreign victim's return has this step.")
BAD_STEP = _("Choose the nationality verification, the travel document or IOM's assisted return.")
CLOSED = _("This return is closed.")
ILLEGAL_STEP = _("“%(old)s” cannot become “%(new)s”.")
NOT_YET = _("Not started")
BEFORE_REQUEST = _("The answer cannot be before the request.")
NO_DOCUMENT_KIND = _("Say which travel document.")
NO_DOCUMENT = _("Record the issued travel document first.")
NO_DEPARTURE = _("Record the departure first.")
NEEDS_REASON = _("Give the reason.")
BAD_CLOSURE = _("Choose how the return ended.")
CLOSED_BEFORE_DEPARTURE = _("The return cannot end before the departure.")


@dataclass(frozen=True)
class Step:
    """One procedure of a foreign victim's return: its field prefix and its states."""

    prefix: str
    states: type[NationalityCheck] | type[DocumentState] | type[AssistedReturn]


STEPS = {
    "nationality": Step("nationality", NationalityCheck),
    "document": Step("document", DocumentState),
    "avr": Step("avr", AssistedReturn),
}
REQUESTED = "requested"


def months_after(day: date, months: int) -> date:
    """The same day ``months`` later, or the last day of a shorter month."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check_day(day: date | None, field_name: str, *, future: bool = False) -> date:
    """A date given and, unless ``future``, not after today."""
    if day is None:
        raise ValidationError({field_name: [str(NO_DATE)]})
    if not future and day > timezone.localdate():
        raise ValidationError({field_name: [str(IN_THE_FUTURE)]})
    return day


def return_writes(user: User, referral: Referral) -> bool:
    """Whether ``user`` serves ``referral``, and so keeps its return."""
    return "server" in referral_sides(user, referral)


def _referral_served(actor: User, referral_id: int) -> Referral:
    referral = referral_get_for_user(user=actor, referral_id=referral_id)
    if not return_writes(actor, referral):
        raise NotAllowedError()
    if referral.state not in WORKING:
        raise ValidationError({"": [str(NOT_ACCEPTED)]})
    return referral


def return_locked(actor: User, return_id: int, expected_version: int | None = None) -> Return:
    """The return, locked, if ``actor`` keeps it (404 if they may not see it, 403 if they only
    read it) and it is still open."""
    record = return_get_for_user(user=actor, return_id=return_id)
    if not return_writes(actor, record.referral):
        raise NotAllowedError()
    locked = Return.objects.select_for_update().get(pk=record.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleEditError()
    if locked.closure:
        raise ValidationError({"": [str(CLOSED)]})
    locked.referral = record.referral
    return locked


def return_changed(actor: User, record: Return, new: dict[str, object]) -> Return:
    """Saves ``new`` values on ``record`` with one audit row of the old and new values (a
    sealed text is named, never copied)."""
    old = {name: getattr(record, name) for name in new}
    for name, value in new.items():
        setattr(record, name, value)
    record.version += 1
    record.full_clean()
    record.save(update_fields=[*new, "version"])
    sealed = {"reintegration_plan"}
    audit_record(
        actor=actor, action=AuditAction.UPDATE, object_type=AuditObject.PROTECTION_RETURN,
        object_id=record.pk,
        changes={
            name: {"old": "…" if name in sealed else old[name],
                   "new": "…" if name in sealed else value}
            for name, value in new.items()
        },
    )  # fmt: skip
    return record


@dataclass
class ReturnInput:
    kind: str
    country_id: int | None
    embassy_id: int | None = None
    returned_on: date | None = None


def _nationality_code(person: Person) -> str:
    country_id = person.nationality_verified_id or person.nationality_id
    found = Country.objects.filter(pk=country_id or 0).values_list("code", flat=True).first()
    return found or ""


def _open_errors(referral: Referral, data: ReturnInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.kind not in ReturnKind.values:
        return {"kind": [str(BAD_KIND)]}
    country = Country.objects.filter(pk=data.country_id or 0).first()
    if country is None or country.code == PAKISTAN:
        errors["country_id"] = [str(BAD_COUNTRY)]
    nationality = _nationality_code(referral.person)
    if data.kind == ReturnKind.FOREIGN and nationality == PAKISTAN:
        errors["kind"] = [str(NOT_FOREIGN)]
    if data.kind == ReturnKind.RETURNEE and nationality not in ("", PAKISTAN):
        errors["kind"] = [str(NOT_PAKISTANI)]
    if data.embassy_id is not None:
        embassy = Organisation.objects.filter(pk=data.embassy_id, active=True).first()
        if embassy is None or ServiceType.CONSULAR not in embassy.services:
            errors["embassy_id"] = [str(NOT_AN_EMBASSY)]
    if data.kind == ReturnKind.RETURNEE:
        try:
            check_day(data.returned_on, "returned_on")
        except ValidationError as exc:
            errors |= exc.message_dict
    return errors


@transaction.atomic
def return_open(*, actor: User, referral_id: int, data: ReturnInput) -> Return:
    """Opens the return of an accepted referral's person; for a returnee, also the follow-ups
    due 3, 6 and 12 months after the return. One audit row."""
    referral = _referral_served(actor, referral_id)
    Referral.objects.select_for_update().filter(pk=referral.pk).get()
    if Return.objects.filter(referral=referral).exists():
        raise ValidationError({"": [str(ALREADY_OPEN)]})
    errors = _open_errors(referral, data)
    if errors:
        raise ValidationError(errors)
    returnee = data.kind == ReturnKind.RETURNEE
    record = Return(
        referral=referral, kind=data.kind, country_id=data.country_id or 0,
        embassy_id=None if returnee else data.embassy_id,
        returned_on=data.returned_on if returnee else None, opened_by=actor,
        opened_at=timezone.now(),
    )  # fmt: skip
    record.full_clean()
    record.save()
    due = []
    if record.returned_on is not None:
        due = [months_after(record.returned_on, m) for m in FOLLOW_UP_MONTHS]
        ReturnFollowUp.objects.bulk_create(
            ReturnFollowUp(return_record=record, months=m, due_on=d)
            for m, d in zip(FOLLOW_UP_MONTHS, due, strict=True)
        )
    audit_record(
        actor=actor, action=AuditAction.CREATE, object_type=AuditObject.PROTECTION_RETURN,
        object_id=record.pk,
        changes={
            "referral": referral.pk, "kind": data.kind, "country": data.country_id,
            "embassy": record.embassy_id, "returned_on": record.returned_on,
            "follow_ups_due": due,
        },
    )  # fmt: skip
    return record


def _foreign(actor: User, return_id: int, expected_version: int | None) -> Return:
    record = return_locked(actor, return_id, expected_version)
    if record.kind != ReturnKind.FOREIGN:
        raise ValidationError({"": [str(FOREIGN_ONLY)]})
    return record


def _step_errors(record: Return, step: Step, state: str, on: date) -> dict[str, list[str]]:
    old = getattr(record, f"{step.prefix}_state")
    may = {"", "refused"} if state == REQUESTED else {REQUESTED}
    if state not in step.states.values or old not in may:
        old_label = step.states(old).label if old else NOT_YET
        new_label = dict(step.states.choices).get(state, state)
        return {"state": [str(ILLEGAL_STEP) % {"old": old_label, "new": new_label}]}
    requested = getattr(record, f"{step.prefix}_requested_on")
    if state != REQUESTED and requested is not None and on < requested:
        return {"on": [str(BEFORE_REQUEST)]}
    return {}


@transaction.atomic
def return_step(
    *, actor: User, return_id: int, step: str, state: str, on: date | None,
    document_kind: str = "", expected_version: int | None = None,
) -> Return:  # fmt: skip
    """Records a step of a foreign victim's return on a day: the nationality verification, the
    travel document or IOM's assisted voluntary return is requested (again, after a refusal),
    then granted or refused."""
    record = _foreign(actor, return_id, expected_version)
    found = STEPS.get(step)
    if found is None:
        raise ValidationError({"step": [str(BAD_STEP)]})
    day = check_day(on, "on")
    errors = _step_errors(record, found, state, day)
    if step == "document" and state == REQUESTED and document_kind not in TravelDocumentKind.values:
        errors["document_kind"] = [str(NO_DOCUMENT_KIND)]
    if errors:
        raise ValidationError(errors)
    new: dict[str, object] = {f"{found.prefix}_state": state}
    if state == REQUESTED:
        new |= {f"{found.prefix}_requested_on": day, f"{found.prefix}_answered_on": None}
        if step == "document":
            new["document_kind"] = document_kind
    else:
        new[f"{found.prefix}_answered_on"] = day
    return return_changed(actor, record, new)


@transaction.atomic
def return_travel(
    *, actor: User, return_id: int, embassy_id: int | None, departure_planned_on: date | None,
    departed_on: date | None, expected_version: int | None = None,
) -> Return:  # fmt: skip
    """The embassy or consulate, the planned departure and the actual one (which needs the
    travel document issued)."""
    record = _foreign(actor, return_id, expected_version)
    errors: dict[str, list[str]] = {}
    if embassy_id is not None:
        embassy = Organisation.objects.filter(pk=embassy_id, active=True).first()
        if embassy is None or ServiceType.CONSULAR not in embassy.services:
            errors["embassy_id"] = [str(NOT_AN_EMBASSY)]
    if departed_on is not None:
        if record.document_state != DocumentState.ISSUED:
            errors["departed_on"] = [str(NO_DOCUMENT)]
        elif departed_on > timezone.localdate():
            errors["departed_on"] = [str(IN_THE_FUTURE)]
    if errors:
        raise ValidationError(errors)
    new: dict[str, object] = {
        "embassy_id": embassy_id, "departure_planned_on": departure_planned_on,
        "departed_on": departed_on,
    }  # fmt: skip
    return return_changed(actor, record, new)


def _closure_errors(record: Return, closure: str, reason: str, on: date) -> dict[str, list[str]]:
    if closure not in ReturnClosure.values:
        return {"closure": [str(BAD_CLOSURE)]}
    if closure == ReturnClosure.STAYED and not reason.strip():
        return {"reason": [str(NEEDS_REASON)]}
    if closure == ReturnClosure.RETURNED:
        if record.departed_on is None:
            return {"closure": [str(NO_DEPARTURE)]}
        if on < record.departed_on:
            return {"closed_on": [str(CLOSED_BEFORE_DEPARTURE)]}
    return {}


@transaction.atomic
def return_close(
    *, actor: User, return_id: int, closure: str, closed_on: date | None, reason: str = "",
    expected_version: int | None = None,
) -> Return:  # fmt: skip
    """Ends a foreign victim's return: returned home (after the departure), stayed in Pakistan
    (with the reason) or absconded. The return no longer changes after."""
    record = _foreign(actor, return_id, expected_version)
    day = check_day(closed_on, "closed_on")
    errors = _closure_errors(record, closure, reason, day)
    if errors:
        raise ValidationError(errors)
    new: dict[str, object] = {
        "closure": closure,
        "closure_reason": reason.strip()[:300],
        "closed_on": day,
    }
    return return_changed(actor, record, new)
