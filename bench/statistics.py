"""The statistics dashboard's figures and the annual report at national scale.

Sizes: HTMS_BENCH_CASES (200000), HTMS_BENCH_PERSONS (1000000), HTMS_BENCH_RUNS (5).

Loads the same data as the Case Monitoring suite, then times the refresh of the table of people
counted that every figure is counted from (reported, with a loose goal of 10 minutes), and then,
as the ATU monitoring cell (every figure under disclosure control) and with that table fresh,
each figure the dashboard shows (goal: 1 s each) and the annual report in Urdu (goal: 60 s).
"""

import os
from collections.abc import Callable
from functools import partial

from django.test import override_settings
from django.utils import timezone

from bench.case_monitoring import load_from_environment
from bench.timing import Result, measure, results_table
from htms.accounts.models import Role, User
from htms.reference.models import Unit
from htms.statistics.dashboard import DashboardFilters, dashboard_tables
from htms.statistics.dimensions import Dimension
from htms.statistics.durations import case_durations
from htms.statistics.funnel import case_funnel
from htms.statistics.published import unit_tables
from htms.statistics.refresh import statistics_refresh
from htms.statistics.reports.annual import annual_report_pdf

TITLE = "Statistics dashboard and annual report"


def _national() -> User:
    user, _ = User.objects.get_or_create(
        username="bench-statistics",
        defaults={"unit": Unit.objects.get(code="FIA-HQ"), "role": Role.MONITORING_CELL},
    )
    return user


def _ignoring_run(call: Callable[[], object]) -> Callable[[int], object]:
    return lambda i: call()


def _figures(user: User, runs: int) -> list[Result]:
    figures: list[tuple[str, Callable[[int], object]]] = [
        ("victims by sex (every person table)", lambda i: unit_tables(user=user, unit="victims")),
    ]
    for fact in (Dimension.ROUTE, Dimension.OFFENCE_DISTRICT, Dimension.ICCS):
        by_fact = partial(unit_tables, user=user, unit="victims", facts=[fact])
        figures.append((f"victims by {fact}", _ignoring_run(by_fact)))
    filtered = DashboardFilters(unit="victims", province="PB")
    figures += [
        ("victims of one province", lambda i: dashboard_tables(user=user, filters=filtered)),
        ("funnel", lambda i: case_funnel(user=user)),
        ("durations", lambda i: case_durations(user=user)),
    ]
    return [measure(name, action, runs=runs, goal_ms=1000, warmup=1) for name, action in figures]


def run(log: Callable[[str], None]) -> str:
    size = load_from_environment(log)
    runs = int(os.environ.get("HTMS_BENCH_RUNS", "5"))
    user = _national()
    refresh = measure(
        "refresh the table of people counted",
        lambda i: statistics_refresh(),
        runs=1,
        goal_ms=600_000,
        warmup=0,
    )
    # The figures read the table just refreshed, however long the runs take.
    with override_settings(HTMS_STATISTICS_MAX_AGE=24 * 3600):
        results = [refresh, *_figures(user, runs)]
        year = timezone.localdate().year - 1
        results.append(
            measure(
                f"annual report {year} in Urdu (PDF)",
                lambda i: annual_report_pdf(user=user, year=year, language="ur"),
                runs=1,
                goal_ms=60_000,
                warmup=0,
            )
        )
    missed = [r.name for r in results if not r.met]
    note = f"\nGoal missed: {'; '.join(missed)}.\n" if missed else ""
    return f"Data: {size}.\n\n{results_table(results)}\n{note}"
