"""Repository-wide pytest set-up: database and speed settings only.

The database comes from DATABASE_URL (see htms/settings.py): SQLite by default, or the throwaway
PostgreSQL server that scripts/with-postgres.sh starts. On PostgreSQL pytest-django creates the
test database ``test_<name>``, so that role must be allowed to create databases (it is a
superuser in the throwaway cluster).
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # Tests create many users: the default PBKDF2 hasher costs a good part of a second each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
