"""GET /api/approvals/ and approve/decline: the circle in-charge's queue through the API."""

from typing import Any

import pytest

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor
from htms.api.tests.payloads import move_case
from htms.audit.models import AuditEvent
from htms.cases.models import Case, Stage, StageChange
from htms.conftest import stage_move

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(alice: User, tip_case: Case) -> StageChange:
    """An interim challan of tip_case, asked by its officer, waiting for anne."""
    case = move_case(alice, tip_case, Stage.INVESTIGATION)
    return stage_move(alice, case, Stage.INTERIM_CHALLAN, note="Both accused arrested")


def _decide(client_for: ClientFor, user: User, change: StageChange, how: str, body: Any) -> Any:
    return client_for(user).post(f"/api/approvals/{change.pk}/{how}/", body, format="json")


def test_it_lists_the_requests_waiting_for_the_incharge(
    client_for: ClientFor, anne: User, pending: StageChange
) -> None:
    response = client_for(anne).get("/api/approvals/")
    assert response.status_code == 200
    [item] = response.json()["results"]
    assert (item["id"], item["reference"], item["to_stage"]) == (
        pending.pk,
        pending.case.reference,
        "interim_challan",
    )
    assert item["challan_number"] == pending.challan_number
    assert item["effective_on"] == pending.effective_on.isoformat()
    assert item["note"] == "Both accused arrested"
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None and (event.object_type, event.object_id) == ("approval_list", "api")


@pytest.mark.parametrize("who", ["alice", "bob", "hana", "adam"])
def test_it_shows_other_roles_an_empty_queue(
    request: pytest.FixtureRequest, client_for: ClientFor, pending: StageChange, who: str
) -> None:
    response = client_for(request.getfixturevalue(who)).get("/api/approvals/")
    assert response.status_code == 200 and response.json()["results"] == []


def test_it_approves_and_moves_the_case_as_of_the_requested_date(
    client_for: ClientFor, anne: User, pending: StageChange
) -> None:
    response = _decide(client_for, anne, pending, "approve", {"note": "Checked"})
    assert response.status_code == 200, response.json()
    case = Case.objects.get(pk=pending.case_id)
    assert case.stage == Stage.INTERIM_CHALLAN and case.court_id == pending.court_id
    assert response.json()["effective_on"] == pending.effective_on.isoformat()
    again = _decide(client_for, anne, pending, "approve", {})
    assert again.status_code == 409
    assert again.json() == {"detail": "This request was already decided."}


def test_it_declines_only_with_a_reason(
    client_for: ClientFor, anne: User, pending: StageChange
) -> None:
    response = _decide(client_for, anne, pending, "decline", {"reason": " "})
    assert response.status_code == 400 and set(response.json()) == {"reason"}
    response = _decide(client_for, anne, pending, "decline", {"reason": "Attach the FSL report"})
    assert response.status_code == 200
    pending.refresh_from_db()
    assert (pending.status, pending.decline_reason) == ("rejected", "Attach the FSL report")
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None
    assert event.changes["decline_reason"] == "Attach the FSL report"


@pytest.mark.parametrize(("who", "status"), [("alice", 403), ("zara", 403), ("bob", 404)])
def test_it_lets_only_the_incharge_of_the_unit_decide(
    request: pytest.FixtureRequest,
    client_for: ClientFor,
    pending: StageChange,
    who: str,
    status: int,
) -> None:
    user = request.getfixturevalue(who)
    assert _decide(client_for, user, pending, "approve", {}).status_code == status
    assert _decide(client_for, user, pending, "decline", {"reason": "x"}).status_code == status
    pending.refresh_from_db()
    assert pending.status == "pending"
