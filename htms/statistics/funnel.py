"""The criminal-justice funnel: cases with an FIR, and how many of them reached a challan, a
trial and a conviction, by year of the FIR (``docs/statistics.md``)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.cases.access import case_queryset_for_user
from htms.cases.models import Case, Stage, StageChange, TransitionStatus, Verdict, VerdictOutcome
from htms.statistics.disclosure import TOTAL, Table, tables_suppress
from htms.statistics.figures import TRIAL_STAGES, case_reached_trial
from htms.statistics.published import PublishedRow, statistics_k_for

CHALLAN_STAGES = (Stage.INTERIM_CHALLAN, Stage.FINAL_CHALLAN, *TRIAL_STAGES)

FIRS, CHALLANS, TRIALS, CONVICTIONS = "firs", "challans", "trials", "convictions"
STEPS = (
    (FIRS, _("Cases with an FIR")),
    (CHALLANS, _("of which reached a challan")),
    (TRIALS, _("of which reached trial")),
    (CONVICTIONS, _("of which ended in a conviction at trial")),
)
RATES = (
    (CHALLANS, FIRS, _("Challan rate (challans / FIRs)")),
    (TRIALS, CHALLANS, _("Trial rate (trials / challans)")),
    (CONVICTIONS, TRIALS, _("Conviction rate (convictions / trials)")),
)


@dataclass
class RateRow:
    label: str
    cells: list[float | None]
    total: float | None


@dataclass
class Funnel:
    columns: list[str]
    rows: list[PublishedRow]
    rates: list[RateRow]
    k: int | None


def _reached_challan() -> Q:
    history = StageChange.objects.filter(
        to_stage__in=CHALLAN_STAGES, status=TransitionStatus.APPROVED
    ).values("case_id")
    return Q(stage__in=CHALLAN_STAGES) | Q(pk__in=history)


def _convicted() -> Q:
    verdicts = Verdict.objects.filter(level=0, outcome=VerdictOutcome.CONVICTED).values("case_id")
    # A historical case's ledger counts its convicted accused without naming them.
    return Q(pk__in=verdicts) | Q(historical=True, ledger__convicted__gt=0)


def _step_conditions() -> dict[str, Q]:
    """The cases (with an FIR) that reached each step, in the order of ``STEPS``."""
    return {
        FIRS: Q(),
        CHALLANS: _reached_challan(),
        TRIALS: case_reached_trial(),
        CONVICTIONS: _convicted(),
    }


def funnel_fir_dates(cases: QuerySet[Case]) -> dict[str, list[date]]:
    """Per step, the FIR dates of the ``cases`` with an FIR that reached it."""
    with_fir = cases.filter(fir_date__isnull=False).order_by()
    found: dict[str, list[date]] = {}
    for step, condition in _step_conditions().items():
        dates = with_fir.filter(condition).values_list("fir_date", flat=True)
        found[step] = [d for d in dates if d]
    return found


def _counts(user: User) -> dict[str, Counter[int]]:
    """Per step, the cases by year of their FIR, counted in the database in one scan."""
    with_fir = case_queryset_for_user(user).filter(fir_date__isnull=False).order_by()
    conditions = _step_conditions()
    counted = {step: Count("pk", filter=condition) for step, condition in conditions.items()}
    rows = (
        with_fir.values(year=ExtractYear("fir_date"))
        .annotate(**counted)
        .values_list("year", *conditions)
    )
    found: dict[str, Counter[int]] = {step: Counter() for step in conditions}
    for year, *counts in rows:
        for step, n in zip(conditions, counts, strict=True):
            if n:
                found[step][year] = n
    return found


def _rate(part: int | None, whole: int | None) -> float | None:
    if part is None or not whole:
        return None
    return round(100 * part / whole, 1)


def case_funnel(*, user: User) -> Funnel:
    """FIRs → challans → trials → convictions among the cases the user may see, each case in
    the year of its FIR, with the rates between steps; withheld cells as for people."""
    counts = _counts(user)
    years = sorted(counts[FIRS])
    table = Table(
        name="funnel",
        rows=[step for step, _label in STEPS],
        columns=[str(y) for y in years],
        cells=[[counts[step][y] for y in years] for step, _label in STEPS],
        additive=False,
    )
    k = statistics_k_for(user)
    withheld = tables_suppress([table], k=k) if k else set()
    values = table.values()

    def shown(step: str, column: str) -> int | None:
        return None if ("funnel", step, column) in withheld else values[("funnel", step, column)]

    rows = [
        PublishedRow(step, str(label), [shown(step, c) for c in table.columns], shown(step, TOTAL))
        for step, label in STEPS
    ]
    by_step = {row.code: row for row in rows}
    rates = [
        RateRow(
            str(label),
            [_rate(p, w) for p, w in zip(by_step[part].cells, by_step[whole].cells, strict=True)],
            _rate(by_step[part].total, by_step[whole].total),
        )
        for part, whole, label in RATES
    ]
    return Funnel(table.columns, rows, rates, k)
