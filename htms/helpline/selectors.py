"""Reads of the help line, each limited by ``access.py``: the call log, the triage queue, a
circle's alerts and calls to register, the leads, and response times."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case as When_
from django.db.models import IntegerField, QuerySet, Value, When

from htms.accounts.models import User
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


def circle_alerts(*, user: User) -> QuerySet[Call]:
    """Emergencies escalated to the user's circle and not yet acknowledged: the home page's
    alerts. Empty for anyone but a circle's writers."""
    if not circle_writer(user):
        return Call.objects.none()
    calls = call_queryset_for_user(user).filter(
        escalated_at__isnull=False, acknowledged_at__isnull=True
    )
    return calls.select_related("district").order_by("escalated_at", "id")


def circle_to_register(*, user: User) -> QuerySet[Call]:
    """Calls handed to the user's circle to register as a complaint or enquiry."""
    if not circle_writer(user):
        return Call.objects.none()
    calls = call_queryset_for_user(user).filter(status=CallStatus.TO_REGISTER)
    return calls.select_related("district").order_by("started_at", "id")


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
