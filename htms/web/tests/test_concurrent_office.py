"""The embedded database serves an office: officers working at the same moment never see
"database is locked" or a server error."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

OFFICE = Path(__file__).with_name("office.py")


def test_it_serves_eight_officers_logging_in_and_registering_at_once(tmp_path: Path) -> None:
    """8 officers, each logging in 5 times on the page (password and second factor) and for the
    API and registering a case each time, all at once against a threaded server on a fresh
    SQLite file (its own process, whatever database the rest of the suite runs on)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, str(OFFICE), str(tmp_path)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["failures"] == []
    assert result["requests"] == 8 * 5 * 5
    assert result["cases"] == 8 * 5
    assert result["audit_problems"] == []
    assert "database is locked" not in done.stderr
