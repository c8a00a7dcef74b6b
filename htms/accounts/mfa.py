"""The second factor: a TOTP authenticator app, and single-use recovery codes.

Every role needs it (``MFA_ROLES``): case writers and in-charges see victims' identities and
approve challans; the monitoring cell reviews pairs of persons by name and reads every case's
audit trail; analysts read every case in the country, accused persons' identities included;
caseworkers will receive victims' referrals; administrators create the accounts of all of them.
A stolen password alone opens none of these accounts.

Devices are django-otp's: one confirmed ``TOTPDevice`` (the app) and one ``StaticDevice`` holding
the unused recovery codes of the user.
"""

from base64 import b32encode

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from htms.accounts.models import Role, User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record

MFA_ROLES = frozenset(Role)
RECOVERY_CODES = 10
APP_DEVICE_NAME = "authenticator app"
RECOVERY_DEVICE_NAME = "recovery codes"

WRONG_CODE = _(
    "The code is wrong or has expired. Enter the newest six-digit code from your authenticator "
    "app, or one of your recovery codes."
)


def mfa_required(user: User) -> bool:
    """Whether this user must pass a second factor after the password (pages and API)."""
    return user.role in MFA_ROLES


def mfa_enrolled(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def mfa_enrolment_start(*, user: User) -> TOTPDevice:
    """The user's unconfirmed app device, made on first call; kept until a code confirms it.

    Called by the user being enrolled only. Writes no audit row: nothing works until confirmed.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def mfa_enrolment_confirm(*, user: User, code: str) -> list[str]:
    """Confirms the app with a code from it; replaces any older app; returns new recovery codes.

    Called by the user being enrolled only. The codes are returned once, to be shown once.
    """
    device = mfa_enrolment_start(user=user)
    if not device.verify_token(_normalised(code)):
        raise ValidationError(WRONG_CODE, code="invalid_code")
    return _enrolment_save(user=user, device=device)


@transaction.atomic
def _enrolment_save(*, user: User, device: TOTPDevice) -> list[str]:
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type=AuditObject.OTP_DEVICE,
        object_id=device.pk,
        changes={"kind": "totp"},
    )
    return mfa_recovery_codes_renew(user=user)


@transaction.atomic
def mfa_recovery_codes_renew(*, user: User) -> list[str]:
    """Replaces the user's recovery codes with ``RECOVERY_CODES`` new ones, and returns them."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type=AuditObject.OTP_DEVICE,
        object_id=device.pk,
        changes={"kind": "recovery_codes", "count": len(codes)},
    )
    return codes


def mfa_recovery_codes_left(*, user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


@transaction.atomic
def mfa_reset(*, actor: User | None, user: User) -> int:
    """Removes every device of ``user`` (a lost phone): they enrol again at their next login.

    For administrators (and the ``reset_password`` command) only; returns how many were removed.
    """
    apps, code_sets = TOTPDevice.objects.filter(user=user), StaticDevice.objects.filter(user=user)
    removed = int(apps.count() + code_sets.count())
    apps.delete()
    code_sets.delete()
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        object_type=AuditObject.OTP_DEVICE,
        object_id=user.pk,
        changes={"user": user.username, "removed": removed},
    )
    return removed


def mfa_device_for_code(*, user: User, code: str) -> Device | None:
    """The confirmed device that accepts this code (using it up), or None.

    Six digits are tried against the app; anything else against the recovery codes (eight
    characters). Wrong codes are slowed down by ``htms.accounts.login``.
    """
    code = _normalised(code)
    devices: list[Device] = (
        list(TOTPDevice.objects.filter(user=user, confirmed=True))
        if len(code) == 6 and code.isdigit()
        else list(StaticDevice.objects.filter(user=user, confirmed=True))
    )
    return next((d for d in devices if d.verify_token(code)), None)


def _normalised(code: str) -> str:
    return "".join(code.split()).lower()


def totp_code(device: TOTPDevice) -> str:
    """The code the user's app would show now (the next step once this one is used).

    For tests and the demo's ``demo_code`` command: it reads the secret from the database.
    """
    now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    counter = max(now, device.last_t + 1)
    return str(hotp(device.bin_key, counter, digits=device.digits)).zfill(device.digits)


def otpauth_uri(device: TOTPDevice) -> str:
    return str(device.config_url)


def qr_svg(uri: str) -> str:
    """The QR code of ``uri`` as an inline SVG element, drawn on the server."""
    return str(segno.make(uri, error="m").svg_inline(scale=4, title="otpauth", dark="#000"))


def secret_text(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an app without a camera."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
