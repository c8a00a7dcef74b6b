"""Rows as real lists write them: Urdu names, mixed date formats, numbers Excel mangled,
formulas; and the exports that must not run a formula when opened."""

import pytest

from htms.accounts.models import User
from htms.intake.export import rows_csv
from htms.intake.models import ManifestSource, RowStatus
from htms.intake.tests.conftest import csv_bytes, import_all, upload

pytestmark = pytest.mark.django_db

HEAD = "Name,Father Name,CNIC,Passport No,Date of Birth,Gender,Nationality,Home District,Date"


def test_urdu_names_mixed_dates_and_districts_are_read(
    ivan: User, oman_source: ManifestSource
) -> None:
    data = csv_bytes(
        HEAD,
        "علی رضا,محمد اکرم,,AB1234567,12/03/1990,مرد,پاکستانی,Gujrat,12-OCT-26",
        "Bilal s/o Aslam,,,AB1234568,1985,M,PAK,District Sialkot,2026-10-12",
        "Sajid,Rasheed,,AB1234569,03/1988,Male,Pakistani,Chak 45,12 Oct 2026",
    )
    manifest = upload(ivan, oman_source, data)
    import_all(ivan, manifest)
    rows = {r.number: r for r in manifest.rows.select_related("border_event__person")}
    assert all(r.status == RowStatus.IMPORTED for r in rows.values()), {
        n: r.errors for n, r in rows.items()
    }
    urdu = rows[2].border_event.person
    assert (urdu.full_name, urdu.full_name_ur, urdu.father_name_ur) == ("", "علی رضا", "محمد اکرم")
    assert urdu.sex == "M" and urdu.nationality.code == "PK"
    assert urdu.addresses.get().district.code == "PB-GUJRAT"
    bilal = rows[3].border_event.person
    assert (bilal.full_name, bilal.relation, bilal.father_name) == ("Bilal", "s/o", "Aslam")
    assert bilal.birth_date_precision == "year"
    assert bilal.addresses.get().district.code == "PB-SIALKOT"
    sajid = rows[4].border_event.person
    assert sajid.birth_date_precision == "month"
    assert sajid.addresses.get().text == "Chak 45"  # an unknown district is kept as text


def test_numbers_excel_mangled_are_refused_with_the_reason(
    ivan: User, oman_source: ManifestSource
) -> None:
    data = csv_bytes(HEAD, "Ali,Akram,3.52021E+12,,1990,M,,,", "#REF!,Akram,,,1990,M,,,")
    manifest = upload(ivan, oman_source, data)
    import_all(ivan, manifest)
    mangled, broken = manifest.rows.order_by("number")
    assert mangled.status == broken.status == RowStatus.INVALID
    assert "its last digits are lost" in mangled.errors["cnic"][0]
    assert "spreadsheet formula (#REF!)" in broken.errors["full_name"][0]


def test_the_correction_queue_export_does_not_run_formulas(
    ivan: User, oman_source: ManifestSource
) -> None:
    manifest = upload(ivan, oman_source, csv_bytes(HEAD, "Ali,=B2&C2,,AB1234567,1990,M,,,"))
    import_all(ivan, manifest)
    mapping = manifest.source.mapping
    text = "".join(rows_csv(manifest.rows.all(), manifest.headers, mapping=mapping, visible=True))
    assert "'=B2&C2" in text
    assert ",=B2&C2" not in text
    assert "spreadsheet formula" in text
