"""Secret keys read from the settings (set from the environment), never from the database."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SHORTEST_KEY = 32


def key_from_settings(name: str, *, development_key: str, missing: str) -> bytes:
    """The key in setting ``name``; ``development_key`` outside production (``HTMS_ENV``).
    Production refuses to start without a key of its own (``missing`` says so), with the
    development key, or with a key shorter than 32 characters."""
    key = str(getattr(settings, name, "") or "")
    production = getattr(settings, "HTMS_ENV", "development") == "production"
    if production and not key:
        raise ImproperlyConfigured(missing)
    if production and key == development_key:
        raise ImproperlyConfigured(f"{name} is the development key: set a secret one.")
    if production and len(key) < SHORTEST_KEY:
        raise ImproperlyConfigured(f"{name} is too short: use at least 32 characters.")
    return (key or development_key).encode()
