"""Reading and writing the CSV files of ``htms resolve`` and ``htms evaluate_resolution``.

The input is UTF-8 text (a byte-order mark is allowed) with a header row naming at least the
documented columns (``features.INPUT_COLUMNS``); values may be empty and names may be in Latin
or Urdu script. The optional columns (``features.OPTIONAL_COLUMNS``: address, and the Urdu
forms of names given in Latin) are read when present; other columns are ignored unless named
as the truth column.

The file is read as CSV: a quoted field may hold commas, quotes and line breaks, and a name
holding a Unicode line or paragraph separator (U+2028, U+2029) stays one field of one row.
A row with more or fewer fields than the header is counted and reported with its line; it is
read with the missing fields empty and the extra ones ignored, or refused with ``strict``.
"""

import _csv
import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd  # type: ignore[import-untyped, unused-ignore]

from htms.resolution.features import INPUT_COLUMNS, OPTIONAL_COLUMNS

NOT_UTF8 = (
    "{path} is not UTF-8 text (byte 0x{byte:02x} at position {position}). Save it as "
    '"CSV UTF-8" and try again.'
)
MISSING_COLUMNS = (
    "{path} lacks the column(s) {missing}. The header must name: {expected}. "
    "The values may be left empty."
)
NO_HEADER = "{path} is empty: it needs a header row naming the columns {expected}."
EMPTY_IDS = "Rows {lines} of {path} have no record_id: every row needs its own record_id."
DUPLICATE_IDS = "record_id {ids} appear more than once in {path}: each row needs its own."
NOT_FOUND = "{path} does not exist."
NOT_CSV = '{path} cannot be read as CSV (line {line}: {error}). Save it as "CSV UTF-8".'
RAGGED_ROWS = (
    "{count} row(s) of {path} do not have the {expected} fields of the header (lines "
    "{lines}): a value holding a comma may lack its quotes."
)
RAGGED_READ = " They were read with missing fields empty and extra fields ignored."
RAGGED_REFUSED = " Nothing was resolved: correct the file, or run without --strict."


class InputError(ValueError):
    """A problem with the input file, in words the person running the command can act on."""


@dataclass(frozen=True)
class RecordsFile:
    """The rows read (``frame``: the columns wanted, as text) and what was odd about them."""

    frame: pd.DataFrame
    # Lines on which a row with another number of fields than the header starts.
    ragged_lines: list[int] = field(default_factory=list)

    def warnings(self, path: Path) -> list[str]:
        if not self.ragged_lines:
            return []
        return [_ragged(path, self.ragged_lines, len(self.frame.columns), strict=False)]


def _lines(items: Iterable[object], limit: int = 10) -> str:
    values = [str(i) for i in items]
    return ", ".join(values[:limit]) + (" ..." if len(values) > limit else "")


def _ragged(path: Path, lines: list[int], width: int, *, strict: bool) -> str:
    message = RAGGED_ROWS.format(count=len(lines), path=path, expected=width, lines=_lines(lines))
    return message + (RAGGED_REFUSED if strict else RAGGED_READ)


def _text(path: Path) -> str:
    if not path.is_file():
        raise InputError(NOT_FOUND.format(path=path))
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        byte = error.object[error.start]
        raise InputError(NOT_UTF8.format(path=path, byte=byte, position=error.start)) from None


def _header(names: list[str] | None, path: Path, required: tuple[str, ...]) -> list[str]:
    if names is None:
        raise InputError(NO_HEADER.format(path=path, expected=", ".join(required)))
    names = [h.strip() for h in names]
    missing = [c for c in required if c not in names]
    if missing:
        raise InputError(
            MISSING_COLUMNS.format(
                path=path, missing=", ".join(missing), expected=", ".join(required)
            )
        )
    return names


def read_records(path: Path, *, extra: tuple[str, ...] = (), strict: bool = False) -> RecordsFile:
    """The documented columns (plus ``extra``) of every data row, as text. ``strict`` refuses
    a file with a row of another number of fields than the header."""
    reader = csv.reader(io.StringIO(_text(path), newline=""))
    required = INPUT_COLUMNS + extra
    try:
        names = _header(next(reader, None), path, required)
        rows, starts, ragged = _rows(reader, len(names))
    except csv.Error as error:
        raise InputError(NOT_CSV.format(path=path, line=reader.line_num, error=error)) from None
    if ragged and strict:
        raise InputError(_ragged(path, ragged, len(names), strict=True))
    wanted = required + tuple(c for c in OPTIONAL_COLUMNS if c in names and c not in required)
    index = [names.index(c) for c in wanted]
    picked = [[row[i].strip() if i < len(row) else "" for i in index] for row in rows]
    frame = pd.DataFrame(picked, columns=list(wanted), dtype=object)
    _check_ids(frame, starts, path)
    return RecordsFile(frame, ragged)


def _rows(reader: _csv.Reader, width: int) -> tuple[list[list[str]], list[int], list[int]]:
    """The non-blank rows, the line each starts on, and the lines where a row of another
    width than the header's starts."""
    rows: list[list[str]] = []
    starts: list[int] = []
    ragged: list[int] = []
    start = reader.line_num + 1
    for row in reader:
        if row:
            rows.append(row)
            starts.append(start)
            if len(row) != width:
                ragged.append(start)
        start = reader.line_num + 1
    return rows, starts, ragged


def _check_ids(frame: pd.DataFrame, starts: list[int], path: Path) -> None:
    ids = frame["record_id"]
    empty = ids.index[ids == ""]
    if len(empty):
        raise InputError(EMPTY_IDS.format(lines=_lines(starts[i] for i in empty), path=path))
    repeated = ids[ids.duplicated()].unique()
    if len(repeated):
        raise InputError(DUPLICATE_IDS.format(ids=_lines(repeated), path=path))


def write_clusters(path: Path, record_ids: list[str], cluster_ids: list[str]) -> None:
    """``record_id,cluster_id``, one row per input row, in input order."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["record_id", "cluster_id"])
        writer.writerows(zip(record_ids, cluster_ids, strict=True))


def write_pairs(path: Path, record_ids: list[str], pairs: pd.DataFrame) -> None:
    """The scored pairs: both record ids, the match probability and link or review."""
    ids = pd.Series(record_ids, dtype=object)
    frame = pd.DataFrame(
        {
            "record_id_a": ids.iloc[pairs["left"].to_numpy()].to_numpy(),
            "record_id_b": ids.iloc[pairs["right"].to_numpy()].to_numpy(),
            "match_probability": pairs["probability"].round(6).to_numpy(),
            "decision": pairs["decision"].to_numpy(),
        }
    )
    frame.to_csv(path, index=False, encoding="utf-8")
