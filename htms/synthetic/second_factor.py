"""The demo users' second factor: an authenticator already set up with a public, derived key.

The key of a demo user is derived from their username, printed by ``seed_demo`` and
``seed_intake_demo``, and known to anyone who reads this file: exactly like the demo passwords.
``htms demo_code USERNAME`` prints the current code of a user whose key is that public demo
key, and of nobody else, so it can never read out the code of a real officer.
"""

import hashlib
from base64 import b32encode
from binascii import unhexlify

from django_otp.plugins.otp_totp.models import TOTPDevice

from htms.accounts.mfa import APP_DEVICE_NAME
from htms.accounts.models import User

SECOND_FACTOR_NOTE = (
    "Second factor: each demo user's authenticator is already set up with a public demo key.\n"
    "After the password, enter the code printed by `htms demo_code USERNAME`, or add the key\n"
    "below to any authenticator app (FreeOTP, Aegis, Google Authenticator)."
)


def demo_totp_key(username: str) -> str:
    """The public hex key of a demo user's authenticator (20 bytes, as django-otp stores it)."""
    return hashlib.sha256(f"htms-demo-second-factor:{username}".encode()).hexdigest()[:40]


def demo_totp_secret(username: str) -> str:
    """The same key in base32, as an authenticator app asks for it."""
    return b32encode(unhexlify(demo_totp_key(username))).decode()


def demo_second_factor(user: User) -> TOTPDevice:
    """Sets up the demo user's authenticator with the public demo key."""
    device: TOTPDevice = TOTPDevice.objects.create(
        user=user, name=APP_DEVICE_NAME, key=demo_totp_key(user.username), confirmed=True
    )
    return device


def demo_device(username: str) -> TOTPDevice | None:
    """The user's authenticator if it still has the public demo key, else None."""
    device: TOTPDevice | None = TOTPDevice.objects.filter(
        user__username=username, confirmed=True, key=demo_totp_key(username)
    ).first()
    return device
