"""Cases built row by row for the statistics tests, so that every figure can be counted by
hand from what a test made."""

import itertools
import re
from datetime import UTC, date, datetime

from htms.accounts.models import User
from htms.cases.models import (
    Case,
    CaseParty,
    Offence,
    PartyRole,
    RouteEvent,
    Stage,
    StageChange,
    TransitionStatus,
    Verdict,
    crime_mask,
)
from htms.persons.models import DatePrecision, Person, PersonAddress
from htms.reference.models import Country, Court, District, Statute, Term, Unit
from htms.web.tests.test_pdf import _poppler

_numbers = itertools.count(1)
TIP, SOM = "PTPA2018-3", "PSMA2018-3"


def person(sex: str = "F", born: int | None = 1990, nationality: str = "PK") -> Person:
    return Person.objects.create(
        full_name=f"Person {next(_numbers)}",
        sex=sex,
        birth_date=date(born, 1, 1) if born else None,
        birth_date_precision=DatePrecision.DAY if born else "",
        nationality=Country.objects.get(code=nationality),
        is_synthetic=True,
    )


def case(
    *,
    by: User,
    unit: str = "AHTC-LHR",
    year: int = 2025,
    statutes: tuple[str, ...] = (TIP,),
    stage: str = Stage.FIR,
    fir: bool = True,
) -> Case:
    n = next(_numbers)
    found = Statute.objects.filter(code__in=statutes)
    made = Case.objects.create(
        reference=f"STAT/{year}/{n}",
        unit=Unit.objects.get(code=unit),
        origin="complaint",
        fir_number=f"S{n}/{year}" if fir else "",
        fir_date=date(year, 3, 1) if fir else None,
        occurred_on=date(year, 1, 1),
        stage=stage,
        crime_mask=crime_mask(s.crime_type for s in found),
        registered_at=datetime(year, 3, 2, 12, tzinfo=UTC),
        registered_by=by,
        is_synthetic=True,
    )
    Offence.objects.bulk_create([Offence(case=made, statute=s) for s in found])
    return made


def victim(
    of: Case, who: Person, exploitation: tuple[str, ...] = (), means: tuple[str, ...] = ()
) -> CaseParty:
    party = CaseParty.objects.create(
        case=of,
        person=who,
        role=PartyRole.VICTIM,
        trafficking_status="actual",
        status_decided_by="police",
    )
    party.exploitation_types.set(
        Term.objects.filter(vocabulary="exploitation_type", code__in=exploitation)
    )
    party.means_of_control.set(Term.objects.filter(vocabulary="means_of_control", code__in=means))
    return party


def accused(of: Case, who: Person | None = None) -> CaseParty:
    return CaseParty.objects.create(
        case=of, person=who or person(sex="M"), role=PartyRole.ACCUSED, accused_status="arrested"
    )


def verdict(party: CaseParty, outcome: str, year: int, level: int = 0) -> Verdict:
    return Verdict.objects.create(
        case=party.case,
        accused=party,
        offence=party.case.offences.first(),
        court=Court.objects.first(),
        date=date(year, 6, 1),
        outcome=outcome,
        sentence_kind="term" if outcome == "convicted" else "",
        sentence_years=1 if outcome == "convicted" else None,
        level=level,
    )


def route(of: Case, *legs: tuple[str, str, str | None]) -> None:
    """Route events of ``of`` in order: (kind, country code, district code or None)."""
    for n, (kind, country, district) in enumerate(legs):
        RouteEvent.objects.create(
            case=of,
            kind=kind,
            country=Country.objects.get(code=country),
            district=District.objects.get(code=district) if district else None,
            sequence=n,
        )


def lives_in(who: Person, district: str) -> None:
    PersonAddress.objects.create(person=who, district=District.objects.get(code=district))


def challan(of: Case, on: date) -> StageChange:
    return StageChange.objects.create(
        case=of,
        from_stage=Stage.INVESTIGATION,
        to_stage=Stage.INTERIM_CHALLAN,
        status=TransitionStatus.APPROVED,
        effective_on=on,
        requested_by=of.registered_by,
        requested_at=of.registered_at,
    )


def registered_on(of: Case, day: date) -> None:
    """Moves the case's registration and FIR to ``day`` (quarterly figures)."""
    at = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    Case.objects.filter(pk=of.pk).update(registered_at=at, fir_date=day)


def pdf_text(pdf: bytes) -> str:
    """The text a reader copies from the PDF (``pdftotext``), without direction marks."""
    return re.sub("[\u202a-\u202e]", "", _poppler("pdftotext", pdf, "-enc", "UTF-8", "PDF", "-"))
