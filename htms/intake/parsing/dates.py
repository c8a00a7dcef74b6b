"""Dates as lists write them: 25/03/2026, 25-3-26, 2026-03-25, 25 Mar 2026, 25-MAR-26,
March 25, 2026, an Excel day number, a year alone (1985) or a month and year (03/1985).

Day first unless the source says otherwise. A date whose "month" is above 12 is refused with
a message rather than silently read the other way round.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.translation import gettext as _

from htms.intake.parsing.cells import DIGITS
from htms.persons.models import DatePrecision

MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}
EXCEL_EPOCH = date(1899, 12, 30)
_ISO = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_NUMERIC = re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/. ](\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[-/. ]+([a-z]+)\.?,?[-/. ]+(\d{2}|\d{4})$")
_WORDS_US = re.compile(r"^([a-z]+)\.?[-/. ]+(\d{1,2})(?:st|nd|rd|th)?,?[-/. ]+(\d{4})$")
_MONTH_WORD_YEAR = re.compile(r"^([a-z]+)\.?[-/., ]+(\d{4})$")


class DateError(ValueError):
    """The text is not a date; the message says why in plain words."""


@dataclass(frozen=True)
class ParsedDate:
    value: date
    precision: str


def _year(text: str, *, past: bool) -> int:
    year = int(text)
    if len(text) == 2:
        this = timezone.localdate().year % 100
        year += 1900 if past and year > this else 2000
    return year


def _make(raw: str, year: int, month: int, day: int) -> ParsedDate:
    try:
        return ParsedDate(date(year, month, day), DatePrecision.DAY)
    except ValueError:
        pass
    if not 1 <= month <= 12:
        raise DateError(_("“%(raw)s”: %(month)d is not a month.") % {"raw": raw, "month": month})
    raise DateError(
        _("“%(raw)s” is not a date: %(month)s %(year)d has no day %(day)d.")
        % {"raw": raw, "month": MONTH_NAMES[month], "year": year, "day": day}
    )


def _year_first(raw: str, year: int, month: int, day: int) -> ParsedDate:
    """2026-03-25: a date that starts with the year is always year/month/day."""
    if month > 12:
        raise DateError(
            _(
                "“%(raw)s” cannot be read: a date that starts with the year must be written "
                "year/month/day, like %(example)s. Write the date as day/month/year, like "
                "25/03/2026."
            )
            % {"raw": raw, "example": "2026/03/25"}
        )
    return _make(raw, year, month, day)


def _numeric(raw: str, a: int, b: int, year: int, day_first: bool) -> ParsedDate:
    day, month = (a, b) if day_first else (b, a)
    if day == 0 and month == 0:  # 00/00/1985: only the year is known
        return ParsedDate(date(year, 1, 1), DatePrecision.YEAR)
    if day == 0 and 1 <= month <= 12:  # 00/03/1985: the month is known
        return ParsedDate(date(year, month, 1), DatePrecision.MONTH)
    if month > 12:
        order = _("day/month/year") if day_first else _("month/day/year")
        raise DateError(
            _(
                "“%(raw)s”: %(month)d cannot be a month. Dates in this list are read as "
                "%(order)s; this one looks written the other way round. Correct it or change "
                "the date order of the source."
            )
            % {"raw": raw, "month": month, "order": order}
        )
    return _make(raw, year, month, day)


def _month(name: str, raw: str) -> int:
    month = MONTHS.get(name)
    if month is None:
        raise DateError(_("“%(raw)s”: “%(name)s” is not a month.") % {"raw": raw, "name": name})
    return month


def parse_date(text: str, *, day_first: bool = True, past: bool = True) -> ParsedDate:
    """The date in ``text`` with its precision; raises DateError with a plain message.

    ``past`` reads two-digit years as the most recent past (a date of birth "85" is 1985)."""
    raw = text.strip()
    s = raw.translate(DIGITS).casefold()
    if not s:
        raise DateError(_("The date is empty."))
    if m := _ISO.match(s):
        return _year_first(raw, int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC.match(s):
        return _numeric(raw, int(m[1]), int(m[2]), _year(m[3], past=past), day_first)
    if m := _WORDS.match(s):
        return _make(raw, _year(m[3], past=past), _month(m[2], raw), int(m[1]))
    if m := _WORDS_US.match(s):
        return _make(raw, int(m[3]), _month(m[1], raw), int(m[2]))
    if m := _MONTH_YEAR.match(s):
        return _month_precision(raw, int(m[2]), int(m[1]))
    if m := _MONTH_WORD_YEAR.match(s):
        return _month_precision(raw, int(m[2]), _month(m[1], raw))
    if re.fullmatch(r"\d{4}", s):
        return ParsedDate(date(int(s), 1, 1), DatePrecision.YEAR)
    if re.fullmatch(r"\d{5}(\.0+)?", s) and 10_000 <= float(s) <= 80_000:
        return ParsedDate(EXCEL_EPOCH + timedelta(days=int(float(s))), DatePrecision.DAY)
    raise DateError(
        _("“%s” is not a date that can be read. Write it as day/month/year, like 25/03/2026.") % raw
    )


def _month_precision(raw: str, year: int, month: int) -> ParsedDate:
    if not 1 <= month <= 12:
        raise DateError(_("“%(raw)s”: %(month)d is not a month.") % {"raw": raw, "month": month})
    return ParsedDate(date(year, month, 1), DatePrecision.MONTH)
