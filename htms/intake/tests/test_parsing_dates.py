"""Dates as lists write them, each read with its precision or refused with a reason."""

from datetime import date

import pytest

from htms.intake.parsing import DateError, parse_date


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("25/03/2026", date(2026, 3, 25), "day"),
        ("25-3-2026", date(2026, 3, 25), "day"),
        ("25.03.26", date(2026, 3, 25), "day"),
        ("2026-03-25", date(2026, 3, 25), "day"),
        ("2026-03-25 00:00:00", date(2026, 3, 25), "day"),
        ("25 Mar 2026", date(2026, 3, 25), "day"),
        ("25-MAR-26", date(2026, 3, 25), "day"),
        ("March 25, 2026", date(2026, 3, 25), "day"),
        ("25th March 2026", date(2026, 3, 25), "day"),
        ("03/1985", date(1985, 3, 1), "month"),
        ("Mar 1985", date(1985, 3, 1), "month"),
        ("1985", date(1985, 1, 1), "year"),
        ("00/00/1985", date(1985, 1, 1), "year"),
        ("00/03/1985", date(1985, 3, 1), "month"),
        ("46000", date(2025, 12, 9), "day"),  # an Excel day number
        ("۲۵/۰۳/۲۰۲۶", date(2026, 3, 25), "day"),  # Urdu digits
    ],
)
def test_it_reads_the_formats_lists_use(text: str, expected: date, precision: str) -> None:
    parsed = parse_date(text)
    assert (parsed.value, parsed.precision) == (expected, precision)


def test_it_reads_two_digit_birth_years_in_the_past() -> None:
    assert parse_date("12/03/85", past=True).value == date(1985, 3, 12)
    assert parse_date("12/03/85", past=False).value == date(2085, 3, 12)


def test_it_reads_month_first_only_when_the_source_says_so() -> None:
    with pytest.raises(DateError, match="25 cannot be a month"):
        parse_date("03/25/2026")
    assert parse_date("03/25/2026", day_first=False).value == date(2026, 3, 25)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2026", "has no day 31"),
        ("yesterday", "is not a date that can be read"),
        ("12 Smarch 2026", "is not a month"),
        ("", "empty"),
    ],
)
def test_it_says_what_is_wrong_with_a_date(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(text)


def test_it_says_which_order_a_date_starting_with_the_year_must_have() -> None:
    with pytest.raises(DateError) as refused:
        parse_date("1990/31/12")
    message = str(refused.value)
    assert "year/month/day" in message and "25/03/2026" in message
    assert "no day" not in message


def test_it_names_the_month_that_lacks_the_day() -> None:
    with pytest.raises(DateError, match="February 2026 has no day 31"):
        parse_date("31/02/2026")
