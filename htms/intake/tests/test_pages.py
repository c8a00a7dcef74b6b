"""The border intake pages, end to end through the web interface, and their denials."""

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import CaseParty, PartyRole
from htms.intake.manifest_maker import ManifestSpec, manifest_bytes
from htms.intake.models import BorderEvent, IntakeStatus, Manifest, ManifestSource, RowStatus
from htms.intake.tests.conftest import ON, deportee, record

pytestmark = pytest.mark.django_db

VICTIM_ANSWERS = {"q_recruited": "on", "q_deceived": "on", "q_forced_labour": "on"}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client: Client, source: ManifestSource, data: bytes, name: str) -> Manifest:
    file = io.BytesIO(data)
    file.name = name
    response = client.post(
        "/intake/manifests/upload/",
        {"source": source.pk, "file": file, "occurred_on": ON.isoformat(), "flight_or_vessel": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Manifest.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def _import(client: Client, manifest: Manifest) -> dict[str, object]:
    form = {"day_first": "on"}
    for key, heading in _suggested(client, manifest).items():
        form[key] = heading
    assert client.post(f"/intake/manifests/{manifest.pk}/mapping/", form).status_code == 302
    while True:
        data = client.post(
            f"/intake/manifests/{manifest.pk}/import/", HTTP_ACCEPT="application/json"
        ).json()
        if data["done"]:
            return data  # type: ignore[no-any-return]


def _suggested(client: Client, manifest: Manifest) -> dict[str, str]:
    from htms.intake.services.manifests import manifest_mapping

    manifest.refresh_from_db()
    return manifest_mapping(manifest)


def test_a_list_of_500_from_oman_is_imported_screened_and_turned_into_a_case(
    ivan: User,
) -> None:
    client = _client(ivan)
    response = client.post(
        "/intake/sources/new/",
        {
            "name": "Royal Oman Police",
            "kind": "deported",
            "deporting_country": "OM",
            "day_first": "on",
        },
    )
    assert response.status_code == 302
    source = ManifestSource.objects.get(name="Royal Oman Police")
    manifest = _upload(
        client, source, manifest_bytes(ManifestSpec(rows=500, seed=5, on=ON)), "oman.csv"
    )
    page = client.get(f"/intake/manifests/{manifest.pk}/").content.decode()
    assert "Check the columns below and keep them" in page and "Preview of the first rows" in page
    progress = _import(client, manifest)
    assert progress["processed"] == 500
    counts = progress["counts"]
    assert isinstance(counts, dict) and counts[RowStatus.IMPORTED] > 430

    corrections = client.get(f"/intake/manifests/{manifest.pk}/corrections/").content.decode()
    assert "Correction queue" in corrections
    assert client.get(f"/intake/manifests/{manifest.pk}/corrections.csv").status_code == 200

    response = client.post("/intake/people/next/", {"manifest": manifest.pk})
    event_url = response["Location"]
    event = BorderEvent.objects.get(pk=int(event_url.rstrip("/").split("/")[-1]))
    assert event.claimed_by == ivan
    page = client.get(event_url).content.decode()
    assert "Not screened yet" in page

    response = client.post(event_url + "screening/", VICTIM_ANSWERS)
    assert response.status_code == 302
    page = client.get(event_url).content.decode()
    assert "Possible victim of trafficking" in page and "must be referred" in page
    client.post(event_url + "referral/", {"to_kind": "shelter", "referred_on": ON.isoformat()})
    client.post(event_url + "agents/", {"name": "Chaudhry Nadeem", "phone": "0300 1234567"})
    client.post(event_url + "payments/", {"amount": "650000", "currency": "PKR"})
    client.post(event_url + "legs/", {"country": "IR", "place": "Taftan", "transport": "road"})
    response = client.post(event_url + "case/", {})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == IntakeStatus.REFERRED and event.case is not None
    assert event.case.reference in client.get(event_url).content.decode()
    roles = set(CaseParty.objects.filter(person=event.person).values_list("role", flat=True))
    assert roles == {PartyRole.VICTIM}

    assert client.get("/intake/counts/?by=age_band").status_code == 200
    assert client.get("/intake/counts.csv?by=month").status_code == 200


def test_a_repeat_interception_is_shown_on_the_persons_screen(ivan: User, tariq: User) -> None:
    first = record(tariq, deportee(cnic="35202-1234567-1"))
    again = record(ivan, deportee(cnic="35202-1234567-1"), person_id=first.person_id, basis="cnic")
    page = _client(ivan).get(f"/intake/people/{again.pk}/").content.decode()
    assert "Repeat interception: 1 earlier border event." in page
    assert "does not make the person an accused" in page
    assert "Taftan" in page


def test_a_bad_file_gets_a_plain_message_and_nothing_is_stored(
    ivan: User, oman_source: ManifestSource
) -> None:
    file = io.BytesIO(b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    file.name = "old.xls"
    response = _client(ivan).post(
        "/intake/manifests/upload/", {"source": oman_source.pk, "file": file}
    )
    assert response.status_code == 400
    assert "old Excel file" in response.content.decode()
    assert not Manifest.objects.exists()


def test_the_same_file_twice_says_when_it_was_first_uploaded(
    ivan: User, oman_source: ManifestSource
) -> None:
    client = _client(ivan)
    data = manifest_bytes(ManifestSpec(rows=5, seed=2, on=ON))
    first = _upload(client, oman_source, data, "a.csv")
    second = _upload(client, oman_source, data, "b.csv")
    assert first.pk == second.pk
    page = client.get(f"/intake/manifests/{first.pk}/").content.decode()
    assert "nothing was added" in page


def test_a_manual_entry_with_a_bad_cnic_is_refused_field_by_field(ivan: User) -> None:
    response = _client(ivan).post(
        "/intake/people/new/",
        {"kind": "deported", "occurred_on": ON.isoformat(), "full_name": "Ali", "sex": "M",
         "cnic": "3520212345", "deporting_country": "OM"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "A CNIC has 13 digits" in response.content.decode()
    assert not BorderEvent.objects.exists()


def test_other_posts_circles_and_caseworkers_do_not_know_the_event(
    ivan: User, tariq: User, alice: User, carl: User
) -> None:
    event = record(ivan)
    for user in (tariq, alice, carl):
        assert _client(user).get(f"/intake/people/{event.pk}/").status_code == 404


def test_the_zone_reads_but_cannot_decide(ivan: User, sadia: User) -> None:
    event = record(ivan)
    client = _client(sadia)
    assert client.get(f"/intake/people/{event.pk}/").status_code == 200
    response = client.post(
        f"/intake/people/{event.pk}/status/", {"version": 1, "status": "released"}
    )
    assert response.status_code == 403


def test_a_possible_victims_interview_is_closed_to_the_zone(ivan: User, sadia: User) -> None:
    event = record(ivan)
    _client(ivan).post(f"/intake/people/{event.pk}/screening/", VICTIM_ANSWERS)
    client = _client(sadia)
    assert client.get(f"/intake/people/{event.pk}/screening/").status_code == 403
    page = client.get(f"/intake/people/{event.pk}/").content.decode()
    assert "Ali Raza" not in page and "identity protected" in page


def test_every_person_screen_is_an_audited_read(ivan: User) -> None:
    event = record(ivan)
    _client(ivan).get(f"/intake/people/{event.pk}/", REMOTE_ADDR="10.9.8.7")
    assert AuditEvent.objects.filter(
        action="view", object_type="border_event", object_id=str(event.pk), ip_address="10.9.8.7"
    ).exists()


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_queue_costs_the_same_for_3_or_13_people(ivan: User) -> None:
    client = _client(ivan)
    for _ in range(3):
        record(ivan)
    few = _queries(client, "/intake/people/")
    for i in range(10):
        record(ivan, deportee(name=f"Person {i}"))
    assert _queries(client, "/intake/people/") == few


def test_a_row_is_corrected_or_set_aside_through_its_page(
    ivan: User, oman_source: ManifestSource
) -> None:
    from htms.intake.tests.conftest import csv_bytes, import_all, upload

    manifest = upload(
        ivan, oman_source, csv_bytes("Name,CNIC", "Ali,3520212345", "Totals,=SUM(B2:B3)")
    )
    import_all(ivan, manifest)
    client = _client(ivan)
    bad, totals = manifest.rows.get(number=2), manifest.rows.get(number=3)
    page = client.get(f"/intake/rows/{bad.pk}/").content.decode()
    assert "A CNIC has 13 digits" in page
    response = client.post(
        f"/intake/rows/{bad.pk}/",
        {
            "action": "correct",
            "version": bad.version,
            "full_name": "Ali",
            "cnic": "35202-1234567-1",
        },
    )
    assert response.status_code == 302
    bad.refresh_from_db()
    assert bad.status == RowStatus.IMPORTED
    response = client.post(
        f"/intake/rows/{totals.pk}/", {"action": "aside", "version": totals.version, "note": ""}
    )
    assert response.status_code == 400
    client.post(
        f"/intake/rows/{totals.pk}/",
        {"action": "aside", "version": totals.version, "note": "Totals line"},
    )
    totals.refresh_from_db()
    assert totals.status == RowStatus.SET_ASIDE


def test_another_post_cannot_open_or_correct_a_row(
    ivan: User, tariq: User, oman_source: ManifestSource
) -> None:
    from htms.intake.tests.conftest import csv_bytes, upload

    manifest = upload(ivan, oman_source, csv_bytes("Name,CNIC", "Ali,3520212345"))
    row = manifest.rows.get()
    client = _client(tariq)
    assert client.get(f"/intake/rows/{row.pk}/").status_code == 404
    assert client.get(f"/intake/manifests/{manifest.pk}/").status_code == 404
    assert client.post(f"/intake/manifests/{manifest.pk}/import/").status_code == 404


def test_the_persons_screen_costs_the_same_with_1_or_5_earlier_events(ivan: User) -> None:
    client = _client(ivan)
    first = record(ivan, deportee(cnic="35202-1234567-1"))
    latest = record(ivan, deportee(cnic="35202-1234567-1"), person_id=first.person_id)
    few = _queries(client, f"/intake/people/{latest.pk}/")
    for _ in range(4):
        record(ivan, deportee(cnic="35202-1234567-1"), person_id=first.person_id)
    assert _queries(client, f"/intake/people/{latest.pk}/") == few


def test_one_offloadee_is_recorded_by_hand_and_matched_by_passport(ivan: User) -> None:
    earlier = record(ivan, deportee(passport="AB1234567"))
    response = _client(ivan).post(
        "/intake/people/new/",
        {"kind": "offloaded", "occurred_on": ON.isoformat(), "full_name": "Ali Raza", "sex": "M",
         "passport": "AB 1234567", "destination": "GR", "fraud_kind": "fake_visa",
         "travel_document": "AB1234567"},
    )  # fmt: skip
    assert response.status_code == 302
    event = BorderEvent.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    assert (event.kind, event.fraud_kind, event.destination.code) == (
        "offloaded",
        "fake_visa",
        "GR",
    )
    assert event.person_id == earlier.person_id


def test_national_readers_see_the_counts_and_circles_see_none(
    ivan: User, hana: User, alice: User
) -> None:
    record(ivan)
    national = _client(hana).get("/intake/counts/?by=post").content.decode()
    row = '<th scope="row">FIA Immigration, Jinnah International Airport'
    assert row in national
    circle = _client(alice).get("/intake/counts/?by=post").content.decode()
    assert row not in circle and "Nothing to count" in circle


def test_the_officer_chooses_who_an_ambiguous_row_is_about(
    ivan: User, tariq: User, oman_source: ManifestSource
) -> None:
    from htms.intake.tests.conftest import csv_bytes, import_all, upload

    by_cnic = record(tariq, deportee(name="Ali Raza", cnic="35202-1234567-1"))
    record(tariq, deportee(name="Ali Reza", passport="AB1234567"))
    data = csv_bytes("Name,CNIC,Passport No", "Ali Raza,35202-1234567-1,AB1234567")
    manifest = upload(ivan, oman_source, data)
    import_all(ivan, manifest)
    row = manifest.rows.get()
    client = _client(ivan)
    page = client.get(f"/intake/rows/{row.pk}/").content.decode()
    assert "Who is this row about?" in page and "same CNIC" in page
    response = client.post(
        f"/intake/rows/{row.pk}/",
        {"action": "choose", "version": "x", "person": str(by_cnic.person_id)},
    )
    assert response.status_code == 400
    client.post(
        f"/intake/rows/{row.pk}/",
        {"action": "choose", "version": row.version, "person": str(by_cnic.person_id)},
    )
    row.refresh_from_db()
    assert row.status == RowStatus.IMPORTED
    assert row.border_event.person_id == by_cnic.person_id
