"""POST /api/cases/ of a likely duplicate: 409 with the cases it looks like, then 201 once a
reason is given; never a word about cases the user may not see."""

from typing import Any

import pytest

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor
from htms.api.tests.payloads import som_case_payload
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.cases.services.registration import DUPLICATE_NEEDS_REASON

pytestmark = pytest.mark.django_db

REASON = "Second complaint about another crossing by the same agents."


def _enquiry(**changes: Any) -> dict[str, Any]:
    """The smuggling case without an FIR."""
    return {
        **som_case_payload(),
        "fir_number": "",
        "fir_date": None,
        "police_station": "",
        **changes,
    }


def _post(client_for: ClientFor, user: User, body: Any) -> Any:
    return client_for(user).post("/api/cases/", body, format="json")


def test_it_answers_409_with_the_cases_it_looks_like_and_writes_nothing(
    client_for: ClientFor, alice: User
) -> None:
    first = _post(client_for, alice, _enquiry()).json()
    response = _post(client_for, alice, _enquiry())
    assert response.status_code == 409
    body = response.json()
    assert body["detail"] == str(DUPLICATE_NEEDS_REASON)
    [candidate] = body["candidates"]
    assert (candidate["id"], candidate["reference"]) == (first["id"], first["reference"])
    assert candidate["unit"] == "Test circle A" and candidate["stage"] == "enquiry"
    assert candidate["reason"] == (
        "same accused, same smuggled migrant, same CNIC, same passport number, same section, "
        "offence dates overlap"
    )
    assert sorted(p["name"] for p in candidate["persons"]) == [
        "Asif Ali",
        "Bilal Ahmed",
        "Shahid Iqbal",
    ]
    assert Case.objects.count() == 1
    shown = AuditEvent.objects.get(object_type="case_duplicates", actor=alice)
    assert shown.changes == {"cases": [first["id"]]}


def test_it_registers_the_case_sent_again_with_a_reason(client_for: ClientFor, alice: User) -> None:
    first = _post(client_for, alice, _enquiry()).json()
    response = _post(client_for, alice, _enquiry(duplicate_reason=REASON))
    assert response.status_code == 201, response.json()
    created = AuditEvent.objects.get(
        object_type="case", object_id=str(response.json()["id"]), action="create"
    )
    assert created.changes["duplicates"] == {"cases": [first["id"]], "reason": REASON}


def test_a_token_reason_is_no_reason(client_for: ClientFor, alice: User) -> None:
    _post(client_for, alice, _enquiry())
    assert _post(client_for, alice, _enquiry(duplicate_reason="  ok  ")).status_code == 409


def test_a_reason_too_long_is_a_bad_field(client_for: ClientFor, alice: User) -> None:
    response = _post(client_for, alice, _enquiry(duplicate_reason="x" * 1001))
    assert response.status_code == 400
    assert list(response.json()) == ["duplicate_reason"]


def test_another_circle_is_not_told_of_the_case(
    client_for: ClientFor, alice: User, bob: User
) -> None:
    first = _post(client_for, alice, _enquiry()).json()
    response = _post(client_for, bob, _enquiry())
    assert response.status_code == 201
    assert first["reference"] not in response.content.decode()


def test_the_zone_is_told_without_the_migrant_identity(
    client_for: ClientFor, alice: User, zara: User
) -> None:
    _post(client_for, alice, _enquiry())
    response = _post(client_for, zara, _enquiry())
    assert response.status_code == 409
    [candidate] = response.json()["candidates"]
    assert candidate["reason"].startswith("same accused, same CNIC, same section")
    assert "Bilal" not in response.content.decode()
    assert "AB1234567" not in response.content.decode()


def test_the_schema_documents_the_409(client_for: ClientFor, alice: User) -> None:
    schema = client_for(alice).get("/api/schema/?format=json").json()
    register = schema["paths"]["/api/cases/"]["post"]
    assert set(register["responses"]) == {"201", "400", "401", "403", "409"}
    conflict = register["responses"]["409"]["content"]["application/json"]["schema"]
    assert conflict == {"$ref": "#/components/schemas/DuplicateConflict"}
    fields = schema["components"]["schemas"]["CaseRegisterRequest"]["properties"]
    assert "duplicate_reason" in fields
