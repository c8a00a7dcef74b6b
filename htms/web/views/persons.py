"""The person page: identity as the viewer may see it (``htms/persons/presenters.py``), and
every role in visible cases; the person search page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.cases.models import CaseParty
from htms.cases.selectors import case_list
from htms.identity.access import may_search_register
from htms.identity.inputs import candidate_query_from_params
from htms.identity.services import candidate_search
from htms.persons.access import person_get_for_user
from htms.persons.presenters import identity_view
from htms.protection.access import referral_refers
from htms.web.forms.person_search import PersonSearchForm
from htms.web.person_search import person_hits
from htms.web.views.common import add_errors, current_user, error_dict

SEARCH_LIMIT = 25


@login_required
def person_page(request: HttpRequest, person_id: int) -> HttpResponse:
    user = current_user(request)
    person = person_get_for_user(user=user, person_id=person_id)
    audit_view(actor=user, object_type=AuditObject.PERSON, object_id=person.pk)
    roles = (
        CaseParty.objects.filter(person=person, case__in=case_list(user=user))
        .select_related("case", "case__unit", "network_role")
        .order_by("-case__registered_at")
    )
    # The template gets the identity as the user may see it, never the person itself.
    context = {
        "ident": identity_view(user, person, details=True),
        "roles": roles,
        "age": person.youngest_age_on(timezone.localdate()),
        "refers": referral_refers(user),
    }
    return render(request, "web/person_detail.html", context)


@login_required
def person_search_page(request: HttpRequest) -> HttpResponse:
    """The register search: the persons the user may find, best first, with the reasons;
    every search is audited (``candidate_search``)."""
    user = current_user(request)
    if not may_search_register(user):
        raise PermissionDenied(_("Your role does not search the register of persons."))
    form = PersonSearchForm(request.GET)
    context: dict[str, object] = {"form": form, "searched": False}
    if form.is_valid() and any(value.strip() for value in form.params().values()):
        try:
            query = candidate_query_from_params(form.params())
        except ValidationError as exc:
            add_errors(form, error_dict(exc))
        else:
            found = candidate_search(user=user, query=query, limit=SEARCH_LIMIT)
            context.update(searched=True, hits=person_hits(user=user, candidates=found))
    return render(request, "web/person_search.html", context)
