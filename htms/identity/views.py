"""Search before create for the officer pages: an HTML fragment that forms insert while the
officer types (``GET /identity/candidates/?name=...&father_name=...&cnic=...``)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from htms.accounts.models import User
from htms.identity.inputs import NO_CRITERIA, candidate_query_from_params
from htms.identity.present import candidate_out
from htms.identity.services import candidate_search

TEMPLATE = "identity/candidates.html"


@login_required
@require_GET
def candidates(request: HttpRequest) -> HttpResponse:
    """Candidates the user may see, best first, with reasons and conflicts; audited. Nothing is
    shown before anything searchable is typed; a malformed field answers 400 with its message."""
    assert isinstance(request.user, User)
    try:
        query = candidate_query_from_params(request.GET)
    except ValidationError as exc:
        errors = exc.message_dict
        if list(errors.values()) == [[NO_CRITERIA]]:
            return HttpResponse("")
        return render(request, TEMPLATE, {"errors": errors}, status=400)
    found = candidate_search(user=request.user, query=query)
    rows = [candidate_out(c) for c in found]
    return render(request, TEMPLATE, {"candidates": rows, "searched": True})
