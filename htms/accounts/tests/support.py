"""Second factor for the shared cast: an authenticator set up, and the code it shows now."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from htms.accounts.mfa import APP_DEVICE_NAME, totp_code
from htms.accounts.models import User


def enrol(user: User) -> TOTPDevice:
    """Gives ``user`` a confirmed authenticator app, as if they had set it up themselves."""
    device: TOTPDevice = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)
    return device


def code_for(user: User) -> str:
    """The code the user's authenticator shows now; enrols the user first if needed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or enrol(user)
    return totp_code(device)
