"""The audit chain's key: every row's hash, every seal and every checkpoint is an HMAC-SHA256
under it, so rewriting rows and recomputing the chain needs the key, which lives only in the
environment (``HTMS_AUDIT_KEY``), never in the database."""

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_KEY = "development-only-audit-key-not-for-production"
NO_KEY = "Set HTMS_AUDIT_KEY: production needs its own audit chain key."
DEVELOPMENT_KEY_IN_PRODUCTION = "HTMS_AUDIT_KEY is the development key: set a secret one."
SHORT_KEY = "HTMS_AUDIT_KEY is too short: use at least 32 characters."


def audit_key() -> bytes:
    """The key from the settings; the development key outside production (``HTMS_ENV``)."""
    key = str(getattr(settings, "HTMS_AUDIT_KEY", "") or "")
    production = getattr(settings, "HTMS_ENV", "development") == "production"
    if production and not key:
        raise ImproperlyConfigured(NO_KEY)
    if production and key == DEVELOPMENT_KEY:
        raise ImproperlyConfigured(DEVELOPMENT_KEY_IN_PRODUCTION)
    if production and len(key) < 32:
        raise ImproperlyConfigured(SHORT_KEY)
    return (key or DEVELOPMENT_KEY).encode()


def keyed_digest(message: str) -> str:
    """HMAC-SHA256 of ``message`` under the audit key, in hex."""
    return hmac.new(audit_key(), message.encode(), hashlib.sha256).hexdigest()


def same_digest(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
