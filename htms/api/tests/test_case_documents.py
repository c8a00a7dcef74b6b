"""Documents of a case through the API (list, upload, download) and the case timeline: the
services, limits, access rules and audit of the pages."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.web.models import CaseDocument
from htms.web.services.documents import FILE_KIND, FILE_TOO_LARGE, FUTURE_DATE, MAX_FILE_BYTES

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload(client_for: ClientFor, user: User, case: Case, **fields: Any) -> Any:
    body = {"title": "FIR copy", "kind": "fir", "date": "2026-10-01", **fields}
    return client_for(user).post(f"/api/cases/{case.pk}/documents/", body, format="multipart")


def test_it_uploads_lists_and_downloads_a_scan(
    client_for: ClientFor, alice: User, bob: User, tip_case: Case
) -> None:
    scan = SimpleUploadedFile("fir.pdf", PDF, content_type="application/pdf")
    response = _upload(client_for, alice, tip_case, file=scan)
    assert response.status_code == 201, response.json()
    document = response.json()
    assert document["title"] == "FIR copy" and document["has_file"] is True
    listed = client_for(alice).get(f"/api/cases/{tip_case.pk}/documents/")
    assert [d["id"] for d in listed.json()] == [document["id"]]
    url = f"/api/cases/{tip_case.pk}/documents/{document['id']}/file/"
    download = client_for(alice).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert client_for(bob).get(url).status_code == 404
    audited = AuditEvent.objects.filter(object_type="case_document", actor=alice)
    assert list(audited.values_list("action", flat=True)) == ["create", "view", "view"]


def test_it_registers_a_paper_only_document_without_a_file(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    response = _upload(client_for, alice, tip_case, title="Medical report", kind="medical")
    assert response.status_code == 201, response.json()
    url = f"/api/cases/{tip_case.pk}/documents/{response.json()['id']}/file/"
    assert client_for(alice).get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("fir.exe", b"MZ\x90\x00", FILE_KIND),
        ("fir.pdf", b"not a pdf at all", FILE_KIND),
        ("fir.pdf", PDF + b"0" * MAX_FILE_BYTES, FILE_TOO_LARGE),
    ],
)
def test_it_refuses_the_files_the_page_refuses(
    client_for: ClientFor, alice: User, tip_case: Case, name: str, content: bytes, message: Any
) -> None:
    response = _upload(client_for, alice, tip_case, file=SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert response.json() == {"file": [str(message)]}
    assert not CaseDocument.objects.exists()


def test_it_refuses_a_future_date_and_a_missing_title(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    future = _upload(client_for, alice, tip_case, date="2999-01-01")
    assert future.status_code == 400 and future.json() == {"date": [str(FUTURE_DATE)]}
    untitled = _upload(client_for, alice, tip_case, title="  ")
    assert untitled.status_code == 400 and set(untitled.json()) == {"title"}


def test_it_hides_documents_from_another_circle_and_lets_only_writers_upload(
    client_for: ClientFor, bob: User, hana: User, tip_case: Case
) -> None:
    assert client_for(bob).get(f"/api/cases/{tip_case.pk}/documents/").status_code == 404
    assert _upload(client_for, bob, tip_case).status_code == 404
    assert client_for(hana).get(f"/api/cases/{tip_case.pk}/documents/").status_code == 200
    assert _upload(client_for, hana, tip_case).status_code == 403
    assert not CaseDocument.objects.exists()


def test_the_timeline_lists_parties_added_and_documents_in_date_order(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    _upload(
        client_for, alice, tip_case, title="Victim's statement", kind="statement", date="2026-09-15"
    )
    response = client_for(alice).get(f"/api/cases/{tip_case.pk}/timeline/")
    assert response.status_code == 200
    entries = response.json()
    kinds = [e["kind"] for e in entries]
    assert kinds[:3] == ["offence", "document", "fir"]
    assert "registered" in kinds
    assert [e["day"] for e in entries] == sorted(e["day"] for e in entries)
    assert AuditEvent.objects.filter(object_type="case", action="view", actor=alice).exists()


def test_the_timeline_shows_a_pseudonym_to_headquarters(
    client_for: ClientFor, alice: User, hana: User, tip_case: Case
) -> None:
    client_for(alice).post(
        f"/api/cases/{tip_case.pk}/parties/",
        {
            "expected_version": tip_case.version,
            "parties": [{"role": "victim", "person": {"full_name": "Nasreen Akhtar"}}],
        },
        format="json",
    )
    mine = client_for(alice).get(f"/api/cases/{tip_case.pk}/timeline/").content.decode()
    theirs = client_for(hana).get(f"/api/cases/{tip_case.pk}/timeline/").content.decode()
    assert "Nasreen Akhtar" in mine
    assert "Nasreen" not in theirs and "Sajida" not in theirs
