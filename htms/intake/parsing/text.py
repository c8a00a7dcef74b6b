"""Reading a CSV (or tab-separated) file row by row in the encoding the scan chose."""

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

from django.utils.translation import gettext as _

from htms.intake.parsing.cells import clean_text, formula_value, is_formula
from htms.intake.parsing.scan import FileProblem

SAMPLE_CHARS = 32_768
DELIMITERS = ",;\t|"


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        best = max(DELIMITERS, key=first.count)

        class Guessed(csv.excel):
            delimiter = best if first.count(best) else ","

        return Guessed


def _without_nul(lines: io.TextIOWrapper) -> Iterator[str]:
    for line in lines:
        yield line.replace("\x00", "")


def csv_rows(stream: BinaryIO, encoding: str) -> Iterator[tuple[int, list[str], list[str]]]:
    """(row number, cell texts, notes) for every record of the file."""
    stream.seek(0)
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    try:
        dialect = _dialect(text.read(SAMPLE_CHARS))
        text.seek(0)
        reader = csv.reader(_without_nul(text), dialect)
        number = 0
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise FileProblem(
                    _("Row %(row)d cannot be read (%(error)s). Check the file around that row.")
                    % {"row": number + 1, "error": exc}
                ) from exc
            number += 1
            notes: list[str] = []
            yield number, [_cell(value, number, i, notes) for i, value in enumerate(record)], notes
    finally:
        if not text.closed:  # a read refused half-way closes its stream before this runs
            text.detach()


def _cell(value: str, number: int, index: int, notes: list[str]) -> str:
    text = clean_text(value)
    if not is_formula(text):
        return text
    where = _("Column %(column)d of row %(row)d") % {"column": index + 1, "row": number}
    text, note = formula_value(text, None, where)
    if note:
        notes.append(note)
    return text
