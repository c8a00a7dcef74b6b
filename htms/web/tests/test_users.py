"""Administrators reset passwords and second factors and deactivate accounts; nobody else."""

import pytest

from htms.accounts.mfa import mfa_enrolled
from htms.accounts.models import User
from htms.accounts.tests.support import enrol
from htms.accounts.tokens import api_token_for_key, api_token_issue
from htms.audit.models import AuditEvent
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db


def test_the_administrator_resets_a_password_and_second_factor(adam: User, alice: User) -> None:
    enrol(alice)
    _token, key = api_token_issue(user=alice)
    client = client_for(adam)
    assert "alice" in page(client, "/users/")
    response = client.post(
        f"/users/{alice.pk}/", {"password": "Temporary-7391", "second_factor": "on"}
    )
    assert response["Location"] == f"/users/{alice.pk}/"
    alice.refresh_from_db()
    assert alice.must_change_password and alice.check_password("Temporary-7391")
    assert not mfa_enrolled(alice)
    assert api_token_for_key(key=key) is None
    assert AuditEvent.objects.filter(actor=adam, object_type="user", action="update")


def test_it_refuses_a_weak_temporary_password_in_words(adam: User, alice: User) -> None:
    response = client_for(adam).post(f"/users/{alice.pk}/", {"password": "12345678"})
    assert "entirely numeric" in response.content.decode()
    alice.refresh_from_db()
    assert not alice.must_change_password


def test_the_administrator_deactivates_an_account(adam: User, alice: User) -> None:
    client = client_for(adam)
    assert client.post(f"/users/{alice.pk}/deactivate/").status_code == 302
    alice.refresh_from_db()
    assert not alice.is_active
    assert client.post(f"/users/{adam.pk}/deactivate/").status_code == 403


@pytest.mark.parametrize("who", ["alice", "anne", "hana", "mona", "carl"])
def test_nobody_else_manages_accounts(request: pytest.FixtureRequest, who: str, bob: User) -> None:
    client = client_for(request.getfixturevalue(who))
    assert client.get("/users/").status_code == 403
    assert client.post(f"/users/{bob.pk}/", {"password": "Temporary-7391"}).status_code == 403
    assert client.post(f"/users/{bob.pk}/deactivate/").status_code == 403
    bob.refresh_from_db()
    assert bob.is_active and not bob.must_change_password


def test_an_unknown_account_is_404(adam: User) -> None:
    assert client_for(adam).get("/users/999999/").status_code == 404
