"""Logging in with a password, for the pages and the API alike, with a lockout.

After ``HTMS_LOGIN_MAX_FAILURES`` (5) wrong passwords in a row for one username, that account is
locked for ``HTMS_LOGIN_LOCK_MINUTES`` (15) minutes: no password is checked while it is locked,
so guessing stops. A successful login resets the count. Every attempt writes one audit row
(``login`` or ``login_failed``), so a guessing attack on an officer's account is visible.

A username that does not exist is never locked (there is no row to lock) and gets the same
"wrong username or password" answer as a wrong password.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import Role, User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.reference.models import Unit

# Defaults, overridden by the settings of the same name (environment variables in settings.py).
DEFAULT_MAX_FAILURES = 5
DEFAULT_LOCK_MINUTES = 15

WRONG_LOGIN = _("The username or password is wrong. Check both and try again.")
ACCOUNT_LOCKED = _(
    "This account is locked after %(n)d wrong passwords in a row. Try again after %(time)s, "
    "or ask your administrator to unlock it."
)


def max_failures() -> int:
    return int(getattr(settings, "HTMS_LOGIN_MAX_FAILURES", DEFAULT_MAX_FAILURES))


def lock_minutes() -> int:
    return int(getattr(settings, "HTMS_LOGIN_LOCK_MINUTES", DEFAULT_LOCK_MINUTES))


def locked_message(locked_until: datetime) -> str:
    local = timezone.localtime(locked_until)
    return str(ACCOUNT_LOCKED) % {"n": max_failures(), "time": time_format(local, "H:i")}


@dataclass(frozen=True)
class FailedLogin:
    user: User | None
    reason: str


def _audit_failure(username: str, failure: FailedLogin, extra: dict[str, object]) -> None:
    audit_record(
        actor=failure.user,
        action=AuditAction.LOGIN_FAILED,
        object_type=AuditObject.USER,
        object_id=failure.user.pk if failure.user else username[:40],
        changes={"username": username, "reason": failure.reason, **extra},
    )


def _count_failure(user: User, now: datetime) -> User:
    """Adds one failure; the last allowed one locks the account and starts a new count."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.failed_logins += 1
    if user.failed_logins >= max_failures():
        user.failed_logins = 0
        user.locked_until = now + timedelta(minutes=lock_minutes())
    user.save(update_fields=["failed_logins", "locked_until"])
    return user


def _reset(user: User) -> None:
    if user.failed_logins or user.locked_until:
        user.failed_logins, user.locked_until = 0, None
        user.save(update_fields=["failed_logins", "locked_until"])


@dataclass(frozen=True)
class Refusal:
    message: str
    code: str


@transaction.atomic
def _attempt(
    username: str, password: str, request: HttpRequest | None, channel: str, now: datetime
) -> User | Refusal:
    known = User.objects.filter(username=username).first()
    if known is not None and known.locked_until and known.locked_until > now:
        _audit_failure(username, FailedLogin(known, "locked"), {"channel": channel})
        return Refusal(locked_message(known.locked_until), "locked")
    user = authenticate(request, username=username, password=password)
    if isinstance(user, User):
        _reset(user)
        audit_record(
            actor=user,
            action=AuditAction.LOGIN,
            object_type=AuditObject.USER,
            object_id=user.pk,
            changes={"channel": channel},
        )
        return user
    if known is None or not known.is_active:
        _audit_failure(username, FailedLogin(known, "wrong"), {"channel": channel})
        return Refusal(str(WRONG_LOGIN), "invalid_login")
    known = _count_failure(known, now)
    _audit_failure(
        username,
        FailedLogin(known, "wrong"),
        {
            "channel": channel,
            "failed_logins": known.failed_logins,
            "locked_until": known.locked_until,
        },
    )
    if known.locked_until and known.locked_until > now:
        return Refusal(locked_message(known.locked_until), "locked")
    return Refusal(str(WRONG_LOGIN), "invalid_login")


def login_attempt(
    *,
    username: str,
    password: str,
    request: HttpRequest | None = None,
    channel: str = "web",
    now: datetime | None = None,
) -> User:
    """The user for this username and password, or ValidationError with a plain message.

    Anyone may call it; ``channel`` ("web", "api") is written to the audit row. Counts the
    failure, locks the account at the limit, resets the count on success. The count and the
    audit row are written in a transaction that ends before the refusal is raised, so the
    refusal does not undo them.
    """
    result = _attempt(username, password, request, channel, now or timezone.now())
    if isinstance(result, Refusal):
        raise ValidationError(result.message, code=result.code)
    return result


NO_SUCH_UNIT = _("There is no unit with the code “%(code)s”.")


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    unit_code: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Creates a user in a unit with a role, and one audit row (``actor`` None for the command
    line and the seeders). Administrators (role ``admin``) may use the admin site.

    ``password`` must pass every ``AUTH_PASSWORD_VALIDATORS`` check against this user (a
    password like the username is refused); None gives an account that cannot log in. Raises
    ValidationError naming each wrong field; nothing is written then.
    """
    unit = Unit.objects.filter(code=unit_code).first()
    if unit is None:
        raise ValidationError({"unit": NO_SUCH_UNIT % {"code": unit_code}})
    user = User(username=username, unit=unit, role=role, first_name=first_name)
    user.last_name, user.is_staff = last_name, role == Role.ADMINISTRATOR
    _set_password(user, password)
    user.full_clean()
    user.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.USER,
        object_id=user.pk,
        changes={"username": username, "unit": unit.code, "role": role, "is_staff": user.is_staff},
    )
    return user


def _set_password(user: User, password: str | None) -> None:
    if password is None:
        user.set_unusable_password()
        return
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
