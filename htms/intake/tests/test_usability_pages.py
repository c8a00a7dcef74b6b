"""What an officer meets on the manifest pages: no red before a wrong submit, a confirmation
after keeping the columns, counts that open their rows, duplicates linked to the row they
repeat, set aside explained, the file's row numbers, CNICs with their dashes, dates in words."""

import re

import pytest

from htms.accounts.models import User
from htms.intake.models import ManifestSource, RowStatus
from htms.intake.tests.conftest import csv_bytes, deportee, import_all, record, upload
from htms.web.tests.support import client_for

pytestmark = pytest.mark.django_db

HEAD = "Name,Father Name,CNIC,Passport No,Date of Birth,Gender,Arrival Date"
ROW = "Ali Raza,Akram,3520212345671,,1990,M,12/10/2026"


def test_it_shows_no_error_before_the_columns_are_submitted(
    ivan: User, oman_source: ManifestSource
) -> None:
    manifest = upload(ivan, oman_source, csv_bytes(HEAD, ROW))
    page = client_for(ivan).get(f"/intake/manifests/{manifest.pk}/").content.decode()
    assert 'class="errors"' not in page and 'role="alert"' not in page
    assert "has-error" not in page
    assert "Check each choice and keep the mapping" in page


def test_it_marks_the_fields_of_a_wrong_mapping_only_after_it_is_submitted(
    ivan: User, oman_source: ManifestSource
) -> None:
    manifest = upload(ivan, oman_source, csv_bytes(HEAD, ROW))
    response = client_for(ivan).post(
        f"/intake/manifests/{manifest.pk}/mapping/", {"cnic": "CNIC", "day_first": "on"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="errors"' in page and "Nothing was saved" in page


def test_it_confirms_the_columns_were_kept(ivan: User, oman_source: ManifestSource) -> None:
    manifest = upload(ivan, oman_source, csv_bytes(HEAD, ROW))
    form = {"full_name": "Name", "cnic": "CNIC", "occurred_on": "Arrival Date", "day_first": "on"}
    response = client_for(ivan).post(f"/intake/manifests/{manifest.pk}/mapping/", form, follow=True)
    page = response.content.decode()
    assert "The columns were kept for “Royal Oman Police deportation list”" in page
    assert "Import the rows" in page


def test_its_counts_open_the_rows_they_count(ivan: User, oman_source: ManifestSource) -> None:
    manifest = upload(ivan, oman_source, csv_bytes(HEAD, ROW, ROW, "Totals,,3520212345,,,,"))
    import_all(ivan, manifest)
    client = client_for(ivan)
    page = client.get(f"/intake/manifests/{manifest.pk}/").content.decode()
    for status in (RowStatus.IMPORTED, RowStatus.DUPLICATE, RowStatus.INVALID):
        assert f'/intake/manifests/{manifest.pk}/corrections/?status={status}"' in page
    imported = client.get(f"/intake/manifests/{manifest.pk}/corrections/?status=imported")
    rows = re.findall(r'<a href="/intake/rows/(\d+)/">(\d+)</a>', imported.content.decode())
    assert [int(n) for _pk, n in rows] == [2]
    everything = client.get(f"/intake/manifests/{manifest.pk}/corrections/?status=all")
    numbers = re.findall(r'<a href="/intake/rows/\d+/">(\d+)</a>', everything.content.decode())
    assert numbers == ["2", "3", "4"]


def test_a_duplicate_is_in_the_queue_and_links_to_the_row_it_repeats(
    ivan: User, oman_source: ManifestSource
) -> None:
    manifest = upload(ivan, oman_source, csv_bytes(HEAD, ROW, ROW))
    import_all(ivan, manifest)
    first, again = manifest.rows.get(number=2), manifest.rows.get(number=3)
    client = client_for(ivan)
    queue = client.get(f"/intake/manifests/{manifest.pk}/corrections/").content.decode()
    assert f'<a href="/intake/rows/{again.pk}/">3</a>' in queue
    link = f'<a href="/intake/rows/{first.pk}/" class="duplicate-of">Same as row 2</a>'
    assert link in queue
    assert link in client.get(f"/intake/rows/{again.pk}/").content.decode()


def test_a_duplicate_of_an_earlier_list_names_that_list(
    ivan: User, oman_source: ManifestSource
) -> None:
    earlier = upload(ivan, oman_source, csv_bytes(HEAD, ROW), name="september.csv")
    import_all(ivan, earlier)
    later = upload(ivan, oman_source, csv_bytes(HEAD, "Bilal,Aslam,,,1985,M,13/10/2026", ROW))
    import_all(ivan, later)
    page = client_for(ivan).get(f"/intake/manifests/{later.pk}/corrections/").content.decode()
    assert "Same as row 2 of september.csv" in page


def test_it_says_what_setting_a_row_aside_means(ivan: User, oman_source: ManifestSource) -> None:
    manifest = upload(ivan, oman_source, csv_bytes(HEAD, "Totals,,3520212345,,,,"))
    import_all(ivan, manifest)
    row = manifest.rows.get()
    client = client_for(ivan)
    page = client.get(f"/intake/rows/{row.pk}/").content.decode()
    assert "nobody is recorded from it" in page and "cannot be imported later" in page
    client.post(f"/intake/rows/{row.pk}/", {"action": "aside", "version": 1, "note": "Totals"})
    page = client.get(f"/intake/rows/{row.pk}/").content.decode()
    assert "This row was set aside" in page and "Totals" in page


def test_the_people_of_a_list_carry_the_files_row_numbers(
    ivan: User, oman_source: ManifestSource
) -> None:
    second = ROW.replace("Ali Raza", "Bilal Khan").replace("3520212345671", "3520212345672")
    manifest = upload(ivan, oman_source, csv_bytes(HEAD, "", ROW, second))
    import_all(ivan, manifest)
    page = client_for(ivan).get(f"/intake/people/?manifest={manifest.pk}").content.decode()
    numbers = re.findall(r'<td class="num">(\d+)</td>', page)
    assert numbers == ["3", "4"]


def test_a_cnic_is_shown_with_its_dashes_and_a_date_in_words(ivan: User) -> None:
    event = record(ivan, deportee(cnic="3520212345671"))
    client = client_for(ivan)
    page = client.get(f"/intake/people/{event.pk}/").content.decode()
    assert "35202-1234567-1" in page and "3520212345671" not in page
    assert "12 Oct 2026" in page
    assert "12 Oct 2026" in client.get("/intake/people/").content.decode()
    person = client.get(f"/persons/{event.person_id}/").content.decode()
    assert "35202-1234567-1" in person


def test_the_preview_writes_a_cnic_as_it_will_be_read(
    ivan: User, oman_source: ManifestSource
) -> None:
    manifest = upload(ivan, oman_source, csv_bytes(HEAD, ROW))
    page = client_for(ivan).get(f"/intake/manifests/{manifest.pk}/").content.decode()
    assert "35202-1234567-1" in page
