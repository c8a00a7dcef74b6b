"""The second factor in a real browser: a circle in-charge sets up her app at her first login,
keeps her recovery codes, and logs in again with password and code."""

import re
import time
from base64 import b32decode

from django_otp.oath import hotp
from playwright.sync_api import Page, expect

from htms.accounts.models import User
from htms.web.tests.browser.support import Steps, password_of


def _code_from_key(secret_text: str, step: int) -> str:
    """What an authenticator app shows in a 30-second step for the key typed from the page (no
    database read)."""
    key = b32decode(secret_text.replace(" ", ""))
    return str(hotp(key, step)).zfill(6)


def _step() -> int:
    return int(time.time()) // 30


def _wait_for_the_next_code(used_at: int) -> None:
    """An app shows a new code every 30 seconds; the one used at set-up cannot be used again."""
    while _step() <= used_at:
        time.sleep(0.5)


def _password_step(page: Page, user: User) -> None:
    page.goto("/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password_of(user))
    page.click("main button[type=submit]")


def test_an_in_charge_sets_up_her_app_and_logs_in_with_it(
    browser_page: Page, steps: Steps, anne: User
) -> None:
    page = browser_page
    _password_step(page, anne)
    expect(page).to_have_url(re.compile(r"/login/enrol/$"))
    expect(page.locator("#enrol-qr svg")).to_be_visible()
    steps.accessible("enrol")
    secret = page.locator("#enrol-secret").inner_text()
    page.fill("#id_code", "000000")
    page.click("#enrol-form button[type=submit]")
    expect(page.locator("#form-errors")).to_contain_text("The code is wrong")
    used_at = _step()
    page.fill("#id_code", _code_from_key(secret, used_at))
    page.click("#enrol-form button[type=submit]")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    steps.accessible("recovery-codes")
    page.click("#continue")
    expect(page.locator("header .who")).to_contain_text("Anne")

    page.click("header form[action$='/logout/'] button")
    expect(page).to_have_url(re.compile(r"/login/$"))
    _password_step(page, anne)
    expect(page).to_have_url(re.compile(r"/login/code/$"))
    steps.accessible("code")
    # The code of the set-up step is used up: the app's next one is accepted, even when the
    # set-up code was typed as its 30 seconds ran out.
    _wait_for_the_next_code(used_at)
    page.fill("#id_code", _code_from_key(secret, _step()))
    page.click("#code-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("header .who")).to_contain_text("Anne")
    page.goto("/account/")
    expect(page.locator("main")).to_contain_text("10 unused recovery codes")
    steps.accessible("account")
