"""Border intake through the API: a list uploaded, its columns kept, imported batch by batch,
its correction queue and its people read, with the pages' rules, limits and audit."""

import io
from typing import Any

import pytest
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor
from htms.audit.models import AuditEvent
from htms.intake.models import BorderEvent, ManifestSource
from htms.intake.tests.conftest import (  # noqa: F401 - fixtures
    csv_bytes,
    ivan,
    oman_source,
    record,
    tariq,
)

pytestmark = pytest.mark.django_db

HEAD = "Name,Father Name,CNIC,Date of Birth,Gender,Arrival Date"
ROW = "Ali Raza,Akram,3520212345671,1990,M,12/10/2026"
BAD = "Totals,,3520212345,,,12/10/2026"
MAPPING = {
    "full_name": "Name",
    "father_name": "Father Name",
    "cnic": "CNIC",
    "birth_date": "Date of Birth",
    "sex": "Gender",
    "occurred_on": "Arrival Date",
}


@pytest.fixture
def officer(client_for: ClientFor, ivan: User) -> APIClient:  # noqa: F811
    """Ivan, an investigating officer at Karachi airport immigration, through the API."""
    return client_for(ivan)


def _file(data: bytes, name: str = "list.csv") -> io.BytesIO:
    file = io.BytesIO(data)
    file.name = name
    return file


def _upload(client: APIClient, source: ManifestSource, data: bytes) -> Any:
    return client.post(
        "/api/intake/manifests/",
        {"source_id": source.pk, "file": _file(data)},
        format="multipart",
    )


def _imported(client: APIClient, manifest_id: int) -> dict[str, Any]:
    url = f"/api/intake/manifests/{manifest_id}/"
    assert client.put(url + "mapping/", {"mapping": MAPPING}, format="json").status_code == 200
    while not (progress := client.post(url + "import/").json())["done"]:
        pass
    return progress  # type: ignore[no-any-return]


def test_it_uploads_a_list_keeps_its_columns_and_imports_it(
    officer: APIClient,
    oman_source: ManifestSource,  # noqa: F811
) -> None:
    client = officer
    response = _upload(client, oman_source, csv_bytes(HEAD, ROW, ROW, BAD))
    assert response.status_code == 201, response.json()
    manifest_id = response.json()["manifest"]["id"]
    detail = client.get(f"/api/intake/manifests/{manifest_id}/").json()
    assert detail["manifest"]["total_rows"] == 3 and detail["problems"]
    assert detail["suggested_mapping"]["cnic"] == "CNIC"
    progress = _imported(client, manifest_id)
    assert progress["counts"] == {"imported": 1, "duplicate": 1, "invalid": 1}
    again = _upload(client, oman_source, csv_bytes(HEAD, ROW, ROW, BAD))
    assert again.status_code == 200 and "nothing was added" in again.json()["message"]
    assert AuditEvent.objects.filter(object_type="manifest", object_id=str(manifest_id)).exists()


def test_it_lists_the_correction_queue_with_duplicates_linked(
    officer: APIClient,
    oman_source: ManifestSource,  # noqa: F811
) -> None:
    client = officer
    manifest = _upload(client, oman_source, csv_bytes(HEAD, ROW, ROW, BAD)).json()["manifest"]
    _imported(client, manifest["id"])
    url = f"/api/intake/manifests/{manifest['id']}/rows/"
    rows = client.get(url).json()["results"]
    assert [(r["number"], r["status"]) for r in rows] == [(3, "duplicate"), (4, "invalid")]
    assert rows[0]["duplicate"]["number"] == 2
    assert "13 digits" in str(rows[1]["problems"])
    everything = client.get(url + "?status=all")
    assert [r["number"] for r in everything.json()["results"]] == [2, 3, 4]
    assert client.get(url + "?status=x").status_code == 400


def test_it_lists_the_people_of_a_list_with_the_files_row_numbers(
    officer: APIClient,
    oman_source: ManifestSource,  # noqa: F811
) -> None:
    client = officer
    manifest_id = _upload(client, oman_source, csv_bytes(HEAD, ROW)).json()["manifest"]["id"]
    _imported(client, manifest_id)
    events = client.get(f"/api/intake/events/?manifest={manifest_id}").json()["results"]
    assert [(e["manifest_row"], e["person_name"]) for e in events] == [(2, "Ali Raza")]


def test_a_wrong_mapping_or_file_is_refused_field_by_field(
    officer: APIClient,
    oman_source: ManifestSource,  # noqa: F811
) -> None:
    client = officer
    assert "file" in _upload(client, oman_source, b"").json()
    manifest_id = _upload(client, oman_source, csv_bytes(HEAD, ROW)).json()["manifest"]["id"]
    url = f"/api/intake/manifests/{manifest_id}/mapping/"
    wrong = client.put(url, {"mapping": {"cnic": "Passport"}}, format="json")
    assert wrong.status_code == 400 and "cnic" in wrong.json()
    unknown = client.put(url, {"mapping": {"shoe_size": "Name"}}, format="json")
    assert unknown.status_code == 400 and "mapping" in unknown.json()
    not_ready = client.post(f"/api/intake/manifests/{manifest_id}/import/")
    assert not_ready.status_code == 400


def test_a_list_past_the_size_limit_is_refused_in_plain_words(
    client_for: ClientFor,
    ivan: User,  # noqa: F811
    oman_source: ManifestSource,  # noqa: F811
    settings: Any,
) -> None:
    settings.HTMS_UPLOAD_MAX_BYTES = 1000
    response = _upload(client_for(ivan), oman_source, csv_bytes(HEAD, *[ROW] * 100))
    assert response.status_code == 400 and "larger than" in str(response.json()["file"])


def test_another_post_neither_sees_nor_imports_the_list(
    client_for: ClientFor,
    ivan: User,  # noqa: F811
    tariq: User,  # noqa: F811
    alice: User,
    oman_source: ManifestSource,  # noqa: F811
) -> None:
    manifest_id = _upload(client_for(ivan), oman_source, csv_bytes(HEAD, ROW)).json()
    url = f"/api/intake/manifests/{manifest_id['manifest']['id']}/"
    other = client_for(tariq)
    assert other.get(url).status_code == 404
    assert other.get(url + "rows/").status_code == 404
    assert other.post(url + "import/").status_code == 404
    assert _upload(other, oman_source, csv_bytes(HEAD, ROW)).status_code in (400, 404)
    assert other.get("/api/intake/manifests/").json()["results"] == []
    circle = client_for(alice)
    assert _upload(circle, oman_source, csv_bytes(HEAD, ROW)).status_code == 403
    assert circle.get("/api/intake/events/").json()["results"] == []


def test_it_records_the_screening_with_the_pages_rules(
    client_for: ClientFor,
    ivan: User,  # noqa: F811
    tariq: User,  # noqa: F811
) -> None:
    event = record(ivan)
    url = f"/api/intake/events/{event.pk}/screening/"
    answers = {"recruited": True, "deceived": True, "forced_labour": True}
    client = client_for(ivan)
    response = client.put(url, {"answers": answers}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["classification"] == "possible_victim"
    unreasoned = {"answers": answers, "classification": "other_migrant", "expected_version": 1}
    refused = client.put(url, unreasoned, format="json")
    assert refused.status_code == 400 and "change_reason" in refused.json()
    stale = client.put(url, {"answers": answers, "expected_version": 9}, format="json")
    assert stale.status_code == 409
    unknown = client.put(url, {"answers": {"likes_tea": True}}, format="json")
    assert unknown.status_code == 400 and "answers" in unknown.json()
    assert client_for(tariq).put(url, {"answers": answers}, format="json").status_code == 404
    assert AuditEvent.objects.filter(object_type="screening", action="create").count() == 1


DEPORTEE = {
    "kind": "deported",
    "occurred_on": "2026-10-12",
    "full_name": "Ali Raza",
    "father_name": "Akram",
    "sex": "M",
    "cnic": "3520212345671",
    "deporting_country": "OM",
    "return_reason": "overstay",
    "escorted": True,
    "flight_or_vessel": "PK 212",
}


def test_it_records_a_border_event_by_hand_and_finds_the_person_again(
    officer: APIClient,
) -> None:
    response = officer.post("/api/intake/events/", DEPORTEE, format="json")
    assert response.status_code == 201, response.json()
    event = BorderEvent.objects.get(pk=response.json()["id"])
    assert (event.kind, event.deporting_country.code, event.escorted) == ("deported", "OM", True)
    assert (event.return_reason, event.flight_or_vessel) == ("overstay", "PK 212")
    assert response.json()["person_name"] == "Ali Raza"
    offloaded = {**DEPORTEE, "kind": "offloaded", "fraud_kind": "fake_visa", "destination": "AE"}
    again = officer.post("/api/intake/events/", offloaded, format="json")
    assert again.status_code == 201, again.json()
    assert again.json()["person"] == event.person_id
    assert BorderEvent.objects.get(pk=again.json()["id"]).fraud_kind == "fake_visa"
    assert AuditEvent.objects.filter(object_type="border_event", action="create").count() == 2


def test_a_wrong_entry_is_refused_field_by_field_and_nothing_is_written(
    officer: APIClient, client_for: ClientFor, alice: User
) -> None:
    country = officer.post(
        "/api/intake/events/", {**DEPORTEE, "deporting_country": "ZZ"}, format="json"
    )
    assert country.status_code == 400 and "deporting_country" in country.json()
    cnic = officer.post("/api/intake/events/", {**DEPORTEE, "cnic": "35202"}, format="json")
    assert cnic.status_code == 400 and "13 digits" in str(cnic.json())
    no_kind = officer.post("/api/intake/events/", {"occurred_on": "2026-10-12"}, format="json")
    assert no_kind.status_code == 400 and "kind" in no_kind.json()
    refused = client_for(alice).post("/api/intake/events/", DEPORTEE, format="json")
    assert refused.status_code == 403
    assert not BorderEvent.objects.exists()
