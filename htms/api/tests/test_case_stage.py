"""POST /api/cases/{id}/stage/: case_request_stage behind the chokepoint; stale is 409."""

from typing import Any

import pytest
from django.utils import timezone

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor
from htms.cases.models import Case, StageChange
from htms.cases.services.lifecycle import CHALLAN_NEEDS_ACCUSED, CLOSURE_NEEDS_REASON
from htms.common.errors import NOT_ALLOWED, STALE_EDIT
from htms.conftest import CHALLAN_COURT
from htms.reference.models import Court

pytestmark = pytest.mark.django_db


def _post(client_for: ClientFor, user: User, case: Case, body: Any) -> Any:
    return client_for(user).post(f"/api/cases/{case.pk}/stage/", body, format="json")


def test_it_moves_the_case_and_returns_its_new_version(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    response = _post(
        client_for,
        alice,
        tip_case,
        {
            "to_stage": "investigation",
            "expected_version": tip_case.version,
            "note": "Raids planned",
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["change"]["status"] == "approved"
    assert body["change"]["from_stage"] == "fir" and body["change"]["note"] == "Raids planned"
    assert body["case"] == {
        "id": tip_case.pk,
        "stage": "investigation",
        "version": tip_case.version + 1,
    }


def test_it_refuses_a_stale_version_with_409(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    body = {"to_stage": "investigation", "expected_version": tip_case.version}
    assert _post(client_for, alice, tip_case, body).status_code == 201
    response = _post(client_for, alice, tip_case, body)
    assert response.status_code == 409
    assert response.json() == {"detail": str(STALE_EDIT)}
    assert StageChange.objects.filter(case=tip_case).count() == 2


def test_it_leaves_a_challan_pending_for_the_incharge(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    _post(
        client_for,
        alice,
        tip_case,
        {"to_stage": "investigation", "expected_version": tip_case.version},
    )
    response = _post(
        client_for,
        alice,
        tip_case,
        {
            "to_stage": "interim_challan",
            "expected_version": tip_case.version + 1,
            "challan_number": "CH-7/2026",
            "court": Court.objects.get(code=CHALLAN_COURT).pk,
        },
    )
    assert response.status_code == 201
    assert response.json()["change"]["status"] == "pending"
    assert response.json()["change"]["challan_number"] == "CH-7/2026"
    assert response.json()["change"]["effective_on"] == str(timezone.localdate())
    assert response.json()["case"]["stage"] == "investigation"


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"to_stage": "trial", "expected_version": 1}, {"to_stage"}),
        ({"to_stage": "closed", "expected_version": 1}, {"closure_reason"}),
        ({"to_stage": "trial", "expected_version": 1, "court": 2**63}, {"court"}),
        ({"to_stage": "nowhere", "expected_version": 1}, {"to_stage"}),
        ({"to_stage": "investigation", "expected_version": "one"}, {"expected_version"}),
        ({"to_stage": "investigation", "expected_version": 2**40}, {"expected_version"}),
        ({"to_stage": "investigation"}, {"expected_version"}),
        ({"to_stage": None, "expected_version": None}, {"to_stage", "expected_version"}),
        ({}, {"to_stage", "expected_version"}),
    ],
)
def test_it_names_the_bad_field(
    client_for: ClientFor,
    alice: User,
    tip_case: Case,
    body: dict[str, Any],
    errors: set[str],
) -> None:
    response = _post(client_for, alice, tip_case, body)
    assert response.status_code == 400
    assert set(response.json()) == errors


def test_it_gives_the_services_message(client_for: ClientFor, alice: User, tip_case: Case) -> None:
    response = _post(
        client_for, alice, tip_case, {"to_stage": "closed", "expected_version": tip_case.version}
    )
    assert response.json() == {"closure_reason": [str(CLOSURE_NEEDS_REASON)]}


def test_it_checks_the_challan_needs_an_arrested_accused(
    client_for: ClientFor, anne: User, tip_case: Case
) -> None:
    tip_case.parties.filter(role="accused").update(accused_status="at_large")
    _post(
        client_for,
        anne,
        tip_case,
        {"to_stage": "investigation", "expected_version": tip_case.version},
    )
    response = _post(
        client_for,
        anne,
        tip_case,
        {"to_stage": "interim_challan", "expected_version": tip_case.version + 1},
    )
    assert response.json() == {"to_stage": [str(CHALLAN_NEEDS_ACCUSED)]}


@pytest.mark.parametrize("who", ["zara", "hana", "mona"])
def test_it_answers_403_to_readers_of_the_case(
    request: pytest.FixtureRequest, client_for: ClientFor, tip_case: Case, who: str
) -> None:
    response = _post(
        client_for,
        request.getfixturevalue(who),
        tip_case,
        {"to_stage": "investigation", "expected_version": tip_case.version},
    )
    assert response.status_code == 403
    assert response.json() == {"detail": str(NOT_ALLOWED)}


@pytest.mark.parametrize("who", ["bob", "cleo", "carl", "adam"])
def test_it_answers_404_before_looking_at_the_input(
    request: pytest.FixtureRequest, client_for: ClientFor, tip_case: Case, who: str
) -> None:
    user = request.getfixturevalue(who)
    bodies: list[Any] = [{"to_stage": "investigation", "expected_version": 1}, {"to_stage": 7}, []]
    for body in bodies:
        assert _post(client_for, user, tip_case, body).status_code == 404
    tip_case.refresh_from_db()
    assert tip_case.stage == "fir"
