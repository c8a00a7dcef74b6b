"""An import whose process is killed at any moment goes on where it stopped when started again:
nothing lost, nothing recorded twice, the audit chain intact."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

SCRIPT = Path(__file__).with_name("killed_import.py")


@pytest.fixture
def database(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of the script: a fresh database of the suite's kind (a new database on
    the same PostgreSQL server, or a SQLite file), dropped afterwards."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_REPLICA_URL")}
    if connection.vendor != "postgresql":
        yield env
        return
    name = f"htms_killed_import_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    base = os.environ["DATABASE_URL"]
    env["DATABASE_URL"] = base[: base.rfind("/") + 1] + name
    yield env
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _process(directory: Path, phase: str, env: dict[str, str]) -> subprocess.Popen[str]:
    """The script in its own process; what it says on stderr goes to a file in ``directory``
    (a pipe nobody reads could fill up and stop it)."""
    with (directory / f"{phase}.stderr").open("a") as errors:
        return subprocess.Popen(  # noqa: S603 (our own script)
            [sys.executable, str(SCRIPT), str(directory), phase],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )


def _kill_after(process: subprocess.Popen[str], steps: int) -> int:
    """Lets ``steps`` import steps finish, then kills the process without warning, inside the
    next step with high likelihood. Returns the steps seen."""
    assert process.stdout is not None
    seen = 0
    for line in process.stdout:
        if line.strip() == "step":
            seen += 1
        if seen == steps:
            break
    # The next step's transaction is open for most of the time between two lines.
    time.sleep(random.Random(steps).choice([0.0, 0.01, 0.03]))
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    return seen


@pytest.mark.django_db(transaction=True)
def test_an_import_killed_twice_goes_on_to_the_end_without_losing_or_doubling(
    tmp_path: Path, database: dict[str, str]
) -> None:
    first = _process(tmp_path, "start", database)
    assert _kill_after(first, 3) == 3, (tmp_path / "start.stderr").read_text()[-3000:]
    second = _process(tmp_path, "resume", database)
    assert _kill_after(second, 4) == 4
    third = _process(tmp_path, "resume", database)
    out, _err = third.communicate(timeout=600)
    assert third.returncode == 0, (tmp_path / "resume.stderr").read_text()[-3000:]
    assert out.strip().splitlines()[-1] == "done"

    check = subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, str(SCRIPT), str(tmp_path), "check"],
        cwd=settings.BASE_DIR,
        env=database,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    held = json.loads(check.stdout.strip().splitlines()[-1])
    assert held["rows"] == 600
    assert "pending" not in held["statuses"]
    assert held["processed_rows"] == 600
    assert held["manifest_status"] == "imported"
    # Each imported row has its own event, each event its row, each new person an event.
    assert held["imported"] > 500
    assert held["imported_without_event"] == 0
    assert held["events"] == held["imported"]
    assert held["events_shared_by_rows"] == 0
    assert held["events_of_no_row"] == 0
    assert held["persons_without_event"] == 0
    assert held["audit_problems"] == []
