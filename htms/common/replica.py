"""Reads from a streaming replica of the primary PostgreSQL server (``docs/operations.md``,
"A read replica").

Only what runs inside ``replica_reads()`` reads the replica: the statistics figures and the
search before create. Everything else, and every write, goes to the primary. A replica lags the
primary by a moment, so reads stay on the primary inside a transaction of the primary: a
transaction that has written must read what it wrote, and one that has only read loses nothing
by staying there. Without a replica (``DATABASE_REPLICA_URL`` unset) or with
``HTMS_REPLICA_READS=0``, ``replica_reads()`` changes nothing.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model

REPLICA = "replica"

_replica_wanted: ContextVar[bool] = ContextVar("htms_replica_reads", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads inside the block may go to the replica (writes never do). Also a decorator."""
    token = _replica_wanted.set(True)
    try:
        yield
    finally:
        _replica_wanted.reset(token)


def replica_configured() -> bool:
    """Whether a replica is configured and reads may go to it (``htms/settings.py``)."""
    return bool(settings.HTMS_REPLICA_READS) and REPLICA in settings.DATABASES


def read_alias() -> str:
    """The database a read made now goes to."""
    if not _replica_wanted.get() or not replica_configured():
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return REPLICA


class ReplicaRouter:
    """Sends reads where ``read_alias`` says and every write to the primary. Both answers are
    explicit, so that an object read from the replica is neither saved there nor, outside
    ``replica_reads()``, followed to its related objects there."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        return read_alias()

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        # The replica holds the same rows as the primary.
        same = {DEFAULT_DB_ALIAS, REPLICA}
        return True if {obj1._state.db, obj2._state.db} <= same else None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # The replica replays the primary's schema: nothing is ever migrated there.
        return False if db == REPLICA else None
