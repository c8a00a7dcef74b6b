"""Helpers of the browser tests: log in, take a screenshot, check accessibility with axe-core."""

import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.db import connection
from django.utils import timezone
from playwright.sync_api import Page

from htms.accounts.models import User
from htms.accounts.tests.support import code_for, enrol

CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium's background connections to the closed network stall page loads.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# One folder per database, as the SQLite and PostgreSQL runs go side by side.
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "browser" / connection.vendor
# Violations that fail a test; "minor" and "moderate" ones are written to the report only.
BLOCKING_IMPACTS = ("serious", "critical")
_axe = Axe()


def password_of(user: User) -> str:
    """The password htms/conftest.py gives every user of the cast."""
    return "pw-" + user.username


def log_in(page: Page, user: User) -> None:
    """Both steps, as an officer would: the password, then the code of their authenticator
    (set up for them first if they have none; the code is computed from its secret)."""
    log_in_as(page, user, password_of(user))


def log_in_as(page: Page, user: User, password: str) -> None:
    """``log_in`` with a password other than the cast's (a demo user's)."""
    page.goto("/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/login/(code|enrol)/$"))
    if page.url.endswith("/enrol/"):
        enrol(user)
        page.goto("/login/code/")
    page.fill("#id_code", code_for(user))
    page.click("#code-form button[type=submit]")
    page.wait_for_url(re.compile(r"/(\?.*)?$"))


def fill_origin(page: Page, fir_number: str, summary: str) -> None:
    """The wizard's first step for a complaint with an FIR, from the menu; moves on to the
    offences step."""
    today = timezone.localdate()
    page.click("nav.main-nav a[href='/cases/new/']")
    page.select_option("#id_origin", "complaint")
    page.fill("#id_fir_number", fir_number)
    page.fill("#id_fir_date", (today - timedelta(days=30)).isoformat())
    page.fill("#id_police_station", "FIA AHTC Lahore")
    page.fill("#id_occurred_on", (today - timedelta(days=60)).isoformat())
    page.fill("#id_summary", summary)


def switch_language(page: Page, code: str) -> None:
    """Uses the language switch in the page header, as an officer would."""
    page.select_option("#language", code)
    with page.expect_navigation():
        page.click("form.lang button[type=submit]")


def accessibility_problems(page: Page) -> list[str]:
    """The serious and critical violations axe-core finds on the page, one line each."""
    return blocking_violations(_axe.run(page).response)


def blocking_violations(report: dict[str, Any]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in report["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


class Steps:
    """Numbered screenshots and axe reports of one test, kept as artifacts of the run."""

    def __init__(self, page: Page, test_name: str) -> None:
        self.page = page
        self.prefix = re.sub(r"[^a-z0-9]+", "-", test_name.lower()).strip("-")
        self.count = 0
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for old in ARTIFACTS.glob(f"{self.prefix}-*"):
            old.unlink()  # from an earlier run, whose steps may have been numbered differently

    def shot(self, step: str) -> Path:
        self.count += 1
        path = ARTIFACTS / f"{self.prefix}-{self.count:02d}-{step}.png"
        self.page.screenshot(path=path, full_page=True)
        return path

    def save(self, step: str, suffix: str, content: bytes) -> Path:
        """Keeps a file the test fetched (a PDF summary) next to the screenshots."""
        self.count += 1
        path = ARTIFACTS / f"{self.prefix}-{self.count:02d}-{step}.{suffix}"
        path.write_bytes(content)
        return path

    def accessible(self, step: str) -> None:
        """Screenshot, then axe-core on the whole page: no serious or critical violation."""
        problems = self.axe_problems(step)
        assert not problems, f"{self.page.url}:\n" + "\n".join(problems)

    def axe_problems(self, step: str) -> list[str]:
        """Screenshot and axe report kept as artifacts; the serious and critical violations."""
        path = self.shot(step)
        report = _axe.run(self.page).response
        path.with_suffix(".axe.json").write_text(
            json.dumps(report["violations"], indent=1, ensure_ascii=False), encoding="utf-8"
        )
        return blocking_violations(report)


def rendered_fonts(page: Page, selector: str) -> set[str]:
    """The fonts Chromium actually drew the element's text with (not the CSS wish list)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {f["familyName"] for f in fonts}
