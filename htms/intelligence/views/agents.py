"""The agents register: the list with search and status filter, the dossier, and its facts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from htms.accounts.models import User
from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.identity.inputs import candidate_query_from_params
from htms.identity.services import candidate_search
from htms.intelligence.access import (
    fact_get_for_user,
    fact_may_write,
    intelligence_may_use,
    red_book_may_nominate,
)
from htms.intelligence.forms import AgentSearchForm, FactForm, ReasonForm
from htms.intelligence.inputs import FactInput
from htms.intelligence.photos import photo_open
from htms.intelligence.presenters import fact_views
from htms.intelligence.selectors import (
    AGENT_LIST_LIMIT,
    agent_dossier,
    agent_list,
    agent_list_shown,
    wanted_among,
)
from htms.intelligence.services import fact_record, fact_withdraw
from htms.network.access import network_person_get
from htms.persons.access import person_get_for_user
from htms.persons.presenters import identity_view, identity_views
from htms.web.views.common import add_errors, current_user, error_dict, run_service

NOT_FOR_ROLE = gettext_noop("Your role does not use the agents register.")
SEARCH_LIMIT = 50


def _user_of(request: HttpRequest) -> User:
    user = current_user(request)
    if not intelligence_may_use(user):
        raise PermissionDenied(_(NOT_FOR_ROLE))
    return user


def _searched_ids(request: HttpRequest, form: AgentSearchForm) -> list[int] | None:
    params = form.search_params()
    if not any(value.strip() for value in params.values()):
        return None
    try:
        query = candidate_query_from_params(params)
    except ValidationError as exc:
        add_errors(form, error_dict(exc))
        return []
    found = candidate_search(user=current_user(request), query=query, limit=SEARCH_LIMIT)
    return [c.person.pk for c in found]


@login_required
def agent_list_page(request: HttpRequest) -> HttpResponse:
    user = _user_of(request)
    form = AgentSearchForm(request.GET)
    form.is_valid()
    ids = _searched_ids(request, form)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    agents = list(agent_list(user=user, person_ids=ids, status=status)[:AGENT_LIST_LIMIT])
    agent_list_shown(user=user, agents=agents, status=status, searched=ids is not None)
    views = identity_views(user, agents)
    wanted = wanted_among(views)
    rows = [(views[a.pk], a, a.pk in wanted) for a in agents]
    context = {"form": form, "rows": rows, "may_import": fact_may_write(user)}
    return render(request, "intelligence/agents.html", context)


@login_required
def dossier_page(request: HttpRequest, person_id: int) -> HttpResponse:
    user = current_user(request)
    dossier = agent_dossier(user=user, person_id=person_id)
    ident = identity_view(user, dossier.person, details=True)
    context = {
        "ident": ident,
        "dossier": dossier,
        "facts": fact_views(user, dossier.facts, identity=ident.visible),
        "may_write": fact_may_write(user),
        "may_nominate": red_book_may_nominate(user),
        "person_page": _person_page_opens(request, person_id),
        "network_page": _network_page_opens(request, person_id),
    }
    return render(request, "intelligence/dossier.html", context)


def _person_page_opens(request: HttpRequest, person_id: int) -> bool:
    try:
        person_get_for_user(user=current_user(request), person_id=person_id)
    except Http404:  # the person page would not open: no link
        return False
    return True


def _network_page_opens(request: HttpRequest, person_id: int) -> bool:
    """Whether the agent's network and payments open for the user (analysts, in-charges)."""
    try:
        network_person_get(user=current_user(request), person_id=person_id)
    except Http404:
        return False
    return True


@login_required
def fact_add(request: HttpRequest, person_id: int) -> HttpResponse:
    user = current_user(request)
    dossier = agent_dossier(user=user, person_id=person_id)
    if not fact_may_write(user):
        raise PermissionDenied(_("Your role reads dossiers but does not record facts."))
    form = FactForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = _fact_input(form.cleaned_data)
        fact = run_service(form, lambda: fact_record(actor=user, person_id=person_id, data=data))
        if fact is not None:
            messages.success(request, _("The fact was recorded in the dossier."))
            return redirect("intelligence:dossier", person_id)
    ident = identity_view(user, dossier.person)
    return render(request, "intelligence/fact_form.html", {"ident": ident, "form": form})


def _fact_input(data: dict[str, object]) -> FactInput:
    text = {key: str(data.get(key) or "") for key in FactForm.base_fields if key != "photo"}
    return FactInput(
        kind=text["kind"],
        value=text["value"],
        source_kind=text["source_kind"],
        source_reference=text["source_reference"],
        reliability=text["reliability"],
        credibility=text["credibility"],
        handling_code=text["handling_code"],
        district_code=text["district"],
        country_code=text["country"],
        photo=data.get("photo"),  # type: ignore[arg-type]
    )


@login_required
def fact_withdraw_page(request: HttpRequest, fact_id: int) -> HttpResponse:
    user = current_user(request)
    fact = fact_get_for_user(user=user, fact_id=fact_id, write=True)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        done = run_service(form, lambda: fact_withdraw(actor=user, fact_id=fact.pk, reason=reason))
        if done is not None:
            messages.success(request, _("The fact was withdrawn."))
            return redirect("intelligence:dossier", fact.person_id)
    ident = identity_view(user, fact.person)
    context = {"ident": ident, "fact": fact, "form": form}
    return render(request, "intelligence/fact_withdraw.html", context)


@login_required
def fact_photo(request: HttpRequest, fact_id: int) -> HttpResponse:
    """The photograph of a fact, for whoever may read the dossier and see the identity."""
    user = current_user(request)
    fact = fact_get_for_user(user=user, fact_id=fact_id)
    if not identity_view(user, fact.person).visible:
        raise PermissionDenied(
            _("This person's identity is shown only to officers who handle their case.")
        )
    content, content_type = photo_open(fact.photo)
    audit_view(actor=user, object_type=AuditObject.DOSSIER_FACT, object_id=fact.pk)
    return HttpResponse(content, content_type=content_type)
