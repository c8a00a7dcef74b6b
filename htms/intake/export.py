"""CSV exports of intake, safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab or carriage return) would run as a formula when the
file is opened in Excel (formula injection): such cells are written with a leading apostrophe,
which spreadsheets show as plain text.
"""

import csv
import io
from collections.abc import Iterable, Iterator

from htms.intake.counts import DIMENSIONS, Counts
from htms.intake.models import ManifestRow
from htms.intake.presenters import row_view

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(DANGEROUS_FIRST) else text


def _lines(rows: Iterable[Iterable[object]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def counts_csv(counts: Counts) -> Iterator[str]:
    header = [str(DIMENSIONS[counts.dimension]), "deported", "offloaded", "total"]
    body = [
        [r.key, r.deported, r.offloaded, r.total, r.possible_victims, r.minors]
        for r in [*counts.rows, counts.total]
    ]
    return _lines([[*header, "possible victims", "minors"], *body])


def rows_csv(
    rows: Iterable[ManifestRow], headers: list[str], *, mapping: dict[str, str], visible: bool
) -> Iterator[str]:
    """The correction queue with the raw cells as read and the errors, to fix offline; masked
    as on the page (``htms/intake/presenters.py``) for a reader who may not see the cells."""

    def body() -> Iterator[list[object]]:
        yield ["row", "status", *headers, "errors"]
        for row in rows:
            view = row_view(row, mapping, visible)
            cells = dict(view.cells)
            errors = "; ".join(f"{label}: {' '.join(v)}" for label, v in view.errors)
            yield [
                row.number,
                view.status_label,
                *[cells.get(h, "") for h in headers],
                errors,
            ]

    return _lines(body())
