"""``python -m bench [SUITE ...]``: run benchmark suites and append their results to BENCHMARKS.md.

``make bench`` runs every suite against a throwaway PostgreSQL server. A suite is a module of
this package with ``TITLE`` and ``run(log) -> str`` returning its Markdown section body; it reads
its sizes from environment variables that it documents.
"""

import importlib
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "htms.settings")
django.setup()

from bench import machine  # noqa: E402

REPORT = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
SUITES = [
    "case_monitoring",
    "identity_search",
    "resolution",
    "resolution_spark",
    "intake",
    "bulk_parties",
    "statistics",
    "gazette",
    "network",
]


def _log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def _load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def _run_suite(name: str, log: Callable[[str], None]) -> None:
    suite = importlib.import_module(f"bench.{name}")
    log(f"suite {name}")
    load_before = _load_average()
    body: str = suite.run(log)
    body += f"\nLoad average (1, 5, 15 min) before: {load_before}; after: {_load_average()}.\n"
    print(body)
    stamp = datetime.now(tz=UTC).strftime("%Y-%m-%d %H:%M UTC")
    with REPORT.open("a", encoding="utf-8") as report:
        report.write(f"\n## {suite.TITLE}, {stamp}\n\nMachine: {machine.describe()}.  \n{body}\n")
    log(f"appended {name} to {REPORT.name}")


def main(argv: list[str]) -> int:
    names = argv or SUITES
    unknown = sorted(set(names) - set(SUITES))
    if unknown:
        print(f"unknown suite(s): {', '.join(unknown)}; known: {', '.join(SUITES)}")
        return 2
    for name in names:
        _run_suite(name, _log)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
