"""The portal as a stranger meets it: every page reachable from /public/ stays on the portal,
shows no one of the register, sets no cookie, carries a strict policy, and reads in five
languages with the right direction; on its own host no officer address answers."""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.test import Client, override_settings

from htms.accounts.models import User
from htms.cases.models import Case
from htms.persons.models import Person
from htms.public.services.notices import NoticeInput, notice_approve, notice_create
from htms.public.services.promoters import promoters_import
from htms.public.tests.support import CANCELLED, LICENSED, anonymous, promoters_csv
from htms.web.tests.support import count_queries

pytestmark = pytest.mark.django_db
LINK = re.compile(r'(?:href|src|action)="([^"#]+)"')
PORTAL_PATHS = ("/public/", "/static/")
OFFICER_PATHS = (
    "/login/",
    "/cases/",
    "/persons/",
    "/api/cases/",
    "/identity/",
    "/intake/",
    "/statistics/",
    "/users/",
    "/portal/",
    "/i18n/setlang/",
    "/",
)


def _crawl(client: Client, start: str = "/public/") -> dict[str, str]:
    pages: dict[str, str] = {}
    queue = deque([start])
    while queue and len(pages) < 200:
        url = queue.popleft()
        if url in pages or url.startswith("/static/") or url.startswith("tel:"):
            continue
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert not response.cookies, (url, response.cookies)
        pages[url] = response.content.decode() if "html" in response["Content-Type"] else ""
        for link in LINK.findall(pages[url]):
            if link.startswith("tel:"):
                continue
            parts = urlsplit(link)
            assert not parts.netloc, (url, link)
            assert parts.path.startswith(PORTAL_PATHS), (url, link)
            queue.append(link.replace("&amp;", "&"))
    return pages


@pytest.fixture
def portal_data(adam: User, mona: User) -> None:
    promoters_import(actor=adam, stream=promoters_csv([LICENSED, CANCELLED]), filename="a.csv")
    data = NoticeInput(name="Shahid Iqbal", district="Gujrat", status="wanted")
    notice_approve(actor=mona, notice_id=notice_create(actor=adam, data=data).pk)


def test_every_page_stays_on_the_portal_and_shows_no_one_of_the_register(
    tip_case: Case, portal_data: None
) -> None:
    pages = _crawl(anonymous())
    assert len(pages) > 20
    for lang in ("en", "ur", "pa", "sd", "ps"):
        assert f"/public/{lang}/check/" in pages
    text = "\n".join(pages.values())
    names = [
        n
        for p in Person.objects.all()
        for n in (p.full_name, p.full_name_ur, p.father_name, p.father_name_ur)
        if n
    ]
    assert names, "the case has parties"
    for name in names:
        assert name not in text, name


def test_no_page_sets_a_cookie_or_runs_inline_script(portal_data: None) -> None:
    client = anonymous()
    for url in (
        "/public/en/",
        "/public/en/check/?q=OEP-1234/RWP",
        "/public/ur/report/",
        "/public/en/report/add/",
        "/public/en/learn/",
        "/public/en/figures/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "camera=()" in response["Permissions-Policy"]
        assert "<script>" not in response.content.decode()
        assert 'style="' not in response.content.decode()


def test_static_pages_may_be_cached_and_forms_may_not() -> None:
    client = anonymous()
    assert "public" in client.get("/public/en/")["Cache-Control"]
    assert "max-age=600" in client.get("/public/ur/help/")["Cache-Control"]
    assert "no-store" in client.get("/public/en/report/")["Cache-Control"]


@pytest.mark.parametrize(
    ("lang", "direction", "words"),
    [
        ("en", "ltr", "Check a recruiter"),
        ("ur", "rtl", "ایجنٹ کی تصدیق"),
        ("pa", "rtl", "ایجنٹ دی تصدیق"),
        ("sd", "rtl", "ايجنٽ جي تصديق"),
        ("ps", "rtl", "د اجنټ تصدیق"),
    ],
)
def test_key_pages_read_in_five_languages(lang: str, direction: str, words: str) -> None:
    for page in ("", "check/", "report/", "help/"):
        html = anonymous().get(f"/public/{lang}/{page}").content.decode()
        assert f'<html lang="{lang}" dir="{direction}">' in html, page
        assert words in html, page


def test_other_pages_are_read_in_urdu_by_the_key_page_languages() -> None:
    response = anonymous().get("/public/sd/learn/")
    assert response.status_code == 302 and response["Location"] == "/public/ur/learn/"


def test_an_unknown_language_is_not_found() -> None:
    response = anonymous().get("/public/xx/")
    assert response.status_code == 404
    assert "/public/en/" in response.content.decode()


@override_settings(
    HTMS_PUBLIC_HOST="safe.example.pk", ALLOWED_HOSTS=["safe.example.pk", "testserver"]
)
def test_the_public_host_serves_the_portal_only() -> None:
    client = Client(HTTP_HOST="safe.example.pk")
    assert client.get("/public/en/").status_code == 200
    assert client.get("/")["Location"] == "/public/"
    for path in OFFICER_PATHS[:-1]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert "/login/" not in response.content.decode()
    pages = _crawl(client)
    assert len(pages) > 20
    # The officer host keeps the officer site.
    assert Client().get("/login/").status_code == 200


@override_settings(HTMS_PUBLIC_ON_OFFICER_HOST=False)
def test_the_officer_host_can_stop_serving_the_portal() -> None:
    assert anonymous().get("/public/en/").status_code == 404
    assert anonymous().get("/login/").status_code == 200


@override_settings(HTMS_REFUSAL_LIMIT_PER_ADDRESS=2)
def test_a_prober_of_notices_gets_the_portals_own_429_page() -> None:
    client = anonymous()
    statuses = [client.get(f"/public/en/notices/{n}/photo/").status_code for n in range(1, 6)]
    assert statuses == [404, 404, 429, 429, 429]
    page = client.get("/public/en/").content.decode()
    assert "Please wait a little" in page and "/login/" not in page


def test_a_check_costs_two_queries(portal_data: None) -> None:
    """The promoters and the notices: nothing of a session, a user or the register."""
    assert count_queries(anonymous(), "/public/ur/check/?q=محمد آصف") == 2


def test_a_query_is_shown_escaped() -> None:
    page = anonymous().get("/public/en/check/", {"q": "<script>alert(1)</script>"})
    assert "<script>alert" not in page.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.content.decode()
