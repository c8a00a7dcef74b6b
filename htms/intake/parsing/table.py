"""A manifest file as a table: its column headings and its data rows, read lazily.

Title rows above the headings are recognised and reported, blank rows are skipped and counted,
empty or repeated headings get unique names, and a row longer than the headings keeps its extra
cells under "Column N": nothing in the file is silently dropped.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import BinaryIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from htms.intake.fields import heading_field
from htms.intake.parsing.limits import RowCounter, UploadLimits, check_archive
from htms.intake.parsing.scan import FileProblem, FileScan
from htms.intake.parsing.text import csv_rows
from htms.intake.parsing.xlsx import XlsxSheet

HEADER_SEARCH_ROWS = 20
NO_HEADINGS = gettext_lazy(
    "No row of column headings was found in the first rows of the file. The list needs a row "
    "of headings such as Name, Passport No, CNIC, Date of birth."
)
NO_ROWS = gettext_lazy("The file has column headings but no rows under them.")

RawRows = Iterator[tuple[int, list[str], list[str]]]


@dataclass
class TableRow:
    number: int
    values: dict[str, str]
    notes: list[str]


@dataclass
class Table:
    headers: list[str]
    notes: list[str]
    _rows: RawRows
    blank_rows: int = 0
    data_rows: int = 0
    _extra: list[str] = field(default_factory=list)

    def rows(self) -> Iterator[TableRow]:
        for number, cells, notes in self._rows:
            if not any(cells):
                self.blank_rows += 1
                continue
            self.data_rows += 1
            yield TableRow(number, self._values(cells), notes)
        if self.blank_rows:
            self.notes.append(
                ngettext(
                    "%(count)d empty row was skipped.",
                    "%(count)d empty rows were skipped.",
                    self.blank_rows,
                )
                % {"count": self.blank_rows}
            )
        if not self.data_rows:
            raise FileProblem(NO_ROWS)

    def _values(self, cells: list[str]) -> dict[str, str]:
        values = dict(zip(self.headers, cells, strict=False))
        for i in range(len(self.headers), len(cells)):
            if cells[i]:
                values[_("Column %d") % (i + 1)] = cells[i]
        return values


def _score(cells: list[str], known: Callable[[str], str]) -> int:
    return len({known(c) for c in cells if c} - {""})


def _unique_headers(cells: list[str]) -> list[str]:
    headers: list[str] = []
    for i, cell in enumerate(cells):
        name = cell or _("Column %d") % (i + 1)
        candidate, n = name, 2
        while candidate in headers:
            candidate, n = f"{name} ({n})", n + 1
        headers.append(candidate)
    while headers and headers[-1].startswith(_("Column %d") % len(headers)):
        headers.pop()
    return headers


def _find_headings(
    first: list[tuple[int, list[str], list[str]]], known: Callable[[str], str]
) -> int:
    """Index of the heading row: the first naming two known fields, else the first row with
    two different non-empty cells."""
    for i, (_n, cells, _notes) in enumerate(first):
        if _score(cells, known) >= 2:
            return i
    for i, (_n, cells, _notes) in enumerate(first):
        if len({c for c in cells if c}) >= 2:
            return i
    raise FileProblem(NO_HEADINGS)


def _title_note(above: list[tuple[int, list[str], list[str]]]) -> str:
    texts = [" ".join(dict.fromkeys(c for c in cells if c)) for _n, cells, _notes in above]
    texts = [t for t in texts if t]
    if not texts:
        return ""
    return _("Rows above the column headings were read as a title and not imported: %s") % (
        " / ".join(f"“{t}”" for t in texts)
    )


def _counted(raw: RawRows, counter: RowCounter) -> RawRows:
    for row in raw:
        counter.count(row[0], row[1])
        yield row


def open_table(
    stream: BinaryIO,
    scan: FileScan,
    limits: UploadLimits | None = None,
    *,
    known: Callable[[str], str] = heading_field,
) -> Table:
    """The table in the file, ready to iterate once. Raises FileProblem for an unreadable one,
    or one past the limits (by default those of the settings), as soon as it is seen.
    ``known`` names the field a heading stands for (a manifest's by default; a ledger's for
    ledgers), to tell the row of headings from title rows above it."""
    limits = limits or UploadLimits.from_settings()
    notes = list(scan.notes)
    if scan.kind == "xlsx":
        check_archive(stream, limits)
        sheet = XlsxSheet(stream)
        notes.extend(sheet.notes)
        raw: RawRows = sheet.rows()
    else:
        raw = csv_rows(stream, scan.encoding)
    raw = _counted(raw, RowCounter(limits))
    first: list[tuple[int, list[str], list[str]]] = []
    for row in raw:
        first.append(row)
        if len(first) >= HEADER_SEARCH_ROWS:
            break
    index = _find_headings(first, known)
    title = _title_note(first[:index])
    if title:
        notes.append(title)
    headers = _unique_headers(first[index][1])
    return Table(headers, notes, chain(first[index + 1 :], raw))
