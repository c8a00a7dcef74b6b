"""Services of user accounts.

Logging in is in ``htms.accounts.login``, the second factor in ``htms.accounts.mfa``, API tokens
in ``htms.accounts.tokens``, passwords and deactivation in ``htms.accounts.credentials``.
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import Role, User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.reference.models import Unit

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
    must_change_password: bool = False,
) -> User:
    """Creates a user in a unit with a role, and one audit row (``actor`` None for the command
    line and the seeders). Administrators (role ``admin``) may use the admin site.

    ``password`` must pass every ``AUTH_PASSWORD_VALIDATORS`` check against this user (a
    password like the username is refused); None gives an account that cannot log in. Raises
    ValidationError naming each wrong field; nothing is written then. ``must_change_password``
    obliges the user to choose their own password at their first login (an administrator's
    initial password).
    """
    unit = Unit.objects.filter(code=unit_code).first()
    if unit is None:
        raise ValidationError({"unit": NO_SUCH_UNIT % {"code": unit_code}})
    user = User(username=username, unit=unit, role=role, first_name=first_name)
    user.last_name, user.is_staff = last_name, role == Role.ADMINISTRATOR
    user.must_change_password = must_change_password and password is not None
    _set_password(user, password)
    user.full_clean()
    user.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.USER,
        object_id=user.pk,
        changes=_created(user),
    )
    return user


def _created(user: User) -> dict[str, object]:
    assert user.unit is not None
    changes: dict[str, object] = {
        "username": user.username,
        "unit": user.unit.code,
        "role": user.role,
        "is_staff": user.is_staff,
    }
    if user.must_change_password:
        changes["must_change_password"] = True
    return changes


def _set_password(user: User, password: str | None) -> None:
    if password is None:
        user.set_unusable_password()
        return
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
