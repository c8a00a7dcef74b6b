"""Returns through the API: the pages' rules, the same services, the same audit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from htms.accounts.models import User
from htms.protection.models import Referral
from htms.protection.tests.conftest import api_client_for as _api


def _open(referral: Referral, user: User, body: dict[str, object]) -> dict[str, object]:
    made = _api(user).post(f"/api/protection/referrals/{referral.pk}/return/", body, format="json")
    assert made.status_code == 201, made.content
    answer: dict[str, object] = made.json()
    return answer


def test_it_takes_a_foreign_victim_home(accepted: Referral, carl: User) -> None:
    record = _open(accepted, carl, {"kind": "foreign", "country": "bd"})
    client, today = _api(carl), timezone.localdate().isoformat()
    url = f"/api/protection/returns/{record['id']}/"
    version = record["version"]
    for state in ("requested", "issued"):
        step = {"step": "document", "state": state, "on": today, "document_kind": "passport",
                "expected_version": version}  # fmt: skip
        moved = client.post(url + "steps/", step, format="json")
        assert moved.status_code == 200, moved.content
        version = moved.json()["version"]
    travel = {"embassy_id": None, "departure_planned_on": today, "departed_on": today,
              "expected_version": version}  # fmt: skip
    version = client.post(url + "travel/", travel, format="json").json()["version"]
    closure = {"closure": "returned", "closed_on": today, "expected_version": version}
    closed = client.post(url + "closure/", closure, format="json")
    assert closed.status_code == 200 and closed.json()["closure"] == "returned"
    stale = client.post(url + "closure/", closure, format="json")
    assert stale.status_code == 409


def test_it_follows_a_returnee_up_and_keeps_the_plan_from_the_referrer(
    accepted: Referral, carl: User, alice: User
) -> None:
    returned_on = (timezone.localdate() - timedelta(days=100)).isoformat()
    record = _open(
        accepted, carl, {"kind": "returnee", "country": "OM", "returned_on": returned_on}
    )
    url = f"/api/protection/returns/{record['id']}/"
    plan = {"plan": "Back to school", "expected_version": record["version"]}
    assert _api(carl).put(url + "plan/", plan, format="json").status_code == 200
    follow_ups = record["follow_ups"]
    assert isinstance(follow_ups, list) and [f["months"] for f in follow_ups] == [3, 6, 12]
    done = {"done_on": timezone.localdate().isoformat(), "situation": "stable", "note": "Fine"}
    answered = _api(carl).post(
        f"/api/protection/return-follow-ups/{follow_ups[0]['id']}/done/", done, format="json"
    )
    assert answered.status_code == 200 and answered.json()["follow_ups"][0]["situation"] == "stable"
    seen = _api(alice).get(url).json()
    assert seen["reintegration_plan"] == "" and seen["follow_ups"][0]["note"] == ""
    assert seen["follow_ups"][0]["situation"] == "stable"
    tracing = {"tracing_outcome": "traced", "traced_on": done["done_on"], "expected_version": 2}
    assert _api(alice).post(url + "tracing/", tracing, format="json").status_code == 403


def test_it_explains_a_refused_return(accepted: Referral, carl: User) -> None:
    body = {"kind": "returnee", "country": "PK"}
    refused = _api(carl).post(
        f"/api/protection/referrals/{accepted.pk}/return/", body, format="json"
    )
    assert refused.status_code == 400
    assert "other than Pakistan" in refused.content.decode()


@pytest.mark.parametrize("name", ["bob", "hana", "mona", "nora"])
def test_it_answers_404_to_everyone_else(
    accepted: Referral, carl: User, name: str, request: pytest.FixtureRequest
) -> None:
    record = _open(accepted, carl, {"kind": "foreign", "country": "BD"})
    client = _api(request.getfixturevalue(name))
    assert client.get(f"/api/protection/returns/{record['id']}/").status_code == 404
    body = {"kind": "foreign", "country": "BD"}
    url = f"/api/protection/referrals/{accepted.pk}/return/"
    assert client.post(url, body, format="json").status_code == 404
