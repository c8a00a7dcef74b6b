"""Payments and call-detail records through the API: the services, access and audit of the
pages."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor
from htms.audit.models import AuditEvent
from htms.network.models import Call
from htms.network.tests.support import two_circles

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parents[2] / "network" / "tests" / "data" / "cdr_synthetic.csv"
CDR = {
    "operator": "Jazz", "request_reference": "REQ-API-1", "period_start": "2026-10-01",
    "period_end": "2026-10-31", "reliability": "A", "credibility": "1", "handling_code": "H2",
}  # fmt: skip


def _payment(**changes: object) -> dict[str, object]:
    return {"amount": "75000", "currency": "AED", "channel": "hawala", "paid_on": "2026-10-04",
            "source_kind": "fmu", "source_ref": "FMU-77", "reliability": "B",
            "credibility": "2", "handling_code": "H3", **changes}  # fmt: skip


def test_an_analyst_records_corrects_and_removes_a_payment(
    alice: User, bob: User, hana: User, client_for: ClientFor
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    client = client_for(hana)
    body = _payment(payer_id=shared.agent_a,
                    beneficiary_account={"kind": "hawala", "number": "HWL-API-9"})  # fmt: skip
    created = client.post("/api/network/payments/", body, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    url = f"/api/network/payments/{pk}/"
    changed = client.put(url, {**body, "amount": "80000", "expected_version": 1}, format="json")
    assert changed.status_code == 200 and changed.json()["amount"] == "80000.00"
    stale = client.put(url, {**body, "expected_version": 1}, format="json")
    assert stale.status_code == 409
    gone = client.post(url + "remove/", {"expected_version": 2, "reason": "Duplicate"},
                       format="json")  # fmt: skip
    assert gone.status_code == 204
    assert AuditEvent.objects.filter(object_id=f"payment:{pk}").count() == 3


def test_a_bad_payment_is_400_with_the_officers_messages(
    alice: User, bob: User, hana: User, client_for: ClientFor
) -> None:
    two_circles(alice, bob)
    response = client_for(hana).post("/api/network/payments/", _payment(currency="rs"),
                                     format="json")  # fmt: skip
    assert response.status_code == 400
    assert {"payer", "beneficiary", "currency"} <= response.json().keys()


def test_calls_are_imported_once_and_bad_files_refused_row_by_row(
    hana: User, client_for: ClientFor
) -> None:
    client = client_for(hana)

    def post(data: bytes) -> object:
        upload = SimpleUploadedFile("cdr.csv", data, "text/csv")
        return client.post("/api/network/calls/import/", {**CDR, "file": upload})

    first = post(SAMPLE.read_bytes())
    assert first.status_code == 201 and first.json()["created"] == 4  # type: ignore[attr-defined]
    again = post(SAMPLE.read_bytes())
    assert again.status_code == 200 and again.json()["already_imported"]  # type: ignore[attr-defined]
    bad = post(b"A Party,B Party,Start Time\n0300765432,03337654321,2026-10-05 09:00\n")
    assert bad.status_code == 400  # type: ignore[attr-defined]
    assert "Row 2:" in bad.json()["file"][0]  # type: ignore[attr-defined]
    assert Call.objects.count() == 4


def test_writers_only(alice: User, bob: User, mona: User, client_for: ClientFor) -> None:
    _a, _b, shared = two_circles(alice, bob)
    body = _payment(payer_id=shared.victim, beneficiary_id=shared.agent_a)
    assert client_for(mona).post("/api/network/payments/", body, format="json").status_code == 403
    assert client_for(alice).post("/api/network/payments/", body, format="json").status_code == 404
    upload = SimpleUploadedFile("cdr.csv", SAMPLE.read_bytes(), "text/csv")
    response = client_for(alice).post("/api/network/calls/import/", {**CDR, "file": upload})
    assert response.status_code == 404
