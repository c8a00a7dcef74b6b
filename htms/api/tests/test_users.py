"""Accounts through the API: administrators do what the account pages do; nobody else."""

import pytest
from django.core.exceptions import ValidationError

from htms.accounts.login import login_password
from htms.accounts.mfa import mfa_enrolled
from htms.accounts.models import User
from htms.accounts.tests.support import enrol
from htms.api.tests.conftest import ClientFor
from htms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

NEW_ACCOUNT = {
    "username": "amina",
    "first_name": "Amina",
    "role": "io",
    "unit": "T-B",
    "password": "Blue-harbour-4417",
}


def test_it_creates_an_account_that_must_change_its_password(
    client_for: ClientFor, adam: User
) -> None:
    response = client_for(adam).post("/api/users/", NEW_ACCOUNT, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["unit"] == "T-B" and body["must_change_password"] and not body["locked"]
    amina = User.objects.get(pk=body["id"])
    assert amina.check_password("Blue-harbour-4417") and amina.role == "io"
    assert AuditEvent.objects.filter(actor=adam, action="create", object_id=str(amina.pk))


def test_it_explains_a_refused_account_per_field(client_for: ClientFor, adam: User) -> None:
    bad = NEW_ACCOUNT | {"unit": "NOWHERE", "password": "12345678"}
    response = client_for(adam).post("/api/users/", bad, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert "password" in errors or "unit" in errors
    assert not User.objects.filter(username="amina").exists()


def test_it_lists_and_filters_accounts(
    client_for: ClientFor, adam: User, alice: User, bob: User
) -> None:
    client = client_for(adam)
    names = [row["username"] for row in client.get("/api/users/?unit=T-B").json()["results"]]
    assert names == ["bob"]
    admins = client.get("/api/users/?role=admin").json()["results"]
    assert [row["username"] for row in admins] == ["adam"]
    assert client.get("/api/users/?status=asleep").status_code == 400


def test_it_changes_role_and_unit(client_for: ClientFor, adam: User, alice: User) -> None:
    response = client_for(adam).patch(
        f"/api/users/{alice.pk}/", {"role": "incharge"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["role"] == "incharge" and response.json()["unit"] == "T-A"
    refused = client_for(adam).patch(f"/api/users/{alice.pk}/", {"unit": "NOWHERE"}, format="json")
    assert refused.status_code == 400 and "unit" in refused.json()


def test_it_unlocks_a_locked_account(client_for: ClientFor, adam: User, alice: User) -> None:
    for _ in range(5):
        with pytest.raises(ValidationError):
            login_password(username="alice", password="wrong", address="10.0.0.7")
    client = client_for(adam)
    assert client.get(f"/api/users/{alice.pk}/").json()["locked"] is True
    response = client.post(f"/api/users/{alice.pk}/actions/", {"action": "unlock"}, format="json")
    assert response.status_code == 200 and response.json()["locked"] is False


def test_it_deactivates_reactivates_and_resets(
    client_for: ClientFor, adam: User, alice: User
) -> None:
    enrol(alice)
    client = client_for(adam)
    url = f"/api/users/{alice.pk}/actions/"
    assert client.post(url, {"action": "deactivate"}, format="json").json()["is_active"] is False
    assert client.post(url, {"action": "reactivate"}, format="json").json()["is_active"] is True
    assert client.post(url, {"action": "reset_password"}, format="json").status_code == 400
    reset = {"action": "reset_password", "password": "Temporary-7391"}
    assert client.post(url, reset, format="json").json()["must_change_password"] is True
    client.post(url, {"action": "reset_second_factor"}, format="json")
    assert not mfa_enrolled(alice)


def test_an_administrator_does_not_act_on_their_own_account(
    client_for: ClientFor, adam: User
) -> None:
    client = client_for(adam)
    response = client.post(
        f"/api/users/{adam.pk}/actions/", {"action": "deactivate"}, format="json"
    )
    assert response.status_code == 403
    assert client.patch(f"/api/users/{adam.pk}/", {"role": "io"}, format="json").status_code == 403


@pytest.mark.parametrize("who", ["alice", "anne", "hana", "mona", "carl"])
def test_nobody_else_manages_accounts(
    request: pytest.FixtureRequest, client_for: ClientFor, who: str, bob: User
) -> None:
    client = client_for(request.getfixturevalue(who))
    assert client.get("/api/users/").status_code == 403
    assert client.post("/api/users/", NEW_ACCOUNT, format="json").status_code == 403
    assert client.get(f"/api/users/{bob.pk}/").status_code == 403
    action = {"action": "deactivate"}
    assert client.post(f"/api/users/{bob.pk}/actions/", action, format="json").status_code == 403
    bob.refresh_from_db()
    assert bob.is_active and not User.objects.filter(username="amina").exists()


def test_an_unknown_account_is_404(client_for: ClientFor, adam: User) -> None:
    assert client_for(adam).get("/api/users/999999/").status_code == 404
    assert client_for(adam).get("/api/users/abc/").status_code == 404
