"""Passwords and the end of an account: change, administrator's reset, deactivation.

A password change and a deactivation stop every API token of the user; an administrator's reset
also obliges the user to choose a new password at their next login (``must_change_password``).
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from htms.accounts.mfa import mfa_reset
from htms.accounts.models import TokenEnd, User
from htms.accounts.tokens import api_tokens_revoke_all
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record

WRONG_OLD_PASSWORD = _("Your current password is not right. Nothing was changed.")
PASSWORDS_DIFFER = _("The two new passwords are not the same. Type the same password twice.")
SAME_PASSWORD = _("The new password must differ from the current one.")


@transaction.atomic
def password_change(*, user: User, old: str, new: str, new_again: str) -> None:
    """The user changes their own password. Errors name the field they belong to.

    Clears ``must_change_password`` and stops the user's API tokens.
    """
    if not user.check_password(old):
        raise ValidationError({"old_password": WRONG_OLD_PASSWORD})
    if new != new_again:
        raise ValidationError({"new_password2": PASSWORDS_DIFFER})
    if new == old:
        raise ValidationError({"new_password1": SAME_PASSWORD})
    try:
        validate_password(new, user=user)
    except ValidationError as exc:
        raise ValidationError({"new_password1": exc.messages}) from None
    _set_password(actor=user, user=user, password=new, must_change=False)


@transaction.atomic
def password_reset_by_admin(
    *, actor: User | None, user: User, password: str, second_factor: bool = False
) -> None:
    """An administrator sets a temporary password; the user must change it at next login.

    ``second_factor`` also removes the user's authenticator and recovery codes (a lost phone):
    they enrol again after the password. For administrators and the ``reset_password`` command.
    """
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    _set_password(actor=actor, user=user, password=password, must_change=True)
    if second_factor:
        mfa_reset(actor=actor, user=user)


def _set_password(*, actor: User | None, user: User, password: str, must_change: bool) -> None:
    user.set_password(password)
    user.must_change_password = must_change
    user.save(update_fields=["password", "must_change_password"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.USER,
        object_id=user.pk,
        changes={"password": "changed", "must_change_password": must_change},
    )
    api_tokens_revoke_all(actor=actor, user=user, reason=TokenEnd.PASSWORD)


@transaction.atomic
def user_deactivate(*, actor: User | None, user: User) -> None:
    """Ends an account: no login, no token. For administrators only; the records stay."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        return
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.USER,
        object_id=user.pk,
        changes={"is_active": {"old": True, "new": False}},
    )
    api_tokens_revoke_all(actor=actor, user=user, reason=TokenEnd.DEACTIVATED)
