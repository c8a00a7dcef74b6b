"""Takes the README's screenshots of a running demo server (``make run``) with Debian's Chromium.

Usage: .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]
"""

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

# The demo password of htms/synthetic/demo.py (this script runs without Django).
DEMO_PASSWORD = "synthetic-2026"  # noqa: S105
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def login(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]:has-text('Log in')")
    page.wait_for_url("**/login/code/")
    page.fill("#id_code", demo_code(username))
    page.click("#code-form button[type=submit]")
    page.wait_for_url(f"{base}/")


def demo_code(username: str) -> str:
    """The demo user's second-factor code, from ``htms demo_code`` on the same database."""
    command = [sys.executable, str(ROOT / "manage.py"), "demo_code", username]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()  # noqa: S603


def as_user(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    login(page, base, username)


def main(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        login(page, base, "demo-io")
        page.screenshot(path=OUT / "home.png", full_page=True)
        page.goto(f"{base}/cases/")
        page.screenshot(path=OUT / "case-list.png")
        page.click("table a >> nth=0")
        page.screenshot(path=OUT / "case-detail.png", full_page=True)
        case_url = page.url
        page.goto(f"{base}/persons/?name=Saqib+Mazari#results")
        page.screenshot(path=OUT / "person-search.png")
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(case_url)
        page.screenshot(path=OUT / "case-detail-phone.png")
        page.set_viewport_size({"width": 1200, "height": 900})
        as_user(page, base, "demo-incharge")
        page.goto(f"{base}/approvals/")
        page.screenshot(path=OUT / "approval-queue.png")
        as_user(page, base, "demo-analyst")
        page.goto(case_url)
        page.screenshot(path=OUT / "case-detail-analyst.png", full_page=True)
        page.goto(f"{base}/statistics/?unit=victims&by=age_band")
        page.screenshot(path=OUT / "statistics.png", full_page=True)
        as_user(page, base, "demo-admin")
        page.goto(f"{base}/users/")
        page.screenshot(path=OUT / "accounts.png")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
