"""The intelligence API: the register, dossiers, facts and the red book."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.accounts.tokens import api_token_issue
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.intelligence.tests.support import accused_of

pytestmark = pytest.mark.django_db


def api(user: User) -> APIClient:
    client = APIClient()
    _token, key = api_token_issue(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def fact(case: Case, **changes: object) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "hawala",
        "value": "Chaudhry Exchange, Gujrat",
        "source_kind": "case",
        "source_reference": case.reference,
        "reliability": "C",
        "credibility": "3",
        "handling_code": "H2",
    }
    return data | changes


def test_it_records_a_fact_and_shows_it_in_the_dossier(
    alice: User, hana: User, tip_case: Case
) -> None:
    agent = accused_of(tip_case)
    made = api(alice).post(
        f"/api/intelligence/agents/{agent.pk}/facts/", fact(tip_case), format="json"
    )
    assert made.status_code == 201, made.json()
    assert made.json()["grading"] == "C3 H2"
    dossier = api(hana).get(f"/api/intelligence/agents/{agent.pk}/").json()
    assert dossier["name"] == "Imran Butt"
    assert [f["value"] for f in dossier["facts"]] == ["Chaudhry Exchange, Gujrat"]
    assert AuditEvent.objects.filter(object_type="agent", object_id=str(agent.pk)).exists()


def test_it_explains_a_bad_grading(alice: User, tip_case: Case) -> None:
    agent = accused_of(tip_case)
    answer = api(alice).post(
        f"/api/intelligence/agents/{agent.pk}/facts/",
        fact(tip_case, reliability="Z"),
        format="json",
    )
    assert answer.status_code == 400
    assert "reliability" in answer.json()


def test_it_answers_404_to_another_zone_and_403_to_a_caseworker(
    cyra: User, carl: User, tip_case: Case
) -> None:
    agent = accused_of(tip_case)
    assert api(cyra).get(f"/api/intelligence/agents/{agent.pk}/").status_code == 404
    assert api(carl).get("/api/intelligence/agents/").status_code == 403


def test_it_lists_the_agents_with_their_status(alice: User, tip_case: Case) -> None:
    agent = accused_of(tip_case)
    api(alice).post(
        f"/api/intelligence/agents/{agent.pk}/facts/",
        fact(tip_case, kind="status", value="arrested"),
        format="json",
    )
    answer = api(alice).get("/api/intelligence/agents/?status=arrested").json()
    assert [(a["name"], a["status"]) for a in answer["results"]] == [("Imran Butt", "arrested")]


def test_a_nomination_waits_for_headquarters_then_enters_the_red_book(
    anne: User, mona: User, bob: User, tip_case: Case
) -> None:
    agent = accused_of(tip_case)
    expires = (timezone.localdate() + timedelta(days=60)).isoformat()
    body = {"reasons": "Ring leader", "last_known_location": "Gujrat", "expires_on": expires}
    made = api(anne).post(f"/api/intelligence/agents/{agent.pk}/red-book/", body, format="json")
    assert made.status_code == 201, made.json()
    entry = made.json()
    assert entry["state"] == "Waiting for headquarters"
    assert api(bob).get("/api/intelligence/red-book/").json() == []
    url = f"/api/intelligence/red-book/{entry['id']}/decision/"
    assert (
        api(anne).post(url, {"expected_version": 1, "approve": True}, format="json").status_code
        == 403
    )
    decided = api(mona).post(url, {"expected_version": 1, "approve": True}, format="json")
    assert decided.status_code == 200
    stale = api(mona).post(
        url, {"expected_version": 1, "approve": False, "reason": "x"}, format="json"
    )
    assert stale.status_code == 409
    assert [e["name"] for e in api(bob).get("/api/intelligence/red-book/").json()] == ["Imran Butt"]
