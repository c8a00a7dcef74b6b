"""Administrators reset passwords and second factors and deactivate accounts; nobody else."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from htms.accounts.login import login_password
from htms.accounts.mfa import mfa_enrolled
from htms.accounts.models import User
from htms.accounts.tests.support import enrol
from htms.accounts.tokens import api_token_for_key, api_token_issue
from htms.audit.models import AuditEvent
from htms.reference.models import Unit
from htms.web.tests.support import client_for, count_queries, page

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


def _unit(code: str) -> int:
    return Unit.objects.get(code=code).pk


def _new_account(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": "amina",
        "first_name": "Amina",
        "last_name": "Khan",
        "role": "io",
        "unit": _unit("T-B"),
        "password": "Blue-harbour-4417",
    }
    return data | overrides


def test_the_administrator_creates_an_account_that_must_change_its_password(adam: User) -> None:
    client = client_for(adam)
    assert "Initial password" in page(client, "/users/new/")
    response = client.post("/users/new/", _new_account())
    amina = User.objects.get(username="amina")
    assert response["Location"] == f"/users/{amina.pk}/"
    assert amina.must_change_password and amina.check_password("Blue-harbour-4417")
    assert amina.unit is not None and amina.unit.code == "T-B" and amina.role == "io"
    event = AuditEvent.objects.get(actor=adam, object_type="user", action="create")
    assert event.changes["must_change_password"] is True


def test_it_explains_a_refused_new_account_and_writes_nothing(adam: User, alice: User) -> None:
    client = client_for(adam)
    weak = client.post("/users/new/", _new_account(password="amina2026")).content.decode()
    assert "too similar" in weak
    taken = client.post("/users/new/", _new_account(username="alice")).content.decode()
    assert "already exists" in taken
    empty = client.post("/users/new/", {"username": ""}).content.decode()
    assert "Nothing was saved" in empty
    assert not User.objects.filter(username="amina").exists()


def test_the_administrator_changes_role_and_unit(adam: User, alice: User) -> None:
    client = client_for(adam)
    data = {"role": "incharge", "unit": _unit("T-B")}
    assert client.post(f"/users/{alice.pk}/change/", data).status_code == 302
    alice.refresh_from_db()
    assert alice.role == "incharge" and alice.unit is not None and alice.unit.code == "T-B"
    event = AuditEvent.objects.filter(actor=adam, object_type="user").latest("pk")
    assert event.changes == {
        "role": {"old": "io", "new": "incharge"},
        "unit": {"old": "T-A", "new": "T-B"},
    }
    refused = client.post(f"/users/{alice.pk}/change/", {"role": "king", "unit": ""})
    assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()


def test_a_destructive_action_asks_for_confirmation_first(adam: User, alice: User) -> None:
    client = client_for(adam)
    question = page(client, f"/users/{alice.pk}/deactivate/")
    assert "will no longer be able to log in" in question and 'id="confirm-form"' in question
    alice.refresh_from_db()
    assert alice.is_active
    assert client.get(f"/users/{alice.pk}/explode/").status_code == 404


def test_the_administrator_reactivates_an_account(adam: User, alice: User) -> None:
    client = client_for(adam)
    client.post(f"/users/{alice.pk}/deactivate/")
    assert client.post(f"/users/{alice.pk}/reactivate/").status_code == 302
    alice.refresh_from_db()
    assert alice.is_active


def _fail_logins(username: str, times: int) -> None:
    for _ in range(times):
        with pytest.raises(ValidationError):
            login_password(username=username, password="wrong", address="10.0.0.9")


def test_the_administrator_sees_and_unlocks_a_locked_account(adam: User, alice: User) -> None:
    _fail_logins("alice", 5)
    client = client_for(adam)
    listed = page(client, "/users/?status=locked")
    assert "alice" in listed and "Locked by failed logins" in listed and "adam" not in listed
    assert 'id="unlock"' in page(client, f"/users/{alice.pk}/")
    assert client.post(f"/users/{alice.pk}/unlock/").status_code == 302
    assert login_password(username="alice", password="pw-alice", address="10.0.0.9") == alice
    assert f"/users/{alice.pk}/" not in page(client, "/users/?status=locked")


def test_the_administrator_resets_the_second_factor_alone(adam: User, alice: User) -> None:
    enrol(alice)
    assert client_for(adam).post(f"/users/{alice.pk}/reset_second_factor/").status_code == 302
    alice.refresh_from_db()
    assert not mfa_enrolled(alice) and not alice.must_change_password


def test_it_filters_accounts_by_role_unit_and_status(adam: User, alice: User, bob: User) -> None:
    client = client_for(adam)
    by_unit = page(client, f"/users/?unit={_unit('T-B')}")
    assert "bob" in by_unit and "alice" not in by_unit
    by_role = page(client, "/users/?role=admin")
    assert "adam" in by_role and "bob" not in by_role
    client.post(f"/users/{bob.pk}/deactivate/")
    deactivated = page(client, "/users/?status=deactivated")
    assert "bob" in deactivated and "alice" not in deactivated
    assert "Never" in page(client, "/users/?status=nonsense")


def test_it_shows_the_last_login(adam: User, alice: User) -> None:
    alice.last_login = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
    alice.save(update_fields=["last_login"])
    assert "3 Dec 2026" in page(client_for(adam), f"/users/?role=io&unit={_unit('T-A')}")


def test_an_administrator_does_not_change_their_own_account(adam: User) -> None:
    client = client_for(adam)
    assert "Ask another administrator" in page(client, f"/users/{adam.pk}/")
    assert (
        client.post(f"/users/{adam.pk}/change/", {"role": "io", "unit": _unit("T-A")}).status_code
        == 403
    )
    assert client.post(f"/users/{adam.pk}/reset_second_factor/").status_code == 403
    adam.refresh_from_db()
    assert adam.role == "admin"


def test_the_account_pages_need_the_csrf_token(adam: User, alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(adam)
    assert client.post(f"/users/{alice.pk}/deactivate/").status_code == 403
    assert client.post("/users/new/", _new_account()).status_code == 403
    alice.refresh_from_db()
    assert alice.is_active


@pytest.mark.parametrize("who", ["alice", "anne", "hana", "mona", "carl"])
def test_nobody_else_creates_or_changes_accounts(
    request: pytest.FixtureRequest, who: str, bob: User
) -> None:
    client = client_for(request.getfixturevalue(who))
    assert client.get("/users/new/").status_code == 403
    assert client.post("/users/new/", _new_account()).status_code == 403
    assert client.post(f"/users/{bob.pk}/change/", {"role": "admin"}).status_code == 403
    for action in ("unlock", "reset_second_factor", "reactivate"):
        assert client.post(f"/users/{bob.pk}/{action}/").status_code == 403
    bob.refresh_from_db()
    assert bob.role == "io" and not User.objects.filter(username="amina").exists()


def test_the_account_list_is_paged_and_keeps_its_filters(adam: User) -> None:
    for number in range(51):
        User.objects.create(username=f"officer{number:02d}", role="io")
    client = client_for(adam)
    first = page(client, "/users/?role=io")
    assert "Page 1 of 2" in first and "?role=io&amp;page=2" in first
    assert "officer50" in page(client, "/users/?role=io&page=2")


def test_the_account_list_costs_the_same_queries_for_more_accounts(adam: User) -> None:
    client = client_for(adam)
    few = count_queries(client, "/users/")
    for number in range(20):
        User.objects.create(username=f"officer{number:02d}", role="io", unit_id=_unit("T-A"))
    assert count_queries(client, "/users/") == few
