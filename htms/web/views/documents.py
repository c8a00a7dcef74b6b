"""Registering a case's documents and downloading their scans."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from htms.cases.access import case_get_for_user
from htms.web.forms.documents import DocumentForm
from htms.web.services.documents import case_document_add, case_document_download
from htms.web.views.common import current_user, run_service


@login_required
def document_add(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_get_for_user(user=user, case_id=case_id, write=True)
    form = DocumentForm(
        request.POST or None, request.FILES or None, initial={"date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document = run_service(
            form,
            lambda: case_document_add(
                actor=user,
                case_id=case.pk,
                title=data["title"],
                kind=data["kind"],
                date=data["date"],
                upload=data["file"],
            ),
        )
        if document is not None:
            messages.success(request, _("Document “%s” registered.") % document.title)
            return redirect("case_detail", case.pk)
    return render(request, "web/document_form.html", {"case": case, "form": form})


@login_required
def document_file(request: HttpRequest, case_id: int, document_id: int) -> FileResponse:
    download = case_document_download(
        actor=current_user(request), case_id=case_id, document_id=document_id
    )
    return FileResponse(download.handle, as_attachment=True, filename=download.filename)
