"""Logging in on the pages: password, then the code; set-up of the app; plain messages; no lock
that a stranger could set off; session expiry note; log-out stops the API tokens."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from htms.accounts.mfa import totp_code
from htms.accounts.models import User
from htms.accounts.tests.support import code_for, enrol
from htms.accounts.tokens import api_token_for_key, api_token_issue
from htms.audit.models import AuditEvent
from htms.web.views.auth import PENDING_KEY, PENDING_SECONDS, SESSION_MARKER

pytestmark = pytest.mark.django_db


def _password(client: Client, password: str, username: str = "alice") -> str:
    response = client.post("/login/", {"username": username, "password": password})
    return response.content.decode() if response.status_code == 200 else response["Location"]


def log_in(client: Client, user: User, next_url: str = "") -> str:
    """Both steps on the pages; returns where the code step sends the officer."""
    suffix = f"?next={next_url}" if next_url else ""
    client.post("/login/" + suffix, {"username": user.username, "password": "pw-" + user.username})
    response = client.post("/login/code/", {"code": code_for(user)})
    assert response.status_code == 302, response.content.decode()
    return str(response["Location"])


def test_it_asks_for_the_code_after_the_password(client: Client, alice: User) -> None:
    enrol(alice)
    assert _password(client, "pw-alice") == "/login/code/"
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302
    page = client.get("/login/code/").content.decode()
    assert "Enter your code" in page


def test_it_logs_in_with_the_code_audits_and_marks_the_browser(client: Client, alice: User) -> None:
    enrol(alice)
    client.post("/login/", {"username": "alice", "password": "pw-alice"})
    response = client.post("/login/code/", {"code": code_for(alice)})
    assert response.status_code == 302
    assert response.cookies[SESSION_MARKER].value == "1"
    steps = AuditEvent.objects.filter(actor=alice, action="login").order_by("seq")
    assert [e.changes["step"] for e in steps] == ["password", "second_factor"]
    assert client.get("/").status_code == 200


def test_it_goes_on_to_the_page_asked_for(client: Client, alice: User) -> None:
    enrol(alice)
    assert log_in(client, alice, next_url="/cases/") == "/cases/"


def test_it_refuses_a_wrong_code_in_plain_words(client: Client, alice: User) -> None:
    enrol(alice)
    client.post("/login/", {"username": "alice", "password": "pw-alice"})
    page = client.post("/login/code/", {"code": "000000"}).content.decode()
    assert "The code is wrong or has expired" in page
    assert "_auth_user_id" not in client.session


def test_the_code_page_needs_the_password_first(client: Client, alice: User) -> None:
    assert client.get("/login/code/")["Location"] == "/login/"
    assert client.get("/login/enrol/")["Location"] == "/login/"


def test_it_sets_up_the_app_at_the_first_login_and_shows_the_codes_once(
    client: Client, alice: User
) -> None:
    assert _password(client, "pw-alice") == "/login/enrol/"
    page = client.get("/login/enrol/").content.decode()
    assert "<svg" in page and "otpauth://totp/" in page
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    response = client.post("/login/enrol/", {"code": totp_code(device)})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<li><code>") == 10
    assert client.get("/").status_code == 200
    assert "<li><code>" not in client.get("/account/").content.decode()


def test_it_says_plainly_that_the_password_is_wrong(client: Client, alice: User) -> None:
    assert "The username or password is wrong" in _password(client, "nope")


def test_it_slows_down_a_guesser_without_locking_the_officer(client: Client, alice: User) -> None:
    for _ in range(5):
        assert "wrong" in _password(client, "nope")
    assert "Too many failed logins. Wait 30 seconds" in _password(client, "pw-alice")
    elsewhere = Client(REMOTE_ADDR="10.9.9.9")
    assert _password(elsewhere, "pw-alice") == "/login/enrol/"


def _errors(page: str) -> str:
    start = page.index('id="login-errors"')
    return page[start : page.index("</div>", start)]


def test_it_answers_an_unknown_username_like_a_known_one(alice: User) -> None:
    known = [_errors(_password(Client(), "nope", "alice")) for _ in range(7)]
    elsewhere = Client(REMOTE_ADDR="10.9.9.8")
    unknown = [_errors(_password(elsewhere, "nope", "nobody")) for _ in range(7)]
    assert known == unknown
    assert "Wait 30 seconds" in known[5]


def test_it_explains_an_expired_session(client: Client, alice: User) -> None:
    client.cookies[SESSION_MARKER] = "1"
    response = client.get("/cases/", follow=True)
    assert "Your session ended" in response.content.decode()


def test_it_says_nothing_of_expiry_on_a_first_visit(client: Client) -> None:
    assert "Your session ended" not in client.get("/login/").content.decode()


def test_log_out_forgets_the_marker_and_stops_the_tokens(client: Client, alice: User) -> None:
    enrol(alice)
    log_in(client, alice)
    _token, key = api_token_issue(user=alice)
    response = client.post("/logout/")
    assert response.cookies[SESSION_MARKER].value == ""
    assert "Your session ended" not in client.get("/login/").content.decode()
    assert api_token_for_key(key=key) is None


def test_the_api_token_endpoint_is_slowed_down_too(alice: User) -> None:
    enrol(alice)
    api = APIClient()
    for _ in range(5):
        api.post("/api/auth/token/", {"username": "alice", "password": "x"}, format="json")
    response = api.post(
        "/api/auth/token/",
        {"username": "alice", "password": "pw-alice", "otp": code_for(alice)},
        format="json",
    )
    assert response.status_code == 429
    assert response["Retry-After"] == "30"
    assert "Too many failed logins. Wait 30 seconds" in response.json()["detail"]
    assert AuditEvent.objects.filter(actor=alice, action="login_failed").count() == 6


def test_it_asks_for_the_password_again_after_five_minutes(client: Client, alice: User) -> None:
    enrol(alice)
    client.post("/login/", {"username": "alice", "password": "pw-alice"})
    session = client.session
    session[PENDING_KEY]["at"] -= PENDING_SECONDS + 1
    session.save()
    response = client.post("/login/code/", {"code": code_for(alice)}, follow=True)
    assert "More than five minutes passed" in response.content.decode()
    assert "_auth_user_id" not in client.session
