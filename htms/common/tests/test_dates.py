"""Dates for Pakistan: day month year in English and Urdu, partial dates at their precision."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

from htms.common.dates import partial_date_text

DAY = date(2026, 12, 3)
EVENING = datetime(2026, 12, 3, 22, 53, tzinfo=ZoneInfo("Asia/Karachi"))


@pytest.mark.parametrize(
    ("language", "precision", "expected"),
    [
        ("en", "day", "3 Dec 2026"),
        ("en", "", "3 Dec 2026"),
        ("en", "month", "Dec 2026"),
        ("en", "year", "2026"),
        ("ur", "day", "3 دسمبر 2026"),
        ("ur", "month", "دسمبر 2026"),
        ("ur", "year", "2026"),
    ],
)
def test_it_prints_a_date_at_its_precision(language: str, precision: str, expected: str) -> None:
    with translation.override(language):
        assert partial_date_text(DAY, precision) == expected


def test_it_prints_nothing_without_a_date() -> None:
    assert partial_date_text(None, "day") == ""


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "3 Dec 2026, 22:53"), ("ur", "3 دسمبر 2026، 22:53")]
)
def test_it_prints_a_date_time_on_the_24_hour_clock(language: str, expected: str) -> None:
    with translation.override(language):
        assert date_format(EVENING, "DATETIME_FORMAT") == expected
        assert date_format(EVENING, "SHORT_DATETIME_FORMAT") == expected


@pytest.mark.parametrize("language", ["en", "ur"])
def test_the_date_filter_and_default_rendering_agree(language: str) -> None:
    template = Template("{{ day|date }}|{{ day }}|{{ day|date:'SHORT_DATE_FORMAT' }}")
    with translation.override(language):
        first, second, third = template.render(Context({"day": DAY})).split("|")
        assert first == second == third == partial_date_text(DAY, "day")


@pytest.mark.parametrize("language", ["en", "ur"])
def test_a_date_input_keeps_iso_and_reads_the_day_first(language: str) -> None:
    """``<input type="date">`` needs ISO; a typed "03/12/2026" is the 3rd of December."""
    with translation.override(language):
        assert forms.DateInput().format_value(DAY) == "2026-12-03"
        assert forms.DateField().clean("03/12/2026") == DAY
