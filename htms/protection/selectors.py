"""Reads of victim protection, each starting from the referral chokepoint (``access.py``)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from htms.accounts.models import User
from htms.cases.models import Hearing
from htms.protection.access import referral_queryset_for_user, return_queryset_for_user
from htms.protection.models import (
    Organisation,
    Referral,
    ReferralState,
    ReturnFollowUp,
    ShelterStay,
    StayDestination,
)
from htms.protection.models.care import PLANNED_STAY_DAYS

# A minor's referral is sent within 24 hours of being proposed; an organisation answers a sent
# referral within 48 hours.
MINOR_SEND_HOURS = 24
ANSWER_HOURS = 48
OPEN_STATES = (
    ReferralState.PROPOSED, ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.IN_SERVICE
)  # fmt: skip
ABSCONDED_ALERT_DAYS = 30


def overdue_condition(now: datetime) -> Q:
    """A minor's referral not sent within 24 hours, or a referral not answered within 48."""
    unsent = Q(
        state=ReferralState.PROPOSED,
        minor=True,
        proposed_at__lt=now - timedelta(hours=MINOR_SEND_HOURS),
    )
    unanswered = Q(state=ReferralState.SENT, sent_at__lt=now - timedelta(hours=ANSWER_HOURS))
    return unsent | unanswered


def _shaped(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.select_related("person", "organisation", "from_unit")


def referral_list(*, user: User, state: str = "") -> QuerySet[Referral]:
    referrals = referral_queryset_for_user(user)
    if state:
        referrals = referrals.filter(state=state)
    return _shaped(referrals)


def referrals_overdue(*, user: User, now: datetime | None = None) -> QuerySet[Referral]:
    condition = overdue_condition(now or timezone.now())
    return _shaped(referral_queryset_for_user(user).filter(condition)).order_by("proposed_at")


def referrals_open(*, user: User) -> QuerySet[Referral]:
    return _shaped(referral_queryset_for_user(user).filter(state__in=OPEN_STATES))


def absconded_recent(*, user: User, today: date | None = None) -> QuerySet[ShelterStay]:
    """Stays ended by absconding in the last 30 days, of referrals the user may see."""
    since = (today or timezone.localdate()) - timedelta(days=ABSCONDED_ALERT_DAYS)
    return ShelterStay.objects.filter(
        referral__in=referral_queryset_for_user(user),
        destination=StayDestination.ABSCONDED,
        discharged_on__gte=since,
    ).select_related("referral__person", "shelter")


def return_follow_ups_overdue(*, user: User, today: date | None = None) -> QuerySet[ReturnFollowUp]:
    """Reintegration follow-ups past their day and not done, of the returns the user may see."""
    return (
        ReturnFollowUp.objects.filter(
            return_record__in=return_queryset_for_user(user).values("pk"),
            done_on__isnull=True,
            due_on__lt=today or timezone.localdate(),
        )
        .select_related("return_record")
        .order_by("due_on", "id")
    )


def referral_case_id(referral: Referral) -> int | None:
    """The case a referral comes from: its own, or the case opened from the interview of the
    border event it was made from (before or after the referral)."""
    if referral.case_id is not None:
        return referral.case_id
    event = referral.border_event
    return event.case_id if event is not None else None


@dataclass(frozen=True)
class HearingReminder:
    referral: Referral
    on: date
    court: str


def hearing_reminders(*, user: User, start: date, end: date) -> list[HearingReminder]:
    """Hearings between ``start`` and ``end`` (held, or set as the next date of one held) in
    the cases of the open referrals the user may see: the caseworker accompanies the
    victim-witness. Date and court only, no case file."""
    from_a_case = Q(case__isnull=False) | Q(border_event__case__isnull=False)
    open_ones = referrals_open(user=user).filter(from_a_case).select_related("border_event")
    referrals = {referral_case_id(r): r for r in open_ones}
    held = Q(date__gte=start, date__lte=end)
    next_one = Q(next_date__gte=start, next_date__lte=end)
    hearings = Hearing.objects.filter(held | next_one, case_id__in=list(referrals))
    days = set()
    for h in hearings.select_related("court"):
        for on in (h.date, h.next_date):
            if on is not None and start <= on <= end:
                days.add((on, h.case_id, str(h.court)))
    return [HearingReminder(referrals[case_id], on, court) for on, case_id, court in sorted(days)]


@dataclass(frozen=True)
class Occupancy:
    shelter: Organisation
    occupied: int

    @property
    def free(self) -> int | None:
        return None if self.shelter.beds is None else max(self.shelter.beds - self.occupied, 0)


def shelter_occupancy() -> list[Occupancy]:
    """Live bed occupancy of every active shelter of the directory. Counts only: no person."""
    open_stays = Count("stays", filter=Q(stays__discharged_on__isnull=True))
    shelters = Organisation.objects.filter(active=True).annotate(occupied=open_stays)
    return [Occupancy(s, s.occupied) for s in shelters if s.is_shelter]


def stay_days(stay: ShelterStay, today: date | None = None) -> int:
    end = stay.discharged_on or today or timezone.localdate()
    return (end - stay.admitted_on).days


def stay_over_plan(stay: ShelterStay, today: date | None = None) -> bool:
    return stay_days(stay, today) > (stay.planned_days or PLANNED_STAY_DAYS)
