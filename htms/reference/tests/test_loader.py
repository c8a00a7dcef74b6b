"""The reference data loader: every file loads, a reload changes nothing, a bad row writes nothing.

The session set-up (``htms/conftest.py``) loads the real files once; tests load them again
themselves where they rely on them, so they also run without it. Tests that change data work on
a copy of the data directory.
"""

import csv
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.utils import translation

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.reference.loader import (
    BAD_CHOICE,
    DATA_DIR,
    DUPLICATE_KEY,
    ICCS_REQUIRED,
    UNKNOWN_CODE,
    ReferenceDataError,
    reference_load,
)
from htms.reference.models import (
    Country,
    Court,
    CrimeType,
    District,
    Province,
    Statute,
    Term,
    Unit,
    UnitKind,
)

SOURCE_DISTRICTS = {
    "PB-GUJRAT",
    "PB-GUJRANWALA",
    "PB-MBDIN",
    "PB-SIALKOT",
    "PB-JHELUM",
    "AJK-MIRPUR",
    "PB-RYKHAN",
    "PB-DGKHAN",
    "PB-BAHAWALPUR",
    "PB-MUZAFFARGARH",
    "PB-MULTAN",
    "SD-THARPARKAR",
    "SD-MIRPURKHAS",
    "SD-LARKANA",
    "SD-BENAZIRABAD",
    "PB-RAJANPUR",
}
FILES = [
    "provinces.csv",
    "districts.csv",
    "countries.csv",
    "units.csv",
    "courts.csv",
    "statutes.csv",
    "terms.csv",
]
CODED_FILES = {
    "provinces.csv": Province,
    "districts.csv": District,
    "countries.csv": Country,
    "units.csv": Unit,
    "courts.csv": Court,
    "statutes.csv": Statute,
}


def _rows(filename: str) -> list[dict[str, str]]:
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append(path: Path, *lines: str) -> int:
    """Appends rows and returns the line number of the last one."""
    with path.open("a", encoding="utf-8") as handle:
        handle.writelines(f"{line}\n" for line in lines)
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.fixture
def loaded(db: None) -> None:
    reference_load()


@pytest.fixture
def data_dir(tmp_path: Path, loaded: None) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.mark.django_db
def test_it_loads_every_file() -> None:
    """Every row of every file is in the database after a load."""
    counts = reference_load()

    for filename, model in CODED_FILES.items():
        rows = _rows(filename)
        loaded = counts[filename]
        assert loaded.created + loaded.updated + loaded.unchanged == len(rows)
        codes = {row["code"] for row in rows}
        assert (
            set(model._default_manager.filter(code__in=codes).values_list("code", flat=True))
            == codes
        )
    terms = {(row["vocabulary"], row["code"]) for row in _rows("terms.csv")}
    assert set(Term.objects.values_list("vocabulary", "code")) >= terms
    assert counts["terms.csv"].unchanged + counts["terms.csv"].created == len(terms)


@pytest.mark.django_db
def test_it_is_idempotent(loaded: None) -> None:
    """A second load creates and updates nothing."""
    before = {filename: model._default_manager.count() for filename, model in CODED_FILES.items()}

    counts = reference_load()

    assert all(c.created == 0 and c.updated == 0 for c in counts.values())
    assert {f: m._default_manager.count() for f, m in CODED_FILES.items()} == before


@pytest.mark.django_db
def test_it_updates_changed_rows(data_dir: Path) -> None:
    """A changed name or foreign key updates the existing row in place."""
    _edit(data_dir / "provinces.csv", "PB,Punjab,", "PB,Punjab Province,")
    _edit(
        data_dir / "courts.csv",
        "خصوصی عدالت (مرکزی)، کراچی,,trial\n",
        "خصوصی عدالت (مرکزی)، کراچی,SD-KHI-SOUTH,trial\n",
    )
    punjab_id = Province.objects.get(code="PB").pk

    counts = reference_load(data_dir=data_dir)

    assert (counts["provinces.csv"].updated, counts["provinces.csv"].created) == (1, 0)
    assert counts["courts.csv"].updated == 1
    assert Province.objects.get(code="PB").name == "Punjab Province"
    assert Province.objects.get(code="PB").pk == punjab_id
    court = Court.objects.select_related("district").get(code="CRT-SPC-KHI")
    assert court.district is not None and court.district.code == "SD-KHI-SOUTH"


@pytest.mark.django_db
def test_it_writes_one_audit_row_per_file_with_its_counts(data_dir: Path, adam: User) -> None:
    _edit(data_dir / "provinces.csv", "PB,Punjab,", "PB,Punjab Province,")

    reference_load(data_dir=data_dir, actor=adam)

    events = list(AuditEvent.objects.order_by("-seq")[: len(FILES)])[::-1]
    assert [e.changes["file"] for e in events] == FILES
    assert {(e.actor, e.action, e.object_type) for e in events} == {
        (adam, "update", "reference_data")
    }
    assert events[0].object_id == "reference.province"
    assert events[0].changes == {
        "file": "provinces.csv",
        "created": 0,
        "updated": 1,
        "unchanged": 6,
    }


@pytest.mark.django_db
def test_it_never_deletes_rows(data_dir: Path) -> None:
    """A row dropped from a file stays in the database: cases may point at it."""
    _edit(data_dir / "terms.csv", "network_role,boat_owner,Boat owner,کشتی کا مالک,HTMS\n", "")

    counts = reference_load(data_dir=data_dir)

    assert Term.objects.filter(vocabulary="network_role", code="boat_owner").exists()
    assert counts["terms.csv"].unchanged == len(_rows("terms.csv")) - 1


@pytest.mark.django_db
def test_it_rejects_unknown_province_and_writes_nothing(data_dir: Path) -> None:
    """One bad district rolls back every earlier change of the load, in every file."""
    _edit(data_dir / "provinces.csv", "PB,Punjab,", "PB,Punjab Province,")
    line = _append(
        data_dir / "districts.csv", "PB-NEWPLACE,New Place,,PB,0", "XX-NOWHERE,Nowhere,,XX,0"
    )
    last_seq = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0

    with pytest.raises(ReferenceDataError) as raised:
        reference_load(data_dir=data_dir)

    assert raised.value.filename == "districts.csv"
    assert raised.value.line == line
    assert raised.value.problem == UNKNOWN_CODE.format(kind="province", code="XX")
    assert str(raised.value).startswith(f"districts.csv, line {line}: ")
    assert Province.objects.get(code="PB").name == "Punjab"
    assert not District.objects.filter(code="PB-NEWPLACE").exists()
    assert not AuditEvent.objects.filter(object_type="reference_data", seq__gt=last_seq).exists()


@pytest.mark.django_db
def test_it_rejects_a_bad_crime_type(data_dir: Path) -> None:
    line = _append(data_dir / "statutes.csv", "X-1,Some Act,,SA,2020,1,Something,,XYZ,,1,1,0")

    with pytest.raises(ReferenceDataError) as raised:
        reference_load(data_dir=data_dir)

    assert (raised.value.filename, raised.value.line) == ("statutes.csv", line)
    assert raised.value.problem == BAD_CHOICE.format(
        column="crime_type", value="XYZ", allowed=", ".join(CrimeType.values)
    )
    assert not Statute.objects.filter(code="X-1").exists()


@pytest.mark.django_db
def test_it_rejects_a_tip_statute_without_an_iccs_code(data_dir: Path) -> None:
    _append(data_dir / "statutes.csv", "X-2,Some Act,,SA,2020,2,Something,,TIP,,1,1,0")

    with pytest.raises(ReferenceDataError) as raised:
        reference_load(data_dir=data_dir)

    assert raised.value.problem == ICCS_REQUIRED.format(crime_type="TIP")


@pytest.mark.django_db
def test_it_rejects_a_duplicate_code(data_dir: Path) -> None:
    first = 1 + next(
        i for i, row in enumerate(_rows("countries.csv"), start=1) if row["code"] == "PK"
    )
    line = _append(data_dir / "countries.csv", "PK,PAK,Pakistan again,")

    with pytest.raises(ReferenceDataError) as raised:
        reference_load(data_dir=data_dir)

    assert (raised.value.filename, raised.value.line) == ("countries.csv", line)
    assert raised.value.problem == DUPLICATE_KEY.format(key="PK", line=first)
    assert Country.objects.get(code="PK").name == "Pakistan"


@pytest.mark.django_db
def test_it_rejects_a_value_the_model_refuses(data_dir: Path) -> None:
    """Model validation (here a too-long code) is reported with the file and line."""
    line = _append(data_dir / "courts.csv", f"{'C' * 40},A court,,,trial")

    with pytest.raises(ReferenceDataError) as raised:
        reference_load(data_dir=data_dir)

    assert (raised.value.filename, raised.value.line) == ("courts.csv", line)
    assert raised.value.problem.startswith("code: ")


@pytest.mark.django_db
def test_every_tip_and_som_statute_has_an_iccs_code(loaded: None) -> None:
    statutes = Statute.objects.filter(crime_type__in=[CrimeType.TIP, CrimeType.SOM])

    assert statutes.filter(crime_type=CrimeType.TIP).exists()
    assert statutes.filter(crime_type=CrimeType.SOM).exists()
    assert list(statutes.filter(iccs_code="").values_list("code", flat=True)) == []
    assert (
        not statutes.filter(crime_type=CrimeType.TIP).exclude(iccs_code__startswith="0204").exists()
    )
    assert set(statutes.filter(crime_type=CrimeType.SOM).values_list("iccs_code", flat=True)) == {
        "08051"
    }


@pytest.mark.django_db
def test_every_reference_row_has_its_urdu_name(loaded: None) -> None:
    """Urdu pages and PDFs print reference rows in Urdu, so no row may lack its Urdu form."""
    without_urdu = {
        "provinces": Province.objects.filter(name_ur=""),
        "districts": District.objects.filter(name_ur=""),
        "countries": Country.objects.filter(name_ur=""),
        "units": Unit.objects.filter(name_ur="").exclude(code__startswith="T-"),
        "courts": Court.objects.filter(name_ur=""),
        "statutes": Statute.objects.filter(Q(act_ur="") | Q(description_ur="")),
        "terms": Term.objects.filter(label_ur=""),
    }

    assert {
        kind: list(rows.values_list("code", flat=True)) for kind, rows in without_urdu.items()
    } == {kind: [] for kind in without_urdu}


@pytest.mark.django_db
def test_every_urdu_name_is_in_urdu_script(loaded: None) -> None:
    """An Urdu name holds no Latin letters (a slip of the English name into the Urdu column)."""
    urdu_names = [
        *Unit.objects.values_list("code", "name_ur"),
        *Court.objects.values_list("code", "name_ur"),
        *Country.objects.values_list("code", "name_ur"),
        *District.objects.values_list("code", "name_ur"),
        *Statute.objects.values_list("code", "description_ur"),
        *Term.objects.values_list("code", "label_ur"),
    ]

    assert [(code, name) for code, name in urdu_names if re.search("[A-Za-z]", name)] == []


@pytest.mark.django_db
def test_it_names_a_row_in_the_active_language(loaded: None) -> None:
    court = Court.objects.get(code="CRT-SJ-LHR")
    statute = Statute.objects.get(code="PTPA2018-3")

    with translation.override("ur"):
        assert str(court) == "عدالتِ سیشن جج، لاہور"
        assert statute.description_text == "انسانی اسمگلنگ: جرم اور اس کی سزا"
        assert str(Term.objects.get(code="hawala_operator")) == "حوالہ ہنڈی کا کاروبار کرنے والا"
    with translation.override("en"):
        assert str(court) == "Court of Sessions Judge, Lahore"
        assert statute.act_text == "Prevention of Trafficking in Persons Act, 2018"


@pytest.mark.django_db
def test_source_districts_are_flagged(loaded: None) -> None:
    flagged = set(District.objects.filter(is_known_source=True).values_list("code", flat=True))

    assert flagged == SOURCE_DISTRICTS


@pytest.mark.django_db
def test_every_circle_and_immigration_post_has_its_place(loaded: None) -> None:
    """Circles report to a zonal directorate; immigration posts say what kind of exit point."""
    fia_units = Unit.objects.filter(code__regex=r"^(AHTC|IMM|ATU|FIA)-")

    assert not fia_units.filter(kind=UnitKind.CIRCLE, zone=None).exists()
    assert not fia_units.filter(kind=UnitKind.IMMIGRATION_POST, exit_point_kind="").exists()
    assert set(
        fia_units.filter(kind=UnitKind.ZONAL_DIRECTORATE).values_list("code", flat=True)
    ) == {
        "FIA-ZONE-PB",
        "FIA-ZONE-SD",
        "FIA-ZONE-KP",
        "FIA-ZONE-BA",
        "FIA-ZONE-ICT",
    }


@pytest.mark.django_db
def test_the_command_prints_the_counts(loaded: None) -> None:
    out = StringIO()

    call_command("load_reference", stdout=out)

    assert "provinces.csv: 0 created, 0 updated, 7 unchanged" in out.getvalue()
    assert len(out.getvalue().splitlines()) == 7


@pytest.mark.django_db
def test_the_command_fails_on_a_bad_file(data_dir: Path) -> None:
    _append(data_dir / "districts.csv", "XX-NOWHERE,Nowhere,,XX,0")

    with pytest.raises(CommandError, match="Nothing was loaded. districts.csv, line"):
        call_command("load_reference", data_dir=data_dir, stdout=StringIO())
