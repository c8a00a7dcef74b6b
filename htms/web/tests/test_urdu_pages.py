"""Urdu pages print reference data in Urdu and dates as Pakistan reads them.

The cast here works at a real reference unit (the Lahore circle), so the case uses real rows:
its unit, a court, statute sections, a network role, countries and a district. On every main
page in Urdu, each of these rows shows its Urdu name and never its English one; lists of all
rows (statute sections, countries, vocabularies) are checked row by row.
"""

import html
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from htms.accounts.models import Role, User
from htms.cases.inputs import CaseInput, PartyInput, RouteInput
from htms.cases.models import Case, Stage
from htms.cases.services.court import hearing_record
from htms.cases.services.lifecycle import case_decide_stage_change
from htms.cases.services.registration import case_register
from htms.conftest import SOM_SECTION, TIP_SECTION, _user, accused_input, stage_move, victim_input
from htms.reference.models import Country, Court, District, Statute, Term, Unit, Vocabulary
from htms.web.tests.support import client_for, page
from htms.web.tests.test_pdf import _pdf, _text

pytestmark = pytest.mark.django_db

LAHORE_CIRCLE = "AHTC-LHR"
LAHORE_COURT = "CRT-SJ-LHR"
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _lahore_user(username: str, role: str) -> User:
    return _user(username, LAHORE_CIRCLE, role)


@pytest.fixture
def laila(db: None) -> User:
    """Investigating officer of the Lahore circle."""
    return _lahore_user("laila", Role.INVESTIGATING_OFFICER)


@pytest.fixture
def lubna(db: None) -> User:
    """Circle in-charge of the Lahore circle."""
    return _lahore_user("lubna", Role.CIRCLE_INCHARGE)


def _case_input() -> CaseInput:
    return CaseInput(
        origin="complaint",
        statute_codes=[TIP_SECTION, SOM_SECTION],
        summary="Recruited for domestic work",
        fir_number="31/2026",
        fir_date=date(2026, 10, 1),
        police_station="Civil Lines",
        occurred_on=date(2026, 9, 1),
        parties=[
            PartyInput(role="victim", person=victim_input(nationality_code="PK")),
            PartyInput(
                role="accused",
                person=accused_input("Imran Butt", "35202-7654321-1"),
                accused_status="arrested",
                network_role_code="hawala_operator",
            ),
        ],
        route=[
            RouteInput(
                kind="recruitment",
                country_code="PK",
                district_code="PB-GUJRAT",
                date=date(2026, 8, 1),
                date_precision="month",
            ),
            RouteInput(kind="exploitation", country_code="AE", date=date(2026, 9, 3)),
        ],
    )


@pytest.fixture
def lahore_case(laila: User, lubna: User) -> Case:
    """A case of the Lahore circle in court, with a hearing tomorrow."""
    case = case_register(actor=laila, data=_case_input())
    for stage in (Stage.INVESTIGATION, Stage.INTERIM_CHALLAN):
        change = stage_move(laila, case, stage)
        if change.status == "pending":
            case_decide_stage_change(actor=lubna, change_id=change.pk, approve=True)
    court = Court.objects.get(code=LAHORE_COURT)
    hearing_record(
        actor=laila,
        case_id=case.pk,
        court_id=court.pk,
        date=timezone.localdate() + timedelta(days=1),
    )
    return case


def _visible_text(markup: str) -> str:
    """The page as read: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "\n", markup))


def _used_rows() -> list[tuple[str, str]]:
    """(English, Urdu) names of the reference rows the Lahore case uses."""
    statutes = Statute.objects.filter(code__in=[TIP_SECTION, SOM_SECTION])
    return [(str(u.name), u.name_ur) for u in Unit.objects.filter(code=LAHORE_CIRCLE)] + [
        *((c.name, c.name_ur) for c in Court.objects.filter(code=LAHORE_COURT)),
        *((s.description, s.description_ur) for s in statutes),
        *((t.label, t.label_ur) for t in Term.objects.filter(code="hawala_operator")),
        *((c.name, c.name_ur) for c in Country.objects.filter(code__in=["PK", "AE"])),
        *((d.name, d.name_ur) for d in District.objects.filter(code="PB-GUJRAT")),
    ]


def _english_left(text: str, names: list[tuple[str, str]]) -> list[str]:
    """The English names found as whole words in the text."""
    return [english for english, _urdu in names if re.search(rf"\b{re.escape(english)}\b", text)]


def _urdu_page(user: User, url: str) -> str:
    client = client_for(user)
    client.cookies["django_language"] = "ur"
    return _visible_text(page(client, url))


def test_it_names_the_case_rows_in_urdu_on_the_officers_pages(
    laila: User, lahore_case: Case
) -> None:
    victim = lahore_case.parties.get(role="victim")
    urls = {
        "home": "/",
        "case list": "/cases/",
        "case page": f"/cases/{lahore_case.pk}/",
        "person page": f"/persons/{victim.person_id}/",
    }
    rows = _used_rows()
    shown = {name: _urdu_page(laila, url) for name, url in urls.items()}

    assert {name: _english_left(text, rows) for name, text in shown.items()} == {
        name: [] for name in urls
    }
    case_page = shown["case page"]
    assert [urdu for _english, urdu in rows if urdu not in case_page] == []
    assert "عدالتِ سیشن جج، لاہور" in shown["home"]  # the hearing of the week
    assert "ایف آئی اے انسدادِ انسانی اسمگلنگ سرکل، لاہور" in shown["case list"]
    assert "پاکستان" in shown["person page"]


def test_it_names_the_case_rows_in_urdu_in_the_pdf(laila: User, lahore_case: Case) -> None:
    text = _text(_pdf(laila, lahore_case, "ur"))

    assert _english_left(text, _used_rows()) == []
    assert "حوالہ ہنڈی کا کاروبار کرنے والا" in text
    assert "متحدہ عرب امارات" in text


def test_it_offers_every_statute_in_urdu_in_the_wizard(laila: User) -> None:
    client = client_for(laila)
    client.cookies["django_language"] = "ur"
    assert client.get("/cases/new/").status_code == 302
    origin = {
        "origin": "complaint",
        "fir_number": "32/2026",
        "fir_date": "2026-10-01",
        "police_station": "Civil Lines",
        "occurred_on": "2026-09-01",
        "summary": "Recruited",
    }
    assert client.post("/cases/new/origin/", origin).status_code == 302
    text = _visible_text(page(client, "/cases/new/offences/"))

    statutes = list(Statute.objects.all())
    assert _english_left(text, [(s.description, s.description_ur) for s in statutes]) == []
    assert _english_left(text, [(s.act, s.act_ur) for s in statutes]) == []
    assert all(s.description_ur in text for s in statutes)


def test_it_offers_every_country_and_term_in_urdu_when_adding_a_party(
    laila: User, lahore_case: Case
) -> None:
    text = _urdu_page(laila, f"/cases/{lahore_case.pk}/parties/new/")

    countries = [(c.name, c.name_ur) for c in Country.objects.all()]
    offered = Term.objects.exclude(vocabulary=Vocabulary.PERPETRATOR_ROLE)
    terms = [(t.label, t.label_ur) for t in offered]
    assert _english_left(text, countries + terms) == []
    assert all(urdu in text for _english, urdu in countries + terms)


def test_it_names_the_units_in_urdu_for_headquarters(hana: User, lahore_case: Case) -> None:
    """The national home page, statistics and the national case list of an analyst."""
    shown = {url: _urdu_page(hana, url) for url in ("/", "/statistics/", "/cases/")}

    assert {url: _english_left(text, _used_rows()) for url, text in shown.items()} == {
        url: [] for url in shown
    }
    assert "انسانی اسمگلنگ" in shown["/"] and "انسانی اسمگلنگ" in shown["/statistics/"]
    assert "ایف آئی اے انسدادِ انسانی اسمگلنگ سرکل، لاہور" in shown["/cases/"]


def test_it_prints_dates_day_month_year_in_both_languages(laila: User, lahore_case: Case) -> None:
    """FIR date in full, the month-only route date as a month; ISO only in machine attributes."""
    url = f"/cases/{lahore_case.pk}/"
    client = client_for(laila)
    english = _visible_text(page(client, url))
    urdu = _urdu_page(laila, url)

    assert "1 Oct 2026" in english and "Aug 2026" in english and "3 Sep 2026" in english
    assert "1 اکتوبر 2026" in urdu and "اگست 2026" in urdu and "3 ستمبر 2026" in urdu
    assert ISO_DATE.findall(english) == [] and ISO_DATE.findall(urdu) == []
    assert 'datetime="2026-10-01"' in page(client, url)  # the timeline's machine date


def test_it_prints_a_partial_birth_date_at_its_precision(laila: User) -> None:
    data = _case_input()
    data.fir_number = "33/2026"
    data.parties[0].person = victim_input(birth_date=date(2007, 5, 1), birth_date_precision="month")
    case = case_register(actor=laila, data=data)
    victim = case.parties.get(role="victim")

    english = _visible_text(page(client_for(laila), f"/persons/{victim.person_id}/"))
    urdu = _urdu_page(laila, f"/persons/{victim.person_id}/")

    assert "May 2007" in english and "1 May 2007" not in english
    assert "مئی 2007" in urdu and "1 مئی 2007" not in urdu


def test_it_prints_pdf_dates_with_urdu_month_names(laila: User, lahore_case: Case) -> None:
    text = _text(_pdf(laila, lahore_case, "ur"))

    assert "اکتوبر" in text and "اگست" in text
    assert ISO_DATE.findall(text) == []


def test_it_dates_a_request_in_the_approval_queue_unambiguously(laila: User, lubna: User) -> None:
    case = case_register(actor=laila, data=_case_input())
    for stage in (Stage.INVESTIGATION, Stage.INTERIM_CHALLAN):
        stage_move(laila, case, stage)
    asked = timezone.localtime(case.stage_changes.get(status="pending").requested_at)

    text = _urdu_page(lubna, "/approvals/")

    assert ISO_DATE.findall(text) == []
    assert f"{asked.day} " in text and f"{asked.year}، {asked:%H:%M}" in text
