"""Network pages: a person's or a case's network, the path between two persons, who else uses a
number, and the JSON the graph view draws. Every page has the list view of the same network (a
table of nodes and one of links with their reasons); the graph is an addition for those who can
use it. Access, masking and audit are in ``selectors.py``."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from htms.accounts.models import User
from htms.identity.inputs import candidate_query_from_params
from htms.identity.services import candidate_search
from htms.network.access import network_may_write, network_scope_for_user
from htms.network.forms import NetworkFilterForm, NumberForm, PathForm
from htms.network.graph import MAX_DEPTH
from htms.network.links import split_key
from htms.network.presenters import network_json
from htms.network.selectors import (
    NetworkPage,
    case_network,
    path_between,
    person_network,
    who_else_uses,
)
from htms.persons.models import Person
from htms.persons.presenters import IdentityView, identity_views
from htms.web.views.common import current_user

SEARCH_LIMIT = 15


def _network_page(request: HttpRequest, page: NetworkPage, form: NetworkFilterForm) -> HttpResponse:
    kind, rest = split_key(page.root.key)
    data_url = reverse("network:data") + f"?root={kind}:{rest}&" + request.GET.urlencode()
    context = {"page": page, "form": form, "data_url": data_url, "root_kind": kind,
               "root_id": rest, "may_write": network_may_write(current_user(request))}  # fmt: skip
    return render(request, "network/network.html", context)


@login_required
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    form = NetworkFilterForm(request.GET or None)
    page = person_network(user=current_user(request), person_id=person_id, depth=form.depth_asked(),
                          only=form.link_filter())  # fmt: skip
    return _network_page(request, page, form)


@login_required
def case(request: HttpRequest, case_id: int) -> HttpResponse:
    form = NetworkFilterForm(request.GET or None)
    page = case_network(user=current_user(request), case_id=case_id, depth=form.depth_asked(),
                        only=form.link_filter())  # fmt: skip
    return _network_page(request, page, form)


@login_required
def data(request: HttpRequest) -> JsonResponse:
    """The network of ``root`` (``person:ID`` or ``case:ID``) as JSON, filtered like the page:
    what the graph view draws, expands and exports."""
    user = current_user(request)
    kind, rest = split_key(request.GET.get("root", ""))
    form = NetworkFilterForm(request.GET)
    if not rest.isdigit() or kind not in ("person", "case"):
        raise Http404("No such network.")
    read = person_network if kind == "person" else case_network
    key = "person_id" if kind == "person" else "case_id"
    page = read(user=user, depth=form.depth_asked(), only=form.link_filter(), **{key: int(rest)})
    return JsonResponse(network_json(page.view))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Choose persons: a name search among the persons the user may see with their identity
    and within their part of the network; each opens a network or becomes an end of a path."""
    user = current_user(request)
    scope = network_scope_for_user(user)
    name = request.GET.get("name", "").strip()[:200]
    hits, error, more = [], "", False
    if name:
        try:
            query = candidate_query_from_params({"name": name})
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            found = candidate_search(user=user, query=query, limit=SEARCH_LIMIT + 1)
            more, found = len(found) > SEARCH_LIMIT, found[:SEARCH_LIMIT]
            allowed = scope.persons_allowed(c.person.pk for c in found)
            views = identity_views(user, [c.person for c in found if c.person.pk in allowed])
            hits = [v for v in views.values() if v.visible]
    chosen = _chosen(request, user)
    context = {"name": name, "hits": hits, "error": error, "chosen": chosen, "more": more,
               "number_form": NumberForm(), "may_write": network_may_write(user)}  # fmt: skip
    return render(request, "network/home.html", context)


def _chosen(request: HttpRequest, user: User) -> dict[str, IdentityView | None]:
    """The two ends of a path chosen so far, as the user may see them."""
    ids = {k: request.GET.get(k, "") for k in ("a", "b")}
    found = {k: int(v) for k, v in ids.items() if v.isdigit() and len(v) < 12}
    scope = network_scope_for_user(user)
    allowed = scope.persons_allowed(found.values())
    views = identity_views(user, Person.objects.filter(pk__in=allowed))
    return {k: views.get(v) for k, v in found.items()}


@login_required
def path(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    network_scope_for_user(user)
    form = PathForm(request.GET)
    if not form.is_valid() and ("a" in form.errors or "b" in form.errors):
        raise Http404("No such persons.")
    depth = (form.cleaned_data.get("depth") if form.is_valid() else None) or MAX_DEPTH
    found = path_between(user=user, source_id=form.cleaned_data["a"],
                         target_id=form.cleaned_data["b"], depth=depth,
                         only=form.link_filter())  # fmt: skip
    return render(request, "network/path.html", {"found": found, "form": form})


@login_required
def uses(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    network_scope_for_user(user)
    form = NumberForm(request.GET)
    context: dict[str, object] = {"form": form, "searched": False}
    if form.is_valid():
        found = who_else_uses(user=user, number=form.cleaned_data["number"])
        # The number is shown once, in the search box, in the form it was looked up in.
        context.update(form=NumberForm({"number": found.number}), searched=True,
                       persons=found.persons, truncated=found.truncated)  # fmt: skip
    return render(request, "network/uses.html", context)
