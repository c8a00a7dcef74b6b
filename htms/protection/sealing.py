"""Caseworker notes sealed at rest: encrypted in the database under a key from the environment.

The construction uses only the standard library: a random 16-byte nonce, a keystream of
HMAC-SHA256(encryption key, nonce || counter) blocks XORed with the text (a stream cipher from a
pseudo-random function, as in CTR mode), then HMAC-SHA256(authentication key, version || nonce ||
ciphertext) over the result (encrypt-then-MAC). Both keys are derived from ``HTMS_PROTECTION_KEY``
with HMAC under distinct labels. A copy of the database, a dump or a backup holds only the
sealed tokens (``dumpdata`` included); without the key they reveal nothing but the length of
each note, and an edited token is refused rather than read as something else.
"""

import base64
import hashlib
import hmac
import secrets
from typing import Any

from django.db import models

from htms.common.keys import key_from_settings

DEVELOPMENT_KEY = "development-only-protection-key-not-for-production"
NO_KEY = "Set HTMS_PROTECTION_KEY: production needs its own key for sealed caseworker notes."
PREFIX = "s1:"
BLOCK = 32


class SealBroken(ValueError):
    """A sealed value was altered, or sealed under another key."""


def _master_key() -> bytes:
    return key_from_settings("HTMS_PROTECTION_KEY", development_key=DEVELOPMENT_KEY, missing=NO_KEY)


def _subkey(label: bytes) -> bytes:
    return hmac.new(_master_key(), label, hashlib.sha256).digest()


def _keystream(key: bytes, nonce: bytes, length: int) -> bytes:
    blocks = (length + BLOCK - 1) // BLOCK
    stream = b"".join(
        hmac.new(key, nonce + i.to_bytes(8, "big"), hashlib.sha256).digest() for i in range(blocks)
    )
    return stream[:length]


def _xor(data: bytes, stream: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(data, stream, strict=True))


def _tag(nonce: bytes, body: bytes) -> bytes:
    return hmac.new(
        _subkey(b"htms-seal-mac"), PREFIX.encode() + nonce + body, hashlib.sha256
    ).digest()


def seal(text: str) -> str:
    """The text encrypted and authenticated, as printable ASCII."""
    nonce = secrets.token_bytes(16)
    data = text.encode()
    body = _xor(data, _keystream(_subkey(b"htms-seal-enc"), nonce, len(data)))
    return PREFIX + base64.urlsafe_b64encode(nonce + body + _tag(nonce, body)).decode()


def unseal(token: str) -> str:
    """The text of a sealed value; ``SealBroken`` if it was altered or sealed under another
    key."""
    if not token.startswith(PREFIX):
        raise SealBroken(token[:8])
    raw = base64.urlsafe_b64decode(token[len(PREFIX) :].encode())
    nonce, body, tag = raw[:16], raw[16:-32], raw[-32:]
    if len(raw) < 48 or not hmac.compare_digest(tag, _tag(nonce, body)):
        raise SealBroken(token[:8])
    return _xor(body, _keystream(_subkey(b"htms-seal-enc"), nonce, len(body))).decode()


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
