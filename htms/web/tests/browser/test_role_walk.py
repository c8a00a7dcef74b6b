"""Every demo role walks the pages its menu offers, in English and Urdu, on a phone and a desktop.

On each page: nothing wider than the window (no horizontal page scroll), no serious or critical
accessibility violation, and on Urdu pages no reference row (unit, court, statute section,
vocabulary term, province, district, country) shown by its English name.
"""

import re
from dataclasses import dataclass, field

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from htms.accounts.models import User
from htms.cases.access import case_queryset_for_user
from htms.reference.models import Country, Court, District, Province, Statute, Term, Unit
from htms.synthetic.demo import DEMO_PASSWORD, DEMO_USERS, demo_seed, missing_units
from htms.web.tests.browser.support import Steps, log_in_as, switch_language

WIDTHS = (390, 1280)
# Elements whose text is a reference row's label (values typed by officers are not checked).
REFERENCE_LABEL_ELEMENTS = "header .who, main th, main td, main dd, main li, main option, main h1"


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)

    def add(self, page: Page, width: int, what: str) -> None:
        self.problems.append(f"{page.url} @{width}px: {what}")


def _english_labels() -> list[str]:
    """English names of reference rows that have a different Urdu name, longest first."""
    pairs: list[tuple[str, str]] = []
    for model in (Country, Province, District, Unit, Court):
        pairs += model.objects.values_list("name", "name_ur")
    pairs += Term.objects.values_list("label", "label_ur")
    pairs += Statute.objects.values_list("description", "description_ur")
    labels = {en for en, ur in pairs if ur and ur != en and re.search("[A-Za-z]{3}", en)}
    return sorted(labels, key=len, reverse=True)


def _menu_urls(page: Page, user: User) -> list[str]:
    """The menu's pages, one case page and its first party's page (when the role sees a case)."""
    urls = page.eval_on_selector_all(
        "nav.main-nav a", "links => links.map(a => a.getAttribute('href'))"
    )
    case = case_queryset_for_user(user).order_by("-stage", "pk").first()
    if case is not None:
        urls.append(f"/cases/{case.pk}/")
        party = case.parties.order_by("pk").first()
        if party is not None:
            urls.append(f"/persons/{party.person_id}/")
    return list(dict.fromkeys(urls))


def _overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


# The text of each element, without what officers typed (marked dir="auto": names, places,
# summaries, hearing notes), which may well be in English.
_SHOWN_TEXT = """els => els.filter(e => !e.closest('[dir=auto]')).map(e => {
  const copy = e.cloneNode(true);
  copy.querySelectorAll('[dir=auto]').forEach(typed => typed.remove());
  return copy.textContent;
})"""


def _latin_labels(page: Page, labels: list[str]) -> list[str]:
    """Each English label found, with the text of the element that shows it."""
    texts = page.eval_on_selector_all(REFERENCE_LABEL_ELEMENTS, _SHOWN_TEXT)
    found = []
    for label in labels:
        pattern = re.compile(rf"(?<!\w){re.escape(label)}(?!\w)")
        hits = [" ".join(t.split())[:120] for t in texts if pattern.search(t)]
        found += [f"{label!r} in {hits[0]!r}"] if hits else []
    return found


def _check_page(page: Page, steps: Steps, findings: Findings, *, urdu_labels: list[str]) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        if (extra := _overflow(page)) > 0:
            findings.add(page, width, f"{extra}px wider than the window")
        path = re.sub(r"[^a-z0-9]+", "-", page.url.split("/", 3)[-1]).strip("-") or "home"
        language = page.evaluate("document.documentElement.lang")
        problems = steps.axe_problems(f"{path}-{language}-{width}")
        if problems:
            findings.add(page, width, "\n  ".join(problems))
    if urdu_labels and (latin := _latin_labels(page, urdu_labels)):
        findings.add(page, WIDTHS[0], "English reference labels in Urdu: " + "; ".join(latin))


def _walk(page: Page, steps: Steps, user: User, labels: list[str], findings: Findings) -> None:
    page.set_viewport_size({"width": WIDTHS[-1], "height": 900})
    log_in_as(page, user, DEMO_PASSWORD)
    urls = _menu_urls(page, user)
    for language in ("en", "ur"):
        if language == "ur":
            switch_language(page, "ur")
        for url in urls:
            page.goto(url)
            _check_page(page, steps, findings, urdu_labels=labels if language == "ur" else [])
    switch_language(page, "en")
    page.context.clear_cookies()


@pytest.mark.django_db(transaction=True)
def test_every_role_walks_its_menu_in_both_languages_at_phone_and_desktop_width(
    browser_page: Page, steps: Steps
) -> None:
    if missing_units():
        pytest.skip("the reference data lacks the demo units")
    demo_seed(cases=12, seed=5, today=timezone.localdate())
    labels = _english_labels()
    findings = Findings()
    seen_roles: set[str] = set()
    for demo in DEMO_USERS:
        if demo.role in seen_roles:
            continue  # a second officer of the same role sees the same menu
        seen_roles.add(demo.role)
        _walk(browser_page, steps, User.objects.get(username=demo.username), labels, findings)
    assert not findings.problems, "\n".join(findings.problems)
