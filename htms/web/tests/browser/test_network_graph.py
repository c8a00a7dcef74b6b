"""The network's graph view in a real browser: vis-network served by HTMS draws the network,
filters it by kind of link and date, and saves it as a picture; the page passes axe."""

from playwright.sync_api import Page, expect

from htms.accounts.models import User
from htms.network.tests.support import two_circles
from htms.web.tests.browser.support import Steps, log_in


def test_the_graph_draws_filters_and_saves_the_network(
    browser_page: Page, steps: Steps, alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    page = browser_page
    errors: list[str] = []
    # A refused inline script or style, or a script error; the missing favicon is no concern.
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and "favicon" not in m.location.get("url", "")
            else None
        ),
    )
    log_in(page, hana)
    page.goto(f"/network/persons/{shared.agent_a}/?depth=2")
    expect(page.locator("#network-controls")).to_be_visible()
    expect(page.locator("#network-graph canvas")).to_have_count(1)
    drawn = "(() => document.querySelectorAll('#network-kinds input').length)()"
    assert page.evaluate(drawn) >= 3
    page.uncheck("#kind-account")
    expect(page.locator("#kind-account")).not_to_be_checked()
    page.fill("#network-time", "0")
    page.dispatch_event("#network-time", "input")
    expect(page.locator("#network-time-label")).not_to_be_empty()
    with page.expect_download() as download:
        page.click("#network-png")
    assert download.value.suggested_filename == "network.png"
    steps.accessible("network-graph")
    assert not errors, errors
