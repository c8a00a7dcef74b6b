"""Column mapping: suggested once from the headings, kept per source, renamed columns found."""

import pytest
from django.core.exceptions import ValidationError

from htms.accounts.models import User
from htms.intake.fields import mapping_problems, suggest_mapping
from htms.intake.models import ManifestSource
from htms.intake.services.manifests import (
    manifest_mapping,
    manifest_mapping_problems,
    manifest_mapping_save,
)
from htms.intake.tests.conftest import csv_bytes, upload

pytestmark = pytest.mark.django_db


def test_it_suggests_fields_from_english_and_urdu_headings() -> None:
    mapping = suggest_mapping(["S.No", "NAME", "F/Name", "PP No.", "CNIC #", "D.O.B", "تاریخ"])
    assert mapping == {
        "full_name": "NAME",
        "father_name": "F/Name",
        "passport": "PP No.",
        "cnic": "CNIC #",
        "birth_date": "D.O.B",
        "occurred_on": "تاریخ",
    }


def test_it_finds_a_renamed_column_close_to_a_known_heading() -> None:
    mapping = suggest_mapping(["Name", "Passport Number (PP)"], {"passport": "Passport No"})
    assert mapping["passport"] == "Passport Number (PP)"


def test_it_names_each_missing_or_renamed_column() -> None:
    problems = mapping_problems(
        {"full_name": "Name", "passport": "Passport No"},
        ["Name", "Passport Number"],
        kind="deported",
        has_date=False,
        has_country=True,
    )
    assert "“Passport No”" in problems["passport"]
    assert "date" in problems["occurred_on"]
    problems = mapping_problems({}, ["X"], kind="deported", has_date=True, has_country=False)
    assert set(problems) == {"full_name", "deporting_country"}


def test_it_keeps_the_mapping_on_the_source_for_the_next_file(
    ivan: User, oman_source: ManifestSource
) -> None:
    first = upload(ivan, oman_source, csv_bytes("Naam,Pasport,Tarikh", "Ali,AB1234567,12/10/2026"))
    assert manifest_mapping_problems(first)  # nothing confirmed yet
    manifest_mapping_save(
        actor=ivan,
        manifest_id=first.pk,
        mapping={"full_name": "Naam", "passport": "Pasport", "occurred_on": "Tarikh"},
        day_first=True,
    )
    second = upload(
        ivan, oman_source, csv_bytes("Naam,Pasport,Tarikh", "Bilal,AB7654321,13/10/2026")
    )
    assert manifest_mapping_problems(second) == {}
    assert manifest_mapping(second)["full_name"] == "Naam"


def test_it_refuses_a_mapping_to_a_column_the_file_lacks_or_used_twice(
    ivan: User, oman_source: ManifestSource
) -> None:
    manifest = upload(ivan, oman_source, csv_bytes("Name,CNIC", "Ali,35202-1234567-1"))
    with pytest.raises(ValidationError) as exc:
        manifest_mapping_save(
            actor=ivan,
            manifest_id=manifest.pk,
            mapping={"full_name": "Name", "father_name": "Name", "cnic": "NIC"},
            day_first=True,
        )
    assert "chosen for two fields" in exc.value.message_dict["father_name"][0]
    assert "not a column" in exc.value.message_dict["cnic"][0]
