"""The public portal on a 390 px phone in five languages: the recruiter check answers for a
licensed promoter, a cancelled one and a red-book agent; an anonymous report, its proof of work
solved by the page's own script, reaches the help line's triage queue."""

from collections.abc import Iterator

import pytest
from django.test import override_settings
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from htms.accounts.models import User
from htms.public.models import PublicReport
from htms.public.services.notices import NoticeInput, notice_approve, notice_create
from htms.public.services.promoters import promoters_import
from htms.public.tests.support import CANCELLED, LICENSED, promoters_csv
from htms.web.tests.browser.support import Steps

PHONE = {"width": 390, "height": 844}
# The first words of "Check a recruiter" in each language, and the writing direction.
LANGUAGES = {
    "en": ("ltr", "Check a recruiter"),
    "ur": ("rtl", "ایجنٹ کی تصدیق"),
    "pa": ("rtl", "ایجنٹ دی تصدیق"),
    "sd": ("rtl", "ايجنٽ جي تصديق"),
    "ps": ("rtl", "د اجنټ تصدیق"),
}


@pytest.fixture
def phone(
    reference_data_restored: None, live_server: LiveServer, chromium: Browser
) -> Iterator[Page]:
    context = chromium.new_context(base_url=live_server.url, viewport=PHONE)
    context.set_default_timeout(15_000)
    page = context.new_page()
    with override_settings(HTMS_PUBLIC_POW_MAX_NUMBER=3000):
        yield page
    context.close()


@pytest.fixture
def listed(adam: User, mona: User) -> None:
    promoters_import(actor=adam, stream=promoters_csv([LICENSED, CANCELLED]), filename="a.csv")
    notice = notice_create(
        actor=adam, data=NoticeInput(name="Shahid Iqbal", district="Gujrat", status="wanted")
    )
    notice_approve(actor=mona, notice_id=notice.pk)


def _check(page: Page, query: str, kind: str) -> str:
    page.fill("#id_q", query)
    page.click("form.check button")
    answer = page.locator(f".answers .answer.{kind} .verdict").first
    expect(answer).to_be_visible()
    return answer.inner_text()


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"


def test_it_checks_recruiters_in_five_languages_on_a_phone(
    phone: Page, listed: None, request: pytest.FixtureRequest
) -> None:
    page, steps = phone, Steps(phone, request.node.name)
    for code, (direction, words) in LANGUAGES.items():
        page.goto(f"/public/{code}/")
        expect(page.locator("html")).to_have_attribute("dir", direction)
        expect(page.locator("html")).to_have_attribute("lang", code)
        expect(page.locator("header")).to_contain_text(words)
        _fits(page)
        licensed = _check(page, "OEP-1234/RWP", "ok")
        assert "2030" in licensed
        cancelled = _check(page, "Muhammad Asif", "danger")
        wanted = _check(page, "شاہد اقبال", "danger")
        assert len({licensed, cancelled, wanted}) == 3
        _fits(page)
        if code == "en":
            assert cancelled == "Licence cancelled. Do not pay."
            assert wanted.startswith("Wanted by the FIA")
        else:
            assert "Do not pay" not in cancelled + wanted, code
        steps.shot(f"check-{code}")
    page.goto("/public/en/")
    steps.accessible("home-en")
    page.goto("/public/ur/check/?q=OEP-2020%2FLHR")
    steps.accessible("check-ur")


def test_an_anonymous_report_reaches_the_triage_queue(
    phone: Page, request: pytest.FixtureRequest
) -> None:
    page, steps = phone, Steps(phone, request.node.name)
    page.goto("/public/ur/report/")
    _fits(page)
    page.fill("#id_what", "ایجنٹ نے اٹلی کے ویزے کے لیے تین لاکھ روپے لیے اور غائب ہو گیا۔")
    page.fill("#id_who", "Shahid Iqbal")
    expect(page.locator("form.report")).to_have_attribute("data-pow-ready", "true")
    steps.accessible("report-form-ur")
    page.click("form.report button[type=submit]")
    code = page.locator(".code").inner_text()
    assert PublicReport.objects.get(code=code).call is not None
    steps.shot("report-sent-ur")
