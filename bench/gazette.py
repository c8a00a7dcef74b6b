"""The Human Trafficking Intelligence Gazette at national scale.

Sizes: HTMS_BENCH_CASES (200000), HTMS_BENCH_PERSONS (1000000), HTMS_BENCH_RUNS (3),
HTMS_BENCH_AGENTS (3300: synthetic agent networks, loaded once, for "most active networks").

Loads the same data as the Case Monitoring suite and the agent networks, then times, as the
ATU monitoring cell, the Gazette of the current month as PDF in English and in Urdu (goal:
30 s each).
"""

import os
from collections.abc import Callable

from django.utils import timezone

from bench.case_monitoring import load_from_environment
from bench.network import load_networks
from bench.statistics import _national
from bench.timing import measure, results_table
from htms.accounts.models import User
from htms.intelligence.gazette.months import Month, month_parse
from htms.intelligence.gazette.printing import gazette_pdf

TITLE = "Intelligence Gazette"


def _printing(user: User, month: Month, language: str) -> Callable[[int], bytes]:
    return lambda i: gazette_pdf(user=user, month=month, language=language)


def run(log: Callable[[str], None]) -> str:
    size = load_from_environment(log)
    runs = int(os.environ.get("HTMS_BENCH_RUNS", "3"))
    # The monitoring cell sees every section, the public's reports included.
    user = _national()
    size += f", {load_networks(user, log)} agents in networks"
    month = month_parse(timezone.localdate().strftime("%Y-%m"))
    results = [
        measure(
            f"Gazette {month.label} in {language} (PDF)",
            _printing(user, month, language),
            runs=runs,
            goal_ms=30_000,
            warmup=0,
        )
        for language in ("en", "ur")
    ]
    missed = [r.name for r in results if not r.met]
    note = f"\nGoal missed: {'; '.join(missed)}.\n" if missed else ""
    return f"Data: {size}.\n\n{results_table(results)}\n{note}"
