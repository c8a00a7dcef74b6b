"""Logging in: a token for a password, token and session authentication, and 401 without."""

import pytest
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor

pytestmark = pytest.mark.django_db


def test_it_gives_a_token_for_the_right_password(anonymous: APIClient, alice: User) -> None:
    response = anonymous.post(
        "/api/auth/token/", {"username": "alice", "password": "pw-alice"}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert anonymous.get("/api/cases/").status_code == 200


def test_it_refuses_a_wrong_password(anonymous: APIClient, alice: User) -> None:
    response = anonymous.post(
        "/api/auth/token/", {"username": "alice", "password": "nope"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


def test_it_refuses_an_inactive_user(anonymous: APIClient, alice: User) -> None:
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    response = anonymous.post(
        "/api/auth/token/", {"username": "alice", "password": "pw-alice"}, format="json"
    )
    assert response.status_code == 400


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


def test_it_stops_a_token_working_once_the_user_is_deactivated(
    client_for: ClientFor, alice: User
) -> None:
    client = client_for(alice)
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert client.get("/api/cases/").status_code == 401


def test_it_accepts_a_session_login(anonymous: APIClient, alice: User) -> None:
    assert anonymous.login(username="alice", password="pw-alice")
    assert anonymous.get("/api/cases/").status_code == 200


def test_it_requires_the_csrf_token_for_a_session_write(alice: User) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.login(username="alice", password="pw-alice")
    response = client.post("/api/cases/", {}, format="json")
    assert response.status_code == 403
