"""``manage.py check --deploy`` is clean in production mode with a realistic environment, and
the production settings come from that environment."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def _production_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HTMS_", "DJANGO_"))}
    return {
        **env,
        "HTMS_PRODUCTION": "1",
        "HTMS_SECRET_KEY": secrets.token_urlsafe(50),
        "HTMS_ALLOWED_HOSTS": "htms.fia.gov.pk",
        "HTMS_CSRF_TRUSTED_ORIGINS": "https://htms.fia.gov.pk",
        "HTMS_SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
        "HTMS_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'htms.sqlite3'}",
    }


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, str(MANAGE), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        timeout=120,
    )


def test_it_passes_the_deploy_check_in_production_mode(tmp_path: Path) -> None:
    result = _run(_production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_reads_the_production_settings_from_the_environment(tmp_path: Path) -> None:
    names = "SECURE_SSL_REDIRECT SECURE_HSTS_SECONDS SESSION_COOKIE_SECURE CSRF_COOKIE_SECURE"
    values = ", ".join(f"s.{n}" for n in [*names.split(), "SECURE_PROXY_SSL_HEADER", "DEBUG"])
    code = f"import json; from django.conf import settings as s; print(json.dumps([{values}]))"
    result = _run(_production_env(tmp_path), "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == [
        True, 31536000, True, True, ["HTTP_X_FORWARDED_PROTO", "https"], False
    ]  # fmt: skip


def test_it_refuses_to_start_in_production_without_a_secret_key(tmp_path: Path) -> None:
    env = _production_env(tmp_path)
    del env["HTMS_SECRET_KEY"]
    result = _run(env, "check")
    assert result.returncode != 0
    assert "HTMS_SECRET_KEY" in result.stderr
