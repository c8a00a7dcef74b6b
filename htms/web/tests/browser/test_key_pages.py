"""The key pages in a real browser: what each officer sees, accessibility, Urdu right-to-left."""

import re

from playwright.sync_api import Browser, Page, expect

from htms.accounts.models import User
from htms.cases.models import Case
from htms.web.tests.browser.support import (
    Steps,
    accessibility_problems,
    log_in,
    rendered_fonts,
    switch_language,
)


def test_it_shows_the_circle_its_case_on_accessible_pages(
    browser_page: Page, steps: Steps, alice: User, tip_case: Case
) -> None:
    page = browser_page
    victim = tip_case.parties.get(role="victim").person
    page.goto("/login/")
    steps.accessible("login")
    log_in(page, alice)
    steps.accessible("home")
    page.goto("/cases/")
    expect(page.locator("main")).to_contain_text(tip_case.reference)
    steps.accessible("case-list")
    page.click(f"main a:has-text('{tip_case.reference}')")
    expect(page.locator("main")).to_contain_text("Sajida Bibi")
    expect(page.locator("main")).to_contain_text("ساجدہ بی بی")
    steps.accessible("case-page")
    page.click("main a:has-text('Sajida Bibi')")
    expect(page).to_have_url(re.compile(f"/persons/{victim.pk}/$"))
    expect(page.locator("h1")).to_contain_text("Sajida Bibi")
    steps.accessible("person-page")


def test_it_switches_to_urdu_right_to_left(
    browser_page: Page, steps: Steps, alice: User, tip_case: Case
) -> None:
    page = browser_page
    log_in(page, alice)
    page.goto(f"/cases/{tip_case.pk}/")
    ltr_brand = page.locator("header .brand").bounding_box()
    switch_language(page, "ur")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ur")
    expect(page.locator("main")).to_contain_text("فریقین")  # "Parties"
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Nastaliq" in font
    assert "Noto Nastaliq Urdu" in rendered_fonts(page, "main h2")  # installed and used
    # Mirrored: the brand moves from the left edge to the right edge of the header.
    rtl_brand = page.locator("header .brand").bounding_box()
    width = page.viewport_size["width"] if page.viewport_size else 1280
    assert ltr_brand and rtl_brand
    assert ltr_brand["x"] < width / 4 < width * 3 / 4 < rtl_brand["x"] + rtl_brand["width"]
    steps.accessible("case-page-urdu")
    page.goto("/cases/")
    steps.accessible("case-list-urdu")
    switch_language(page, "en")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")


def test_the_accessibility_check_finds_what_it_must(chromium: Browser) -> None:
    """A page with an unlabelled field, an image without text and grey-on-white text fails."""
    page = chromium.new_page()
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
        '<img src="data:,"><input type="text"><p style="color:#ccc">faint</p></main></body></html>'
    )
    problems = " ".join(accessibility_problems(page))
    page.close()
    for rule in ("image-alt", "label", "color-contrast"):
        assert rule in problems
