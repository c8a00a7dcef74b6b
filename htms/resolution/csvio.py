"""Reading and writing the CSV files of ``htms resolve`` and ``htms evaluate_resolution``.

The input is UTF-8 text (a byte-order mark is allowed) with a header row naming at least the
documented columns (``features.INPUT_COLUMNS``); values may be empty and names may be in Latin
or Urdu script. The optional columns (``features.OPTIONAL_COLUMNS``: address, and the Urdu
forms of names given in Latin) are read when present; other columns are ignored unless named
as the truth column. A row with fewer
fields than the header is read with the rest empty; fields beyond the header are ignored.
"""

import csv
from collections.abc import Iterable
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


class InputError(ValueError):
    """A problem with the input file, in words the person running the command can act on."""


def _lines(items: Iterable[object], limit: int = 10) -> str:
    values = [str(i) for i in items]
    return ", ".join(values[:limit]) + (" ..." if len(values) > limit else "")


def read_records(path: Path, *, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """The documented columns (plus ``extra``) of every data row, as text."""
    if not path.is_file():
        raise InputError(NOT_FOUND.format(path=path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        byte = error.object[error.start]
        raise InputError(NOT_UTF8.format(path=path, byte=byte, position=error.start)) from None
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    required = INPUT_COLUMNS + extra
    if header is None:
        raise InputError(NO_HEADER.format(path=path, expected=", ".join(required)))
    names = [h.strip() for h in header]
    wanted = required + tuple(c for c in OPTIONAL_COLUMNS if c in names and c not in required)
    missing = [c for c in required if c not in names]
    if missing:
        raise InputError(
            MISSING_COLUMNS.format(
                path=path, missing=", ".join(missing), expected=", ".join(required)
            )
        )
    index = [names.index(c) for c in wanted]
    rows = [[row[i].strip() if i < len(row) else "" for i in index] for row in reader if row]
    frame = pd.DataFrame(rows, columns=list(wanted), dtype=object)
    _check_ids(frame, path)
    return frame


def _check_ids(frame: pd.DataFrame, path: Path) -> None:
    ids = frame["record_id"]
    empty = ids.index[ids == ""]
    if len(empty):
        raise InputError(EMPTY_IDS.format(lines=_lines(i + 2 for i in empty), path=path))
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
