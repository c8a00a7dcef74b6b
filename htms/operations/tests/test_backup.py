"""A backup restores to a database whose audit chain verifies: SQLite through the backup API,
PostgreSQL through pg_dump and pg_restore (when the tests run on PostgreSQL, e.g. under
scripts/with-postgres.sh). Each test builds its own database with the real commands, in
subprocesses, as an operator would, so the test database of the session is left alone."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

MANAGE = Path(settings.BASE_DIR) / "manage.py"
HISTORY = (
    "from htms.audit.services import audit_record\n"
    "for i in range(5):\n"
    "    audit_record(actor=None, action='view', object_type='case', object_id=i)\n"
)


def _manage(database_url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HTMS_", "DJANGO_"))}
    return subprocess.run(  # noqa: S603
        [sys.executable, str(MANAGE), *args],
        capture_output=True,
        text=True,
        env={**env, "DATABASE_URL": database_url},
        cwd=settings.BASE_DIR,
        timeout=600,
        check=check,
    )


def _database_with_history(database_url: str) -> None:
    _manage(database_url, "migrate", "--noinput")
    _manage(database_url, "shell", "-c", HISTORY)


def test_it_never_overwrites_a_file(tmp_path: Path) -> None:
    existing = tmp_path / "earlier.backup"
    existing.write_bytes(b"an earlier backup")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", str(existing))
    assert existing.read_bytes() == b"an earlier backup"


@pytest.mark.slow
def test_it_copies_sqlite_with_the_backup_api_and_the_copy_verifies(tmp_path: Path) -> None:
    source = f"sqlite:///{tmp_path / 'htms.sqlite3'}"
    _database_with_history(source)
    copy = tmp_path / "htms-backup.sqlite3"
    assert "written to" in _manage(source, "backup", str(copy)).stdout
    with sqlite3.connect(copy) as db:
        (copied,) = db.execute("SELECT COUNT(*) FROM audit_auditevent").fetchone()
    assert copied == 6  # the five rows and the backup's own
    verified = _manage(f"sqlite:///{copy}", "verify")
    assert "6 rows verified" in verified.stdout
    with sqlite3.connect(copy) as db:  # a copy changed after the fact no longer verifies
        db.execute("UPDATE audit_auditevent SET object_id = 'x' WHERE seq = 2")
    assert _manage(f"sqlite:///{copy}", "verify", check=False).returncode != 0


def _pg(program: str, *args: str) -> None:
    db = connection.settings_dict
    where = [f"--host={db['HOST']}", f"--port={db['PORT']}", f"--username={db['USER']}"]
    subprocess.run([program, *where, *args], check=True, capture_output=True)  # noqa: S603


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL procedure")
def test_it_dumps_postgresql_and_the_restored_copy_verifies(tmp_path: Path) -> None:
    db = connection.settings_dict
    host = str(db["HOST"]).replace("/", "%2F")

    def url(name: str) -> str:
        return f"postgresql://{db['USER']}@{host}:{db['PORT']}/{name}"

    _pg("createdb", "htms_backup_source")
    _pg("createdb", "htms_backup_restored")
    try:
        _database_with_history(url("htms_backup_source"))
        dump = tmp_path / "htms.dump"
        _manage(url("htms_backup_source"), "backup", str(dump))
        _pg("pg_restore", "--no-owner", "--dbname=htms_backup_restored", str(dump))
        verified = _manage(url("htms_backup_restored"), "verify")
        assert "6 rows verified" in verified.stdout
    finally:
        _pg("dropdb", "htms_backup_source")
        _pg("dropdb", "htms_backup_restored")
