"""Creating users: the ``create_user`` command and the ``user_create`` service behind it."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from htms.accounts.models import Role, User
from htms.accounts.services import user_create
from htms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSPHRASE = "a-long-Passphrase-77"


def test_it_creates_a_user_in_a_unit_with_a_role(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getpass", lambda prompt: PASSPHRASE)
    call_command("create_user", "amina", unit="T-A", role="io", name="Amina Khan")
    user = User.objects.get(username="amina")
    assert (user.unit.code, user.role, user.first_name) == ("T-A", "io", "Amina Khan")
    assert user.check_password(PASSPHRASE) and not user.is_staff
    event = AuditEvent.objects.get(object_type="user", object_id=str(user.pk))
    assert (event.action, event.actor_label) == ("create", "system")
    assert event.changes == {"username": "amina", "unit": "T-A", "role": "io", "is_staff": False}


@pytest.mark.parametrize(
    ("username", "unit", "password", "words"),
    [
        ("amina", "NOPE", PASSPHRASE, "no unit with the code “NOPE”"),
        ("amina", "T-A", "123", "too short"),
        ("amina-khan-77", "T-A", "amina-khan-77", "too similar to the username"),
        ("amina khan", "T-A", PASSPHRASE, "Enter a valid username"),
    ],
)
def test_it_explains_what_is_wrong(
    monkeypatch: pytest.MonkeyPatch, username: str, unit: str, password: str, words: str
) -> None:
    monkeypatch.setattr("getpass.getpass", lambda prompt: password)
    with translation.override("en"), pytest.raises(CommandError, match=words):
        call_command("create_user", username, unit=unit, role="io")
    assert not User.objects.filter(username=username).exists()
    assert not AuditEvent.objects.filter(object_type="user").exists()


def test_it_refuses_a_username_that_exists(alice: User) -> None:
    with pytest.raises(ValidationError) as caught:
        user_create(
            actor=None, username="alice", password=PASSPHRASE, unit_code="T-B", role=Role.ANALYST
        )
    assert "username" in caught.value.message_dict
    assert User.objects.get(username="alice").unit.code == "T-A"


def test_it_refuses_an_unknown_role(adam: User) -> None:
    with pytest.raises(ValidationError) as caught:
        user_create(actor=adam, username="zain", password=PASSPHRASE, unit_code="T-A", role="boss")
    assert list(caught.value.message_dict) == ["role"]


def test_an_administrator_may_use_the_admin_site_and_the_creator_is_audited(adam: User) -> None:
    user = user_create(
        actor=adam, username="nadia", password=PASSPHRASE, unit_code="T-HQ", role=Role.ADMINISTRATOR
    )
    assert user.is_staff and not user.is_superuser
    event = AuditEvent.objects.get(object_type="user", object_id=str(user.pk))
    assert event.actor == adam and PASSPHRASE not in str(event.changes)


def test_it_creates_an_account_that_cannot_log_in_without_a_password() -> None:
    user = user_create(
        actor=None, username="synthetic-io-x", password=None, unit_code="T-A", role=Role.DATA_ENTRY
    )
    assert not user.has_usable_password()
