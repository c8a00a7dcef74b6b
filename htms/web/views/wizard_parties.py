"""The registration wizard's parties and route steps: lists kept in the draft, one entry added
at a time and checked by the service's own rules before it joins the draft."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from htms.accounts.models import User
from htms.cases.inputs import PartyInput, RouteInput
from htms.cases.models import PartyRole, RouteEventKind
from htms.cases.services.parties import parties_check
from htms.common.dates import partial_date_text
from htms.common.lists import join_list
from htms.persons.access import person_queryset_for_user
from htms.persons.presenters import identity_views
from htms.reference.models import Country
from htms.web.candidates import candidate_context, candidates_url, party_search_params
from htms.web.forms.party import PartyForm, party_field_for, party_input
from htms.web.forms.wizard import ROUTE_FIELDS, RouteForm
from htms.web.views.common import add_errors
from htms.web.views.wizard_base import check_step, next_step, render_step
from htms.web.wizard import (
    Draft,
    Errors,
    case_input,
    draft_errors,
    errors_for_step,
    party_errors,
    party_from_json,
    party_to_json,
    route_errors,
    route_from_json,
    route_to_json,
)


@dataclass
class DraftRow:
    index: int
    title: str
    text: str
    note: str = ""
    errors: list[str] = field(default_factory=list)


def _existing_names(user: User, ids: list[int]) -> dict[int, str]:
    persons = person_queryset_for_user(user).filter(pk__in=ids)
    return {pk: view.name for pk, view in identity_views(user, persons).items()}


def _role_label(role: str) -> str:
    return str(PartyRole(role).label) if role in PartyRole.values else role


def draft_party_rows(user: User, draft: Draft, errors: Errors) -> list[DraftRow]:
    parties = [party_from_json(p) for p in draft["parties"]]
    names = _existing_names(user, [p.person_id for p in parties if p.person_id])
    rows = []
    for i, party in enumerate(parties):
        if party.person is not None:
            name, note = party.person.full_name or party.person.full_name_ur, _("new person")
        else:
            name, note = names.get(party.person_id or 0, "?"), _("from the register")
        rows.append(DraftRow(i, _role_label(party.role), name, note, party_errors(errors, i)))
    return rows


def draft_route_rows(draft: Draft, errors: Errors) -> list[DraftRow]:
    legs = [route_from_json(r) for r in draft["route"]]
    countries = {
        c.code: str(c) for c in Country.objects.filter(code__in=[leg.country_code for leg in legs])
    }
    rows = []
    for i, leg in enumerate(legs):
        kind = str(RouteEventKind(leg.kind).label) if leg.kind in RouteEventKind.values else ""
        where = join_list(filter(None, [leg.place, countries.get(leg.country_code, "")]))
        when = partial_date_text(leg.date, leg.date_precision)
        rows.append(DraftRow(i, kind, where, when, route_errors(errors, i)))
    return rows


def _remove(items: list[Any], index: str | None) -> None:
    if index is not None and index.isdigit() and int(index) < len(items):
        del items[int(index)]


def _add_party(user: User, draft: Draft, form: PartyForm) -> PartyInput | None:
    """The party, checked by the service; None with the errors on the form."""
    party = party_input(form)
    case = case_input(draft)
    existing = {(p.person_id, p.role) for p in case.parties if p.person_id}
    errors: Errors = {}
    on = case.occurred_on or case.fir_date
    parties_check([party], actor=user, on=on, errors=errors, existing=existing)
    if errors:
        add_errors(form, errors, party_field_for(form, "parties[0]"))
        return None
    return party


def chosen_name(user: User, form: PartyForm) -> str:
    value = form.data.get("existing_person", "")
    if not str(value).isdigit():
        return ""
    return _existing_names(user, [int(value)]).get(int(value), "")


def parties_step(request: HttpRequest, user: User, draft: Draft) -> HttpResponse:
    errors = errors_for_step(draft["errors"], "parties")
    form, candidates = PartyForm(), None
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "remove":
        _remove(draft["parties"], request.POST.get("index"))
        check_step(request, draft, "parties", user)
        return redirect("wizard_step", "parties")
    if action == "next":
        errors = check_step(request, draft, "parties", user)
        if not errors:
            return next_step("parties")
    if action in ("add", "search"):
        form = PartyForm(request.POST)
        if action == "search":
            candidates = candidate_context(user=user, params=party_search_params(request.POST))
        elif form.is_valid() and (party := _add_party(user, draft, form)) is not None:
            draft["parties"].append(party_to_json(party))
            check_step(request, draft, "parties", user)
            messages.success(request, _("Added: %s.") % _role_label(party.role))
            return redirect("wizard_step", "parties")
    context: dict[str, Any] = {
        "rows": draft_party_rows(user, draft, errors),
        "form": form,
        "candidates": candidates,
        "chosen_name": chosen_name(user, form) if form.is_bound else "",
        "candidates_url": candidates_url(),
    }
    return render_step(request, "parties", draft, context)


def _route_leg(form: RouteForm) -> RouteInput:
    data = form.cleaned_data
    when = data["date"]
    return RouteInput(
        kind=data["kind"],
        country_code=data["country"],
        district_code=data["district"],
        place=data["place"],
        date=when[0] if when else None,
        date_precision=when[1] if when else "",
    )


def _add_leg(user: User, draft: Draft, form: RouteForm) -> RouteInput | None:
    leg = _route_leg(form)
    trial = dict(draft, route=[*draft["route"], route_to_json(leg)])
    prefix = f"route[{len(draft['route'])}]."
    errors = errors_for_step(draft_errors(trial, actor=user), "route")
    mine = {k.removeprefix(prefix): v for k, v in errors.items() if k.startswith(prefix)}
    if mine:
        add_errors(form, mine, ROUTE_FIELDS)
        return None
    return leg


def route_step(request: HttpRequest, user: User, draft: Draft) -> HttpResponse:
    errors = errors_for_step(draft["errors"], "route")
    form = RouteForm()
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "remove":
        _remove(draft["route"], request.POST.get("index"))
        check_step(request, draft, "route", user)
        return redirect("wizard_step", "route")
    if action == "next":
        errors = check_step(request, draft, "route", user)
        if not errors:
            return next_step("route")
    if action == "add":
        form = RouteForm(request.POST)
        if form.is_valid() and (leg := _add_leg(user, draft, form)) is not None:
            draft["route"].append(route_to_json(leg))
            check_step(request, draft, "route", user)
            messages.success(request, _("Place added to the route."))
            return redirect("wizard_step", "route")
    context = {"rows": draft_route_rows(draft, errors), "form": form}
    return render_step(request, "route", draft, context)
