"""The month a Gazette covers: parsed from ``YYYY-MM``, with its bounds in local time."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BAD_MONTH = _("Give the month as YYYY-MM, for example 2026-11.")


@dataclass(frozen=True)
class Month:
    first: date
    after: date  # the first day of the next month

    @property
    def label(self) -> str:
        return self.first.strftime("%Y-%m")

    def start_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first, time.min))

    def end_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.after, time.min))


def month_parse(text: str) -> Month:
    """The month of ``YYYY-MM``; ValidationError(BAD_MONTH) for anything else."""
    found = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if found is None or not 1 <= int(found[2]) <= 12 or int(found[1]) < 1900:
        raise ValidationError(BAD_MONTH)
    first = date(int(found[1]), int(found[2]), 1)
    after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return Month(first=first, after=after)
