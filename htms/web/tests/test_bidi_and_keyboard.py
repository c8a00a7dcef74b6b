"""Urdu pages keep Latin codes whole; the keyboard reaches a wizard step's first field at once."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from htms.accounts.models import User
from htms.cases.models import Case
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db

PO_FILE = Path(settings.BASE_DIR) / "htms" / "locale" / "ur" / "LC_MESSAGES" / "django.po"
LRI, PDI = "\u2066", "\u2069"


def _render(source: str, **context: object) -> str:
    return Template("{% load htms_bidi %}" + source).render(Context(context))


def test_it_isolates_a_code_left_to_right_and_escapes_it() -> None:
    assert _render("{{ v|ltr }}", v="31/2026") == '<bdi dir="ltr">31/2026</bdi>'
    assert _render("{{ v|ltr }}", v="<b>") == '<bdi dir="ltr">&lt;b&gt;</bdi>'
    assert _render('{{ v|ltr|default:"—" }}', v="") == "—"


def test_it_isolates_typed_text_in_the_direction_of_its_first_letter() -> None:
    assert _render("{{ v|isolate }}", v="Civil Lines") == '<bdi dir="auto">Civil Lines</bdi>'
    assert _render("{{ v|isolate }}", v=None) == ""


def test_it_keeps_the_reference_and_fir_number_whole_on_the_urdu_case_page(
    alice: User, tip_case: Case
) -> None:
    client = client_for(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ur"
    html = page(client, f"/cases/{tip_case.pk}/")
    assert f'<h1><bdi dir="ltr">{tip_case.reference}</bdi>' in html
    assert f'<bdi dir="ltr">{tip_case.fir_number}</bdi>' in html
    assert '<dd dir="auto">' in html  # the summary, in whatever script it was typed


def test_it_isolates_file_extensions_in_urdu_translations() -> None:
    """Unisolated, ".xlsx" after Urdu text is drawn as "xlsx." and the brackets around it swap."""
    text = PO_FILE.read_text(encoding="utf-8")
    msgstrs = re.findall(r'^msgstr "(.*(?:\n".*)*)', text, flags=re.MULTILINE)
    for msgstr in msgstrs:
        for found in re.finditer(r"\.xlsx?\b", msgstr):
            before = msgstr[: found.start()]
            assert before.count(LRI) > before.count(PDI), msgstr
    with translation.override("ur"):
        assert f"{LRI}.xlsx{PDI}" in translation.gettext("List (CSV or Excel .xlsx)")


@pytest.mark.parametrize(
    ("step", "field"),
    [
        ("origin", 'name="origin"'),
        ("offences", 'name="statutes"'),
        ("parties", 'name="role"'),
        ("route", "<select"),
    ],
)
def test_it_offers_a_skip_link_to_the_steps_first_field(alice: User, step: str, field: str) -> None:
    html = page(client_for(alice), f"/cases/new/{step}/")
    skip = re.search(r'<a class="skip" href="#([\w-]+)">Skip to the first field of this step', html)
    assert skip, html[:2000]
    target = re.search(rf'<[^>]* id="{skip[1]}"[^>]*>', html)
    assert target, skip[1]
    assert field in target[0]
    assert html.index('href="#main"') < skip.start()


def test_it_leads_the_review_steps_skip_link_to_the_registration_form(alice: User) -> None:
    html = page(client_for(alice), "/cases/new/review/")
    assert '<a class="skip" href="#register-form">' in html
    assert '<form method="post" id="register-form">' in html


def test_it_tells_the_direction_of_typed_text_from_its_first_letter() -> None:
    assert _render("{{ v|text_dir }}", v="Statement recorded.") == "ltr"
    assert _render("{{ v|text_dir }}", v="2026 بیان ریکارڈ ہوا") == "rtl"
    assert _render("{{ v|text_dir }}", v="31/2026") == "ltr"
