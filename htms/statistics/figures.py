"""The national figures: people counted by counting unit, year and one dimension.

Each counting unit and dimension is defined in ``docs/statistics.md``, and here: who each unit
counts, on which day, in which categories. The table of people counted that the figures read
is built from these definitions (``refresh.py``); ``people_counted`` gives the same people one
by one. Every count starts from the cases the asking user may see (``case_queryset_for_user``)
and is made from structured fields, never from free text. What may be shown of the counts is
decided in ``htms/statistics/published.py``.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet
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
    crime_types_in,
    offence_date_of,
    verdict_stands_convicted,
)
from htms.persons.models import Sex, youngest_age_on
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


def offence_day(row: dict[str, Any]) -> date:
    return offence_date_of(
        row["case__occurred_on"], row["case__fir_date"], row["case__registered_at"]
    )


def age_on_offence(row: dict[str, Any]) -> int | None:
    return youngest_age_on(
        row["person__birth_date"], row["person__birth_date_precision"], offence_day(row)
    )


def person_categories(
    row: dict[str, Any], exploitation: tuple[str, ...]
) -> dict[str, tuple[str, ...]]:
    """The categories of the person of a party row (``PARTY_FIELDS``) in the dimensions of
    the person and the case's crime."""
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


def exploitation_of(
    party_ids: Iterable[int] | QuerySet[CaseParty, Any],
) -> dict[int, tuple[str, ...]]:
    """The forms of exploitation of each party, in order of their codes."""
    through = CaseParty.exploitation_types.through
    found: dict[int, list[str]] = {}
    ids = party_ids if isinstance(party_ids, QuerySet) else list(party_ids)
    rows = through.objects.filter(caseparty_id__in=ids).values_list("caseparty_id", "term__code")
    for party_id, code in rows.order_by("term__code"):
        found.setdefault(party_id, []).append(code)
    return {party_id: tuple(codes) for party_id, codes in found.items()}


def _parties(cases: QuerySet[Case]) -> QuerySet[CaseParty]:
    return CaseParty.objects.filter(case__in=cases)


def _counted(rows: list[dict[str, Any]], days: dict[int, date], victims: bool) -> list[Counted]:
    exploitation = exploitation_of(days) if victims else {}
    facts = case_facts_of(rows)
    counted = []
    for row in rows:
        party_id = int(str(row["id"]))
        if party_id in days:
            categories = person_categories(row, exploitation.get(party_id, ()))
            categories.update(facts.of(case_id=row["case_id"], person_id=row["person_id"]))
            counted.append(Counted(days[party_id].year, categories, days[party_id]))
    return counted


def _day_of(row: dict[str, Any], basis: str) -> date:
    return offence_day(row) if basis == YearBasis.OFFENCE else registration_day(row)


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


def _judgment_days(cases: QuerySet[Case], *, convicted: bool) -> dict[int, date]:
    """Per accused convicted at trial (or, not ``convicted``, acquitted of everything), the
    day of their first conviction (or of their last verdict)."""
    days: dict[int, date] = {}
    for row in _trial_verdicts(cases):
        if convicted and row["convictions"]:
            days[row["accused_id"]] = row["first_conviction"]
        elif not convicted and not row["convictions"]:
            days[row["accused_id"]] = row["last"]
    return days


def _appeal_days(cases: QuerySet[Case], *, outcomes: frozenset[str]) -> dict[int, date]:
    """Per accused with an appeal verdict of ``outcomes`` against a standing conviction, the
    day of the first such verdict."""
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
    return days


# An appeal that leaves the conviction standing, whatever it did to the sentence.
CONVICTION_KEPT = frozenset(
    {VerdictOutcome.UPHELD, VerdictOutcome.SENTENCE_REDUCED, VerdictOutcome.SENTENCE_ENHANCED}
)


# The appeal verdicts each appeal unit counts.
APPEAL_OUTCOMES = {
    CountingUnit.UPHELD: CONVICTION_KEPT,
    CountingUnit.ACQUITTED_ON_APPEAL: frozenset({VerdictOutcome.ACQUITTED_ON_APPEAL}),
}


def case_reached_trial() -> Q:
    """A case whose trial began: at trial or later now, or with a trial in its history. The
    history is a subquery of its own, which PostgreSQL hashes once, rather than a subquery
    run again for every case (``EXISTS``)."""
    history = StageChange.objects.filter(
        to_stage__in=TRIAL_STAGES, status=TransitionStatus.APPROVED
    ).values("case_id")
    return Q(stage__in=TRIAL_STAGES) | Q(pk__in=history)


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


def named_rows(
    cases: QuerySet[Case], *, unit: str
) -> tuple[list[dict[str, Any]], dict[int, date] | None]:
    """The party rows (``PARTY_FIELDS``) of the persons named in ``cases`` whom the counting
    unit counts, and, for the units counted at a judgment, the day of it per party."""
    accused = _parties(cases).filter(role=PartyRole.ACCUSED)
    judged: dict[int, date] | None = None
    if unit == CountingUnit.VICTIMS:
        parties = _parties(cases).filter(role=PartyRole.VICTIM)
    elif unit == CountingUnit.SUSPECTS:
        parties = accused
    elif unit == CountingUnit.PROSECUTED:
        parties = accused.filter(case__in=cases.filter(case_reached_trial()))
    elif unit in (CountingUnit.CONVICTED, CountingUnit.ACQUITTED):
        judged = _judgment_days(cases, convicted=unit == CountingUnit.CONVICTED)
    elif unit in (CountingUnit.UPHELD, CountingUnit.ACQUITTED_ON_APPEAL):
        judged = _appeal_days(cases, outcomes=APPEAL_OUTCOMES[unit])
    else:
        raise ValueError(unit)
    if judged is not None:
        parties = _parties(cases).filter(pk__in=list(judged))
    return list(parties.values(*PARTY_FIELDS).order_by("id")), judged


def _named_counted(cases: QuerySet[Case], *, unit: str, basis: str) -> list[Counted]:
    rows, judged = named_rows(cases, unit=unit)
    if judged is not None and basis == YearBasis.JUDGMENT:
        days = judged
    else:
        days = {int(str(row["id"])): _day_of(row, basis) for row in rows}
    return _counted(rows, days, victims=unit == CountingUnit.VICTIMS)


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


def ledger_judged(unit: str, row: dict[str, Any]) -> date | None:
    """The day of the trial judgment a ledger row's people are counted on, for the units
    counted at trial."""
    if unit in (CountingUnit.CONVICTED, CountingUnit.ACQUITTED):
        day = row["judgment_date"]
        assert isinstance(day, date)
        return day
    return None


def _ledger_day(unit: str, row: dict[str, Any], basis: str) -> date:
    judged = ledger_judged(unit, row) if basis == YearBasis.JUDGMENT else None
    return judged or _day_of(row, basis)


@dataclass
class LedgerGroup:
    """People a ledger row counts for a unit with the same categories: ``count`` of them,
    counted on ``day``s of the row (``ledger_day``)."""

    row: dict[str, Any]
    count: int
    categories: dict[str, tuple[str, ...]]


def ledger_groups(cases: QuerySet[Case], *, unit: str) -> list[LedgerGroup]:
    """The people the ledgers of the historical ones of ``cases`` count for ``unit``, by
    their categories: the sex and child-or-adult the ledger gives (else unknown) and the
    case's facts; nationality and form of exploitation unknown. The appeal units have no
    ledger counts."""
    historical = cases.filter(historical=True)
    rows = list(
        LedgerCase.objects.filter(case__in=historical).values(*LEDGER_FIELDS).order_by("id")
    )
    for row in rows:
        row["person_id"] = 0
    facts = case_facts_of(rows)
    found: list[LedgerGroup] = []
    for row in rows:
        base = {
            Dimension.PROVINCE: (str(row["case__unit__province__code"] or ""),),
            Dimension.NATIONALITY: (UNKNOWN,),
            Dimension.CRIME_TYPE: tuple(crime_types_in(int(str(row["case__crime_mask"])))),
            **facts.of(case_id=row["case_id"], person_id=0),
        }
        for count, sex, group, band in _ledger_groups(unit, row):
            categories = {
                **base,
                Dimension.SEX: (sex,),
                Dimension.AGE_GROUP: (group,),
                Dimension.AGE_BAND: (band,),
            }
            if count:
                found.append(LedgerGroup(row, count, categories))
    return found


def ledger_counted(cases: QuerySet[Case], *, unit: str, basis: str) -> list[Counted]:
    """The people the ledgers of the historical ones of ``cases`` count for ``unit``
    (``ledger_groups``): one ``Counted`` each."""
    counted: list[Counted] = []
    for group in ledger_groups(cases, unit=unit):
        day = _ledger_day(unit, group.row, basis)
        counted.extend(Counted(day.year, group.categories, day) for _n in range(group.count))
    return counted
