"""Counts for the home pages: cases by stage and by crime type, within what the user may see."""

from dataclasses import dataclass

from django.db.models import Count

from htms.accounts.models import User
from htms.cases.access import case_queryset_for_user
from htms.cases.models import Stage
from htms.cases.selectors import case_counts
from htms.reference.models import CrimeType


@dataclass(frozen=True)
class LabelledCount:
    code: str
    label: str
    cases: int


def case_stage_counts(*, user: User, unit_id: int | None = None) -> list[LabelledCount]:
    """Cases the user may see by current stage, every stage listed; ``unit_id`` narrows to one
    registering unit."""
    cases = case_queryset_for_user(user)
    if unit_id is not None:
        cases = cases.filter(unit_id=unit_id)
    # count(*), not count(id): the unit's cases are then counted from the index of their unit
    # and stage alone, without reading each case (a home page, every officer, many times a day).
    counts = dict(cases.order_by().values_list("stage").annotate(n=Count("*")))
    return [LabelledCount(code, str(label), counts.get(code, 0)) for code, label in Stage.choices]


def case_crime_type_counts(*, user: User) -> list[LabelledCount]:
    """Cases the user may see under each crime type of their offences: a case with a TIP and an
    SOM offence counts under both (``docs/statistics.md``)."""
    counts: dict[str, int] = {}
    for row in case_counts(user=user):  # the one way cases are counted by crime type
        counts[row.crime_type] = counts.get(row.crime_type, 0) + row.cases
    return [
        LabelledCount(code, str(label), counts.get(code, 0)) for code, label in CrimeType.choices
    ]
