"""Add up pytest's JUnit XML reports into one closing line: 'tests: N passed, N failed, N skipped'.

Usage: python scripts/test_summary.py REPORT.xml [REPORT.xml ...]
A missing or unreadable report (pytest did not get that far) is named on stderr and counted as
nothing; the step that should have written it has already been marked failed.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET  # noqa: S405 - reads our own pytest reports only
from pathlib import Path


def count(path: Path) -> tuple[int, int, int]:
    """Return (passed, failed, skipped) for one report; errors count as failed."""
    root = ET.parse(path).getroot()  # noqa: S314 - our own pytest report
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    passed = failed = skipped = 0
    for suite in suites:
        tests = int(suite.get("tests", 0))
        bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skip = int(suite.get("skipped", 0))
        passed += tests - bad - skip
        failed += bad
        skipped += skip
    return passed, failed, skipped


def main(argv: list[str]) -> int:
    totals = [0, 0, 0]
    for arg in argv:
        path = Path(arg)
        try:
            counts = count(path)
        except (OSError, ET.ParseError) as exc:
            print(f"{path}: no report ({exc})", file=sys.stderr)
            continue
        for i, n in enumerate(counts):
            totals[i] += n
    print(f"tests: {totals[0]} passed, {totals[1]} failed, {totals[2]} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
