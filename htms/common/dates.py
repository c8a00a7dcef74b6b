"""Dates as people read them: localised, and never more precise than what was recorded.

``partial_date_text`` is the one place that prints a date known to the year or the month only;
the template filter ``partial_date`` (``htms/web/templatetags/htms_dates.py``) calls it.
"""

from datetime import date

from django.utils.formats import date_format

# The values of ``htms.persons.models.DatePrecision``, named here to keep this module at the
# bottom of the import graph.
YEAR = "year"
MONTH = "month"


def partial_date_text(day: date | None, precision: str) -> str:
    """ "2026", "Aug 2026" or "3 Aug 2026" in the active language; "" without a date."""
    if day is None:
        return ""
    if precision == YEAR:
        return date_format(day, "Y")
    if precision == MONTH:
        return date_format(day, "YEAR_MONTH_FORMAT")
    return date_format(day, "DATE_FORMAT")
