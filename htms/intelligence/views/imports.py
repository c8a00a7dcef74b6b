"""The agents list import page: upload, and the result with the rows to correct."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from htms.intelligence.access import fact_may_write
from htms.intelligence.forms import AgentImportForm
from htms.intelligence.importer import FileProblem, ListGrading, agents_import
from htms.web.views.common import current_user


@login_required
def agents_import_page(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not fact_may_write(user):
        raise PermissionDenied(_("Your role reads dossiers but does not record facts."))
    form = AgentImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        grading = ListGrading(
            source_reference=data["source_reference"],
            reliability=data["reliability"],
            credibility=data["credibility"],
            handling_code=data["handling_code"],
            status=data["status"],
        )
        upload = data["file"]
        try:
            result = agents_import(actor=user, stream=upload, name=upload.name, grading=grading)
        except FileProblem as exc:
            form.add_error("file", exc.message)
    context = {"form": form, "result": result}
    return render(request, "intelligence/import.html", context, status=200)
