"""``{{ value|partial_date:precision }}``: a date printed at the precision it was recorded."""

from datetime import date

from django import template

from htms.common.dates import MONTH, partial_date_text

register = template.Library()


@register.filter
def partial_date(value: date | None, precision: str = "") -> str:
    return partial_date_text(value, precision or "")


@register.filter
def year_month(value: str) -> str:
    """A "2026-08" month key as "Aug 2026" in the active language; other text unchanged."""
    try:
        month = date.fromisoformat(f"{value}-01")
    except ValueError:
        return value
    return partial_date_text(month, MONTH)
