"""Each dashboard table as CSV or XLSX: the same cells as on the page, a withheld cell written
as ``suppressed`` (as in ``tabular.py``)."""

import csv
import io

from openpyxl import Workbook  # type: ignore[import-untyped]

from htms.statistics.durations import Durations, Spread
from htms.statistics.funnel import Funnel
from htms.statistics.published import PublishedTable
from htms.statistics.tabular import WITHHELD, funnel_csv, table_csv

Grid = list[list[str]]
CSV, XLSX = "csv", "xlsx"
FORMATS = (CSV, XLSX)
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _rows(text: str) -> Grid:
    return list(csv.reader(io.StringIO(text)))


def table_grid(table: PublishedTable) -> Grid:
    return _rows(table_csv(table))


def funnel_grid(funnel: Funnel) -> Grid:
    return _rows(funnel_csv(funnel))


def _spread(spread: Spread | None) -> list[str]:
    if spread is None:
        return [WITHHELD] * 4
    cases = "" if spread.cases is None else str(spread.cases)
    return [cases, f"{spread.lower:g}", f"{spread.median:g}", f"{spread.upper:g}"]


def durations_grid(durations: Durations) -> Grid:
    header = ["measure", "year", "cases", "lower_quartile", "median", "upper_quartile"]
    grid = [header]
    for row in durations.rows:
        for column, spread in zip(
            [*durations.columns, "total"], [*row.cells, row.total], strict=True
        ):
            grid.append([row.code, column, *_spread(spread)])
    return grid


def grid_csv(grid: Grid) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(grid)
    return out.getvalue().encode("utf-8")


def _number(text: str) -> str | int | float:
    if len(text) > 1 and text.startswith("0") and not text.startswith("0."):
        return text  # a code such as ICCS 0204, not a number
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


def sheets_xlsx(sheets: list[tuple[str, Grid]]) -> bytes:
    """One sheet per (title, grid), numbers as numbers."""
    book = Workbook()
    book.remove(book.active)
    for title, grid in sheets:
        sheet = book.create_sheet(title[:31])
        for line in grid:
            sheet.append([_number(cell) for cell in line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def grid_xlsx(grid: Grid, *, title: str) -> bytes:
    return sheets_xlsx([(title, grid)])


def grid_file(grid: Grid, *, format: str, title: str) -> bytes:
    return grid_xlsx(grid, title=title) if format == XLSX else grid_csv(grid)
