"""What victim protection adds to the home pages: the caseworker's whole home, and the
referring unit's overdue referrals and absconding alerts on the officers' home."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from htms.accounts.models import User
from htms.protection.access import referral_queryset_for_user, referral_refers
from htms.protection.models import FollowUp, Organisation
from htms.protection.presenters import referral_rows
from htms.protection.selectors import (
    absconded_recent,
    hearing_reminders,
    referrals_open,
    referrals_overdue,
    return_follow_ups_overdue,
)

HOME_ROWS = 20
REMINDER_DAYS = 14


def caseworker_home_context(user: User) -> dict[str, Any]:
    """Referrals to the caseworker's organisation, those waiting too long for an answer, the
    hearings of its referred victims in the next two weeks, the follow-ups due and returnees'
    follow-ups overdue. A caseworker posted at no organisation's unit is told so, and what to
    do."""
    if not Organisation.objects.filter(unit_id=user.unit_id or 0).exists():
        return {"unposted": True}
    today = timezone.localdate()
    overdue = list(referrals_overdue(user=user)[:HOME_ROWS])
    open_rows = list(referrals_open(user=user)[:HOME_ROWS])
    due = FollowUp.objects.filter(
        referral__in=referral_queryset_for_user(user).values("pk"), done_on__isnull=True,
        due_on__lte=today + timedelta(days=REMINDER_DAYS),
    ).order_by("due_on")[:HOME_ROWS]  # fmt: skip
    return {
        "overdue_referrals": referral_rows(user, overdue),
        "open_referrals": referral_rows(user, open_rows),
        "hearing_reminders": hearing_reminders(
            user=user, start=today, end=today + timedelta(days=REMINDER_DAYS)
        ),
        "follow_ups_due": list(due),
        "return_follow_ups_overdue": list(return_follow_ups_overdue(user=user)[:HOME_ROWS]),
    }


def officer_home_context(user: User) -> dict[str, Any]:
    """The unit's referrals past their deadline, stays ended by absconding and returnees'
    follow-ups overdue."""
    if not referral_refers(user):
        return {}
    overdue = list(referrals_overdue(user=user)[:HOME_ROWS])
    return {
        "overdue_referrals": referral_rows(user, overdue),
        "absconded": list(absconded_recent(user=user)[:HOME_ROWS]),
        "return_follow_ups_overdue": list(return_follow_ups_overdue(user=user)[:HOME_ROWS]),
    }
