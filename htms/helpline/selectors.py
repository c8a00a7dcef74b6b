"""Reads of the help line, each limited by ``access.py``: the call log, the triage queue, a
circle's alerts and calls to register, the leads, and response times."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case as When_
from django.db.models import IntegerField, Q, QuerySet, Value, When

from htms.accounts.models import User
from htms.cases.models import Case, Origin
from htms.helpline.access import call_queryset_for_user, circle_writer, lead_queryset_for_user
from htms.helpline.models import Call, CallStatus, Lead, Urgency

URGENCY_ORDER = When_(
    When(urgency=Urgency.IMMEDIATE, then=Value(0)),
    When(urgency=Urgency.TODAY, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def call_list(*, user: User, status: str = "") -> QuerySet[Call]:
    """The calls the user may see, newest first; ``status`` narrows them."""
    calls = call_queryset_for_user(user).select_related("district", "circle")
    return calls.filter(status=status) if status else calls


def triage_queue(*, user: User) -> QuerySet[Call]:
    """Open calls, the most urgent and then the oldest first. Reports of the public site are
    calls of channel "web report" (``services.web_report_receive``) and queue here too."""
    calls = call_list(user=user, status=CallStatus.OPEN)
    return calls.annotate(urgency_rank=URGENCY_ORDER).order_by("urgency_rank", "started_at", "id")


UNACKNOWLEDGED = Q(escalated_at__isnull=False, acknowledged_at__isnull=True)


@dataclass(frozen=True)
class CircleWork:
    """What the help line asks of a circle: emergencies escalated to it and not acknowledged
    (alerts), and calls handed to it to register as a complaint or enquiry."""

    alerts: list[Call]
    to_register: list[Call]


def circle_work(*, user: User, limit: int = 20) -> CircleWork:
    """The home page's help-line section, in one query. Empty for anyone but circle writers."""
    if not circle_writer(user):
        return CircleWork([], [])
    calls = call_queryset_for_user(user).filter(UNACKNOWLEDGED | Q(status=CallStatus.TO_REGISTER))
    rows = list(calls.select_related("district").order_by("started_at", "id")[: 2 * limit])
    alerts = [c for c in rows if c.escalated_at is not None and c.acknowledged_at is None]
    handed = [c for c in rows if c.status == CallStatus.TO_REGISTER]
    return CircleWork(alerts[:limit], handed[:limit])


def calls_of_case(*, user: User, case: Case) -> list[Call]:
    """The help-line calls a case was registered from, those the user may see; no query for a
    case of another origin."""
    if case.origin != Origin.HELPLINE:
        return []
    return list(call_queryset_for_user(user).filter(case=case).only("pk", "reference"))


def lead_list(*, user: User) -> QuerySet[Lead]:
    return lead_queryset_for_user(user).select_related("call", "circle")


@dataclass(frozen=True)
class ResponseTimes:
    calls: int
    median_answer: timedelta | None
    median_escalation: timedelta | None


def response_times(*, calls: QuerySet[Call]) -> ResponseTimes:
    """Median time to the first answer, and from an emergency's start to its escalation."""
    rows = list(calls.values_list("started_at", "answered_at", "escalated_at"))
    answers = [a - s for s, a, _e in rows if a is not None]
    escalations = [e - s for s, _a, e in rows if e is not None]
    return ResponseTimes(
        calls=len(rows), median_answer=_median(answers), median_escalation=_median(escalations)
    )


def _median(values: list[timedelta]) -> timedelta | None:
    if not values:
        return None
    ordered, middle = sorted(values), len(values) // 2
    if len(values) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
