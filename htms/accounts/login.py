"""Logging in, for the pages and the API alike: a password, then a second factor.

Guessing is slowed down, never turned into a lock that anyone could trigger against an officer:

- **per address**: after ``HTMS_LOGIN_ADDRESS_FAILURES`` (20) failed logins from one address
  within ``HTMS_LOGIN_LOCK_MINUTES`` (15) minutes, that address waits until the oldest of them
  is older than the window;
- **per username and address**: after ``HTMS_LOGIN_MAX_FAILURES`` (5) failures for one username
  from one address, each further try from there waits 30 seconds, then 60, 120... at most the
  window. The same officer logging in from their own computer is not slowed down;
- **the second factor** guards the account itself: a guessed password opens nothing. Wrong
  codes, which only someone with the right password can send, are also counted per account from
  every address: after ``2 × HTMS_LOGIN_MAX_FAILURES`` (10) the code step waits 30 seconds,
  then doubling, at most the window. (django-otp's own per-device wait, which doubles without
  end, is turned off in settings for that reason.)

A waiting attempt is refused without checking the password. The answers depend only on the
username as typed and on the address, never on whether the account exists, is inactive or is
being slowed down for someone else: usernames cannot be enumerated. Every refusal writes a
``login_failed`` audit row with its reason, every success a ``login`` row.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from htms.accounts.mfa import WRONG_CODE, mfa_device_for_code, mfa_enrolled, mfa_required
from htms.accounts.models import LoginFailure, User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record

# Defaults, overridden by the settings of the same name (environment variables in settings.py).
DEFAULT_MAX_FAILURES = 5
DEFAULT_WINDOW_MINUTES = 15
DEFAULT_ADDRESS_FAILURES = 20
FIRST_WAIT_SECONDS = 30
# Far beyond any window: keeps the number small however many failures an attacker piles up.
MAX_DOUBLINGS = 20

WRONG_LOGIN = _("The username or password is wrong. Check both and try again.")
TOO_MANY = _("Too many failed logins. Wait %(seconds)d seconds, then try again.")
NO_SECOND_FACTOR = _(
    "Your account has no second factor yet. Log in on the HTMS web pages once to set up your "
    "authenticator app, then ask for a token again."
)
CODE_NEEDED = _("Enter the six-digit code from your authenticator app, or a recovery code.")
PASSWORD_RESET_PENDING = _(
    "Your password was reset by an administrator. Log in on the HTMS web pages and choose a new "
    "one first."
)


@dataclass(frozen=True)
class Attempt:
    username: str
    address: str | None
    channel: str
    now: datetime
    second_factor: bool = False


def _window() -> timedelta:
    return timedelta(minutes=int(getattr(settings, "HTMS_LOGIN_LOCK_MINUTES", 15)))


def login_wait(
    *, username: str, address: str | None, now: datetime, second_factor: bool = False
) -> int:
    """Seconds this username must wait before trying again from this address; 0 if none.

    ``second_factor``: for the code step, where wrong codes from every address count too.
    """
    window = _window()
    recent = LoginFailure.objects.filter(at__gt=now - window)
    from_address = recent.filter(address=address)
    limit = int(getattr(settings, "HTMS_LOGIN_ADDRESS_FAILURES", DEFAULT_ADDRESS_FAILURES))
    times = list(from_address.order_by("-at").values_list("at", flat=True)[:limit])
    if len(times) >= limit:
        return _seconds(times[-1] + window - now)
    allowed = int(getattr(settings, "HTMS_LOGIN_MAX_FAILURES", DEFAULT_MAX_FAILURES))
    waits = [_growing_wait(from_address.filter(username=username), allowed, now)]
    if second_factor:
        codes = recent.filter(username=username, second_factor=True)
        waits.append(_growing_wait(codes, 2 * allowed, now))
    return max(waits)


def _growing_wait(failures: QuerySet[LoginFailure], allowed: int, now: datetime) -> int:
    """30 s after the last failure once ``allowed`` are reached, doubling, at most the window."""
    count = failures.count()
    last = failures.order_by("-at").values_list("at", flat=True).first()
    if count < allowed or last is None:
        return 0
    doublings = min(count - allowed, MAX_DOUBLINGS)
    wait = min(timedelta(seconds=FIRST_WAIT_SECONDS * 2**doublings), _window())
    return _seconds(last + wait - now)


def _seconds(delta: timedelta) -> int:
    return max(0, math.ceil(delta.total_seconds()))


@transaction.atomic
def _refuse(
    attempt: Attempt, reason: str, message: str, code: str, params: dict[str, int] | None = None
) -> ValidationError:
    """Counts and audits one refused attempt; the caller raises the returned error."""
    LoginFailure.objects.filter(at__lt=attempt.now - _window()).delete()
    LoginFailure.objects.create(
        at=attempt.now,
        address=attempt.address,
        username=attempt.username[:150],
        second_factor=attempt.second_factor,
    )
    known = User.objects.filter(username=attempt.username).first()
    audit_record(
        actor=known,
        action=AuditAction.LOGIN_FAILED,
        object_type=AuditObject.USER,
        object_id=known.pk if known else attempt.username[:40],
        changes={"username": attempt.username, "reason": reason, "channel": attempt.channel},
    )
    return ValidationError(message, code=code, params=params)


def _check_wait(attempt: Attempt) -> None:
    wait = login_wait(
        username=attempt.username,
        address=attempt.address,
        now=attempt.now,
        second_factor=attempt.second_factor,
    )
    if wait:
        raise _refuse(attempt, "throttled", str(TOO_MANY), "throttled", {"seconds": wait})


def _audit_login(user: User, attempt: Attempt, step: str) -> None:
    audit_record(
        actor=user,
        action=AuditAction.LOGIN,
        object_type=AuditObject.USER,
        object_id=user.pk,
        changes={"channel": attempt.channel, "step": step},
    )


def login_password(
    *,
    username: str,
    password: str,
    address: str | None,
    channel: str = "web",
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> User:
    """Step one: the user for this username and password, or ValidationError in plain words.

    Anyone may call it. Codes: ``throttled`` (wait first) and ``invalid_login`` (wrong username
    or password, inactive account). A user of a role in ``MFA_ROLES`` is not logged in yet:
    the caller asks for the second factor (``login_second_factor``).
    """
    attempt = Attempt(username, address, channel, now or timezone.now())
    _check_wait(attempt)
    user = authenticate(request, username=username, password=password)
    if not isinstance(user, User):
        raise _refuse(attempt, "wrong_password", str(WRONG_LOGIN), "invalid_login")
    _audit_login(user, attempt, "password")
    return user


def login_second_factor(
    *,
    user: User,
    code: str,
    address: str | None,
    channel: str = "web",
    now: datetime | None = None,
) -> Device:
    """Step two, for a user who passed ``login_password``: the device that accepts the code.

    Codes: ``throttled``, ``invalid_code``. Slowed down like the password, and per account.
    """
    attempt = Attempt(user.username, address, channel, now or timezone.now(), second_factor=True)
    _check_wait(attempt)
    device = mfa_device_for_code(user=user, code=code) if code.strip() else None
    if device is None:
        raise _refuse(attempt, "wrong_code", str(WRONG_CODE), "invalid_code")
    _audit_login(user, attempt, "second_factor")
    return device


def login_for_token(
    *, username: str, password: str, code: str, address: str | None, now: datetime | None = None
) -> User:
    """Both steps at once, for the API token endpoint. Anyone may call it.

    Codes as above, and ``no_second_factor`` (enrol on the pages first), ``code_needed`` and
    ``password_reset`` (choose a new password on the pages first).
    """
    user = login_password(
        username=username, password=password, address=address, channel="api", now=now
    )
    if mfa_required(user):
        if not mfa_enrolled(user):
            raise ValidationError(NO_SECOND_FACTOR, code="no_second_factor")
        if not code.strip():
            raise ValidationError(CODE_NEEDED, code="code_needed")
        login_second_factor(user=user, code=code, address=address, channel="api", now=now)
    if user.must_change_password:
        raise ValidationError(PASSWORD_RESET_PENDING, code="password_reset")
    return user


def login_slowed_usernames(
    *, usernames: list[str] | None = None, now: datetime | None = None
) -> set[str]:
    """Which of these usernames are slowed down at the moment ("locked" to an administrator):
    from some address, or at the code step, their failures within the window reached the
    limit. One query, for lists of accounts (None: every username). The wait per address
    alone is left out: it is about the address, not the account, and unlocking an account does
    not lift it."""
    since = (now or timezone.now()) - _window()
    allowed = int(getattr(settings, "HTMS_LOGIN_MAX_FAILURES", DEFAULT_MAX_FAILURES))
    failures = LoginFailure.objects.filter(at__gt=since)
    if usernames is not None:
        failures = failures.filter(username__in=usernames)
    groups = (
        failures.values("username", "address", "second_factor")
        .annotate(failures=Count("id"))
        .order_by()
    )
    per_address: dict[tuple[str, str | None], int] = {}
    codes: dict[str, int] = {}
    for group in groups:
        key = (group["username"], group["address"])
        per_address[key] = per_address.get(key, 0) + group["failures"]
        if group["second_factor"]:
            codes[group["username"]] = codes.get(group["username"], 0) + group["failures"]
    slowed = {name for (name, _address), count in per_address.items() if count >= allowed}
    return slowed | {name for name, count in codes.items() if count >= 2 * allowed}
