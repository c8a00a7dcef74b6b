"""Limits on uploaded lists: crafted files (a shared-strings bomb, a million-row sheet, a huge
cell) are refused with a plain message while they are read, before openpyxl holds them."""

import io
import os
import zipfile
from collections.abc import Iterator
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest
from django.utils import translation

from htms.intake.parsing import FileProblem, open_table, scan_file
from htms.intake.parsing.limits import UploadLimits


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The messages are asserted in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HEADINGS = (
    b'<row><c t="inlineStr"><is><t>Name</t></is></c>'
    b'<c t="inlineStr"><is><t>Passport No</t></is></c></row>'
)
ROW = b'<row><c t="inlineStr"><is><t>Ali Raza</t></is></c><c><v>1234567</v></c></row>'


def _workbook(**members: bytes) -> io.BytesIO:
    """A workbook saved by openpyxl with members replaced or added, as an attacker would."""
    wb = openpyxl.Workbook()
    wb.active.append(["Name", "Passport No"])
    wb.active.append(["Ali Raza", "AB1234567"])
    plain = io.BytesIO()
    wb.save(plain)
    crafted = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as dst:
        names = {n.replace("/", "_").replace(".", "_"): n for n in src.namelist()}
        for key, name in names.items():
            dst.writestr(name, members.pop(key, None) or src.read(name))
        for key, data in members.items():  # openpyxl writes no shared strings of its own
            dst.writestr(key.replace("_xml", ".xml").replace("_", "/", 1), data)
    crafted.seek(0)
    return crafted


def _sheet(rows: int) -> bytes:
    data = HEADINGS + ROW * rows
    return b"<worksheet " + MAIN + b"><sheetData>" + data + b"</sheetData></worksheet>"


def _read(stream: io.BytesIO, limits: UploadLimits | None = None) -> int:
    table = open_table(stream, scan_file(stream), limits)
    return sum(1 for _row in table.rows())


def _limits(**changes: int) -> UploadLimits:
    return UploadLimits(**{**UploadLimits.from_settings().__dict__, **changes})


def test_it_reads_a_workbook_within_the_limits() -> None:
    assert _read(_workbook()) == 1


def test_it_refuses_a_shared_strings_bomb_before_parsing_it() -> None:
    bomb = b"<sst " + MAIN + b"><si><t>" + b"A" * 60_000_000 + b"</t></si></sst>"
    stream = _workbook(xl_sharedStrings_xml=bomb)
    assert len(stream.getvalue()) < 200_000
    with pytest.raises(FileProblem, match="unpacks to more than"):
        _read(stream)


def test_it_refuses_a_workbook_that_unpacks_to_more_than_the_limit() -> None:
    noise = os.urandom(3_000_000).hex().encode()  # does not compress: only the total is too big
    stream = _workbook(docProps_app_xml=noise)
    with pytest.raises(FileProblem, match="unpacks to more than 4.0 MB"):
        _read(stream, _limits(unzipped_bytes=4 * 1024 * 1024))


def test_it_counts_shared_strings_before_openpyxl_loads_them() -> None:
    strings = b"".join(b"<si><t>name %d</t></si>" % i for i in range(11))
    stream = _workbook(xl_sharedStrings_xml=b"<sst " + MAIN + b">" + strings + b"</sst>")
    with pytest.raises(FileProblem, match="more than 10 different texts"):
        _read(stream, _limits(shared_strings=10))


def test_it_refuses_a_million_row_sheet_by_its_archive_alone() -> None:
    stream = _workbook(xl_worksheets_sheet1_xml=_sheet(1_000_000))
    with pytest.raises(FileProblem, match="unpacks to more than"):
        _read(stream)


def test_it_stops_reading_a_million_row_sheet_at_the_row_limit() -> None:
    stream = _workbook(xl_worksheets_sheet1_xml=_sheet(1_000_000))
    with pytest.raises(FileProblem, match="more than 1000 rows"):
        _read(stream, _limits(rows=1000, zip_ratio=10**6))


def test_it_stops_reading_a_million_row_csv_at_the_row_limit(settings: Any) -> None:
    settings.HTMS_UPLOAD_MAX_ROWS = 5000
    stream = io.BytesIO(b"Name,Passport No\r\n" + b"Ali Raza,AB1234567\r\n" * 1_000_000)
    with pytest.raises(FileProblem, match="more than 5000 rows"):
        _read(stream)


def test_it_refuses_a_list_with_too_many_cells() -> None:
    stream = io.BytesIO(b"Name,Passport No\r\n" + b"Ali Raza,AB1234567\r\n" * 30)
    with pytest.raises(FileProblem, match="more than 50 cells"):
        _read(stream, _limits(cells=50))


def test_it_names_the_cell_that_is_too_long() -> None:
    stream = io.BytesIO(b"Name,Passport No\r\nAli Raza,AB1234567\r\n" + b"A" * 5000 + b",x\r\n")
    with pytest.raises(FileProblem, match="Column 1 of row 3 holds 5000 characters"):
        _read(stream)


def test_it_stops_hashing_a_file_past_the_size_limit() -> None:
    stream = io.BytesIO(b"Name,Passport No\r\n" + b"Ali Raza,AB1234567\r\n" * 100_000)
    with pytest.raises(FileProblem, match="larger than 1.0 MB"):
        scan_file(stream, max_bytes=1024 * 1024)
