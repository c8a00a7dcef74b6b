"""The Gazette's pages: the month (composers, with the publish form), the archive, downloads."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.intelligence.gazette.content import gazette_content, gazette_may_compose
from htms.intelligence.gazette.issues import (
    gazette_issue_download,
    gazette_issue_publish,
    gazette_issue_queryset_for_user,
)
from htms.intelligence.gazette.months import month_parse
from htms.reference.models import Unit
from htms.web.views.common import current_user, run_service


class PublishForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.order_by("name"),
        label=gettext_lazy("Distribution list"),
        help_text=gettext_lazy("The units that will read this issue."),
        widget=forms.CheckboxSelectMultiple,
    )


@login_required
def gazette_page(request: HttpRequest) -> HttpResponse:
    """The month's Gazette (``?month=YYYY-MM``, this month by default) and the publish form."""
    user = current_user(request)
    if not gazette_may_compose(user):
        raise Http404("No such page.")
    try:
        month = month_parse(request.GET.get("month") or timezone.localdate().strftime("%Y-%m"))
    except ValidationError as error:
        return HttpResponseBadRequest(" ".join(error.messages), content_type="text/plain")
    form = PublishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        unit_ids = [unit.pk for unit in form.cleaned_data["units"]]
        issue = run_service(
            form, lambda: gazette_issue_publish(actor=user, month=month, unit_ids=unit_ids)
        )
        if issue is not None:
            messages.success(request, _("The Gazette was published to its distribution list."))
            return redirect("intelligence:gazette_archive")
    gazette = gazette_content(user=user, month=month)
    audit_view(actor=user, object_type=AuditObject.GAZETTE, object_id=month.label)
    published = gazette_issue_queryset_for_user(user).filter(month=month.first).first()
    context = {"gazette": gazette, "form": form, "published": published}
    status = 400 if form.errors else 200
    return render(request, "intelligence/gazette.html", context, status=status)


@login_required
@require_GET
def gazette_archive(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    issues = gazette_issue_queryset_for_user(user).prefetch_related("units")
    context = {"issues": issues, "composes": gazette_may_compose(user)}
    return render(request, "intelligence/gazette_archive.html", context)


@login_required
@require_GET
def gazette_download(request: HttpRequest, issue_id: int, language: str) -> HttpResponse:
    user = current_user(request)
    pdf = gazette_issue_download(user=user, issue_id=issue_id, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="gazette-{issue_id}-{language}.pdf"'
    return response
