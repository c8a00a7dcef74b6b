"""The audit chain's key: every row's hash, every seal and every checkpoint is an HMAC-SHA256
under it, so rewriting rows and recomputing the chain needs the key, which lives only in the
environment (``HTMS_AUDIT_KEY``), never in the database."""

import hashlib
import hmac

from htms.common.keys import key_from_settings

DEVELOPMENT_KEY = "development-only-audit-key-not-for-production"
NO_KEY = "Set HTMS_AUDIT_KEY: production needs its own audit chain key."
DEVELOPMENT_KEY_IN_PRODUCTION = "HTMS_AUDIT_KEY is the development key: set a secret one."
SHORT_KEY = "HTMS_AUDIT_KEY is too short: use at least 32 characters."


def audit_key() -> bytes:
    """The key from the settings; the development key outside production (``HTMS_ENV``)."""
    return key_from_settings("HTMS_AUDIT_KEY", development_key=DEVELOPMENT_KEY, missing=NO_KEY)


def keyed_digest(message: str) -> str:
    """HMAC-SHA256 of ``message`` under the audit key, in hex."""
    return hmac.new(audit_key(), message.encode(), hashlib.sha256).hexdigest()


def same_digest(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
