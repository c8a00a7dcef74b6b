"""An administrator in a real browser: creates an officer's account, then unlocks an officer
slowed down by failed logins, each page checked with axe-core."""

import re

import pytest
from django.core.exceptions import ValidationError
from playwright.sync_api import Page, expect

from htms.accounts.login import login_password
from htms.accounts.models import User
from htms.web.tests.browser.support import Steps, log_in


def _lock(user: User) -> None:
    for _ in range(5):
        with pytest.raises(ValidationError):
            login_password(username=user.username, password="wrong", address="10.0.0.5")


def test_an_administrator_creates_an_account_and_unlocks_another(
    browser_page: Page, steps: Steps, adam: User, alice: User
) -> None:
    page = browser_page
    log_in(page, adam)
    page.click("header nav >> text=Accounts")
    expect(page.locator("h1")).to_have_text("Accounts")
    steps.accessible("accounts")

    page.click("#new-account")
    page.fill("#id_username", "amina")
    page.fill("#id_first_name", "Amina")
    page.fill("#id_last_name", "Khan")
    page.select_option("#id_role", "io")
    page.select_option("#id_unit", label="Test circle B")
    page.fill("#id_password", "amina2026")
    page.click("#account-form button[type=submit]")
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#id_password ~ .error")).to_contain_text("too similar")
    steps.accessible("refused-password")
    page.fill("#id_password", "Blue-harbour-4417")
    page.click("#account-form button[type=submit]")
    expect(page.locator("main .message")).to_contain_text("amina can now log in")
    expect(page.locator("main")).to_contain_text("Must choose a new password")
    steps.accessible("created")
    assert User.objects.get(username="amina").must_change_password

    _lock(alice)
    page.goto("/users/?status=locked")
    expect(page.locator("#accounts")).to_contain_text("Locked by failed logins")
    page.click("#accounts >> text=alice")
    steps.accessible("locked-account")
    page.click("#unlock")
    expect(page.locator("h1")).to_have_text("Unlock this account")
    steps.accessible("confirm-unlock")
    page.click("#confirm-form button[type=submit]")
    expect(page).to_have_url(re.compile(rf"/users/{alice.pk}/$"))
    expect(page.locator("main .message")).to_contain_text("alice is unlocked.")
    expect(page.locator("#locked")).to_have_count(0)
    steps.accessible("unlocked")
