"""Load test of officers at work (issue 15 item 4): 20 officers for 5 minutes on PostgreSQL with
no error and a p95 of at most 200 ms; 5 officers on the embedded SQLite with no error.

1. Officers to log in as, in the unit with the most cases (generates cases first if there are
   fewer than HTMS_LOCUST_CASES, 2,000 by default), with the database settings of the server:
       python -m bench.locust_officers prepare 20 > officers.json
2. Serve the site: with several processes as deployed, e.g.
       gunicorn htms.wsgi:application --workers 3 --threads 4 --keep-alive 10 \
           --bind 127.0.0.1:8000
   (gunicorn is in the test extras), or as `make run` does (`htms runserver --noreload`); then
       PYTHONPATH=. HTMS_LOCUST_CAST=officers.json locust -f bench/locust_officers.py --headless \
           -u 20 -r 5 -t 5m --host http://127.0.0.1:8000

Each simulated officer logs in (password, then a recovery code) and then, a few seconds apart,
opens the home page, filters the case list and pages through it, opens cases, searches the
register by name or CNIC, and now and then registers a case with three parties. The officers
are locust's ``FastHttpUser`` (geventhttpclient), several times lighter than the ``requests``
client: on one machine locust takes the cores from the server it measures. The server's
keep-alive must outlast the officers' 1–3 s pauses: with gunicorn's default 2 s, it closes idle
connections just as an officer reuses one ("connection reset by peer").

With HTMS_LOCUST_TIMES=FILE every answer's name, milliseconds and failure are written to FILE
(CSV), so that percentiles can be read exactly, with or without the logins (``summary FILE``).
"""

import io
import itertools
import json
import os
import random
import sys
import time
from pathlib import Path

from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

from bench.payloads import three_party_case

STAGES = ["", "fir", "investigation", "interim_challan", "enquiry"]
CRIME_TYPES = ["", "TIP", "SOM"]
# CNICs of the persons registered: a block of numbers per run, so that runs do not collide.
_numbers = itertools.count(1_000_000 + int(time.time()) % 800 * 10_000)
_logins = itertools.count()
LOGINS = {"login", "/login/", "/login/code/"}
TIMES = os.environ.get("HTMS_LOCUST_TIMES", "")


@events.request.add_listener  # type: ignore[untyped-decorator, unused-ignore]
def _record(name: str, response_time: float, exception: object, **_: object) -> None:
    if TIMES:
        with open(TIMES, "a", encoding="utf-8") as times:
            times.write(f"{name},{response_time:.1f},{int(exception is not None)}\n")


def summary(path: str) -> str:
    """Requests, failures and p50/p95 in ms of a times file, over every answer and without the
    logins (one password hashing per officer, not a page of their work)."""
    rows = [line.rsplit(",", 2) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    lines = []
    for label, kept in (
        ("every answer", rows),
        ("pages (no login)", [r for r in rows if r[0] not in LOGINS]),
    ):
        ms = sorted(float(r[1]) for r in kept)
        failed = sum(int(r[2]) for r in kept)
        p50, p95 = ms[len(ms) // 2], ms[min(len(ms) - 1, int(len(ms) * 0.95))]
        lines.append(
            f"{label}: {len(ms)} requests, {failed} failed, p50 {p50:.0f} ms, p95 {p95:.0f} ms"
        )
    return "\n".join(lines)


def _cast() -> dict[str, object]:
    with open(os.environ["HTMS_LOCUST_CAST"], encoding="utf-8") as f:
        cast: dict[str, object] = json.load(f)
    return cast


class Officer(FastHttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        cast = _cast()
        self.case_ids: list[int] = cast["case_ids"]  # type: ignore[assignment]
        self.names: list[str] = cast["names"]  # type: ignore[assignment]
        self.cnics: list[str] = cast["cnics"]  # type: ignore[assignment]
        self.statute: str = cast["statute"]  # type: ignore[assignment]
        officers: list[dict[str, object]] = cast["officers"]  # type: ignore[assignment]
        me = officers[next(_logins) % len(officers)]
        codes: list[str] = me["codes"]  # type: ignore[assignment]
        self.client.get("/login/", name="login")
        self._post_form(
            "/login/", {"username": str(me["username"]), "password": str(me["password"])}
        )
        self._post_form("/login/code/", {"code": codes.pop()})

    def _csrf(self) -> str:
        return next((c.value or "" for c in self.client.cookiejar if c.name == "csrftoken"), "")

    def _post_form(self, path: str, fields: dict[str, str]) -> None:
        data = {**fields, "csrfmiddlewaretoken": self._csrf()}
        headers = {"Referer": self.host or ""}
        with self.client.post(
            path, data=data, headers=headers, name=path, catch_response=True
        ) as r:
            if r.status_code != 200 or 'name="password"' in r.text:
                r.failure(f"login refused at {path}: {r.status_code}")

    @task(3)
    def home(self) -> None:
        self.client.get("/", name="home")

    @task(4)
    def case_list(self) -> None:
        params = {
            "stage": random.choice(STAGES),  # noqa: S311
            "crime_type": random.choice(CRIME_TYPES),  # noqa: S311
            "page": str(random.choice([1, 1, 1, 2, 3])),  # noqa: S311
        }
        self.client.get("/cases/", params={k: v for k, v in params.items() if v}, name="case list")

    @task(3)
    def case_page(self) -> None:
        case_id = random.choice(self.case_ids)  # noqa: S311
        self.client.get(f"/cases/{case_id}/", name="case page")

    @task(2)
    def search(self) -> None:
        if random.random() < 0.7:  # noqa: S311
            params = {"name": random.choice(self.names)}  # noqa: S311
        else:
            params = {"cnic": random.choice(self.cnics)}  # noqa: S311
        self.client.get("/persons/", params=params, name="person search")

    @task(1)
    def register(self) -> None:
        headers = {"X-CSRFToken": self._csrf(), "Referer": self.host or ""}
        body = three_party_case(next(_numbers), self.statute)
        with self.client.post(
            "/api/cases/",
            json=body,
            headers=headers,
            name="register (3 parties)",
            catch_response=True,
        ) as r:
            if r.status_code != 201:
                r.failure(f"{r.status_code} {r.text[:200]}")


def prepare(count: int) -> dict[str, object]:
    """Officers, cases, names and CNICs to use, from the database the settings name."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "htms.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from htms.accounts.mfa import mfa_recovery_codes_renew
    from htms.accounts.models import Role, User
    from htms.accounts.services import user_create
    from htms.accounts.tests.support import enrol
    from htms.cases.models import Case, CaseParty, PartyRole
    from htms.persons.models import IdentityDocument
    from htms.reference.models import Statute, Unit

    quiet = io.StringIO()  # the commands' reports would spoil the JSON on standard output
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_reference", verbosity=0, stdout=quiet)
    wanted = int(os.environ.get("HTMS_LOCUST_CASES", "2000"))
    if Case.objects.count() < wanted:
        missing = wanted - Case.objects.count()
        call_command("generate", cases=missing, seed=3, bulk=True, stdout=quiet)
    counts: dict[int, int] = {}
    for uid in Case.objects.values_list("unit_id", flat=True)[:20000]:
        counts[uid] = counts.get(uid, 0) + 1
    unit_id = max(counts, key=lambda k: counts[k])
    officers = []
    for n in range(count):
        username, password = f"locust-io-{n}", f"locust-pw-{n}-long-enough"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                actor=None,
                username=username,
                password=password,
                unit_code=Unit.objects.get(pk=unit_id).code,
                role=Role.INVESTIGATING_OFFICER,
            )
            enrol(user)
        codes = mfa_recovery_codes_renew(user=user)
        officers.append({"username": username, "password": password, "codes": codes})
    cases = Case.objects.filter(unit_id=unit_id)
    accused = CaseParty.objects.filter(case__unit_id=unit_id, role=PartyRole.ACCUSED)
    statute = Statute.objects.filter(crime_type="TIP", in_force=True).first()
    assert statute is not None
    return {
        "officers": officers,
        "case_ids": list(cases.values_list("pk", flat=True)[:2000]),
        "names": list(accused.values_list("person__full_name", flat=True)[:500]),
        "cnics": list(
            IdentityDocument.objects.filter(
                person__in=accused.values("person_id"), kind="cnic"
            ).values_list("number", flat=True)[:500]
        ),
        "statute": statute.code,
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["summary"] and len(sys.argv) > 2:
        print(summary(sys.argv[2]))
    elif sys.argv[1:2] == ["prepare"]:
        print(json.dumps(prepare(int(sys.argv[2]) if len(sys.argv) > 2 else 20)))
    else:
        sys.exit(__doc__)
