"""Reading CSV files in the encodings and shapes real lists arrive in."""

import codecs
import io

import pytest

from htms.intake.parsing import FileProblem, open_table, scan_file
from htms.intake.parsing.scan import NOT_A_TABLE, OLD_EXCEL, READ_AS_CP1252

HEAD = "Name,Father Name,CNIC,DOB"
URDU_ROW = "علی رضا,محمد اکرم,35202-1234567-1,12/03/1990"


def _read(data: bytes) -> tuple[list[str], list[dict[str, str]], list[str]]:
    stream = io.BytesIO(data)
    scan = scan_file(stream)
    table = open_table(stream, scan)
    rows = [r.values for r in table.rows()]
    return table.headers, rows, table.notes


def test_it_reads_utf8_with_a_byte_order_mark_and_keeps_urdu() -> None:
    headers, rows, notes = _read(codecs.BOM_UTF8 + f"{HEAD}\n{URDU_ROW}\n".encode())
    assert headers == ["Name", "Father Name", "CNIC", "DOB"]
    assert rows[0]["Name"] == "علی رضا"
    assert notes == []


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_it_reads_utf16_with_or_without_a_byte_order_mark(codec: str) -> None:
    text = f"{HEAD}\n{URDU_ROW}\n".replace(",", "\t")  # Excel's "Unicode text" is tab-separated
    headers, rows, notes = _read(text.encode(codec))
    assert headers[0] == "Name"
    assert rows[0]["Father Name"] == "محمد اکرم"
    assert "UTF-16" in notes[0]


def test_it_falls_back_to_windows_1252_and_says_so() -> None:
    data = f"{HEAD}\nJosé Müller,Akram,35202-1234567-1,12/03/1990\n".encode("cp1252")
    _headers, rows, notes = _read(data)
    assert rows[0]["Name"] == "José Müller"
    assert str(READ_AS_CP1252) in notes


def test_it_reads_a_file_that_is_utf8_only_until_far_into_it_as_windows_1252() -> None:
    body = "".join(f"Person {i},Akram,,1990\n" for i in range(5000)).encode()
    data = HEAD.encode() + b"\n" + body + "Zoë,Akram,,1990\n".encode("cp1252")
    _headers, rows, notes = _read(data)
    assert rows[-1]["Name"] == "Zoë"
    assert str(READ_AS_CP1252) in notes


def test_it_detects_semicolons_and_skips_blank_rows_and_title_rows() -> None:
    text = "DEPORTATION LIST;;;\n;;;\nName;Father Name;CNIC;DOB\nAli;Akram;;1990\n;;;\n"
    text += "Bilal;Aslam;;1985\n"
    headers, rows, notes = _read(text.encode())
    assert headers == ["Name", "Father Name", "CNIC", "DOB"]
    assert [r["Name"] for r in rows] == ["Ali", "Bilal"]
    assert any("DEPORTATION LIST" in n for n in notes)
    assert any("1 empty row" in n for n in notes)


def test_it_keeps_extra_cells_and_names_blank_and_repeated_headings() -> None:
    headers, rows, _notes = _read(b"Name,,Name,CNIC\nAli,x,Ali Raza,,surplus\n")
    assert headers == ["Name", "Column 2", "Name (2)", "CNIC"]
    assert rows[0] == {
        "Name": "Ali",
        "Column 2": "x",
        "Name (2)": "Ali Raza",
        "CNIC": "",
        "Column 5": "surplus",
    }


def test_it_turns_a_link_formula_into_its_text_and_leaves_other_formulas_for_the_check() -> None:
    data = f'{HEAD}\n"=HYPERLINK(""http://x"",""Ali Raza"")",=B2&C2,,1990\n'.encode()
    stream = io.BytesIO(data)
    table = open_table(stream, scan_file(stream))
    row = next(table.rows())
    assert row.values["Name"] == "Ali Raza"
    assert row.values["Father Name"] == "=B2&C2"
    assert any("link formula" in n for n in row.notes)


def test_it_strips_nul_bytes_and_invisible_characters() -> None:
    _headers, rows, _notes = _read(f"{HEAD}\nAli\x00 \u200bRaza ,Akram,,1990\n".encode())
    assert rows[0]["Name"] == "Ali Raza"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, OLD_EXCEL),
        (b"%PDF-1.7\n" + b"\x00" * 100, NOT_A_TABLE),
        (b"\x00\x01\x02\x03" * 500, NOT_A_TABLE),
    ],
)
def test_it_refuses_files_that_are_not_lists_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(FileProblem) as exc:
        _read(data)
    assert exc.value.message == str(message)


def test_it_refuses_an_empty_file_and_a_file_without_headings() -> None:
    with pytest.raises(FileProblem, match="empty"):
        _read(b"")
    with pytest.raises(FileProblem, match="headings"):
        _read(b"just one cell\n\nand another\n")
    with pytest.raises(FileProblem, match="no rows"):
        _read(f"{HEAD}\n,,,\n".encode())
