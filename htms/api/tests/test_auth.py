"""Logging in: a token for a password and a code; expiry, revocation, listing; 401 without."""

from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from htms.accounts.credentials import user_deactivate
from htms.accounts.models import ApiToken, User
from htms.accounts.tests.support import code_for, enrol
from htms.api.tests.conftest import ClientFor

pytestmark = pytest.mark.django_db


def _ask(client: APIClient, user: User, **extra: str) -> object:
    data = {"username": user.username, "password": "pw-" + user.username, **extra}
    return client.post("/api/auth/token/", data, format="json")


def test_it_gives_an_expiring_token_for_the_password_and_code(
    anonymous: APIClient, alice: User
) -> None:
    response = _ask(anonymous, alice, otp=code_for(alice))
    assert response.status_code == 200  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"token", "expires_at"}
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    assert anonymous.get("/api/cases/").status_code == 200


def test_it_needs_the_code(anonymous: APIClient, alice: User) -> None:
    enrol(alice)
    response = _ask(anonymous, alice)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "six-digit code" in response.json()["non_field_errors"][0]  # type: ignore[attr-defined]
    assert _ask(anonymous, alice, otp="000000").status_code == 400  # type: ignore[attr-defined]


def test_it_asks_a_user_without_an_app_to_set_one_up_first(
    anonymous: APIClient, alice: User
) -> None:
    response = _ask(anonymous, alice, otp="123456")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "no second factor yet" in response.json()["non_field_errors"][0]  # type: ignore[attr-defined]


def test_it_refuses_a_wrong_password(anonymous: APIClient, alice: User) -> None:
    response = anonymous.post(
        "/api/auth/token/", {"username": "alice", "password": "nope"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


def test_it_refuses_an_inactive_user(anonymous: APIClient, alice: User) -> None:
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert _ask(anonymous, alice, otp=code_for(alice)).status_code == 400  # type: ignore[attr-defined]


def test_it_names_the_missing_fields(anonymous: APIClient) -> None:
    response = anonymous.post("/api/auth/token/", {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


def test_it_answers_401_without_a_login(anonymous: APIClient) -> None:
    response = anonymous.get("/api/cases/")
    assert response.status_code == 401
    assert "detail" in response.json()


def test_it_answers_401_for_an_unknown_token(anonymous: APIClient) -> None:
    anonymous.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")
    assert anonymous.get("/api/cases/").status_code == 401


def test_it_answers_401_for_an_expired_token(client_for: ClientFor, alice: User) -> None:
    client = client_for(alice)
    token = ApiToken.objects.get(user=alice)
    token.expires_at = token.created_at - timedelta(seconds=1)
    token.save(update_fields=["expires_at"])
    response = client.get("/api/cases/")
    assert response.status_code == 401
    assert "has expired or was revoked" in response.json()["detail"]


def test_it_stops_a_token_once_the_user_is_deactivated(
    client_for: ClientFor, alice: User, adam: User
) -> None:
    client = client_for(alice)
    user_deactivate(actor=adam, user=alice)
    assert client.get("/api/cases/").status_code == 401
    assert ApiToken.objects.get(user=alice).revoked_reason == "deactivated"


def test_it_stops_a_token_while_a_new_password_is_pending(
    client_for: ClientFor, alice: User
) -> None:
    client = client_for(alice)
    alice.must_change_password = True
    alice.save(update_fields=["must_change_password"])
    assert client.get("/api/cases/").status_code == 401


def test_it_lists_the_callers_tokens_only(client_for: ClientFor, alice: User, bob: User) -> None:
    client_for(bob)
    client = client_for(alice)
    client_for(alice)
    rows = client.get("/api/auth/tokens/").json()
    assert len(rows) == 2
    assert [row["current"] for row in rows] == [False, True]


def test_revoking_the_token_in_use_logs_out(client_for: ClientFor, alice: User) -> None:
    client = client_for(alice)
    token = ApiToken.objects.get(user=alice)
    assert client.delete(f"/api/auth/tokens/{token.pk}/").status_code == 204
    assert client.get("/api/cases/").status_code == 401


def test_it_hides_the_tokens_of_others(client_for: ClientFor, alice: User, bob: User) -> None:
    client_for(bob)
    bobs = ApiToken.objects.get(user=bob)
    client = client_for(alice)
    assert client.delete(f"/api/auth/tokens/{bobs.pk}/").status_code == 404
    assert client.delete("/api/auth/tokens/abc/").status_code == 404


def test_it_accepts_a_session_login(anonymous: APIClient, alice: User) -> None:
    assert anonymous.login(username="alice", password="pw-alice")
    assert anonymous.get("/api/cases/").status_code == 200


def test_it_requires_the_csrf_token_for_a_session_write(alice: User) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.login(username="alice", password="pw-alice")
    response = client.post("/api/cases/", {}, format="json")
    assert response.status_code == 403
