"""The home page, one per kind of user: officers see their work, the monitoring cell and
analysts the national picture, caseworkers and administrators what they can do here."""

from datetime import timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import CASE_WRITER_ROLES, NATIONAL_READ_ROLES, Role, User
from htms.cases.models import Case, Offence
from htms.cases.selectors import case_deadlines, case_list, hearings_between, pending_approvals
from htms.cases.selectors_dashboard import case_crime_type_counts, case_stage_counts
from htms.helpline import views as helpline_views
from htms.helpline.selectors import circle_work
from htms.protection.home import caseworker_home_context, officer_home_context
from htms.web.selectors import saved_searches_for
from htms.web.views.common import current_user

LIST_ROWS = 20


def with_offences(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Cases ready for the case rows template: unit and offences loaded in two queries."""
    offences = Prefetch("offences", queryset=Offence.objects.select_related("statute"))
    return cases.select_related("unit").prefetch_related(offences)


def _scope_label(user: User) -> Any:
    if user.reads_nationally:
        return _("Cases in the country by stage")
    if user.supervises_zone:
        return _("Cases in your zone by stage")
    return _("Cases of your unit by stage")


def _officer_context(user: User) -> dict[str, Any]:
    today = timezone.localdate()
    deadlines = case_deadlines(user=user, today=today)
    return {
        "my_cases": case_list(user=user).filter(investigating_officer=user)[:LIST_ROWS],
        "deadlines_overdue": with_offences(deadlines.overdue)[:LIST_ROWS],
        "deadlines_due": with_offences(deadlines.due_soon)[:LIST_ROWS],
        "hearings": hearings_between(user=user, start=today, end=today + timedelta(days=7))[
            :LIST_ROWS
        ],
        "stage_counts": case_stage_counts(user=user),
        "scope_label": _scope_label(user),
        "approvals": pending_approvals(user=user)[:LIST_ROWS],
        "approves": user.role == Role.CIRCLE_INCHARGE,
        "saved_searches": saved_searches_for(user=user),
        "helpline": circle_work(user=user, limit=LIST_ROWS),
    }


def _national_context(user: User) -> dict[str, Any]:
    overdue = case_deadlines(user=user).overdue
    return {
        "crime_type_counts": case_crime_type_counts(user=user),
        "stage_counts": case_stage_counts(user=user),
        "scope_label": _scope_label(user),
        "overdue_count": overdue.count(),
        "deadlines_overdue": with_offences(overdue)[:LIST_ROWS],
        "saved_searches": saved_searches_for(user=user),
    }


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if user.role in NATIONAL_READ_ROLES:
        return render(request, "web/home_national.html", _national_context(user))
    if user.role == Role.CALL_TAKER:
        # A call-taker's work is the help line's triage queue: it is their home page.
        return helpline_views.triage(request)
    if user.role in CASE_WRITER_ROLES and user.unit_id is not None:
        context = _officer_context(user) | officer_home_context(user)
        return render(request, "web/home.html", context)
    if user.role == Role.CASEWORKER:
        return render(request, "protection/home_caseworker.html", caseworker_home_context(user))
    return render(request, "web/home_other.html", {"is_admin": user.role == Role.ADMINISTRATOR})
