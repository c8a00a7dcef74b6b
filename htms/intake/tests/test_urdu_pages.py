"""Border intake pages in Urdu: the post, countries and dates as an Urdu reader reads them."""

import html
import re

import pytest
from django.test import Client

from htms.accounts.models import User
from htms.intake.models import ManifestSource
from htms.intake.tests.conftest import csv_bytes, record, upload
from htms.reference.models import Country, Unit

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
US_DATE_TIME = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|[ap]\.m\.")


def _text(user: User, url: str, language: str) -> str:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(re.sub(r"<[^>]+>", "\n", response.content.decode()))


def _names(*rows: Unit | Country) -> list[tuple[str, str]]:
    return [(row.name, row.name_ur) for row in rows]


def test_it_shows_the_post_country_and_dates_in_urdu(
    ivan: User, oman_source: ManifestSource
) -> None:
    upload(ivan, oman_source, csv_bytes("Name,Passport", "Ali Raza,AB1234567"))
    event = record(ivan)
    rows = _names(Unit.objects.get(code="IMM-KHI-AIR"), Country.objects.get(code="OM"))
    urls = {
        "home": "/intake/",
        "queue": "/intake/people/",
        "event": f"/intake/people/{event.pk}/",
        "counts by point": "/intake/counts/?by=post",
        "counts by country": "/intake/counts/?by=deporting_country",
        "counts by month": "/intake/counts/?by=month",
    }
    # The source's name is typed by an officer ("Royal Oman Police ..."), not reference data.
    shown = {
        name: _text(ivan, url, "ur").replace(oman_source.name, "") for name, url in urls.items()
    }

    assert {
        name: [english for english, _urdu in rows if english in text]
        for name, text in shown.items()
    } == {name: [] for name in urls}
    assert "ایف آئی اے امیگریشن، جناح انٹرنیشنل ایئرپورٹ، کراچی" in shown["counts by point"]
    assert "عمان" in shown["counts by country"] and "عمان" in shown["queue"]
    assert "12 اکتوبر 2026" in shown["queue"] and "اکتوبر 2026" in shown["counts by month"]
    assert {name: ISO_DATE.findall(text) for name, text in shown.items()} == {
        name: [] for name in urls
    }


def test_it_lists_manifests_with_an_unambiguous_date_and_time(
    ivan: User, oman_source: ManifestSource
) -> None:
    """Day month year and the 24-hour clock, never "12/03/2026 10:53 p.m."."""
    upload(ivan, oman_source, csv_bytes("Name,Passport", "Ali Raza,AB1234567"))

    for language in ("en", "ur"):
        text = _text(ivan, "/intake/", language)
        assert US_DATE_TIME.findall(text) == []
        assert re.search(r"\d{1,2} \S+ \d{4}، \d{2}:\d{2}|\d{1,2} \w{3} \d{4}, \d{2}:\d{2}", text)
