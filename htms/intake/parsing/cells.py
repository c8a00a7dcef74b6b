"""Turning one spreadsheet cell into clean text, and spreadsheet formulas into their values."""

import re
from datetime import date, datetime, time
from decimal import Decimal

from django.utils.translation import gettext as _

from htms.identity import numbers

# Characters that look like spaces or nothing: no-break space, zero-width, byte-order mark.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"\s+")
_HYPERLINK = re.compile(
    r'^=\s*HYPERLINK\s*\(\s*"([^"]*)"\s*(?:[,;]\s*"([^"]*)"\s*)?\)\s*$', re.IGNORECASE
)
# Eastern Arabic (Urdu) and Arabic-Indic digits to ASCII: the one table of ``identity.numbers``.
DIGITS = numbers.DIGITS


def clean_text(value: str) -> str:
    """Strips invisible characters and folds every run of whitespace into one space."""
    return _SPACES.sub(" ", value.translate(_INVISIBLE)).strip()


def cell_text(value: object) -> str:
    """A cell value as text: whole numbers without ".0", dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float | Decimal) and _whole(value):
        return str(int(value))
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return clean_text(str(value))


def _whole(value: float | Decimal) -> bool:
    """A whole number small enough to write without losing digits."""
    if isinstance(value, Decimal):
        return value == value.to_integral_value() and -(10**15) < value < 10**15
    return value.is_integer() and -1e15 < value < 1e15


def is_formula(text: str) -> bool:
    return text.startswith("=") and len(text) > 1


def formula_value(formula: str, cached: object, where: str) -> tuple[str, str]:
    """The value to use for a formula cell and a note saying what was done.

    A link formula gives its visible text; another formula gives the value the spreadsheet last
    computed, if the file holds one; otherwise the formula stays, and the row's check reports it.
    """
    link = _HYPERLINK.match(formula)
    if link:
        text = clean_text(link.group(2) if link.group(2) is not None else link.group(1))
        return text, _("%(where)s held a link formula; its text “%(text)s” was used.") % {
            "where": where,
            "text": text,
        }
    if cached is not None:
        text = cell_text(cached)
        return text, _("%(where)s held a formula; its value “%(text)s” was used.") % {
            "where": where,
            "text": text,
        }
    return formula, ""
