"""Passwords: the user's own change, an administrator's reset, deactivation; tokens stop."""

import pytest
from django.core.exceptions import ValidationError

from htms.accounts.credentials import password_change, password_reset_by_admin, user_deactivate
from htms.accounts.mfa import mfa_enrolled
from htms.accounts.models import User
from htms.accounts.tests.support import enrol
from htms.accounts.tokens import api_token_for_key, api_token_issue
from htms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
NEW = "Quiet-river-2026"


def _errors(**kwargs: str) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        password_change(**kwargs)  # type: ignore[arg-type]
    return caught.value.message_dict


def test_it_changes_the_password_and_stops_the_tokens(alice: User) -> None:
    _token, key = api_token_issue(user=alice)
    alice.must_change_password = True
    password_change(user=alice, old="pw-alice", new=NEW, new_again=NEW)
    alice.refresh_from_db()
    assert alice.check_password(NEW) and not alice.must_change_password
    assert api_token_for_key(key=key) is None
    event = AuditEvent.objects.get(actor=alice, action="update", object_type="user")
    assert event.changes == {"password": "changed", "must_change_password": False}


def test_it_refuses_a_wrong_current_password(alice: User) -> None:
    errors = _errors(user=alice, old="nope", new=NEW, new_again=NEW)
    assert errors == {"old_password": ["Your current password is not right. Nothing was changed."]}


def test_it_refuses_two_different_new_passwords(alice: User) -> None:
    assert "new_password2" in _errors(user=alice, old="pw-alice", new=NEW, new_again=NEW + "x")


def test_it_refuses_a_weak_or_personal_password(alice: User) -> None:
    assert "new_password1" in _errors(
        user=alice, old="pw-alice", new="12345678", new_again="12345678"
    )
    errors = _errors(user=alice, old="pw-alice", new="alice2026", new_again="alice2026")
    assert "too similar" in errors["new_password1"][0]
    alice.refresh_from_db()
    assert alice.check_password("pw-alice")


def test_an_administrator_reset_forces_a_change(alice: User, adam: User) -> None:
    enrol(alice)
    _token, key = api_token_issue(user=alice)
    password_reset_by_admin(actor=adam, user=alice, password="Temporary-7391", second_factor=True)
    alice.refresh_from_db()
    assert alice.must_change_password and alice.check_password("Temporary-7391")
    assert api_token_for_key(key=key) is None
    assert not mfa_enrolled(alice)


def test_an_administrator_reset_validates_the_password(alice: User, adam: User) -> None:
    with pytest.raises(ValidationError) as caught:
        password_reset_by_admin(actor=adam, user=alice, password="123")
    assert "password" in caught.value.message_dict


def test_deactivation_stops_the_tokens(alice: User, adam: User) -> None:
    _token, key = api_token_issue(user=alice)
    user_deactivate(actor=adam, user=alice)
    alice.refresh_from_db()
    assert not alice.is_active
    assert api_token_for_key(key=key) is None
    assert AuditEvent.objects.filter(actor=adam, object_type="api_token", action="delete")
