"""Form fields shared by several officer pages."""

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from htms.persons.models import DatePrecision

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

PartialDate = tuple[date, str]

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
BAD_PARTIAL_DATE = _(
    "Write the date as a year (1984), a year and month (1984-03) or a full date "
    "(1984-03-07 or 07/03/1984)."
)


def parse_partial_date(text: str) -> PartialDate | None:
    """ "1984" → (1984-01-01, year); "1984-03" → month; "1984-03-07" or "07/03/1984" → day."""
    text = text.strip()
    iso, dmy = _ISO.match(text), _DMY.match(text)
    try:
        if iso:
            year, month, day = iso.groups()
            precision = (
                DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
            )
            return date(int(year), int(month or 1), int(day or 1)), precision
        if dmy:
            day, month, year = dmy.groups()
            return date(int(year), int(month), int(day)), DatePrecision.DAY
    except ValueError:
        return None
    return None


class PartialDateField(forms.CharField):
    """A date that may be known to the year or the month only; cleans to (date, precision)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("placeholder", "YYYY-MM-DD")
        self.widget.attrs.setdefault("inputmode", "numeric")

    def clean(self, value: Any) -> PartialDate | None:
        text = super().clean(value)
        if not text:
            return None
        parsed = parse_partial_date(text)
        if parsed is None:
            raise forms.ValidationError(BAD_PARTIAL_DATE, code="invalid")
        return parsed


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: "str | _StrPromise", required: bool = False) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput())
