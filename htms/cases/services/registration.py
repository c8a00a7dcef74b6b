"""Registering a case: offences, parties and route in one atomic write."""

from dataclasses import dataclass, replace
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from htms.accounts.models import CASE_WRITER_ROLES, Role, User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.cases.inputs import CaseInput, RouteInput
from htms.cases.models import (
    Case,
    CaseReferenceCounter,
    Offence,
    Origin,
    RouteEvent,
    RouteEventKind,
    Stage,
    StageChange,
    TransitionStatus,
    crime_mask,
)
from htms.cases.selectors_duplicates import DuplicateCandidate, case_duplicate_candidates
from htms.cases.services.parties import parties_check, party_summary
from htms.cases.services.parties_bulk import parties_write_bulk
from htms.common.errors import NotAllowedError
from htms.persons.inputs import CleanPerson
from htms.persons.models import DatePrecision
from htms.reference.models import Country, District, Statute, Unit

NO_OFFENCE = _("Pick at least one statute section.")
UNKNOWN_STATUTE = _("Unknown statute section: %s.")
FUTURE_DATE = _("This date is in the future.")
OFFENCE_AFTER_FIR = _("The offence cannot have happened after the FIR was registered.")
FIR_INCOMPLETE = _("An FIR needs its number, its date and the police station.")
FIR_TAKEN = _(
    "FIR %(number)s of %(year)d at %(station)s is already registered in HTMS. Search for the "
    "case, or ask your circle in-charge to find it, instead of registering it again."
)
REGISTERED_AFTER_TODAY = _("The registration date cannot be in the future.")
DUPLICATE_NEEDS_REASON = gettext_lazy(
    "This case looks like a case already registered. Open the cases listed and check them; "
    "register it anyway only if it is a different case, and say in a few words why."
)
DUPLICATE_REASON_TOO_LONG = gettext_lazy("Keep the reason under 1000 characters.")
DUPLICATE_REASON_MIN, DUPLICATE_REASON_MAX = 10, 1000
HISTORICAL_NEEDS_FIR = gettext_lazy(
    "A case from the ledger needs its FIR number, its FIR date and the police station."
)


class LikelyDuplicateError(ValidationError):
    """Registration refused: the case looks like ``candidates`` and no reason was given."""

    def __init__(self, candidates: list[DuplicateCandidate]) -> None:
        super().__init__({"duplicate_reason": [str(DUPLICATE_NEEDS_REASON)]})
        self.candidates = candidates


def _check_dates(data: CaseInput, errors: dict[str, list[str]]) -> None:
    today = timezone.localdate()
    for name in ("fir_date", "occurred_on"):
        value = getattr(data, name)
        if value and value > today:
            errors.setdefault(name, []).append(str(FUTURE_DATE))
    if data.fir_date and data.occurred_on and data.occurred_on > data.fir_date:
        errors.setdefault("occurred_on", []).append(str(OFFENCE_AFTER_FIR))
    if data.registered_on and data.registered_on > today:
        errors.setdefault("registered_on", []).append(str(REGISTERED_AFTER_TODAY))
    fir_fields = (data.fir_number.strip(), data.fir_date, data.police_station.strip())
    if any(fir_fields) and not all(fir_fields):
        errors.setdefault("fir_number", []).append(str(FIR_INCOMPLETE))
    elif data.fir_date and fir_already_registered(
        fir_number=data.fir_number, police_station=data.police_station, fir_date=data.fir_date
    ):
        errors.setdefault("fir_number", []).append(
            FIR_TAKEN
            % {
                "number": data.fir_number.strip(),
                "year": data.fir_date.year,
                "station": data.police_station.strip(),
            }
        )


def fir_already_registered(
    *, fir_number: str, police_station: str, fir_date: date, exclude_case_id: int | None = None
) -> bool:
    """An FIR number is unique per police station and year: registering it twice would count
    one crime twice."""
    cases = Case.objects.filter(
        fir_number__iexact=fir_number.strip(),
        police_station__iexact=police_station.strip(),
        fir_date__year=fir_date.year,
    )
    if exclude_case_id is not None:
        cases = cases.exclude(pk=exclude_case_id)
    return cases.exists()


def _statutes(codes: list[str], errors: dict[str, list[str]]) -> list[Statute]:
    if not codes:
        errors.setdefault("statutes", []).append(str(NO_OFFENCE))
        return []
    found = {s.code: s for s in Statute.objects.filter(code__in=codes)}
    for code in codes:
        if code not in found:
            errors.setdefault("statutes", []).append(UNKNOWN_STATUTE % code)
    return [found[c] for c in dict.fromkeys(codes) if c in found]


def _route_check(route: list[RouteInput], errors: dict[str, list[str]]) -> None:
    today = timezone.localdate()
    for i, leg in enumerate(route):
        key = f"route[{i}]"
        if leg.kind not in RouteEventKind.values:
            errors.setdefault(f"{key}.kind", []).append(
                _("Choose recruitment, transit, exploitation or interception.")
            )
        if not Country.objects.filter(code=leg.country_code.upper()).exists():
            errors.setdefault(f"{key}.country", []).append(_("Choose a country."))
        if leg.district_code and not District.objects.filter(code=leg.district_code).exists():
            errors.setdefault(f"{key}.district", []).append(_("Unknown district."))
        if leg.date and leg.date > today:
            errors.setdefault(f"{key}.date", []).append(str(FUTURE_DATE))


def _next_reference(unit: Unit, year: int) -> str:
    counter, _created = CaseReferenceCounter.objects.select_for_update().get_or_create(
        unit=unit, year=year
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{unit.code}/{year}/{counter.last_number:05d}"


def _write_route(case: Case, route: list[RouteInput]) -> None:
    countries = {
        c.code: c
        for c in Country.objects.filter(code__in=[leg.country_code.upper() for leg in route])
    }
    districts = {
        d.code: d
        for d in District.objects.filter(
            code__in=[leg.district_code for leg in route if leg.district_code]
        )
    }
    RouteEvent.objects.bulk_create(
        RouteEvent(
            case=case,
            kind=leg.kind,
            country=countries[leg.country_code.upper()],
            district=districts.get(leg.district_code),
            place=leg.place.strip(),
            date=leg.date,
            date_precision=(leg.date_precision or DatePrecision.DAY) if leg.date else "",
            sequence=i,
        )
        for i, leg in enumerate(route)
    )


def _check_officer(data: CaseInput, actor: User, errors: dict[str, list[str]]) -> None:
    if data.investigating_officer_id is None or actor.unit_id is None:
        return
    if not User.objects.filter(
        pk=data.investigating_officer_id,
        unit_id=actor.unit_id,
        is_active=True,
        role__in=(Role.INVESTIGATING_OFFICER, Role.CIRCLE_INCHARGE),
    ).exists():
        errors.setdefault("investigating_officer", []).append(
            _("Choose an investigating officer of your own unit.")
        )


def _registering_unit(actor: User, unit: Unit | None, *, historical: bool) -> Unit:
    """The actor's own unit; for the monitoring cell importing a ledger, the ledger's unit."""
    if historical and unit is not None and actor.role == Role.MONITORING_CELL:
        return unit
    if actor.role not in CASE_WRITER_ROLES or actor.unit is None:
        raise NotAllowedError(_("Only officers of a unit may register cases."))
    if unit is not None and unit != actor.unit:
        raise NotAllowedError(_("Only officers of a unit may register cases."))
    return actor.unit


@dataclass
class CheckedCase:
    """What ``case_input_check`` resolved: the statutes, and each new person cleaned."""

    statutes: list[Statute]
    persons: dict[int, CleanPerson]


def _historical_input(data: CaseInput) -> CaseInput:
    """A case from a police ledger is registered on its FIR date (unless the ledger gives
    another), so that national series count it in the year of its FIR, before HTMS."""
    if not (data.fir_number.strip() and data.fir_date and data.police_station.strip()):
        raise ValidationError({"fir_number": [str(HISTORICAL_NEEDS_FIR)]})
    return replace(data, registered_on=data.registered_on or data.fir_date)


def case_input_check(data: CaseInput, *, actor: User) -> CheckedCase:
    """Validates everything about a new case; raises one ValidationError listing each field."""
    errors: dict[str, list[str]] = {}
    _check_officer(data, actor, errors)
    if data.origin not in Origin.values:
        errors.setdefault("origin", []).append(_("Say how the case came in."))
    _check_dates(data, errors)
    statutes = _statutes(data.statute_codes, errors)
    cleans = parties_check(
        data.parties, actor=actor, on=data.occurred_on or data.fir_date, errors=errors
    )
    _route_check(data.route, errors)
    if errors:
        raise ValidationError(errors)
    return CheckedCase(statutes, cleans)


def case_duplicates_shown(*, actor: User, candidates: list[DuplicateCandidate], where: str) -> None:
    """Audits a list of likely duplicates shown to the actor (``where``: "wizard", "api"):
    showing them is a read of those cases, recorded like a list page."""
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        object_type=AuditObject.CASE_DUPLICATES,
        object_id=where,
        changes={"cases": [c.case_id for c in candidates]},
    )


def _duplicates_justified(
    *, actor: User, data: CaseInput, reason: str, today: date | None
) -> dict[str, object]:
    """What the audit row says about likely duplicates: nothing if there are none; else their
    ids and the officer's reason. Without a reason, LikelyDuplicateError."""
    candidates = case_duplicate_candidates(actor=actor, case_input=data, today=today)
    if not candidates:
        return {}
    reason = reason.strip()
    if len(reason) < DUPLICATE_REASON_MIN:
        raise LikelyDuplicateError(candidates)
    if len(reason) > DUPLICATE_REASON_MAX:
        raise ValidationError({"duplicate_reason": [str(DUPLICATE_REASON_TOO_LONG)]})
    return {"duplicates": {"cases": [c.case_id for c in candidates], "reason": reason}}


@transaction.atomic
def case_register(
    *,
    actor: User,
    data: CaseInput,
    is_synthetic: bool = False,
    today: date | None = None,
    duplicate_reason: str = "",
    duplicate_check: bool = True,
    historical: bool = False,
    unit: Unit | None = None,
) -> Case:
    """Registers a case in the actor's unit, with its offences, parties and route.

    Case writers only. All or nothing: one bad field and nothing is written. A case that looks
    like one the actor may see (``case_duplicate_candidates``) needs ``duplicate_reason``, kept
    in the audit row. ``duplicate_check=False`` is for generated data only, which is distinct by
    construction; the audit row says the check was skipped. ``historical``: a case from a
    police ledger, which needs its FIR and is registered on its FIR date (``_historical_input``).
    ``unit``: the circle whose ledger it is, when the ATU monitoring cell imports ledgers
    (``htms/statistics/ledger``); such a case has no investigating officer.
    """
    unit = _registering_unit(actor, unit, historical=historical)
    if historical:
        data = _historical_input(data)
    checked = case_input_check(data, actor=actor)
    statutes = checked.statutes
    stage = Stage.FIR if data.fir_number.strip() else Stage.ENQUIRY
    registered_at = timezone.now()
    if data.registered_on:
        registered_at = timezone.make_aware(datetime.combine(data.registered_on, time(12)))
    year = (data.registered_on or today or timezone.localdate()).year
    # Taking the number locks the unit's counter, so that two officers registering the same
    # case at once are checked one after the other, the second seeing the first's case.
    reference = _next_reference(unit, year)
    duplicates: dict[str, object] = {"duplicate_check": "skipped"}
    if duplicate_check:
        duplicates = _duplicates_justified(
            actor=actor, data=data, reason=duplicate_reason, today=today
        )
    case = Case(
        reference=reference,
        unit=unit,
        investigating_officer_id=(
            data.investigating_officer_id or (actor.pk if unit == actor.unit else None)
        ),
        origin=data.origin,
        enquiry_number=data.enquiry_number.strip(),
        fir_number=data.fir_number.strip(),
        fir_date=data.fir_date,
        police_station=data.police_station.strip(),
        occurred_on=data.occurred_on,
        summary=data.summary.strip(),
        stage=stage,
        crime_mask=crime_mask(s.crime_type for s in statutes),
        registered_by=actor,
        registered_at=registered_at,
        is_synthetic=is_synthetic,
        historical=historical,
    )
    case.full_clean()
    case.save()
    Offence.objects.bulk_create(Offence(case=case, statute=s) for s in statutes)
    # New persons, their search keys and audit rows, and the party rows: a few inserts in all.
    rows = parties_write_bulk(case, data.parties, actor=actor, cleans=checked.persons)
    _write_route(case, data.route)
    StageChange.objects.create(
        case=case,
        from_stage="",
        to_stage=stage,
        status=TransitionStatus.APPROVED,
        # At FIR the first stage took effect when the FIR was lodged.
        effective_on=(
            case.fir_date
            if stage == Stage.FIR and case.fir_date
            else timezone.localdate(registered_at)
        ),
        requested_by=actor,
        requested_at=timezone.now(),
        decided_by=actor,
        decided_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.CASE,
        object_id=case.pk,
        changes={
            "reference": case.reference,
            "stage": stage,
            "origin": case.origin,
            "offences": [s.code for s in statutes],
            "parties": [party_summary(r) for r in rows],
            "route_legs": len(data.route),
            **duplicates,
            **({"historical": True} if historical else {}),
        },
    )
    return case
