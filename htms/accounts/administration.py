"""What administrators do to other officers' accounts, for the pages and the API alike: find
them, change their role or unit, deactivate and reactivate them, unlock a slowed-down login,
reset their password or second factor. Each write is one audited service.

Only users of the administrator role call these (``administrator_check``); an administrator
never changes, deactivates or resets their own account here, so that no slip leaves the
system without an administrator (another administrator or the command line does it).
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from htms.accounts.credentials import password_reset_by_admin, user_deactivate
from htms.accounts.login import login_slowed_usernames
from htms.accounts.mfa import mfa_reset
from htms.accounts.models import LoginFailure, Role, User
from htms.accounts.services import NO_SUCH_UNIT, user_create
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.errors import NotAllowedError
from htms.reference.models import Unit

ONLY_ADMINISTRATORS = _("Only administrators manage accounts.")
NOT_YOUR_OWN = _("Ask another administrator to change your own account.")
NO_SUCH_ROLE = _("There is no role “%(role)s”.")


class AccountStatus:
    """The values of the status filter of the account list."""

    ACTIVE = "active"
    DEACTIVATED = "deactivated"
    MUST_CHANGE = "must_change"
    LOCKED = "locked"
    CHOICES = (
        (ACTIVE, _("Active")),
        (DEACTIVATED, _("Deactivated")),
        (MUST_CHANGE, _("Must choose a new password")),
        (LOCKED, _("Locked by failed logins")),
    )


def administrator_check(user: User) -> None:
    """NotAllowedError unless ``user`` is an active administrator."""
    if not (user.is_active and user.role == Role.ADMINISTRATOR):
        raise NotAllowedError(str(ONLY_ADMINISTRATORS))


def account_get(*, actor: User, user_id: int) -> User:
    """The account, or 404; NotAllowedError for anyone but an administrator."""
    administrator_check(actor)
    account = User.objects.select_related("unit").filter(pk=user_id).first()
    if account is None:
        raise Http404("No such account.")
    return account


def account_list(
    *, actor: User, role: str = "", unit_id: int | None = None, status: str = ""
) -> QuerySet[User]:
    """Every account, filtered by role, unit and status, by username. Administrators only.
    "locked" means slowed down by failed logins now (``login_slowed_usernames``)."""
    administrator_check(actor)
    accounts = User.objects.select_related("unit").order_by("username")
    if role:
        accounts = accounts.filter(role=role)
    if unit_id is not None:
        accounts = accounts.filter(unit_id=unit_id)
    return accounts.filter(_status_condition(status))


def _status_condition(status: str) -> Q:
    if status == AccountStatus.ACTIVE:
        return Q(is_active=True)
    if status == AccountStatus.DEACTIVATED:
        return Q(is_active=False)
    if status == AccountStatus.MUST_CHANGE:
        return Q(is_active=True, must_change_password=True)
    if status == AccountStatus.LOCKED:
        return Q(username__in=login_slowed_usernames())
    return Q()


def account_create(
    *,
    actor: User,
    username: str,
    first_name: str,
    last_name: str,
    role: str,
    unit_code: str,
    password: str,
) -> User:
    """A new account with an initial password that the officer must change at first login."""
    administrator_check(actor)
    return user_create(
        actor=actor,
        username=username,
        password=password,
        unit_code=unit_code,
        role=role,
        first_name=first_name,
        last_name=last_name,
        must_change_password=True,
    )


def _other_account(actor: User, user: User) -> None:
    administrator_check(actor)
    if actor.pk == user.pk:
        raise NotAllowedError(str(NOT_YOUR_OWN))


@transaction.atomic
def account_change(*, actor: User, user: User, role: str, unit_code: str) -> User:
    """Moves an account to another role or unit; one audit row with old and new values.

    An administrator's role also gives the admin site (``is_staff``); the change of role takes
    effect at the officer's next request."""
    _other_account(actor, user)
    if role not in Role.values:
        raise ValidationError({"role": NO_SUCH_ROLE % {"role": role}})
    unit = Unit.objects.filter(code=unit_code).first()
    if unit is None:
        raise ValidationError({"unit": NO_SUCH_UNIT % {"code": unit_code}})
    account = User.objects.select_for_update(of=("self",)).select_related("unit").get(pk=user.pk)
    old = {"role": account.role, "unit": account.unit.code if account.unit else None}
    new = {"role": role, "unit": unit.code}
    if old == new:
        return account
    account.role, account.unit, account.is_staff = role, unit, role == Role.ADMINISTRATOR
    account.save(update_fields=["role", "unit", "is_staff"])
    changes: dict[str, object] = {
        key: {"old": old[key], "new": new[key]} for key in new if old[key] != new[key]
    }
    _audit(actor, account, changes)
    return account


def account_deactivate(*, actor: User, user: User) -> None:
    """Ends the account: no login, no token; its records stay."""
    _other_account(actor, user)
    user_deactivate(actor=actor, user=user)


@transaction.atomic
def account_reactivate(*, actor: User, user: User) -> None:
    """Opens a deactivated account again, with the password and second factor it had."""
    _other_account(actor, user)
    account = User.objects.select_for_update().get(pk=user.pk)
    if account.is_active:
        return
    account.is_active = True
    account.save(update_fields=["is_active"])
    _audit(actor, account, {"is_active": {"old": False, "new": True}})


@transaction.atomic
def account_unlock(*, actor: User, user: User) -> int:
    """Forgets the account's failed logins, so that it is not slowed down any more; returns how
    many were forgotten. The wait of an address that failed for many accounts stays."""
    _other_account(actor, user)
    forgotten, _kinds = LoginFailure.objects.filter(username=user.username).delete()
    _audit(actor, user, {"login_failures_forgotten": forgotten})
    return int(forgotten)


def account_password_reset(
    *, actor: User, user: User, password: str, second_factor: bool = False
) -> None:
    """A temporary password the officer must change at their next login (see
    ``password_reset_by_admin``); ``second_factor`` also removes their authenticator."""
    _other_account(actor, user)
    password_reset_by_admin(actor=actor, user=user, password=password, second_factor=second_factor)


@transaction.atomic
def account_second_factor_reset(*, actor: User, user: User) -> int:
    """Removes the officer's authenticator and recovery codes (a lost phone): they set up a new
    one at their next login. Returns how many devices were removed."""
    _other_account(actor, user)
    return mfa_reset(actor=actor, user=user)


# The actions an administrator takes on another officer's account, by the names the account
# page and the API use; each is called with ``actor`` and ``user``.
ACCOUNT_ACTIONS: dict[str, Callable[..., object]] = {
    "deactivate": account_deactivate,
    "reactivate": account_reactivate,
    "unlock": account_unlock,
    "reset_second_factor": account_second_factor_reset,
}


def _audit(actor: User, user: User, changes: dict[str, object]) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.USER,
        object_id=user.pk,
        changes=changes,
    )
