"""The case page: one dated timeline, documents, and the audit trail for supervisors."""

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from htms.accounts.models import Role, User
from htms.audit.models import AuditEvent
from htms.cases.inputs import PartyInput
from htms.cases.models import Case, Stage
from htms.cases.services.lifecycle import case_request_stage
from htms.cases.services.parties_bulk import case_add_party
from htms.conftest import accused_input
from htms.web.models import CaseDocument
from htms.web.tests.support import client_for, page, version

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.HTMS_MEDIA_DIR = str(tmp_path)
    return tmp_path


def test_the_timeline_merges_stages_parties_and_route(alice: User, tip_case: Case) -> None:
    case_request_stage(
        actor=alice,
        case_id=tip_case.pk,
        expected_version=version(tip_case),
        to_stage="investigation",
    )
    case_add_party(
        actor=alice,
        case_id=tip_case.pk,
        expected_version=version(tip_case),
        party=PartyInput(
            role="accused",
            person=accused_input("Nadeem Shah", "35202-1111111-1"),
            accused_status="at_large",
        ),
    )
    html = page(client_for(alice), f"/cases/{tip_case.pk}/")
    timeline = html[html.index('id="timeline"') : html.index('id="offences-heading"')]
    for words in (
        "Case registered: Complaint",
        "Offence committed",
        f"FIR {tip_case.fir_number}",
        "Moved to Under investigation",
        "Accused added: Nadeem Shah",
    ):
        assert words in timeline
    assert timeline.index("Offence committed") < timeline.index("Moved to Under investigation")


def test_the_timeline_shows_a_pseudonym_to_hq(hana: User, alice: User, tip_case: Case) -> None:
    case_add_party(
        actor=alice,
        case_id=tip_case.pk,
        expected_version=version(tip_case),
        party=PartyInput(role="victim", person=accused_input("Rukhsana Bibi", "35202-2222222-2")),
    )
    html = page(client_for(hana), f"/cases/{tip_case.pk}/")
    assert "Rukhsana" not in html
    assert "Victim added: V-" in html


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("anne", True),
        ("zara", True),
        ("mona", True),
        ("alice", False),
        ("hana", False),
    ],
)
def test_the_audit_trail_is_for_supervisors_only(
    who: str, sees: bool, request: pytest.FixtureRequest, tip_case: Case
) -> None:
    user: User = request.getfixturevalue(who)
    html = page(client_for(user), f"/cases/{tip_case.pk}/")
    assert ('id="audit-trail"' in html) is sees


def test_the_audit_trail_names_who_read_and_changed_the_case(
    anne: User, hana: User, tip_case: Case
) -> None:
    client_for(hana).get(f"/cases/{tip_case.pk}/")
    html = page(client_for(anne), f"/cases/{tip_case.pk}/")
    trail = html[html.index('id="audit-trail"') :]
    assert "hana" in trail and "Viewed" in trail
    assert "alice" in trail and "Created" in trail


def test_it_registers_a_document_with_its_scan(alice: User, tip_case: Case, media: Path) -> None:
    client = client_for(alice)
    upload = SimpleUploadedFile("fir scan.pdf", PDF, content_type="application/pdf")
    response = client.post(
        f"/cases/{tip_case.pk}/documents/new/",
        {"title": "FIR copy", "kind": "fir", "date": "2026-10-01", "file": upload},
    )
    assert response.status_code == 302
    document = CaseDocument.objects.get()
    assert Path(document.file.path).is_relative_to(media)
    html = page(client, f"/cases/{tip_case.pk}/")
    assert "FIR copy" in html[html.index('id="timeline"') :]
    download = client.get(f"/cases/{tip_case.pk}/documents/{document.pk}/file/")
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert AuditEvent.objects.filter(object_type="case_document", action="view").exists()


def test_it_keeps_a_paper_only_document_and_refuses_a_disguised_file(
    alice: User, tip_case: Case, media: Path
) -> None:
    client = client_for(alice)
    url = f"/cases/{tip_case.pk}/documents/new/"
    data = {"title": "Medical report", "kind": "medical", "date": "2026-10-02"}
    assert client.post(url, data).status_code == 302
    fake = SimpleUploadedFile("photo.pdf", b"MZ\x90\x00 not a pdf")
    html = client.post(url, {**data, "file": fake}).content.decode()
    assert "Only PDF, JPEG or PNG files can be attached." in html
    html = client.post(url, {**data, "date": "2099-01-01"}).content.decode()
    assert "This date is in the future." in html
    assert CaseDocument.objects.count() == 1


def test_documents_follow_the_case_access_rules(
    alice: User, bob: User, hana: User, tip_case: Case, media: Path
) -> None:
    upload = SimpleUploadedFile("a.pdf", PDF)
    client_for(alice).post(
        f"/cases/{tip_case.pk}/documents/new/",
        {"title": "FIR copy", "kind": "fir", "date": "2026-10-01", "file": upload},
    )
    document = CaseDocument.objects.get()
    file_url = f"/cases/{tip_case.pk}/documents/{document.pk}/file/"
    assert client_for(bob).get(file_url).status_code == 404
    assert client_for(hana).get(file_url).status_code == 200  # national read
    data = {"title": "x", "kind": "fir", "date": "2026-10-01"}
    assert client_for(hana).post(f"/cases/{tip_case.pk}/documents/new/", data).status_code == 403
    assert client_for(bob).post(f"/cases/{tip_case.pk}/documents/new/", data).status_code == 404


def test_readers_get_no_action_buttons(hana: User, tip_case: Case) -> None:
    html = page(client_for(hana), f"/cases/{tip_case.pk}/")
    assert "/stage/" not in html and "Set status" not in html
    assert hana.role == Role.ANALYST and tip_case.stage == Stage.FIR


def test_it_offers_every_accused_status_to_a_writer(alice: User, tip_case: Case) -> None:
    """The accused's status menu lists the statuses, the current one chosen."""
    html = page(client_for(alice), f"/cases/{tip_case.pk}/")
    arrested = tip_case.parties.get(accused_status="arrested")
    menu = html.split(f'id="status-{arrested.pk}"')[1].split("</select>")[0]
    assert '<option value="arrested" selected>' in menu
    assert '<option value="at_large">' in menu
