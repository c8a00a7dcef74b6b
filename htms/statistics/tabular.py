"""Published tables as CSV rows: the same cells the page and the API show."""

import csv
import io

from htms.statistics.funnel import Funnel
from htms.statistics.published import PublishedRow, PublishedTable

# Written in place of a withheld cell.
WITHHELD = "suppressed"


def _cell(n: int | float | None) -> str:
    return WITHHELD if n is None else str(n)


def _line(label: str, row: PublishedRow) -> list[str]:
    return [label, *(_cell(n) for n in row.cells), _cell(row.total)]


def table_csv(table: PublishedTable) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([table.dimension, *table.columns, "total"])
    for row in table.rows:
        writer.writerow(_line(row.code or "unknown", row))
    if table.totals:
        writer.writerow(_line("total", table.totals))
    return out.getvalue()


def funnel_csv(funnel: Funnel) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["step", *funnel.columns, "total"])
    for row in funnel.rows:
        writer.writerow(_line(row.code, row))
    for rate in funnel.rates:
        writer.writerow([rate.label, *(_cell(n) for n in rate.cells), _cell(rate.total)])
    return out.getvalue()
