"""One's account page: password change, forced change after a reset, recovery codes, tokens."""

import re
from datetime import datetime

import pytest
from django.test import Client
from django.utils import timezone

from htms.accounts.credentials import password_reset_by_admin
from htms.accounts.models import User
from htms.accounts.tests.support import enrol
from htms.accounts.tokens import api_token_for_key, api_token_issue
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db
NEW = "Quiet-river-2026"


def _change(client: Client, old: str, new: str, again: str) -> str:
    data = {"old_password": old, "new_password1": new, "new_password2": again}
    response = client.post("/account/password/", data)
    return response.content.decode() if response.status_code == 200 else response["Location"]


def test_it_changes_the_password(alice: User) -> None:
    client = client_for(alice)
    assert _change(client, "pw-alice", NEW, NEW) == "/account/"
    alice.refresh_from_db()
    assert alice.check_password(NEW)
    assert client.get("/").status_code == 200, "the session survives the change"


def test_it_explains_each_refusal_next_to_its_field(alice: User) -> None:
    client = client_for(alice)
    assert "Your current password is not right" in _change(client, "nope", NEW, NEW)
    assert "The two new passwords are not the same" in _change(client, "pw-alice", NEW, "x")
    assert "too common" in _change(client, "pw-alice", "password1", "password1")
    alice.refresh_from_db()
    assert alice.check_password("pw-alice")


def test_after_a_reset_every_page_leads_to_the_password_page(alice: User, adam: User) -> None:
    password_reset_by_admin(actor=adam, user=alice, password="Temporary-7391")
    client = client_for(alice)
    for url in ("/", "/cases/", "/account/", "/intake/"):
        assert client.get(url)["Location"] == "/account/password/", url
    assert "An administrator reset your password" in page(client, "/account/password/")
    assert _change(client, "Temporary-7391", NEW, NEW) == "/account/"
    assert client.get("/").status_code == 200


def test_it_lists_and_revokes_ones_own_tokens(alice: User) -> None:
    token, key = api_token_issue(user=alice)
    client = client_for(alice)
    assert f"<code>{token.prefix}…</code>" in page(client, "/account/")
    response = client.post(f"/account/tokens/{token.pk}/revoke/")
    assert response["Location"] == "/account/"
    assert api_token_for_key(key=key) is None
    assert 'id="no-tokens"' in page(client, "/account/")


def _token_times(html: str) -> list[str]:
    return re.findall(r"<td>([^<]*\d{2}:\d{2})</td>", html)


def test_the_token_table_shows_dates_as_officers_read_them(alice: User) -> None:
    token, _key = api_token_issue(user=alice)
    token.created_at = datetime(2026, 12, 3, 22, 53, tzinfo=timezone.get_current_timezone())
    token.save(update_fields=["created_at"])
    client = client_for(alice)
    assert _token_times(page(client, "/account/"))[0] == "3 Dec 2026, 22:53"
    client.cookies["django_language"] = "ur"
    assert _token_times(page(client, "/account/"))[0] == "3 دسمبر 2026، 22:53"


def test_an_officer_cannot_revoke_anothers_token(alice: User, bob: User) -> None:
    token, key = api_token_issue(user=bob)
    assert client_for(alice).post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert api_token_for_key(key=key) is not None


def test_the_administrator_sees_and_revokes_every_token(adam: User, bob: User) -> None:
    token, key = api_token_issue(user=bob)
    client = client_for(adam)
    assert "bob" in page(client, "/account/tokens/")
    response = client.post(f"/account/tokens/{token.pk}/revoke/", {"back": "all"})
    assert response["Location"] == "/account/tokens/"
    assert api_token_for_key(key=key) is None


def test_only_administrators_see_everyones_tokens(alice: User, hana: User) -> None:
    assert client_for(alice).get("/account/tokens/").status_code == 403
    assert client_for(hana).get("/account/tokens/").status_code == 403


def test_new_recovery_codes_are_shown_once(alice: User) -> None:
    enrol(alice)
    client = client_for(alice)
    shown = client.post("/account/recovery-codes/").content.decode()
    assert shown.count("<li><code>") == 10
    assert "10 unused recovery codes" in page(client, "/account/")
    assert client.get("/account/recovery-codes/").status_code == 405
