"""Caseworker notes sealed at rest: encrypted in the database under a key from the environment.

AES-256-GCM (``cryptography``) with a random 12-byte nonce per value; the key is derived from
``HTMS_PROTECTION_KEY`` with HKDF-SHA256. A copy of the database, a dump or a backup holds only
the sealed tokens (``dumpdata`` included); without the key they reveal nothing but the length of
each note, and an edited token is refused rather than read as something else.
"""

import base64
import binascii
import secrets
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.db import models

from htms.common.keys import key_from_settings

DEVELOPMENT_KEY = "development-only-protection-key-not-for-production"
NO_KEY = "Set HTMS_PROTECTION_KEY: production needs its own key for sealed caseworker notes."
PREFIX = "g1:"
NONCE_BYTES = 12


class SealBroken(ValueError):
    """A sealed value was altered, or sealed under another key."""


def _cipher() -> AESGCM:
    master = key_from_settings(
        "HTMS_PROTECTION_KEY", development_key=DEVELOPMENT_KEY, missing=NO_KEY
    )
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"htms-seal").derive(master)
    return AESGCM(key)


def seal(text: str) -> str:
    """The text encrypted and authenticated, as printable ASCII."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    body = _cipher().encrypt(nonce, text.encode(), PREFIX.encode())
    return PREFIX + base64.urlsafe_b64encode(nonce + body).decode()


def unseal(token: str) -> str:
    """The text of a sealed value; ``SealBroken`` if it was altered or sealed under another
    key."""
    if not token.startswith(PREFIX):
        raise SealBroken(token[:8])
    try:
        raw = base64.urlsafe_b64decode(token[len(PREFIX) :].encode())
        text = _cipher().decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], PREFIX.encode())
    except (InvalidTag, binascii.Error, ValueError) as error:
        raise SealBroken(token[:8]) from error
    return text.decode()


class SealedTextField(models.TextField):  # type: ignore[type-arg]
    """Text stored sealed (``seal``) and read back in the clear. Not searchable by design."""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return value if value in (None, "") else seal(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return value if value in (None, "") else unseal(value)

    def to_python(self, value: Any) -> Any:
        """A sealed value (from ``loaddata``) is read back in the clear."""
        if isinstance(value, str) and value.startswith(PREFIX):
            try:
                return unseal(value)
            except (SealBroken, ValueError):
                pass  # a text that merely looks sealed is kept as typed
        return super().to_python(value)

    def value_to_string(self, obj: models.Model) -> str:
        """``dumpdata`` writes the sealed value, never the text."""
        value = self.value_from_object(obj)
        return value if value in (None, "") else seal(str(value))
