"""One officer's journey in a real browser, from registration to the first hearing, and what
another circle sees of it."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from htms.accounts.models import User
from htms.cases.models import Case, Stage
from htms.web.tests.browser.support import Steps, fill_origin, log_in, switch_language


def _register_case(page: Page, steps: Steps) -> str:
    """Runs the registration wizard; returns the new case's reference."""
    fill_origin(page, "77/2026", "Promised work in Dubai; passport taken on arrival.")
    steps.accessible("wizard-origin")
    page.click("#origin-form button[type=submit]")
    page.check("#statute-PTPA2018-3")
    expect(page.locator("#derived-crime-types")).to_have_text("Trafficking in persons")
    steps.shot("wizard-offences")
    page.click("#offences-next")
    _add_party(page, "victim", "Sajida Bibi", "ساجدہ بی بی", "F", "34101-1234567-2")
    _add_party(page, "accused", "Imran Butt", "", "M", "35202-7654321-1", status="arrested")
    _add_party(page, "accused", "Tariq Mehmood", "", "M", "35202-7654322-3", status="at_large")
    expect(page.locator("#draft-parties > li")).to_have_count(3)
    steps.accessible("wizard-parties")
    page.click("#parties-next button[value=next]")
    page.select_option("#id_kind", "recruitment")
    page.select_option("#id_country", "PK")
    page.click("#route-form button[value=add]")
    expect(page.locator("#draft-route > li")).to_have_count(1)
    page.click("#route-next button[value=next]")
    steps.accessible("wizard-review")
    page.click("#register-form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("registered")
    return page.locator("main h1").inner_text().split()[0]


def _add_party(
    page: Page, role: str, name: str, name_ur: str, sex: str, cnic: str, status: str = ""
) -> None:
    page.select_option("#id_role", role)
    page.fill("#id_full_name", name)
    if name_ur:
        page.fill("#id_full_name_ur", name_ur)
    page.select_option("#id_sex", sex)
    page.fill("#id_cnic", cnic)
    if role == "accused":
        page.select_option("#id_accused_status", status)
    else:
        page.select_option("#id_trafficking_status", "possible")
        page.select_option("#id_status_decided_by", "police")
    page.click("#add-party")
    expect(page.locator("#draft-parties")).to_contain_text(name)


def _move_case(page: Page, steps: Steps, stage: Stage, step: str) -> None:
    page.click(f"main a.button:has-text('Move to {stage.label}')")
    steps.accessible(step)
    if page.locator("#id_challan_number").count():
        page.fill("#id_challan_number", "CH-17/2026")
        page.select_option("#id_court", index=1)
    page.click("#stage-form button[type=submit]")


def _as(page: Page, user: User) -> None:
    page.context.clear_cookies()
    log_in(page, user)


def test_it_takes_a_tip_case_from_registration_to_a_hearing(
    browser_page: Page, steps: Steps, alice: User, anne: User, bob: User
) -> None:
    page = browser_page
    page.goto("/login/")
    log_in(page, alice)
    reference = _register_case(page, steps)
    case = Case.objects.get(reference=reference)
    victim = case.parties.get(role="victim").person
    expect(page.locator("main")).to_contain_text("ساجدہ بی بی")
    steps.accessible("case-registered")

    _move_case(page, steps, Stage.INVESTIGATION, "confirm-investigation")
    expect(page.locator("#case-stage")).to_have_text(str(Stage.INVESTIGATION.label))
    _move_case(page, steps, Stage.INTERIM_CHALLAN, "confirm-interim-challan")
    expect(page.locator("#pending-change")).to_be_visible()
    steps.shot("challan-waiting-for-approval")

    _as(page, anne)
    page.goto("/approvals/")
    steps.accessible("approval-queue")
    page.click(f"article:has-text('{reference}') a.button:has-text('Approve')")
    steps.accessible("approval-confirmation")
    page.click("#approve-form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("approved")
    case.refresh_from_db()
    assert case.stage == Stage.INTERIM_CHALLAN

    _as(page, alice)
    page.goto(f"/cases/{case.pk}/")
    page.click("main a.button[href$='/hearings/new/']")
    today = timezone.localdate()
    page.select_option("#id_court", index=1)
    page.fill("#id_date", today.isoformat())
    page.fill("#id_purpose", "Framing of charge")
    page.fill("#id_next_date", (today + timedelta(days=14)).isoformat())
    steps.accessible("hearing-form")
    page.click("#hearing-form button[type=submit]")
    expect(page.locator("main")).to_contain_text("Framing of charge")
    steps.shot("hearing-recorded")
    for lang in ("en", "ur"):
        summary = page.request.get(f"/cases/{case.pk}/summary.pdf?lang={lang}")
        assert summary.ok and summary.body().startswith(b"%PDF")
        steps.save(f"summary-{lang}", "pdf", summary.body())

    _as(page, bob)
    page.goto("/cases/")
    expect(page.locator("main")).not_to_contain_text(reference)
    for url in (f"/cases/{case.pk}/", f"/persons/{victim.pk}/"):
        response = page.goto(url)
        assert response is not None and response.status == 404
        expect(page.locator("body")).not_to_contain_text("Sajida")
    steps.shot("other-circle-sees-nothing")

    _as(page, alice)
    page.goto(f"/cases/{case.pk}/")
    switch_language(page, "ur")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#case-stage")).to_have_text("عبوری چالان")
    expect(page.locator("main")).to_contain_text("ساجدہ بی بی")
    expect(page.locator("main")).to_contain_text(re.compile("پیشیاں"))
    steps.accessible("case-in-urdu")
