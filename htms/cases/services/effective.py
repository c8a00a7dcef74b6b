"""When a step of a case happened, as opposed to when it was typed in.

Every stage change, challan, judgment and hearing carries an effective date. It cannot be in
the future, nor before the case was opened (its registration or FIR, whichever came first), and
a stage cannot take effect before the stage it follows. An entry dated more than
``HTMS_BACKDATE_GRACE_DAYS`` before the day it is entered needs a written reason.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from htms.cases.models import Case, StageChange, TransitionStatus

EFFECTIVE_IN_FUTURE = gettext_lazy("The effective date cannot be in the future.")
EFFECTIVE_BEFORE_OPENING = gettext_lazy(
    "The effective date cannot be before the case was registered or the FIR was lodged (%s)."
)
EFFECTIVE_BEFORE_PREVIOUS = gettext_lazy(
    "The effective date cannot be before the previous stage, “%(stage)s”, took effect (%(day)s)."
)
BACKDATE_NEEDS_REASON = gettext_lazy(
    "This date is more than %d days ago: say why it is entered only now."
)


def case_opened_on(case: Case) -> date:
    """The first day the case existed: its registration, or its FIR if that came first."""
    registered = timezone.localdate(case.registered_at)
    return min(registered, case.fir_date) if case.fir_date else registered


def last_stage_change(case: Case) -> StageChange | None:
    """The approved stage change that brought the case to its current stage."""
    return (
        StageChange.objects.filter(case=case, status=TransitionStatus.APPROVED)
        .exclude(from_stage="")
        .order_by("-effective_on", "-requested_at", "-id")
        .first()
    )


def earliest_effective_date(case: Case) -> date:
    """The first day the next stage of the case may take effect."""
    previous = last_stage_change(case)
    opened = case_opened_on(case)
    return max(opened, previous.effective_on) if previous else opened


def effective_date_check(
    *,
    case: Case,
    day: date,
    backdate_reason: str,
    field: str,
    after_previous: bool = True,
    allow_future: bool = False,
) -> None:
    """Raises a ValidationError on ``field`` when ``day`` breaks one of the rules above.

    ``after_previous`` also holds the day to the current stage's effective date (stage changes
    and judgments; not hearings, which may be entered late for an earlier court stage).
    ``allow_future`` lets a hearing be scheduled ahead, as long as nothing has happened at it."""
    if day > timezone.localdate() and not allow_future:
        raise ValidationError({field: str(EFFECTIVE_IN_FUTURE)})
    opened = case_opened_on(case)
    if day < opened:
        raise ValidationError({field: str(EFFECTIVE_BEFORE_OPENING) % date_format(opened)})
    previous = last_stage_change(case) if after_previous else None
    if previous is not None and day < previous.effective_on:
        values = {
            "stage": previous.get_to_stage_display(),
            "day": date_format(previous.effective_on),
        }
        raise ValidationError({field: str(EFFECTIVE_BEFORE_PREVIOUS) % values})
    grace = settings.HTMS_BACKDATE_GRACE_DAYS
    if (timezone.localdate() - day).days > grace and not backdate_reason.strip():
        raise ValidationError({"backdate_reason": str(BACKDATE_NEEDS_REASON) % grace})


def effective_date_or_today(day: date | None) -> date:
    return day or timezone.localdate()
