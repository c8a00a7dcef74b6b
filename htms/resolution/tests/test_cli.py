"""``htms resolve`` and ``htms evaluate_resolution``: file in, file out, no database."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from htms.resolution.noise import noisy_register

HEADER = "record_id,full_name,father_name,dob,sex,cnic,passport,phone,nationality,district"
ROWS = [
    "A1,Muhammad Imran Butt,Ghulam Rasool,1984-03-12,M,35202-1234567-1,,0300-1234567,PK,PB-LAHORE",
    "A2,Mohd Imran Bhat,Ghulam Rasul,12/03/1984,M,3520212345671,,+92 300 1234567,PK,PB-LAHORE",
    "A3,محمد عمران بٹ,غلام رسول,1984,M,35202-1234567-1,,,PK,",
    "B1,Sajida Bibi,Muhammad Akram,2007-05-01,F,,,,PK,PB-KASUR",
    "E1,,,,,,,,,",
    "O1,12345 ☺ <script>,,not a date,Q,abc,??,phone,ZZZ,nowhere",
    "O2,Short row",
    "O3," + "Khan " * 60 + ",,,,,,,,,extra,fields",
]


def _write(tmp_path: Path, lines: list[str], name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _clusters(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as f:
        return {row["record_id"]: row["cluster_id"] for row in csv.DictReader(f)}


def test_it_writes_a_cluster_for_every_row_even_empty_or_odd_ones(tmp_path: Path) -> None:
    source, out = _write(tmp_path, [HEADER, *ROWS]), tmp_path / "out.csv"
    call_command("resolve", input=str(source), output=str(out))
    clusters = _clusters(out)
    assert list(clusters) == [row.split(",")[0] for row in ROWS]
    assert clusters["A1"] == clusters["A2"] == clusters["A3"] == "A1"
    assert clusters["B1"] == "B1"
    assert {clusters[r] for r in ("E1", "O1", "O2", "O3")} == {"E1", "O1", "O2", "O3"}


def test_it_ignores_extra_columns_in_any_order(tmp_path: Path) -> None:
    header = "note,record_id,full_name,father_name,dob,sex,cnic,passport,phone,nationality,district"
    lines = [header, *("x," + row for row in ROWS[:4])]
    source, out = _write(tmp_path, lines), tmp_path / "out.csv"
    call_command("resolve", input=str(source), output=str(out))
    assert _clusters(out) == {"A1": "A1", "A2": "A1", "A3": "A1", "B1": "B1"}


def test_it_names_the_missing_columns(tmp_path: Path) -> None:
    source = _write(tmp_path, ["record_id,full_name,dob", "1,Ali Khan,1990"])
    with pytest.raises(CommandError, match="lacks the column.s. father_name, sex, cnic"):
        call_command("resolve", input=str(source), output=str(tmp_path / "out.csv"))


def test_it_refuses_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes((HEADER + "\n1,José Khan,,,,,,,,\n").encode("latin-1"))
    with pytest.raises(CommandError, match="is not UTF-8 text .byte 0xe9"):
        call_command("resolve", input=str(source), output=str(tmp_path / "out.csv"))


def test_it_refuses_rows_without_their_own_record_id(tmp_path: Path) -> None:
    missing = _write(tmp_path, [HEADER, "1,Ali,,,,,,,,", ",Bilal,,,,,,,,"], "a.csv")
    with pytest.raises(CommandError, match="Rows 3 of .* have no record_id"):
        call_command("resolve", input=str(missing), output=str(tmp_path / "out.csv"))
    twice = _write(tmp_path, [HEADER, "1,Ali,,,,,,,,", "1,Bilal,,,,,,,,"], "b.csv")
    with pytest.raises(CommandError, match="record_id 1 appear more than once"):
        call_command("resolve", input=str(twice), output=str(tmp_path / "out.csv"))


def test_it_reports_evaluation_measures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labelled = [HEADER + ",person", *(row + "," + row[0] for row in ROWS[:4])]
    source = _write(tmp_path, labelled)
    call_command("evaluate_resolution", input=str(source), truth_column="person")
    report = capsys.readouterr().out
    assert "| pairwise precision | 1.0000 |" in report
    assert "| pairwise recall | 1.0000 |" in report
    assert "| blocking recall | 1.0000 |" in report


def test_it_runs_without_any_database(tmp_path: Path) -> None:
    """The installed ``htms`` script, pointed at a database that does not exist."""
    source, out = _write(tmp_path, [HEADER, *ROWS[:4]]), tmp_path / "out.csv"
    env = {**os.environ, "DATABASE_URL": "postgresql://nobody:none@127.0.0.1:9/nothing"}
    script = Path(sys.executable).parent / "htms"
    done = subprocess.run(  # noqa: S603
        [str(script), "resolve", "--input", str(source), "--output", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(_clusters(out)) == 4


def test_it_keeps_a_name_with_a_line_separator_in_one_row(tmp_path: Path) -> None:
    """U+2028 (and U+2029, form feed) split "lines" for ``str.splitlines``, never CSV rows."""
    lines = [
        HEADER,
        "L1,Ali\u2028Raza,Akram\u2029Khan,1990,M,,,,PK,",
        '"L2","Sajida\nBibi",,,F,,,,,',
    ]
    source, out = _write(tmp_path, lines), tmp_path / "out.csv"
    call_command("resolve", input=str(source), output=str(out), strict=True)
    assert list(_clusters(out)) == ["L1", "L2"]


def test_it_reports_rows_with_the_wrong_number_of_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = _write(tmp_path, [HEADER, *ROWS]), tmp_path / "out.csv"
    call_command("resolve", input=str(source), output=str(out))
    warning = capsys.readouterr().err
    assert "2 row(s) of" in warning
    assert "(lines 8, 9)" in warning
    assert "read with missing fields empty" in warning
    assert len(_clusters(out)) == len(ROWS)


def test_it_refuses_rows_with_the_wrong_number_of_fields_when_strict(tmp_path: Path) -> None:
    source, out = _write(tmp_path, [HEADER, *ROWS]), tmp_path / "out.csv"
    with pytest.raises(CommandError, match=r"2 row\(s\) of .* \(lines 8, 9\).*Nothing was"):
        call_command("resolve", input=str(source), output=str(out), strict=True)
    assert not out.exists()


def test_it_resolves_a_large_file_without_identity_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1,000 records or more are trained on the file; no two share a CNIC or passport, so the
    prior cannot be learned (it used to come out as 0: "math domain error")."""
    frame = noisy_register(records=1200, seed=3).drop(columns=["true_id"])
    frame[["cnic", "passport", "phone"]] = ""
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    frame.to_csv(source, index=False, encoding="utf-8")
    call_command("resolve", input=str(source), output=str(out))
    report = capsys.readouterr().out
    assert "No two records share a CNIC or passport number" in report
    clusters = _clusters(out)
    assert len(clusters) == 1200
    assert len(set(clusters.values())) < 1000
