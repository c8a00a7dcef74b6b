"""Refused requests are audited, and a caller who keeps being refused is answered 429."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.accounts.tokens import api_token_issue
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.web.tests.support import client_for

pytestmark = pytest.mark.django_db


def _refusals() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="refused").order_by("seq"))


@pytest.fixture
def low_limit(settings: Any) -> None:
    settings.HTMS_REFUSAL_LIMIT_PER_USER = 3


def test_a_refused_case_page_is_audited_with_who_and_what(bob: User, tip_case: Case) -> None:
    client = client_for(bob)
    assert client.get(f"/cases/{tip_case.pk}/").status_code == 404
    assert client.get("/no-such-page/").status_code == 404
    (row,) = _refusals()
    assert row.actor == bob
    assert row.ip_address == "127.0.0.1"
    assert row.object_type == "request"
    assert row.changes == {
        "method": "GET",
        "path": f"/cases/{tip_case.pk}/",
        "status": 404,
        "view": "case_detail",
    }


def test_a_reader_refused_a_change_is_audited(hana: User, tip_case: Case) -> None:
    assert client_for(hana).get(f"/cases/{tip_case.pk}/edit/").status_code == 403
    (row,) = _refusals()
    assert (row.actor, row.changes["status"]) == (hana, 403)


def test_past_the_limit_every_request_is_answered_429(
    bob: User, alice: User, tip_case: Case, low_limit: None
) -> None:
    client = client_for(bob)
    for _ in range(3):
        assert client.get(f"/cases/{tip_case.pk}/").status_code == 404
    assert client.get(f"/cases/{tip_case.pk}/").status_code == 429, "the fourth crosses it"
    response = client.get("/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    assert "Too many refused requests" in response.content.decode()
    assert client.get(f"/cases/{tip_case.pk}/").status_code == 429
    rows = _refusals()
    assert len(rows) == 4, "refusals past the limit are counted, not audited"
    assert "blocked_seconds" in rows[-1].changes
    assert "blocked_seconds" not in rows[-2].changes
    # Another officer at the same address works on.
    assert client_for(alice).get(f"/cases/{tip_case.pk}/").status_code == 200


def test_the_429_page_speaks_urdu(bob: User, tip_case: Case, low_limit: None) -> None:
    client = client_for(bob)
    for _ in range(4):
        client.get(f"/cases/{tip_case.pk}/")
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ur")
    assert response.status_code == 429
    assert "Too many refused requests" not in response.content.decode()
    assert "بہت زیادہ مسترد درخواستیں" in response.content.decode()


def test_api_refusals_are_audited_for_the_token_user_and_limited(
    bob: User, tip_case: Case, low_limit: None
) -> None:
    client = APIClient()
    _token, key = api_token_issue(user=bob)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    for _ in range(3):
        assert client.get(f"/api/cases/{tip_case.pk}/").status_code == 404
    assert client.get(f"/api/cases/{tip_case.pk}/").status_code == 429
    response = client.get("/api/cases/")
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Too many refused requests. Please wait ")
    assert 0 < int(response["Retry-After"]) <= 600
    assert {row.actor for row in _refusals()} == {bob}


def test_anonymous_api_calls_are_audited_by_address(tip_case: Case) -> None:
    assert APIClient().get(f"/api/cases/{tip_case.pk}/").status_code in (401, 403)
    (row,) = _refusals()
    assert row.actor is None
    assert row.actor_label == "system"
    assert row.ip_address == "127.0.0.1"


def test_an_office_behind_one_address_is_limited_later_than_one_officer(
    bob: User, cleo: User, tip_case: Case, settings: Any
) -> None:
    settings.HTMS_REFUSAL_LIMIT_PER_USER = 2
    settings.HTMS_REFUSAL_LIMIT_PER_ADDRESS = 4
    for officer in (bob, cleo):
        client = client_for(officer)
        for _ in range(2):
            assert client.get(f"/cases/{tip_case.pk}/").status_code == 404
    # Four refusals from the address: at the limit, not past it.
    assert client_for(bob).get("/").status_code == 200
    assert client_for(cleo).get(f"/cases/{tip_case.pk}/").status_code == 429
    assert client_for(bob).get("/").status_code == 429
