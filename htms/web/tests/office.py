"""An office on the embedded database: officers logging in and registering cases at the same
moment, against a real threaded server on a SQLite file, as `make run` serves them.

Run as a script in its own process (``python htms/web/tests/office.py DIR``), with the
database settings taken from DATABASE_URL: the test in test_concurrent_office.py sets it to a
fresh file in DIR. Prints one JSON line: the number of requests and the failures seen.
"""

import json
import os
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from typing import Any

OFFICERS = 8
ROUNDS = 5


def _setup(directory: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "htms.settings")
    os.environ["HTMS_VAR_DIR"] = directory
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/office.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _cast() -> list[tuple[str, str, list[str]]]:
    """Username, password and recovery codes (one second factor per login) of each officer."""
    from htms.accounts.mfa import mfa_recovery_codes_renew
    from htms.accounts.models import Role
    from htms.accounts.services import user_create
    from htms.accounts.tests.support import enrol
    from htms.reference.loader import reference_load
    from htms.reference.models import Unit, UnitKind

    reference_load()
    Unit.objects.create(code="OFFICE", name="Office circle", kind=UnitKind.CIRCLE)
    logins = []
    for n in range(OFFICERS):
        username, password = f"officer{n}", f"office-pw-{n}-long-enough"
        user = user_create(
            actor=None,
            username=username,
            password=password,
            unit_code="OFFICE",
            role=Role.INVESTIGATING_OFFICER,
        )
        enrol(user)
        logins.append((username, password, mfa_recovery_codes_renew(user=user)))
    return logins


def _serve() -> str:
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def _case(officer: int, round_: int) -> dict[str, Any]:
    return {
        "origin": "complaint",
        "statutes": ["PTPA2018-3"],
        "summary": f"Complaint {round_} received by officer {officer}.",
        "fir_number": f"{officer * 100 + round_}/2026",
        "fir_date": "2026-11-02",
        "police_station": "FIA AHTC Office",
        "occurred_on": "2026-10-20",
        "parties": [
            {
                "role": "accused",
                "accused_status": "at_large",
                "person": {"full_name": f"Agent Number{officer}x{round_}", "sex": "M"},
            }
        ],
    }


def _officer(
    base: str, username: str, password: str, codes: list[str], n: int, failures: list[str]
) -> int:
    """Logs in on the page (password, then a recovery code) and for the API, then registers a
    case, ROUNDS times. Returns the number of requests sent; what went wrong is added to
    ``failures``."""
    requests = 0

    def expect(name: str, status: int, body: str, wanted: int) -> bool:
        nonlocal requests
        requests += 1
        if status != wanted:
            failures.append(f"{username} {name}: {status} {body[:300]}")
        return status == wanted

    for round_ in range(ROUNDS):
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        if not expect("login page", *_send(opener, urllib.request.Request(base + "/login/")), 200):
            continue
        status, body = _send(
            opener, _form(jar, base, "/login/", username=username, password=password)
        )
        expect("password", status, body, 200)
        status, body = _send(opener, _form(jar, base, "/login/code/", code=codes.pop()))
        expect("code", status, body, 200)
        if 'id="code-form"' in body or 'name="password"' in body:
            failures.append(f"{username} login: refused")
        token = {"username": username, "password": password, "otp": codes.pop()}
        status, body = _send(opener, _json_request(base + "/api/auth/token/", token))
        if not expect("token", status, body, 200):
            continue
        register = _json_request(base + "/api/cases/", _case(n, round_), json.loads(body)["token"])
        expect("register", *_send(opener, register), 201)
    return requests


def _form(jar: CookieJar, base: str, path: str, **fields: str) -> urllib.request.Request:
    csrf = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": csrf}).encode()
    return urllib.request.Request(base + path, data=data, headers={"Referer": base})


def _json_request(url: str, payload: dict[str, Any], token: str = "") -> urllib.request.Request:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    return urllib.request.Request(url, data=json.dumps(payload).encode(), headers=headers)


def _send(
    opener: urllib.request.OpenerDirector, request: urllib.request.Request
) -> tuple[int, str]:
    try:
        with opener.open(request, timeout=120) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def main(directory: str) -> None:
    _setup(directory)
    logins = _cast()
    base = _serve()
    failures: list[str] = []
    counts = [0] * len(logins)
    barrier = threading.Barrier(len(logins))

    def run(n: int, username: str, password: str, codes: list[str]) -> None:
        barrier.wait()
        counts[n] = _officer(base, username, password, codes, n, failures)

    threads = [threading.Thread(target=run, args=(n, *login)) for n, login in enumerate(logins)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    from htms.audit.verify import audit_verify
    from htms.cases.models import Case

    print(
        json.dumps(
            {
                "requests": sum(counts),
                "failures": failures,
                "cases": Case.objects.count(),
                "audit_problems": [p.message for p in audit_verify()],
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
