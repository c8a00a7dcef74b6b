"""The national figures: people counted by counting unit, year and one dimension.

Each counting unit and dimension is defined in ``docs/statistics.md``. Every count starts
from the cases the asking user may see (``case_queryset_for_user``) and is made from
structured fields, never from free text. What may be shown of the counts is decided in
``htms/statistics/published.py``.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.cases.access import case_queryset_for_user
from htms.cases.models import (
    Case,
    CaseParty,
    PartyRole,
    Stage,
    StageChange,
    TransitionStatus,
    Verdict,
    VerdictOutcome,
    case_offence_date,
    crime_types_in,
    verdict_stands_convicted,
)
from htms.persons.models import Person, Sex
from htms.statistics.case_facts import case_facts_of
from htms.statistics.dimensions import (
    ADULT,
    ADULT_AGE_UNKNOWN,
    CHILD,
    CHILD_AGE_UNKNOWN,
    UNKNOWN,
    Dimension,
    age_band,
    age_group,
)
from htms.statistics.models import LedgerCase

# Stages a case has reached once its trial began.
TRIAL_STAGES = (Stage.TRIAL, Stage.JUDGMENT, Stage.APPEAL)


class CountingUnit:
    VICTIMS = "victims"
    SUSPECTS = "suspects"
    PROSECUTED = "prosecuted"
    CONVICTED = "convicted"
    ACQUITTED = "acquitted"
    UPHELD = "upheld"
    ACQUITTED_ON_APPEAL = "appeal_acquitted"

    choices = (
        (VICTIMS, _("Victims")),
        (SUSPECTS, _("Suspects")),
        (PROSECUTED, _("Persons prosecuted")),
        (CONVICTED, _("Persons convicted at trial")),
        (ACQUITTED, _("Persons acquitted at trial")),
        (UPHELD, _("Persons whose conviction was upheld on appeal")),
        (ACQUITTED_ON_APPEAL, _("Persons acquitted on appeal")),
    )
    values = tuple(code for code, _label in choices)


# The year each counting unit is counted in, always named with the figure.
REGISTRATION_YEAR = _("year of registration of the case")
JUDGMENT_YEAR = _("year of the trial judgment")
OFFENCE_YEAR = _("year of the offence")
APPEAL_YEAR = _("year of the appeal judgment")
YEAR_BASIS = {
    CountingUnit.VICTIMS: REGISTRATION_YEAR,
    CountingUnit.SUSPECTS: REGISTRATION_YEAR,
    CountingUnit.PROSECUTED: REGISTRATION_YEAR,
    CountingUnit.CONVICTED: JUDGMENT_YEAR,
    CountingUnit.ACQUITTED: JUDGMENT_YEAR,
    CountingUnit.UPHELD: APPEAL_YEAR,
    CountingUnit.ACQUITTED_ON_APPEAL: APPEAL_YEAR,
}


class YearBasis:
    """The year a figure may be counted in, instead of its unit's own (``YEAR_BASIS``)."""

    REGISTRATION = "registration"
    OFFENCE = "offence"
    JUDGMENT = "judgment"

    choices = (
        (REGISTRATION, REGISTRATION_YEAR),
        (OFFENCE, OFFENCE_YEAR),
        (JUDGMENT, JUDGMENT_YEAR),
    )
    values = tuple(code for code, _label in choices)


def year_basis_of(unit: str, year: str | None) -> str:
    """The year basis a figure is counted in: the one asked for, else the unit's own; the
    judgment's year only for the units counted at judgment (at trial or on appeal)."""
    at_judgment = YEAR_BASIS[unit] in (JUDGMENT_YEAR, APPEAL_YEAR)
    own = YearBasis.JUDGMENT if at_judgment else YearBasis.REGISTRATION
    if year is None or (year == YearBasis.JUDGMENT and own != YearBasis.JUDGMENT):
        return own
    return year


def year_basis_label(unit: str, basis: str) -> str:
    """The name of the year a figure is counted in: the appeal judgment's for the appeal
    figures."""
    if basis == YearBasis.JUDGMENT:
        return str(YEAR_BASIS[unit])
    return str(dict(YearBasis.choices)[basis])


@dataclass(frozen=True)
class Counted:
    """One person in one case, counted once: the year and their category in each dimension
    (several for a multi-valued dimension such as the forms of exploitation)."""

    year: int
    categories: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The day the person is counted on (``year`` is its year): quarterly figures need it.
    on: date | None = None


PARTY_FIELDS = (
    "id",
    "case_id",
    "person_id",
    "person__sex",
    "person__birth_date",
    "person__birth_date_precision",
    "person__nationality__code",
    "person__nationality_verified__code",
    "case__registered_at",
    "case__occurred_on",
    "case__fir_date",
    "case__crime_mask",
    "case__unit__province__code",
)


def _offence_date(row: dict[str, Any]) -> date:
    case = Case(
        occurred_on=row["case__occurred_on"],
        fir_date=row["case__fir_date"],
        registered_at=row["case__registered_at"],
    )
    return case_offence_date(case)


def age_on_offence(row: dict[str, Any]) -> int | None:
    person = Person(
        birth_date=row["person__birth_date"],
        birth_date_precision=row["person__birth_date_precision"],
    )
    return person.youngest_age_on(_offence_date(row))


def _categories(row: dict[str, Any], exploitation: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    age = age_on_offence(row)
    nationality = row["person__nationality_verified__code"] or row["person__nationality__code"]
    found = {
        Dimension.PROVINCE: (str(row["case__unit__province__code"] or ""),),
        Dimension.SEX: (str(row["person__sex"]),),
        Dimension.AGE_GROUP: (age_group(age),),
        Dimension.AGE_BAND: (age_band(age),),
        Dimension.NATIONALITY: (str(nationality or ""),),
        Dimension.CRIME_TYPE: tuple(crime_types_in(int(str(row["case__crime_mask"])))),
    }
    if exploitation:
        found[Dimension.EXPLOITATION] = exploitation
    return found


def registration_day(row: dict[str, Any]) -> date:
    registered = row["case__registered_at"]
    assert isinstance(registered, datetime)
    return timezone.localtime(registered).date()


def registration_year(row: dict[str, Any]) -> int:
    return registration_day(row).year


def _exploitation(party_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    through = CaseParty.exploitation_types.through
    found: dict[int, list[str]] = {}
    rows = through.objects.filter(caseparty_id__in=list(party_ids)).values_list(
        "caseparty_id", "term__code"
    )
    for party_id, code in rows.order_by("term__code"):
        found.setdefault(party_id, []).append(code)
    return {party_id: tuple(codes) for party_id, codes in found.items()}


def _parties(cases: QuerySet[Case]) -> QuerySet[CaseParty]:
    return CaseParty.objects.filter(case__in=cases)


def _counted(rows: list[dict[str, Any]], days: dict[int, date], victims: bool) -> list[Counted]:
    exploitation = _exploitation(days) if victims else {}
    facts = case_facts_of(rows)
    counted = []
    for row in rows:
        party_id = int(str(row["id"]))
        if party_id in days:
            categories = _categories(row, exploitation.get(party_id, ()))
            categories.update(facts.of(case_id=row["case_id"], person_id=row["person_id"]))
            counted.append(Counted(days[party_id].year, categories, days[party_id]))
    return counted


def _day_of(row: dict[str, Any], basis: str) -> date:
    return _offence_date(row) if basis == YearBasis.OFFENCE else registration_day(row)


def _by_registration(
    parties: QuerySet[CaseParty], victims: bool = False, year: str = YearBasis.REGISTRATION
) -> list[Counted]:
    rows = list(parties.values(*PARTY_FIELDS).order_by("id"))
    days = {int(str(row["id"])): _day_of(row, year) for row in rows}
    return _counted(rows, days, victims)


def _trial_verdicts(cases: QuerySet[Case]) -> list[dict[str, Any]]:
    """Per accused, their trial verdicts: how many convictions, the first conviction's date
    and the last verdict's date."""
    rows = (
        Verdict.objects.filter(case__in=cases, level=0)
        .values("accused_id")
        .annotate(
            convictions=Count("id", filter=Q(outcome=VerdictOutcome.CONVICTED)),
            first_conviction=Min("date", filter=Q(outcome=VerdictOutcome.CONVICTED)),
            last=Max("date"),
        )
        .order_by()
    )
    return [dict(row) for row in rows]


def _by_judgment(
    cases: QuerySet[Case], *, convicted: bool, year: str = YearBasis.JUDGMENT
) -> list[Counted]:
    days: dict[int, date] = {}
    for row in _trial_verdicts(cases):
        if convicted and row["convictions"]:
            days[row["accused_id"]] = row["first_conviction"]
        elif not convicted and not row["convictions"]:
            days[row["accused_id"]] = row["last"]
    return _accused_counted(cases, days, year=year)


def _accused_counted(
    cases: QuerySet[Case], days: dict[int, date], *, year: str = YearBasis.JUDGMENT
) -> list[Counted]:
    """The accused of ``days`` counted on the day of their judgment, or of ``year``."""
    rows = list(_parties(cases).filter(pk__in=list(days)).values(*PARTY_FIELDS).order_by("id"))
    if year != YearBasis.JUDGMENT:
        days = {int(str(row["id"])): _day_of(row, year) for row in rows}
    return _counted(rows, days, victims=False)


def _by_appeal(
    cases: QuerySet[Case], *, outcomes: frozenset[str], year: str = YearBasis.JUDGMENT
) -> list[Counted]:
    """Each accused with an appeal verdict of ``outcomes`` against a standing conviction,
    counted once, in the year of the first such verdict."""
    verdicts = (
        Verdict.objects.filter(case__in=cases)
        .values_list("accused_id", "offence_id", "outcome", "date")
        .order_by("accused_id", "offence_id", "level")
    )
    chains: dict[tuple[int, int], list[str]] = {}
    days: dict[int, date] = {}
    for accused_id, offence_id, outcome, day in verdicts:
        chain = chains.setdefault((accused_id, offence_id), [])
        if outcome in outcomes and verdict_stands_convicted(chain) and accused_id not in days:
            days[accused_id] = day
        chain.append(outcome)
    return _accused_counted(cases, days, year=year)


# An appeal that leaves the conviction standing, whatever it did to the sentence.
CONVICTION_KEPT = frozenset(
    {VerdictOutcome.UPHELD, VerdictOutcome.SENTENCE_REDUCED, VerdictOutcome.SENTENCE_ENHANCED}
)


def case_reached_trial() -> Q:
    """A case whose trial began: at trial or later now, or with a trial in its history."""
    history = StageChange.objects.filter(
        case=OuterRef("pk"), to_stage__in=TRIAL_STAGES, status=TransitionStatus.APPROVED
    )
    return Q(stage__in=TRIAL_STAGES) | Q(Exists(history))


def people_counted(
    *, user: User, unit: str, year: str | None = None, province: str = ""
) -> list[Counted]:
    """Every person the counting unit counts among the cases the user may see (registered by
    units of ``province``, when given), each in the year ``year_basis_of(unit, year)`` names:
    the persons named in cases, and the people the ledgers of historical cases count without
    naming them (``ledger_counted``)."""
    basis = year_basis_of(unit, year)
    cases = case_queryset_for_user(user)
    if province:
        cases = cases.filter(unit__province__code=province)
    return _named_counted(cases, unit=unit, basis=basis) + ledger_counted(
        cases, unit=unit, basis=basis
    )


def _named_counted(cases: QuerySet[Case], *, unit: str, basis: str) -> list[Counted]:
    accused = _parties(cases).filter(role=PartyRole.ACCUSED)
    if unit == CountingUnit.VICTIMS:
        victims = _parties(cases).filter(role=PartyRole.VICTIM)
        return _by_registration(victims, victims=True, year=basis)
    if unit == CountingUnit.SUSPECTS:
        return _by_registration(accused, year=basis)
    if unit == CountingUnit.PROSECUTED:
        tried = cases.filter(case_reached_trial())
        return _by_registration(accused.filter(case__in=tried), year=basis)
    if unit == CountingUnit.CONVICTED:
        return _by_judgment(cases, convicted=True, year=basis)
    if unit == CountingUnit.ACQUITTED:
        return _by_judgment(cases, convicted=False, year=basis)
    if unit == CountingUnit.UPHELD:
        return _by_appeal(cases, outcomes=CONVICTION_KEPT, year=basis)
    if unit == CountingUnit.ACQUITTED_ON_APPEAL:
        return _by_appeal(
            cases, outcomes=frozenset({VerdictOutcome.ACQUITTED_ON_APPEAL}), year=basis
        )
    raise ValueError(unit)


def years_of(counted: Iterable[Counted]) -> list[int]:
    """The years to show as columns: every year with someone counted, in order."""
    return sorted({c.year for c in counted})


# What a ledger counts of victims: (field, sex, child or adult, age band).
LEDGER_VICTIMS = (
    ("victims_male_adult", str(Sex.MALE), ADULT, ADULT_AGE_UNKNOWN),
    ("victims_male_minor", str(Sex.MALE), CHILD, CHILD_AGE_UNKNOWN),
    ("victims_female_adult", str(Sex.FEMALE), ADULT, ADULT_AGE_UNKNOWN),
    ("victims_female_minor", str(Sex.FEMALE), CHILD, CHILD_AGE_UNKNOWN),
    ("victims_unknown", str(Sex.UNKNOWN), UNKNOWN, UNKNOWN),
)
LEDGER_FIELDS = (
    *(name for name in PARTY_FIELDS if name.startswith("case__")),
    "case_id",
    "case__stage",
    "judgment_date",
    "accused",
    "convicted",
    "acquitted",
    *(name for name, _sex, _group, _band in LEDGER_VICTIMS),
)


def _ledger_groups(unit: str, row: dict[str, Any]) -> list[tuple[int, str, str, str]]:
    """(how many, sex, child or adult, age band) of the people a ledger row counts for the
    unit: its victims by sex and age where given; its accused, whose sex and age it omits."""
    if unit == CountingUnit.VICTIMS:
        return [(row[name], sex, group, band) for name, sex, group, band in LEDGER_VICTIMS]
    unknown = (str(Sex.UNKNOWN), UNKNOWN, UNKNOWN)
    if unit == CountingUnit.SUSPECTS:
        return [(row["accused"], *unknown)]
    if unit == CountingUnit.PROSECUTED and row["case__stage"] in TRIAL_STAGES:
        return [(row["accused"], *unknown)]
    if unit in (CountingUnit.CONVICTED, CountingUnit.ACQUITTED):
        return [(row[unit], *unknown)]
    return []


def _ledger_day(unit: str, row: dict[str, Any], basis: str) -> date:
    own_judgment = unit in (CountingUnit.CONVICTED, CountingUnit.ACQUITTED)
    if basis == YearBasis.JUDGMENT and own_judgment:
        day = row["judgment_date"]
        assert isinstance(day, date)
        return day
    return _day_of(row, basis)


def ledger_counted(cases: QuerySet[Case], *, unit: str, basis: str) -> list[Counted]:
    """The people the ledgers of the historical ones of ``cases`` count for ``unit``:
    one ``Counted`` each, with the sex and child-or-adult the ledger gives (else unknown) and
    the case's facts; nationality and form of exploitation unknown. The appeal units have no
    ledger counts."""
    historical = cases.filter(historical=True)
    rows = list(
        LedgerCase.objects.filter(case__in=historical).values(*LEDGER_FIELDS).order_by("id")
    )
    for row in rows:
        row["person_id"] = 0
    facts = case_facts_of(rows)
    counted: list[Counted] = []
    for row in rows:
        base = {
            Dimension.PROVINCE: (str(row["case__unit__province__code"] or ""),),
            Dimension.NATIONALITY: (UNKNOWN,),
            Dimension.CRIME_TYPE: tuple(crime_types_in(int(str(row["case__crime_mask"])))),
            **facts.of(case_id=row["case_id"], person_id=0),
        }
        groups = [g for g in _ledger_groups(unit, row) if g[0]]
        day = _ledger_day(unit, row, basis) if groups else None
        for count, sex, group, band in groups:
            categories = {
                **base,
                Dimension.SEX: (sex,),
                Dimension.AGE_GROUP: (group,),
                Dimension.AGE_BAND: (band,),
            }
            assert day is not None
            counted.extend(Counted(day.year, categories, day) for _n in range(count))
    return counted
