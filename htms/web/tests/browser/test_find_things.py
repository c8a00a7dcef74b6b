"""Searching from the keyboard in a real browser: Enter searches in place, focus goes to the
results and the page is not loaded again; statute sections are ticked by typing them."""

import re

import pytest
from playwright.sync_api import Page, expect

from htms.accounts.models import User
from htms.cases.models import Case
from htms.web.tests.browser.support import Steps, fill_origin, log_in


def _mark_page(page: Page) -> None:
    """A mark that a page load would wipe out."""
    page.evaluate("window.htmsSamePage = true")


def _same_page(page: Page) -> bool:
    return bool(page.evaluate("window.htmsSamePage === true"))


@pytest.fixture
def officer_page(browser_page: Page, alice: User, tip_case: Case) -> Page:
    """Alice logged in; her circle's case puts Sajida Bibi and two accused in the register."""
    log_in(browser_page, alice)
    return browser_page


def test_typing_a_section_ticks_it_and_enter_in_the_name_searches_in_place(
    officer_page: Page, steps: Steps
) -> None:
    page = officer_page
    fill_origin(page, "78/2026", "Promised work in Dubai.")
    page.click("#origin-form button[type=submit]")
    page.fill("#statute-find", "PTPA 3")
    page.press("#statute-find", "Enter")
    expect(page.locator("#statute-PTPA2018-3")).to_be_checked()
    expect(page.locator("#statute-find")).to_be_focused()
    page.keyboard.type("PEO 17")
    page.keyboard.press("Enter")
    expect(page.locator("#statute-EO1979-17")).to_be_checked()
    expect(page.locator("#statute-PTPA2018-3")).to_be_checked()
    expect(page.locator("#derived-crime-types")).to_contain_text("Emigration offence")
    steps.accessible("offences-typed")
    page.click("#offences-next")
    page.wait_for_url(re.compile(r"/parties/$"))  # loaded, its scripts run, before Enter
    page.fill("#id_full_name", "Sajida Bibi")
    _mark_page(page)
    page.press("#id_full_name", "Enter")
    expect(page.locator("#candidates")).to_contain_text("Sajida Bibi")
    expect(page.locator("#candidates input[name=existing_person]").first).to_be_focused()
    assert _same_page(page)
    steps.accessible("parties-enter")


def test_enter_searches_persons_and_cases_in_place(
    officer_page: Page, steps: Steps, tip_case: Case
) -> None:
    page = officer_page
    page.click("nav.main-nav a[href='/persons/']")
    page.wait_for_url(re.compile(r"/persons/$"))
    page.fill("#id_name", "عمران بٹ")
    _mark_page(page)
    page.press("#id_name", "Enter")
    expect(page.locator("#search-results")).to_contain_text("Imran Butt")
    expect(page.locator("#search-results")).to_be_focused()
    assert _same_page(page)
    assert "name=" in page.url
    steps.accessible("person-search")
    page.goto("/cases/")
    page.fill("#id_q", "Tariq Mehmood")
    _mark_page(page)
    page.press("#id_q", "Enter")
    expect(page.locator("#case-results")).to_be_focused()
    expect(page.locator("#case-results")).to_contain_text(tip_case.reference)
    expect(page.locator("#case-results")).to_contain_text("1 case")
    assert _same_page(page)
    expect(page.locator("#save-search input[name=query]")).to_have_value("q=Tariq+Mehmood")
    steps.accessible("case-search")
