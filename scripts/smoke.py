"""Requests every page a demo user can reach from the navigation, as every demo role, against a
running HTMS server: the check that a newcomer's `make run` really serves its users.

    python scripts/smoke.py http://127.0.0.1:8000

Each role logs in through the login page (password, then the code its demo authenticator shows
now), then follows the links of its home page and of the pages those links lead to (two levels,
GET only, same server), all roles at once in parallel threads, as an office of several officers
would. Any answer other than 200 (a 500, a 404 behind a link, a redirect back to the login page)
is a failure. Exits 1 on any failure.

Needs the database the server uses (the same settings and DATABASE_URL): it reads the demo
logins from it, so it runs in the server's virtualenv.
"""

import os
import re
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookiejar import CookieJar

# Pages that change something when requested, or that only serve files: never followed.
SKIPPED = re.compile(r"^/(logout|i18n|static|media|api)/|\.pdf$|/export|/download")
MAX_PAGES_PER_ROLE = 80


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.csrf = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag == "input" and values.get("name") == "csrfmiddlewaretoken":
            self.csrf = values.get("value") or ""


@dataclass
class Visit:
    role: str
    pages: int = 0
    failures: list[str] = field(default_factory=list)


class _Session:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, path: str) -> tuple[int, str, str]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base + path, data=body, method="POST")
        request.add_header("Referer", self.base + path)
        return self._open(request)

    def _open(self, request: urllib.request.Request) -> tuple[int, str, str]:
        """Status, final path (after redirects) and body."""
        try:
            with self.opener.open(request, timeout=120) as response:
                final = urllib.parse.urlsplit(response.geturl()).path
                return response.status, final, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, request.selector, error.read().decode("utf-8", "replace")


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def _log_in(session: _Session, username: str, password: str, code: str) -> str | None:
    """None when logged in (password, then the second-factor code), else what went wrong."""
    status, _, html = session.get("/login/")
    if status != 200:
        return f"/login/ answered {status}"
    form = {"username": username, "password": password, "csrfmiddlewaretoken": _parse(html).csrf}
    status, final, html = session.post("/login/", form)
    if status != 200 or final != "/login/code/":
        return f"password of {username} refused ({status}, ended at {final})"
    form = {"code": code, "csrfmiddlewaretoken": _parse(html).csrf}
    status, final, _ = session.post("/login/code/", form)
    if status != 200 or final.startswith("/login/"):
        return f"second factor of {username} refused ({status}, ended at {final})"
    return None


def _local_path(href: str) -> str | None:
    parts = urllib.parse.urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if SKIPPED.search(parts.path):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(base: str, username: str, password: str, code: str, visit: Visit) -> None:
    session = _Session(base)
    problem = _log_in(session, username, password, code)
    if problem:
        visit.failures.append(problem)
        return
    seen = {"/"}
    queue = deque([("/", 0)])
    while queue and visit.pages < MAX_PAGES_PER_ROLE:
        path, depth = queue.popleft()
        status, final, html = session.get(path)
        visit.pages += 1
        if status != 200 or final.startswith("/login/"):
            visit.failures.append(f"{path} answered {status} (ended at {final})")
            continue
        if depth == 2:
            continue
        for href in _parse(html).links:
            target = _local_path(href)
            if target and target not in seen:
                seen.add(target)
                queue.append((target, depth + 1))


def demo_logins() -> list[tuple[str, str, str, str]]:
    """(username, password, second-factor code, role) of every demo user: the code their demo
    authenticator shows now (the public demo key, as ``htms demo_code`` prints it)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "htms.settings")
    import django

    django.setup()
    from htms.accounts.mfa import totp_code
    from htms.intake.demo import DEMO_POST_USERS
    from htms.synthetic.demo import DEMO_USERS
    from htms.synthetic.second_factor import demo_device

    logins = []
    for user in (*DEMO_USERS, *DEMO_POST_USERS):
        device = demo_device(user.username)
        code = totp_code(device) if device else ""
        logins.append((user.username, user.password, code, str(user.role)))
    return logins


def main() -> int:
    base = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    visits: list[Visit] = []
    threads = []
    for username, password, code, role in demo_logins():
        visit = Visit(role=f"{username} ({role})")
        visits.append(visit)
        threads.append(threading.Thread(target=crawl, args=(base, username, password, code, visit)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    failed = 0
    for visit in visits:
        print(f"{visit.role}: {visit.pages} pages, {len(visit.failures)} failures")
        for failure in visit.failures:
            print(f"    {failure}")
        failed += len(visit.failures)
    print(f"smoke: {sum(v.pages for v in visits)} pages as {len(visits)} users, {failed} failures")
    return 1 if failed or not visits else 0


if __name__ == "__main__":
    sys.exit(main())
