"""``python -m bench``: run the benchmarks against DATABASE_URL and append to BENCHMARKS.md.

``make bench`` runs this against a throwaway PostgreSQL server. Sizes come from the
environment: HTMS_BENCH_CASES (200000), HTMS_BENCH_PERSONS (1000000), HTMS_BENCH_RUNS (200).
"""

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "htms.settings")
django.setup()

from bench import case_monitoring, machine  # noqa: E402
from bench.timing import Result  # noqa: E402

REPORT = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"


def _log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def _table(results: list[Result]) -> str:
    lines = ["| what | runs | p50 ms | p95 ms | goal (p95) | met |", "|---|---|---|---|---|---|"]
    for r in results:
        lines.append(
            f"| {r.name} | {r.runs} | {r.p50_ms:.1f} | {r.p95_ms:.1f} | "
            f"≤ {r.goal_ms:.0f} ms | {'yes' if r.met else 'NO'} |"
        )
    return "\n".join(lines)


def main() -> int:
    cases = int(os.environ.get("HTMS_BENCH_CASES", "200000"))
    persons = int(os.environ.get("HTMS_BENCH_PERSONS", "1000000"))
    runs = int(os.environ.get("HTMS_BENCH_RUNS", "200"))
    _log(f"loading {cases:,} cases and {persons:,} persons")
    case_monitoring.load(cases=cases, persons=persons, log=_log)
    size = case_monitoring.data_size()
    _log(size)
    results = case_monitoring.run(runs=runs)
    table = _table(results)
    print(table)
    stamp = datetime.now(tz=UTC).strftime("%Y-%m-%d %H:%M UTC")
    with REPORT.open("a", encoding="utf-8") as report:
        report.write(
            f"\n## Case Monitoring System, {stamp}\n\nMachine: {machine.describe()}.  \n"
            f"Data: {size}.\n\n{table}\n"
        )
    _log(f"appended to {REPORT.name}")
    missed = [r.name for r in results if not r.met]
    if missed:
        _log("goal missed: " + "; ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
