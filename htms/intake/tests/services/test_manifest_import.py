"""Importing a manifest: every row ends imported, waiting for correction, or marked a
duplicate; nothing is dropped, and the same file twice adds nothing."""

import pytest
from django.core.exceptions import ValidationError

from htms.accounts.models import User
from htms.intake.manifest_maker import ManifestSpec, manifest_bytes
from htms.intake.models import BorderEvent, ManifestSource, RowStatus
from htms.intake.services.manifests import import_progress, manifest_upload
from htms.intake.services.rows import row_correct, row_set_aside
from htms.intake.tests.conftest import ON, csv_bytes, import_all, upload
from htms.persons.models import Person

pytestmark = pytest.mark.django_db

HEAD = "Name,Father Name,CNIC,Passport No,Date of Birth,Gender,Deportation Date"


def _statuses(manifest_id: int) -> dict[int, str]:
    from htms.intake.models import ManifestRow

    return dict(ManifestRow.objects.filter(manifest_id=manifest_id).values_list("number", "status"))


def test_it_imports_valid_rows_and_queues_invalid_ones_with_plain_errors(
    ivan: User, oman_source: ManifestSource
) -> None:
    data = csv_bytes(
        HEAD,
        "Ali Raza,Muhammad Akram,35202-1234567-1,,12/03/1990,M,12/10/2026",
        ",Aslam,,AB1234567,1985,M,12/10/2026",
        "Bilal Ahmed,Aslam,3520212345,,1985,M,12/10/2026",
        "Sajid Ali,Rasheed,,AB7654321,03/25/1990,M,12/10/2026",
        "Kamran,=B2&C2,,AB7654322,1991,M,12/10/2026",
        "Zahid,Akram,,AB7654323,12/03/1990,M,12/10/2030",
    )
    manifest = upload(ivan, oman_source, data)
    import_all(ivan, manifest)
    rows = {r.number: r for r in manifest.rows.all()}
    assert rows[2].status == RowStatus.IMPORTED
    assert "name" in rows[3].errors["full_name"][0]
    assert "13 digits" in rows[4].errors["cnic"][0]
    assert "cannot be a month" in rows[5].errors["birth_date"][0]
    assert "formula" in rows[6].errors["father_name"][0]
    assert "future" in rows[7].errors["occurred_on"][0]
    assert all(rows[n].status == RowStatus.INVALID for n in (3, 4, 5, 6, 7))
    assert BorderEvent.objects.filter(manifest=manifest).count() == 1


def test_the_same_file_uploaded_again_adds_nothing(ivan: User, oman_source: ManifestSource) -> None:
    data = csv_bytes(HEAD, "Ali Raza,Akram,35202-1234567-1,,1990,M,12/10/2026")
    manifest = upload(ivan, oman_source, data)
    import_all(ivan, manifest)
    persons, events = Person.objects.count(), BorderEvent.objects.count()
    again = manifest_upload(
        actor=ivan, source_id=oman_source.pk, stream=__import__("io").BytesIO(data), file_name="b"
    )
    assert again.created is False
    assert again.manifest.pk == manifest.pk
    assert "already uploaded on" in again.message and "nothing was added" in again.message
    assert (Person.objects.count(), BorderEvent.objects.count()) == (persons, events)


def test_a_row_listed_twice_is_recorded_once_and_kept_as_a_duplicate(
    ivan: User, oman_source: ManifestSource
) -> None:
    row = "Ali Raza,Akram,35202-1234567-1,,1990,M,12/10/2026"
    manifest = upload(ivan, oman_source, csv_bytes(HEAD, row, row.replace("Ali Raza", "ALI  RAZA")))
    import_all(ivan, manifest)
    assert _statuses(manifest.pk) == {2: RowStatus.IMPORTED, 3: RowStatus.DUPLICATE}
    assert manifest.rows.get(number=3).duplicate_of == manifest.rows.get(number=2)
    # A later list of the same source repeating the row adds nothing either.
    later = upload(
        ivan, oman_source, csv_bytes(HEAD, row, "Bilal,Aslam,,AB1234567,1985,M,13/10/2026")
    )
    import_all(ivan, later)
    assert _statuses(later.pk) == {2: RowStatus.DUPLICATE, 3: RowStatus.IMPORTED}
    assert BorderEvent.objects.count() == 2


def test_a_corrected_row_is_imported_and_keeps_its_raw_cells(
    ivan: User, oman_source: ManifestSource
) -> None:
    manifest = upload(
        ivan, oman_source, csv_bytes(HEAD, "Bilal,Aslam,3520212345,,1985,M,12/10/2026")
    )
    import_all(ivan, manifest)
    row = manifest.rows.get()
    still = row_correct(
        actor=ivan, row_id=row.pk, expected_version=row.version, corrections={"cnic": "3520212"}
    )
    assert still.status == RowStatus.INVALID and "13 digits" in still.errors["cnic"][0]
    done = row_correct(
        actor=ivan,
        row_id=row.pk,
        expected_version=still.version,
        corrections={"cnic": "35202-1234567-3"},
    )
    assert done.status == RowStatus.IMPORTED
    assert done.raw["CNIC"] == "3520212345"
    assert done.border_event.person.documents.get().number == "3520212345673"


def test_a_row_set_aside_stays_with_its_reason(ivan: User, oman_source: ManifestSource) -> None:
    manifest = upload(ivan, oman_source, csv_bytes(HEAD, ",,,,,,12/10/2026", "Ali,,,,,,"))
    import_all(ivan, manifest)
    row = manifest.rows.get(number=2)
    assert row.status == RowStatus.INVALID
    with pytest.raises(ValidationError):
        row_set_aside(actor=ivan, row_id=row.pk, expected_version=row.version, reason=" ")
    aside = row_set_aside(
        actor=ivan, row_id=row.pk, expected_version=row.version, reason="Totals line"
    )
    assert aside.status == RowStatus.SET_ASIDE and aside.note == "Totals line"
    assert manifest.rows.count() == 2


def test_a_generated_list_of_500_from_oman_loses_no_row(
    ivan: User, oman_source: ManifestSource
) -> None:
    data = manifest_bytes(ManifestSpec(rows=500, seed=7, on=ON))
    manifest = upload(ivan, oman_source, data, "oman.csv")
    assert manifest.total_rows == 500
    import_all(ivan, manifest, batch_size=200)
    progress = import_progress(manifest)
    assert progress.done and progress.processed == 500
    counts = progress.counts
    assert counts[RowStatus.IMPORTED] > 430
    assert counts.get(RowStatus.INVALID, 0) > 0 and counts.get(RowStatus.DUPLICATE, 0) > 0
    assert sum(counts.values()) == 500
    assert BorderEvent.objects.filter(manifest=manifest).count() == counts[RowStatus.IMPORTED]


def test_a_list_in_xlsx_with_merged_cells_imports_like_its_csv(
    ivan: User, oman_source: ManifestSource
) -> None:
    spec = ManifestSpec(rows=40, seed=11, on=ON)
    manifest = upload(ivan, oman_source, manifest_bytes(spec, kind="xlsx"), "oman.xlsx")
    import_all(ivan, manifest)
    xlsx_counts = import_progress(manifest).counts
    assert xlsx_counts[RowStatus.IMPORTED] >= 35
    assert any("A1:L1" in n for n in manifest.notes)
