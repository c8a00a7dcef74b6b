"""The case list with its filters and the officer's saved searches."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from htms.audit.models import AuditObject
from htms.audit.services import audit_record
from htms.cases.selectors import CaseFilters, case_list
from htms.common.pages import BoundedPaginator, page_number
from htms.common.sealing import sealed_terms
from htms.reference.models import Unit, UnitKind
from htms.web.forms.filters import CaseFilterForm
from htms.web.forms.saved_searches import SavedSearchForm
from htms.web.selectors import saved_searches_for
from htms.web.services.saved_searches import (
    saved_search_create,
    saved_search_delete,
    saved_search_query,
)
from htms.web.views.common import add_errors, current_user, error_dict

# Units that register cases: offered in the list filter.
CASE_UNIT_KINDS = (
    UnitKind.CIRCLE,
    UnitKind.ATU,
    UnitKind.POLICE_DISTRICT,
    UnitKind.IMMIGRATION_POST,
)
PAGE_SIZE = 25


def _render_list(
    request: HttpRequest, query: str, save_form: SavedSearchForm | None = None
) -> HttpResponse:
    user = current_user(request)
    # A refused "save this search" shows the list of the search it tried to save.
    params = request.GET if request.method == "GET" else QueryDict(query)
    units = Unit.objects.filter(kind__in=CASE_UNIT_KINDS)
    form = CaseFilterForm(params or None, units=units)
    filters = form.filters() if form.is_valid() else CaseFilters()
    number = page_number(request.GET.get("page"))
    # Every match is counted only when the officer asks ("count them all"): a page counts
    # just as far as the pages after it.
    paginator = BoundedPaginator(
        case_list(user=user, filters=filters),
        PAGE_SIZE,
        number=number,
        exact=request.GET.get("count") == "all",
    )
    page = paginator.get_page(number)
    audit_record(
        actor=user,
        action="view",
        object_type=AuditObject.CASE_LIST,
        object_id="page",
        changes={"cases": [c.pk for c in page], "filters": sealed_terms(params.dict())},
    )
    context = {
        "form": form,
        "page": page,
        "query": query,
        "saved_searches": saved_searches_for(user=user),
        "save_form": save_form or SavedSearchForm(initial={"query": query}),
    }
    return render(request, "web/case_list.html", context)


@login_required
def case_list_page(request: HttpRequest) -> HttpResponse:
    return _render_list(request, saved_search_query(request.GET.urlencode()))


@login_required
@require_POST
def saved_search_add(request: HttpRequest) -> HttpResponse:
    form = SavedSearchForm(request.POST)
    query = saved_search_query(request.POST.get("query", ""))
    if form.is_valid():
        try:
            search = saved_search_create(
                user=current_user(request), name=form.cleaned_data["name"], query=query
            )
        except ValidationError as exc:
            add_errors(form, error_dict(exc), field_for={"query": ""})
        else:
            messages.success(request, _("Search “%s” saved.") % search.name)
            return redirect(f"{reverse('case_list')}?{search.query}")
    return _render_list(request, query, save_form=form)


@login_required
@require_POST
def saved_search_remove(request: HttpRequest, search_id: int) -> HttpResponse:
    saved_search_delete(user=current_user(request), search_id=search_id)
    messages.success(request, _("Saved search deleted."))
    return redirect("case_list")
