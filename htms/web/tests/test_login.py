"""Logging in on the pages: plain messages, lockout after five failures, session expiry note."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.web.views.auth import SESSION_MARKER

pytestmark = pytest.mark.django_db


def _login(client: Client, password: str) -> str:
    response = client.post("/login/", {"username": "alice", "password": password})
    return response.content.decode() if response.status_code == 200 else ""


def test_it_logs_in_audits_and_marks_the_browser(client: Client, alice: User) -> None:
    response = client.post("/login/", {"username": "alice", "password": "pw-alice"})
    assert response.status_code == 302
    assert response.cookies[SESSION_MARKER].value == "1"
    assert AuditEvent.objects.filter(actor=alice, action="login").exists()
    assert client.get("/").status_code == 200


def test_it_says_plainly_that_the_password_is_wrong(client: Client, alice: User) -> None:
    assert "The username or password is wrong" in _login(client, "nope")


def test_it_locks_after_five_failures_even_for_the_right_password(
    client: Client, alice: User
) -> None:
    for _ in range(4):
        assert "wrong" in _login(client, "nope")
    assert "locked after 5 wrong passwords" in _login(client, "nope")
    assert "locked after 5 wrong passwords" in _login(client, "pw-alice")
    assert "_auth_user_id" not in client.session


def test_it_lets_the_officer_in_once_the_lock_has_passed(client: Client, alice: User) -> None:
    for _ in range(5):
        _login(client, "nope")
    alice.refresh_from_db()
    assert alice.locked_until is not None
    alice.locked_until = timezone.now() - timedelta(seconds=1)
    alice.save(update_fields=["locked_until"])
    assert client.post("/login/", {"username": "alice", "password": "pw-alice"}).status_code == 302


def test_it_explains_an_expired_session(client: Client, alice: User) -> None:
    client.cookies[SESSION_MARKER] = "1"
    response = client.get("/cases/", follow=True)
    assert "Your session ended" in response.content.decode()


def test_it_says_nothing_of_expiry_on_a_first_visit(client: Client) -> None:
    assert "Your session ended" not in client.get("/login/").content.decode()


def test_log_out_forgets_the_marker(client: Client, alice: User) -> None:
    client.post("/login/", {"username": "alice", "password": "pw-alice"})
    response = client.post("/logout/")
    assert response.cookies[SESSION_MARKER].value == ""
    assert "Your session ended" not in client.get("/login/").content.decode()


def test_the_api_token_endpoint_locks_too(alice: User) -> None:
    api = APIClient()
    for _ in range(5):
        api.post("/api/auth/token/", {"username": "alice", "password": "x"}, format="json")
    response = api.post(
        "/api/auth/token/", {"username": "alice", "password": "pw-alice"}, format="json"
    )
    assert response.status_code == 400
    assert "locked" in response.json()["non_field_errors"][0]
    assert AuditEvent.objects.filter(actor=alice, action="login_failed").count() == 6
