"""The figures of the National Action Plan monitoring report that come from outside the case
statistics: referrals and shelter stays, help-line calls, the red book, the Intelligence
Gazette, public notices and border events. Each is read through its module's access
chokepoint, or through the cases the user may see; a source the user's role does not read is
said so, never counted as zero."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from htms.accounts.models import User
from htms.cases.access import case_queryset_for_user
from htms.helpline.access import call_queryset_for_user, helpline_visible
from htms.intake.access import border_event_queryset_for_user, intake_may_record
from htms.intake.models.events import BorderEventKind
from htms.intelligence.access import intelligence_may_use, red_book_queryset_for_user
from htms.intelligence.gazette.issues import gazette_issue_queryset_for_user
from htms.intelligence.models import RedBookStatus
from htms.protection.models import Referral, ShelterStay
from htms.public.models import NoticeStatus, PublishedNotice

# The Plan's aim for a shelter stay before a further strategy is needed (Protection a.v.m).
SHELTER_DAYS = 60


@dataclass(frozen=True)
class Count:
    """A figure: ``value`` people, cases or records; ``readable`` False when the user's role
    does not read the source; ``people`` when small values are withheld."""

    value: int
    readable: bool = True
    people: bool = True


def _referrals(user: User) -> QuerySet[Referral]:
    return Referral.objects.filter(case__in=case_queryset_for_user(user))


def victims_referred(user: User, year: int) -> Count:
    sent = _referrals(user).filter(sent_at__year=year)
    return Count(sent.values("person_id").distinct().count())


def _stays(user: User, year: int) -> QuerySet[ShelterStay]:
    return ShelterStay.objects.filter(referral__in=_referrals(user), admitted_on__year=year)


def victims_sheltered(user: User, year: int) -> Count:
    return Count(_stays(user, year).values("referral__person_id").distinct().count())


def victims_sheltered_long(user: User, year: int) -> Count:
    """People whose stay begun in the year lasted, or has lasted so far, over 60 days."""
    today = timezone.localdate()
    long_stays = set()
    for person_id, admitted, discharged in _stays(user, year).values_list(
        "referral__person_id", "admitted_on", "discharged_on"
    ):
        if (discharged or today) - admitted > timedelta(days=SHELTER_DAYS):
            long_stays.add(person_id)
    return Count(len(long_stays))


def helpline_calls(user: User, year: int) -> Count:
    if not helpline_visible(user):
        return Count(0, readable=False)
    return Count(call_queryset_for_user(user).filter(started_at__year=year).count())


def red_book_entries(user: User, year: int) -> Count:
    if not intelligence_may_use(user):
        return Count(0, readable=False)
    approved = red_book_queryset_for_user(user).filter(
        status=RedBookStatus.APPROVED, decided_at__year=year
    )
    return Count(approved.values("person_id").distinct().count())


def gazette_issues(user: User, year: int) -> Count:
    issues = gazette_issue_queryset_for_user(user).filter(month__year=year)
    return Count(issues.count(), readable=intelligence_may_use(user), people=False)


def _notices(status: str) -> Callable[[User, int], Count]:
    def count(user: User, year: int) -> Count:
        published = PublishedNotice.objects.filter(
            status=status, approved_for_publication_at__year=year
        )
        # Public already: nothing to withhold.
        return Count(published.count(), people=False)

    return count


wanted_notices = _notices(NoticeStatus.WANTED)
convicted_notices = _notices(NoticeStatus.CONVICTED)


def _border_events(kind: str) -> Callable[[User, int], Count]:
    def count(user: User, year: int) -> Count:
        readable = user.reads_nationally or user.supervises_zone or intake_may_record(user)
        events = border_event_queryset_for_user(user).filter(kind=kind, occurred_on__year=year)
        return Count(events.count(), readable=readable)

    return count


offloadees = _border_events(BorderEventKind.OFFLOADED)
deportees = _border_events(BorderEventKind.DEPORTED)
