"""A backup taken while the site runs restores to a database whose audit chain verifies:
SQLite through the backup API, PostgreSQL through pg_dump and pg_restore (when the tests run
on PostgreSQL, e.g. under scripts/with-postgres.sh)."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditEvent
from htms.audit.services import audit_record

pytestmark = pytest.mark.django_db(transaction=True)

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def _some_history(alice: User) -> int:
    for i in range(5):
        audit_record(
            actor=alice, action=AuditAction.VIEW, object_type="case", object_id=i, changes={}
        )
    return AuditEvent.objects.count()


def _verify(database_url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    return subprocess.run(  # noqa: S603
        [sys.executable, str(MANAGE), "verify"],
        capture_output=True,
        text=True,
        env={**env, "DATABASE_URL": database_url},
        cwd=settings.BASE_DIR,
        timeout=300,
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite procedure")
def test_it_copies_sqlite_with_the_backup_api_and_the_copy_verifies(
    alice: User, tmp_path: Path
) -> None:
    rows = _some_history(alice)
    copy = tmp_path / "htms-backup.sqlite3"
    call_command("backup", str(copy))
    with sqlite3.connect(copy) as db:
        (copied,) = db.execute("SELECT COUNT(*) FROM audit_auditevent").fetchone()
    assert copied == rows + 1  # the backup's own audit row is in the copy
    result = _verify(f"sqlite:///{copy}")
    assert result.returncode == 0, result.stderr
    assert f"{rows + 1} rows verified" in result.stdout
    with sqlite3.connect(copy) as db:  # a copy changed after the fact no longer verifies
        db.execute("UPDATE audit_auditevent SET object_id = 'x' WHERE seq = 2")
    assert _verify(f"sqlite:///{copy}").returncode != 0


def test_it_never_overwrites_a_file(tmp_path: Path) -> None:
    existing = tmp_path / "earlier.backup"
    existing.write_bytes(b"an earlier backup")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", str(existing))
    assert existing.read_bytes() == b"an earlier backup"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL procedure")
def test_it_dumps_postgresql_and_the_restored_copy_verifies(alice: User, tmp_path: Path) -> None:
    rows = _some_history(alice)
    dump = tmp_path / "htms.dump"
    call_command("backup", str(dump))
    db = connection.settings_dict
    restored = f"{db['NAME']}_restored"
    where = [f"--host={db['HOST']}", f"--port={db['PORT']}", f"--username={db['USER']}"]
    subprocess.run(["createdb", *where, restored], check=True)  # noqa: S603, S607
    try:
        subprocess.run(  # noqa: S603
            [shutil.which("pg_restore") or "pg_restore", "--no-owner", *where,
             f"--dbname={restored}", str(dump)],
            check=True,
        )  # fmt: skip
        host = str(db["HOST"]).replace("/", "%2F")
        result = _verify(f"postgresql://{db['USER']}@{host}:{db['PORT']}/{restored}")
        assert result.returncode == 0, result.stderr
        assert f"{rows + 1} rows verified" in result.stdout
    finally:
        subprocess.run(["dropdb", *where, restored], check=True)  # noqa: S603, S607
