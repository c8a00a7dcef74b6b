"""Reading XLSX workbooks: merged cells, formulas, dates and numbers as Excel stores them."""

import io
import zipfile
from datetime import datetime

import openpyxl  # type: ignore[import-untyped]
import pytest

from htms.intake.parsing import FileProblem, open_table, scan_file
from htms.intake.parsing.table import Table


def _workbook() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Deportees"
    ws["A1"] = "DEPORTATION LIST — ROYAL OMAN POLICE"
    ws.merge_cells("A1:F1")
    ws.append(["Name", "Father Name", "CNIC", "Date of Birth", "Deportation Date", "Flight"])
    born = datetime(1990, 3, 12)  # noqa: DTZ001 - Excel dates are naive
    ws.append(["Ali Raza", "Akram", 3520212345671, born, "12/10/2026", "WY 323"])
    ws.append(["Bilal", "Aslam", "35202-1234567-3", "1985", None, None])
    ws.append(["Sajid", "Rasheed", None, "03/1985", None, None])
    ws.merge_cells("E3:E5")  # one deportation date for the three rows
    ws.merge_cells("F3:F5")
    return wb


def _table(wb: openpyxl.Workbook) -> tuple[Table, list[dict[str, str]]]:
    stream = io.BytesIO()
    wb.save(stream)
    scan = scan_file(stream)
    assert scan.kind == "xlsx"
    table = open_table(stream, scan)
    return table, [r.values for r in table.rows()]


def test_it_finds_the_headings_under_a_merged_title() -> None:
    table, rows = _table(_workbook())
    assert table.headers[:3] == ["Name", "Father Name", "CNIC"]
    assert any("DEPORTATION LIST" in n for n in table.notes)
    assert any("A1:F1" in n and "one cell" in n for n in table.notes)


def test_it_applies_a_value_merged_down_a_column_to_each_row_and_says_so() -> None:
    table, rows = _table(_workbook())
    assert [r["Deportation Date"] for r in rows] == ["12/10/2026"] * 3
    assert [r["Flight"] for r in rows] == ["WY 323"] * 3
    assert any("E3:E5" in n for n in table.notes)


def test_it_writes_numbers_without_decimals_and_dates_as_iso() -> None:
    _table_, rows = _table(_workbook())
    assert rows[0]["CNIC"] == "3520212345671"
    assert rows[0]["Date of Birth"] == "1990-03-12"


def test_it_uses_link_text_or_the_cached_value_of_a_formula() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Name", "Father Name", "CNIC"])
    ws.append(['=HYPERLINK("http://example.org","Ali Raza")', "=B1&B1", "35202-1234567-1"])
    table, rows = _table(wb)
    assert rows[0]["Name"] == "Ali Raza"
    # openpyxl stores no computed value: the formula stays, and the row's check reports it.
    assert rows[0]["Father Name"] == "=B1&B1"


def test_it_reads_the_value_excel_computed_for_a_formula() -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["Name", "Father Name"])
    wb.active.append(["=A5", "Akram"])
    stream = io.BytesIO()
    wb.save(stream)
    # Put a computed value in the cell, as Excel does when it saves.
    patched = io.BytesIO()
    with zipfile.ZipFile(stream) as src, zipfile.ZipFile(patched, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b'<c r="A2"><f>A5</f><v /></c>',
                    b'<c r="A2" t="str"><f>A5</f><v>Ali Raza</v></c>',
                )
            dst.writestr(item, data)
    scan = scan_file(patched)
    table = open_table(patched, scan)
    row = next(table.rows())
    assert row.values["Name"] == "Ali Raza"
    assert any("formula" in n for n in row.notes)


def test_it_reads_only_the_first_sheet_and_says_which_were_left() -> None:
    wb = _workbook()
    wb.create_sheet("Women")
    table, _rows = _table(wb)
    assert any("“Women”" in n for n in table.notes)


def test_it_refuses_a_zip_that_is_not_a_workbook() -> None:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(FileProblem, match="not an Excel workbook"):
        open_table(stream, scan_file(stream))
