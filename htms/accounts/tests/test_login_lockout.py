"""Logging in: five wrong passwords lock the account for fifteen minutes; every try is audited."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from htms.accounts.models import User
from htms.accounts.services import login_attempt
from htms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _fail(username: str, times: int, **kwargs: object) -> list[ValidationError]:
    errors = []
    for _ in range(times):
        with pytest.raises(ValidationError) as caught:
            login_attempt(username=username, password="wrong", **kwargs)  # type: ignore[arg-type]
        errors.append(caught.value)
    return errors


def test_it_logs_in_with_the_right_password_and_audits_it(alice: User) -> None:
    assert login_attempt(username="alice", password="pw-alice") == alice
    assert AuditEvent.objects.filter(actor=alice, action="login").exists()


def test_it_locks_the_account_after_five_wrong_passwords(alice: User) -> None:
    errors = _fail("alice", 5)
    assert [e.code for e in errors] == ["invalid_login"] * 4 + ["locked"]
    alice.refresh_from_db()
    assert alice.locked_until is not None
    with pytest.raises(ValidationError) as caught:
        login_attempt(username="alice", password="pw-alice")
    assert caught.value.code == "locked"
    assert "locked after 5 wrong passwords" in caught.value.messages[0]


def test_it_unlocks_the_account_after_fifteen_minutes(alice: User) -> None:
    now = timezone.now()
    _fail("alice", 5, now=now)
    with pytest.raises(ValidationError):
        login_attempt(username="alice", password="pw-alice", now=now + timedelta(minutes=14))
    later = now + timedelta(minutes=15, seconds=1)
    assert login_attempt(username="alice", password="pw-alice", now=later) == alice


def test_a_success_resets_the_count(alice: User) -> None:
    _fail("alice", 4)
    login_attempt(username="alice", password="pw-alice")
    alice.refresh_from_db()
    assert (alice.failed_logins, alice.locked_until) == (0, None)
    assert [e.code for e in _fail("alice", 4)] == ["invalid_login"] * 4


def test_it_audits_every_failure_with_the_reason(alice: User) -> None:
    _fail("alice", 6)
    failures = AuditEvent.objects.filter(actor=alice, action="login_failed").order_by("seq")
    assert [e.changes["reason"] for e in failures] == ["wrong"] * 5 + ["locked"]


def test_it_answers_an_unknown_username_like_a_wrong_password(alice: User) -> None:
    errors = _fail("nobody", 6)
    assert {e.code for e in errors} == {"invalid_login"}
    assert (
        AuditEvent.objects.filter(action="login_failed", actor=None, object_id="nobody").count()
        == 6
    )


def test_it_refuses_an_inactive_user_even_with_the_right_password(alice: User) -> None:
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    with pytest.raises(ValidationError) as caught:
        login_attempt(username="alice", password="pw-alice")
    assert caught.value.code == "invalid_login"


def test_the_limits_come_from_the_settings(alice: User, settings: object) -> None:
    settings.HTMS_LOGIN_MAX_FAILURES = 2  # type: ignore[attr-defined]
    settings.HTMS_LOGIN_LOCK_MINUTES = 1  # type: ignore[attr-defined]
    now = timezone.now()
    assert [e.code for e in _fail("alice", 2, now=now)] == ["invalid_login", "locked"]
    assert login_attempt(username="alice", password="pw-alice", now=now + timedelta(minutes=2))
