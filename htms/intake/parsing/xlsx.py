"""Reading the first sheet of an XLSX workbook row by row, in constant memory.

The workbook is opened twice in read-only mode, once for formulas and once for the values
Excel last computed, and the two are read side by side. Merged cells are read from the sheet's
XML (read-only mode does not expose them): a value merged down a column is applied to every row
of the range; cells merged across columns are read as one cell.
"""

import zipfile
from collections.abc import Iterator
from typing import Any, BinaryIO
from xml.etree.ElementTree import iterparse  # noqa: S405 - openpyxl parses the same XML

import openpyxl  # type: ignore[import-untyped]
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils.cell import get_column_letter, range_boundaries  # type: ignore[import-untyped]

from htms.intake.parsing.cells import cell_text, formula_value, is_formula
from htms.intake.parsing.scan import FileProblem

NOT_A_WORKBOOK = gettext_lazy(
    "This file looks like a ZIP archive but is not an Excel workbook that can be read. Open it "
    "in Excel, save it as “Excel Workbook (.xlsx)” and upload it again."
)
_MERGE_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"

Bounds = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row


class XlsxSheet:
    """The rows of a workbook's first sheet as lists of text, with notes on what was done."""

    def __init__(self, stream: BinaryIO) -> None:
        try:
            self._formulas = openpyxl.load_workbook(stream, read_only=True, data_only=False)
            self._values = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise FileProblem(NOT_A_WORKBOOK) from exc
        self.notes: list[str] = []
        sheets = self._formulas.worksheets
        if not sheets:
            raise FileProblem(NOT_A_WORKBOOK)
        if len(sheets) > 1:
            names = ", ".join(f"“{ws.title}”" for ws in sheets[1:])
            self.notes.append(
                _("Only the first sheet, “%(first)s”, was read; the others (%(rest)s) were not.")
                % {"first": sheets[0].title, "rest": names}
            )
        self._merged = self._merged_ranges(sheets[0])

    def _merged_ranges(self, sheet: Any) -> list[Bounds]:
        archive: zipfile.ZipFile | None = getattr(self._formulas, "_archive", None)
        path: str | None = getattr(sheet, "_worksheet_path", None)
        if archive is None or path is None:
            return []
        ranges: list[Bounds] = []
        with archive.open(path) as xml:
            for _event, element in iterparse(xml, events=("end",)):  # noqa: S314
                if element.tag == _MERGE_TAG:
                    ranges.append(range_boundaries(element.get("ref")))
                element.clear()
        for min_col, min_row, max_col, max_row in ranges:
            first = f"{get_column_letter(min_col)}{min_row}"
            last = f"{get_column_letter(max_col)}{max_row}"
            if max_row > min_row:
                self.notes.append(
                    _("Cells %(range)s were merged: the value of %(first)s was used on each row.")
                    % {"range": f"{first}:{last}", "first": first}
                )
            else:
                self.notes.append(
                    _("Cells %(range)s were merged and read as one cell.")
                    % {"range": f"{first}:{last}"}
                )
        return ranges

    def rows(self) -> Iterator[tuple[int, list[str], list[str]]]:
        """(row number, cell texts, notes) for every row of the first sheet."""
        formulas = self._formulas.worksheets[0]
        values = self._values.worksheets[0]
        down = [b for b in self._merged if b[3] > b[1]]
        carried: dict[Bounds, str] = {}
        start = formulas.min_row or 1
        pairs = zip(
            formulas.iter_rows(values_only=True), values.iter_rows(values_only=True), strict=False
        )
        try:
            for number, (raw, cached) in enumerate(pairs, start):
                notes: list[str] = []
                cells = [
                    self._cell(raw[i], cached[i] if i < len(cached) else None, number, i, notes)
                    for i in range(len(raw))
                ]
                _fill_merged(cells, number, down, carried)
                yield number, cells, notes
        finally:
            self._formulas.close()
            self._values.close()

    @staticmethod
    def _cell(raw: object, cached: object, number: int, index: int, notes: list[str]) -> str:
        text = cell_text(raw)
        if not is_formula(text):
            return text
        where = _("Cell %s") % f"{get_column_letter(index + 1)}{number}"
        value, note = formula_value(text, cached, where)
        if note:
            notes.append(note)
        return value


def _fill_merged(
    cells: list[str], number: int, down: list[Bounds], carried: dict[Bounds, str]
) -> None:
    """Applies a value merged down a column to the rows below its first cell."""
    for bounds in down:
        min_col, min_row, _max_col, max_row = bounds
        if not min_row <= number <= max_row:
            continue
        index = min_col - 1
        while len(cells) <= index:
            cells.append("")
        if number == min_row:
            carried[bounds] = cells[index]
        elif not cells[index]:
            cells[index] = carried.get(bounds, "")
