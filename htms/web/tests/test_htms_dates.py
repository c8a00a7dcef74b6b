"""The ``partial_date`` and ``year_month`` template filters."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

PARTIAL = Template("{% load htms_dates %}{{ day|partial_date:precision }}")
MONTH_KEY = Template("{% load htms_dates %}{{ key|year_month }}")


@pytest.mark.parametrize(
    ("language", "precision", "expected"),
    [
        ("en", "month", "Aug 2026"),
        ("en", "day", "1 Aug 2026"),
        ("ur", "month", "اگست 2026"),
        ("ur", "year", "2026"),
    ],
)
def test_it_prints_a_route_date_at_its_precision(
    language: str, precision: str, expected: str
) -> None:
    context = Context({"day": date(2026, 8, 1), "precision": precision})
    with translation.override(language):
        assert PARTIAL.render(context) == expected


def test_it_prints_nothing_for_a_missing_date() -> None:
    assert PARTIAL.render(Context({"day": None, "precision": "day"})) == ""


@pytest.mark.parametrize(
    ("language", "key", "expected"),
    [("en", "2026-08", "Aug 2026"), ("ur", "2026-08", "اگست 2026"), ("en", "—", "—")],
)
def test_it_names_the_month_of_a_count_row(language: str, key: str, expected: str) -> None:
    with translation.override(language):
        assert MONTH_KEY.render(Context({"key": key})) == expected
