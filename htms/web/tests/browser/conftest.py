"""Real-browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

A live-server test runs in a transactional database that is flushed after the test, reference
data included: the fixtures below load it again for the next browser test, and once more after
the last one for the tests that follow.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from pytest_django.live_server_helper import LiveServer

from htms.conftest import _make_units
from htms.intake.entries import country_ids_forget
from htms.reference.loader import reference_load
from htms.reference.models import Unit
from htms.web.tests.browser.support import CHROMIUM, CHROMIUM_ARGS, Steps


@pytest.fixture(scope="package", autouse=True)
def _orm_beside_playwright() -> Iterator[None]:
    """Playwright's sync API keeps an event loop in this thread, which makes Django refuse every
    ORM call (the tests' own and the database flush after each test) as "async-unsafe". Those
    calls are synchronous and safe; the permission lasts as long as the browser tests."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


def _load_reference_data() -> None:
    reference_load()
    country_ids_forget()
    if not Unit.objects.filter(code="T-A").exists():
        _make_units()


@pytest.fixture(autouse=True)
def _reference_data_present(_orm_beside_playwright: None, request: pytest.FixtureRequest) -> None:
    """An earlier live-server test flushed the database: load the reference data and the test
    units again, before the cast of users is created."""
    if "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    if not Unit.objects.filter(code="T-A").exists():
        _load_reference_data()


@pytest.fixture(scope="package")
def reference_data_restored(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest
) -> Iterator[None]:
    """Torn down after the last browser test's flush: the tests after these find the reference
    data that htms/conftest.py loaded for the session."""
    yield
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        _load_reference_data()


@pytest.fixture(scope="package")
def playwright_driver(_orm_beside_playwright: None) -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="package")
def chromium(playwright_driver: Playwright) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def browser_page(
    reference_data_restored: None, live_server: LiveServer, chromium: Browser
) -> Iterator[Page]:
    """A fresh browser tab (no cookies) on the live server."""
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def steps(browser_page: Page, request: pytest.FixtureRequest) -> Steps:
    """Screenshots and accessibility checks, numbered per test under test-artifacts/browser/."""
    return Steps(browser_page, request.node.name)
