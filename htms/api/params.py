"""Limits on numbers and ids the API accepts, and the parsing of ids in paths."""

import re

from rest_framework.exceptions import NotFound

# Primary keys are 64-bit on every supported database.
MAX_ID = 2**63 - 1
# Version counters are PositiveIntegerField: 32-bit on PostgreSQL.
MAX_VERSION = 2**31 - 1
_ID_RE = re.compile(r"[1-9][0-9]{0,18}")


def path_id(raw: str) -> int:
    """An id from the URL; anything that cannot be a record's id is a 404, like a missing one."""
    if not _ID_RE.fullmatch(raw) or int(raw) > MAX_ID:
        raise NotFound()
    return int(raw)
