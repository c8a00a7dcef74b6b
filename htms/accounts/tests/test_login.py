"""Logging in: a password, then a second factor; guessing slowed down, never a lock; audited."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from htms.accounts.login import login_for_token, login_password, login_second_factor, login_wait
from htms.accounts.mfa import mfa_recovery_codes_renew
from htms.accounts.models import LoginFailure, User
from htms.accounts.tests.support import code_for, enrol
from htms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

ATTACKER, OFFICE = "203.0.113.9", "10.1.2.3"
WRONG = "wrong"


def _refusal(
    username: str, password: str = WRONG, address: str = ATTACKER, **kw: object
) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        login_password(username=username, password=password, address=address, **kw)  # type: ignore[arg-type]
    return caught.value


def _fail(username: str, times: int, address: str = ATTACKER, **kw: object) -> list[str]:
    return [_refusal(username, address=address, **kw).code or "" for _ in range(times)]


def test_it_logs_in_with_the_right_password_and_audits_it(alice: User) -> None:
    assert login_password(username="alice", password="pw-alice", address=OFFICE) == alice
    event = AuditEvent.objects.get(actor=alice, action="login")
    assert event.changes == {"channel": "web", "step": "password"}


def test_it_never_locks_the_officer_out_from_her_own_computer(alice: User) -> None:
    _fail("alice", 40)
    assert login_password(username="alice", password="pw-alice", address=OFFICE) == alice


def test_it_makes_a_guesser_wait_after_five_failures_and_longer_each_time(alice: User) -> None:
    now = timezone.now()
    assert _fail("alice", 5, now=now) == ["invalid_login"] * 5
    refused = _refusal("alice", password="pw-alice", now=now)
    assert refused.code == "throttled"
    assert "Wait 30 seconds" in refused.messages[0]
    assert login_wait(username="alice", address=ATTACKER, now=now) == 60
    later = now + timedelta(seconds=61)
    assert login_password(username="alice", password="pw-alice", address=ATTACKER, now=later)


def test_it_answers_an_unknown_username_exactly_like_a_real_one(alice: User) -> None:
    now = timezone.now()
    real = [_refusal("alice", now=now) for _ in range(7)]
    unknown = [_refusal("nobody", now=now) for _ in range(7)]
    assert [(e.code, e.messages) for e in real] == [(e.code, e.messages) for e in unknown]
    assert AuditEvent.objects.filter(action="login_failed", object_id="nobody").count() == 7


def test_it_stops_an_address_that_tries_many_usernames(alice: User) -> None:
    for i in range(20):
        _refusal(f"guess{i}")
    assert _refusal("alice", password="pw-alice").code == "throttled"
    assert login_password(username="alice", password="pw-alice", address=OFFICE) == alice


def test_the_wait_of_an_address_ends_with_the_window(alice: User) -> None:
    now = timezone.now()
    for i in range(20):
        _refusal(f"guess{i}", now=now)
    assert login_wait(username="alice", address=ATTACKER, now=now) == 15 * 60
    later = now + timedelta(minutes=15, seconds=1)
    assert login_password(username="alice", password="pw-alice", address=ATTACKER, now=later)


def test_it_audits_every_refusal_with_its_reason(alice: User) -> None:
    _fail("alice", 6)
    reasons = AuditEvent.objects.filter(actor=alice, action="login_failed").order_by("seq")
    assert [e.changes["reason"] for e in reasons] == ["wrong_password"] * 5 + ["throttled"]
    assert {e.ip_address for e in reasons} <= {None, ATTACKER}


def test_it_refuses_an_inactive_user_like_a_wrong_password(alice: User) -> None:
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert _refusal("alice", password="pw-alice").code == "invalid_login"


def test_the_limits_come_from_the_settings(alice: User, settings: object) -> None:
    settings.HTMS_LOGIN_MAX_FAILURES = 2  # type: ignore[attr-defined]
    settings.HTMS_LOGIN_ADDRESS_FAILURES = 3  # type: ignore[attr-defined]
    assert _fail("alice", 3) == ["invalid_login", "invalid_login", "throttled"]
    assert _refusal("bob").code == "throttled"


def test_it_accepts_the_code_of_the_app_and_audits_the_second_step(alice: User) -> None:
    device = enrol(alice)
    assert login_second_factor(user=alice, code=code_for(alice), address=OFFICE) == device
    event = AuditEvent.objects.filter(actor=alice, action="login").latest("seq")
    assert event.changes["step"] == "second_factor"


def test_it_refuses_a_wrong_code_and_slows_down_code_guessing(alice: User) -> None:
    enrol(alice)
    now = timezone.now()
    for _ in range(5):
        with pytest.raises(ValidationError) as caught:
            login_second_factor(user=alice, code="000000", address=ATTACKER, now=now)
        assert caught.value.code == "invalid_code"
    with pytest.raises(ValidationError) as caught:
        login_second_factor(user=alice, code=code_for(alice), address=ATTACKER, now=now)
    assert caught.value.code == "throttled"
    reasons = AuditEvent.objects.filter(actor=alice, action="login_failed").order_by("seq")
    assert [e.changes["reason"] for e in reasons] == ["wrong_code"] * 5 + ["throttled"]


def test_a_recovery_code_works_once(alice: User) -> None:
    enrol(alice)
    code = mfa_recovery_codes_renew(user=alice)[0]
    assert login_second_factor(user=alice, code=code.upper(), address=OFFICE)
    with pytest.raises(ValidationError):
        login_second_factor(user=alice, code=code, address=OFFICE)


def test_the_token_login_needs_the_code(alice: User) -> None:
    enrol(alice)
    with pytest.raises(ValidationError) as caught:
        login_for_token(username="alice", password="pw-alice", code="", address=OFFICE)
    assert caught.value.code == "code_needed"
    user = login_for_token(
        username="alice", password="pw-alice", code=code_for(alice), address=OFFICE
    )
    assert user == alice


def test_the_token_login_asks_to_set_up_a_second_factor_first(alice: User) -> None:
    with pytest.raises(ValidationError) as caught:
        login_for_token(username="alice", password="pw-alice", code="123456", address=OFFICE)
    assert caught.value.code == "no_second_factor"


def test_the_token_login_waits_for_a_new_password_after_a_reset(alice: User) -> None:
    enrol(alice)
    alice.must_change_password = True
    alice.save(update_fields=["must_change_password"])
    with pytest.raises(ValidationError) as caught:
        login_for_token(username="alice", password="pw-alice", code=code_for(alice), address=OFFICE)
    assert caught.value.code == "password_reset"


def test_it_slows_down_wrong_codes_from_many_addresses_with_a_ceiling(alice: User) -> None:
    enrol(alice)
    now = timezone.now()
    for i in range(10):
        with pytest.raises(ValidationError):
            login_second_factor(user=alice, code="000000", address=f"198.51.100.{i}", now=now)
    assert login_wait(username="alice", address=OFFICE, now=now, second_factor=True) == 30
    assert login_wait(username="alice", address=OFFICE, now=now) == 0, "the password step is free"
    later = now + timedelta(seconds=31)
    assert login_second_factor(user=alice, code=code_for(alice), address=OFFICE, now=later)


def test_a_quick_retry_after_a_wrong_code_is_accepted(alice: User) -> None:
    enrol(alice)
    with pytest.raises(ValidationError):
        login_second_factor(user=alice, code="000000", address=OFFICE)
    assert login_second_factor(user=alice, code=code_for(alice), address=OFFICE)


def test_it_caps_the_wait_however_many_failures_pile_up(alice: User) -> None:
    """Thousands of failures (a botnet's wrong codes) give the longest wait, not an error."""
    now = timezone.now()
    LoginFailure.objects.bulk_create(
        LoginFailure(
            at=now, address=f"198.51.{i // 250}.{i % 250}", username="alice", second_factor=True
        )
        for i in range(2000)
    )
    assert login_wait(username="alice", address=OFFICE, now=now, second_factor=True) == 15 * 60
