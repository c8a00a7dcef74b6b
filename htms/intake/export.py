"""CSV exports of intake, safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab or carriage return) would run as a formula when the
file is opened in Excel (formula injection): such cells are written with a leading apostrophe,
which spreadsheets show as plain text.
"""

import csv
import io
from collections.abc import Iterable, Iterator

from htms.intake.counts import DIMENSIONS, Counts
from htms.intake.fields import FIELD_LABELS
from htms.intake.models import ManifestRow

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


def rows_csv(rows: Iterable[ManifestRow], headers: list[str]) -> Iterator[str]:
    """The correction queue with the raw cells as read and the errors, to fix offline."""

    def body() -> Iterator[list[object]]:
        yield ["row", "status", *headers, "errors"]
        for row in rows:
            errors = "; ".join(
                f"{FIELD_LABELS.get(k, k)}: {' '.join(v)}" for k, v in row.errors.items()
            )
            yield [
                row.number,
                row.get_status_display(),
                *[row.raw.get(h, "") for h in headers],
                errors,
            ]

    return _lines(body())
