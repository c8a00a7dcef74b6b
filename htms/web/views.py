"""The officer pages. Views stay thin: access check, selector, template."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.services import audit_record, audit_view
from htms.cases.access import case_may_write
from htms.cases.models import ADULT_AGE, Case, CaseParty, Stage, case_offence_date
from htms.cases.selectors import (
    CaseFilters,
    case_counts,
    case_deadlines,
    case_detail,
    case_list,
    hearings_between,
    pending_approvals,
)
from htms.persons.access import (
    identity_visibility,
    person_get_for_user,
    person_identity_visible,
)
from htms.persons.models import Person
from htms.reference.models import CrimeType, Unit, UnitKind
from htms.web.forms import CaseFilterForm

# Units that register cases: offered in the list filter.
CASE_UNIT_KINDS = (
    UnitKind.CIRCLE,
    UnitKind.ATU,
    UnitKind.POLICE_DISTRICT,
    UnitKind.IMMIGRATION_POST,
)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    deadlines = case_deadlines(user=user, today=today)
    mine = case_list(user=user).filter(investigating_officer=user)[:10]
    week = hearings_between(user=user, start=today, end=today + timedelta(days=7))[:20]
    return render(
        request,
        "web/home.html",
        {
            "deadlines_overdue": deadlines.overdue.select_related("unit")[:20],
            "deadlines_due": deadlines.due_soon.select_related("unit")[:20],
            "my_cases": mine,
            "hearings": week,
            "approvals": pending_approvals(user=user)[:20],
        },
    )


@login_required
def cases(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = CaseFilterForm(request.GET or None, units=Unit.objects.filter(kind__in=CASE_UNIT_KINDS))
    filters = form.filters() if form.is_valid() else CaseFilters()
    page = Paginator(case_list(user=user, filters=filters), 25).get_page(request.GET.get("page"))
    audit_record(
        actor=user,
        action="view",
        object_type="case_list",
        object_id="page",
        changes={"cases": [c.pk for c in page], "filters": request.GET.dict()},
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "web/case_list.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@dataclass
class PartyView:
    party: CaseParty
    name: str
    name_ur: str
    identity_visible: bool
    minor: bool


def _party_views(user: User, case: Case) -> list[PartyView]:
    views = []
    on = case_offence_date(case)
    parties = list(case.parties.all())
    visibility = identity_visibility(user, [p.person_id for p in parties])
    for party in parties:
        visible = visibility[party.person_id]
        person = party.person
        age = person.youngest_age_on(on)
        views.append(
            PartyView(
                party,
                person.full_name if visible else person.pseudonym,
                person.full_name_ur if visible else "",
                visible,
                minor=age is not None and age < ADULT_AGE,
            )
        )
    return views


@login_required
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    user = _user(request)
    case = case_detail(user=user, case_id=case_id)
    audit_view(actor=user, object_type="case", object_id=case.pk)
    return render(
        request,
        "web/case_detail.html",
        {
            "case": case,
            "parties": _party_views(user, case),
            "may_write": case_may_write(user, case),
            "crime_types": sorted(
                {o.statute.get_crime_type_display() for o in case.offences.all()}
            ),
        },
    )


@login_required
def person_page(request: HttpRequest, person_id: int) -> HttpResponse:
    user = _user(request)
    person = person_get_for_user(user=user, person_id=person_id)
    audit_view(actor=user, object_type="person", object_id=person.pk)
    visible = person_identity_visible(user, person)
    roles = (
        CaseParty.objects.filter(person=person, case__in=case_list(user=user))
        .select_related("case", "case__unit")
        .order_by("-case__registered_at")
    )
    return render(
        request,
        "web/person_detail.html",
        {
            "person": person,
            "identity_visible": visible,
            "roles": roles,
            "age": _age(person, timezone.localdate()),
        },
    )


def _age(person: Person, today: date) -> int | None:
    return person.youngest_age_on(today)


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    rows = case_counts(user=_user(request))
    table: dict[str, dict[str, int]] = {}
    for row in rows:
        table.setdefault(row.crime_type, {}).setdefault(row.stage, 0)
        table[row.crime_type][row.stage] += row.cases
    return render(
        request,
        "web/statistics.html",
        {
            "rows": rows,
            "stages": Stage.choices,
            "table": [
                (CrimeType(ct).label, [table[ct].get(s, 0) for s, _ in Stage.choices])
                for ct in sorted(table)
            ],
        },
    )
