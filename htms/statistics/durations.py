"""How long cases take: days from the FIR to the first challan and to the first trial judgment,
as median and quartiles over the cases, by year of the FIR (``docs/statistics.md``).

A duration over fewer than k cases is withheld, like any cell of fewer than k people.
"""

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Min, QuerySet
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.cases.access import case_queryset_for_user
from htms.cases.models import Case, StageChange, TransitionStatus, Verdict
from htms.statistics.funnel import CHALLAN_STAGES
from htms.statistics.models import LedgerCase
from htms.statistics.published import statistics_k_for

TO_CHALLAN, TO_JUDGMENT = "fir_to_challan", "fir_to_judgment"
MEASURES = (
    (TO_CHALLAN, _("Days from FIR to challan")),
    (TO_JUDGMENT, _("Days from FIR to trial judgment")),
)


@dataclass(frozen=True)
class Spread:
    """Quartiles of the days over ``cases`` cases; ``cases`` is None where counts are
    published under disclosure control (the funnel publishes them)."""

    cases: int | None
    lower: float
    median: float
    upper: float


@dataclass
class DurationRow:
    code: str
    label: str
    cells: list[Spread | None]
    total: Spread | None


@dataclass
class Durations:
    columns: list[str]
    rows: list[DurationRow]
    k: int | None


def duration_spread(days: list[int], k: int | None) -> Spread | None:
    """Quartiles of ``days``; None when there are none or fewer than ``k``."""
    if not days or (k and len(days) < k):
        return None
    if len(days) == 1:
        return Spread(None if k else 1, days[0], days[0], days[0])
    lower, median, upper = statistics.quantiles(days, n=4, method="inclusive")
    return Spread(None if k else len(days), lower, median, upper)


def duration_step_dates(cases: QuerySet[Case]) -> dict[str, dict[int, date]]:
    """Per measure, the day each of ``cases`` first reached its step, by case id."""
    challans = StageChange.objects.filter(
        case__in=cases, to_stage__in=CHALLAN_STAGES, status=TransitionStatus.APPROVED
    )
    judgments = Verdict.objects.filter(case__in=cases, level=0)
    judged = dict(judgments.values("case_id").annotate(at=Min("date")).values_list("case_id", "at"))
    # A historical case's ledger dates its trial judgment without verdicts per accused.
    ledgers = LedgerCase.objects.filter(case__in=cases, judgment_date__isnull=False)
    for case_id, day in ledgers.values_list("case_id", "judgment_date"):
        judged.setdefault(case_id, day)
    return {
        TO_CHALLAN: dict(
            challans.values("case_id").annotate(at=Min("effective_on")).values_list("case_id", "at")
        ),
        TO_JUDGMENT: judged,
    }


def _days_by_year(firs: dict[int, date], reached: dict[int, date]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for case_id, at in reached.items():
        fir = firs.get(case_id)
        if fir is not None and at >= fir:
            found.setdefault(fir.year, []).append((at - fir).days)
    return found


def _row(
    code: str, label: str, days: dict[int, list[int]], years: Iterable[int], k: int | None
) -> DurationRow:
    every = [d for year_days in days.values() for d in year_days]
    cells = [duration_spread(days.get(year, []), k) for year in years]
    return DurationRow(code, str(label), cells, duration_spread(every, k))


def case_durations(*, user: User) -> Durations:
    """FIR to challan and FIR to trial judgment among the cases the user may see."""
    cases = case_queryset_for_user(user).filter(fir_date__isnull=False).order_by()
    firs = {pk: fir for pk, fir in cases.values_list("id", "fir_date") if fir}
    k = statistics_k_for(user)
    steps = duration_step_dates(cases)
    by_step = {code: _days_by_year(firs, steps[code]) for code, _label in MEASURES}
    years = sorted({year for days in by_step.values() for year in days})
    rows = [_row(code, str(label), by_step[code], years, k) for code, label in MEASURES]
    return Durations([str(y) for y in years], rows, k)
