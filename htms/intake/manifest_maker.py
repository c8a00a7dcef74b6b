"""Realistic synthetic manifests: deportation lists as a foreign police force sends them.

Deterministic from a seed. The people come from ``htms.synthetic.people`` (Pakistani names in
Latin and Urdu script, valid CNICs and passports); the lists carry the faults real ones do: a
title row, names in Urdu only, some people with a CNIC, some with a passport only, dates in
several formats, and a few bad rows (no name, a CNIC with a digit missing, a CNIC the
spreadsheet turned into 3.52021E+12, a month-first date, a formula, a row listed twice).

Rows are produced one at a time, so a 50,000-row file is written in constant memory.
"""

import csv
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import BinaryIO

import openpyxl  # type: ignore[import-untyped]

from htms.synthetic.people import PeopleMaker
from htms.synthetic.records import Catalogue, DistrictInfo, SynPerson

HEADERS = [
    "S.No",
    "Name",
    "Father Name",
    "Passport No",
    "CNIC",
    "Date of Birth",
    "Gender",
    "Nationality",
    "Home District",
    "Deportation Date",
    "Flight No",
    "Reason",
]
DISTRICTS_CSV = Path(__file__).resolve().parent.parent / "reference" / "data" / "districts.csv"
# Where deportees from Oman come from: the Punjab source districts and the Makran coast.
OMAN_SOURCE_DISTRICTS = (
    ("PB-GUJRAT", 6),
    ("PB-GUJRANWALA", 6),
    ("PB-SIALKOT", 5),
    ("PB-MBDIN", 4),
    ("PB-JHELUM", 2),
    ("PB-DGKHAN", 2),
    ("BA-KECH", 4),
    ("BA-GWADAR", 3),
    ("BA-PANJGUR", 2),
    ("KP-PESHAWAR", 1),
    ("SD-KARACHI-W", 1),
)
REASONS = (
    ("Overstay", 5),
    ("Illegal entry by sea", 4),
    ("Absconding from sponsor", 3),
    ("Working without permit", 2),
    ("Criminal case", 1),
    ("", 2),
)
BAD_KINDS = ("no_name", "short_cnic", "excel_cnic", "month_first", "formula", "future_dob")


@dataclass
class ManifestSpec:
    rows: int = 500
    seed: int = 1
    country: str = "Oman"
    flight: str = "WY 323"
    on: date = field(default_factory=lambda: date(2026, 10, 12))
    bad_share: float = 0.03
    duplicate_share: float = 0.01
    urdu_share: float = 0.05


def _districts() -> dict[str, DistrictInfo]:
    with DISTRICTS_CSV.open(encoding="utf-8") as f:
        return {
            r["code"]: DistrictInfo(
                r["code"], r["name"], r["province"], r["is_known_source"] == "1"
            )
            for r in csv.DictReader(f)
        }


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    values = [v for v, _w in weighted]
    return rng.choices(values, [w for _v, w in weighted])[0]


class ManifestMaker:
    """Makes the rows of one synthetic deportation list."""

    def __init__(self, spec: ManifestSpec) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed)  # noqa: S311 - synthetic data
        districts = _districts()
        self.districts = {c: districts[c] for c, _w in OMAN_SOURCE_DISTRICTS if c in districts}
        catalogue = Catalogue(
            statutes={},
            districts=tuple(districts.values()),
            units=(),
            courts=(),
            terms={},
            countries=frozenset({"PK"}),
        )
        self.people = PeopleMaker(self.rng, catalogue)

    def persons(self) -> Iterator[SynPerson]:
        rng = self.rng
        weighted = tuple((c, w) for c, w in OMAN_SOURCE_DISTRICTS if c in self.districts)
        for key in range(self.spec.rows):
            district = self.districts[_pick(rng, weighted)]
            age = (
                rng.choice((14, 16, 17)) if rng.random() < 0.03 else int(rng.triangular(19, 62, 36))
            )
            sex = "F" if rng.random() < 0.04 else "M"
            yield self.people.person(
                key=key, sex=sex, age=age, on=self.spec.on, district=district, passport=True
            )

    def rows(self) -> Iterator[list[str]]:
        """The data rows, without headings."""
        previous: list[str] | None = None
        for number, person in enumerate(self.persons(), 1):
            if previous is not None and self.rng.random() < self.spec.duplicate_share:
                yield [str(number), *previous[1:]]
                continue
            row = self._row(number, person)
            if self.rng.random() < self.spec.bad_share:
                self._spoil(row, person)
            previous = row
            yield row

    def _row(self, number: int, p: SynPerson) -> list[str]:
        rng, spec = self.rng, self.spec
        urdu = rng.random() < spec.urdu_share
        cnic = p.cnic if p.cnic and rng.random() < 0.7 else ""
        passport = p.passport if not cnic or rng.random() < 0.8 else ""
        if not cnic and not passport:
            passport = p.passport or self.people.passport(pakistani=True)
        return [
            str(number),
            p.full_name_ur if urdu else p.full_name.upper(),
            p.father_name_ur if urdu else p.father_name,
            passport,
            f"{cnic[:5]}-{cnic[5:12]}-{cnic[12:]}" if cnic and rng.random() < 0.6 else cnic,
            self._date(p.birth_date, p.birth_date_precision) if p.birth_date else "",
            {"M": "Male", "F": "Female"}.get(p.sex, ""),
            rng.choice(("Pakistani", "PAKISTAN", "PAK")),
            self.districts.get(p.district_code, DistrictInfo("", "", "", False)).name,
            spec.on.strftime("%d/%m/%Y"),
            spec.flight,
            _pick(rng, REASONS),
        ]

    def _date(self, born: date, precision: str) -> str:
        if precision == "year":
            return str(born.year)
        style = self.rng.random()
        if style < 0.6:
            return born.strftime("%d/%m/%Y")
        if style < 0.8:
            return born.strftime("%d-%b-%Y").upper()
        return born.isoformat()

    def _spoil(self, row: list[str], p: SynPerson) -> None:
        kind = self.rng.choice(BAD_KINDS)
        if kind == "no_name":
            row[1] = ""
        elif kind == "short_cnic":
            row[4] = (p.cnic or "3520212345671")[:-1]
        elif kind == "excel_cnic":
            row[4] = f"{int(p.cnic or '3520212345671') / 1e12:.5f}E+12"
        elif kind == "month_first" and p.birth_date:
            row[5] = f"{p.birth_date.month:02d}/{max(p.birth_date.day, 13)}/{p.birth_date.year}"
        elif kind == "formula":
            row[2] = "=B2&C2"
        else:
            row[5] = (self.spec.on + timedelta(days=400)).strftime("%d/%m/%Y")


def _title(spec: ManifestSpec) -> str:
    return f"LIST OF PAKISTANI NATIONALS DEPORTED FROM {spec.country.upper()} — {spec.on:%d.%m.%Y}"


def write_csv(spec: ManifestSpec, stream: BinaryIO, *, encoding: str = "utf-8-sig") -> None:
    """Writes the list as CSV, one row at a time, under a title row."""
    text = io.TextIOWrapper(stream, encoding=encoding, newline="", errors="replace")
    try:
        writer = csv.writer(text)
        writer.writerow([_title(spec)])
        writer.writerow(HEADERS)
        writer.writerows(ManifestMaker(spec).rows())
    finally:
        text.flush()
        text.detach()


def write_xlsx(spec: ManifestSpec, stream: BinaryIO | Path) -> None:
    """Writes the list as XLSX (write-only mode: constant memory), with a merged title row."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Deportees")
    sheet.append([_title(spec)])
    sheet.merged_cells.ranges.add(f"A1:{chr(ord('A') + len(HEADERS) - 1)}1")
    sheet.append(HEADERS)
    for row in ManifestMaker(spec).rows():
        sheet.append(row)
    workbook.save(stream)


def manifest_bytes(spec: ManifestSpec, *, kind: str = "csv", encoding: str = "utf-8-sig") -> bytes:
    buffer = io.BytesIO()
    if kind == "xlsx":
        write_xlsx(spec, buffer)
    else:
        write_csv(spec, buffer, encoding=encoding)
    return buffer.getvalue()
