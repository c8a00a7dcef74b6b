"""Counts of deportees and offloadees, on a page and as a CSV file."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.intake.counts import DIMENSIONS, CountFilters, border_counts
from htms.intake.export import counts_csv
from htms.intake.models import BorderEventKind
from htms.intake.views.common import current_user
from htms.reference.models import Unit, UnitKind

DATE = forms.DateInput(attrs={"type": "date"})


class CountsForm(forms.Form):
    by = forms.ChoiceField(label=_("Count by"), choices=list(DIMENSIONS.items()), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Both")), *BorderEventKind.choices], required=False
    )
    post = forms.ModelChoiceField(
        label=_("Exit or arrival point"),
        queryset=Unit.objects.filter(kind=UnitKind.IMMIGRATION_POST),
        required=False,
        empty_label=_("All points you may see"),
    )
    date_from = forms.DateField(label=_("From"), widget=DATE, required=False)
    date_to = forms.DateField(label=_("To"), widget=DATE, required=False)


def _counts(request: HttpRequest) -> tuple[CountsForm, Any]:
    form = CountsForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = CountFilters(
        kind=data.get("kind", ""),
        post_id=data["post"].pk if data.get("post") else None,
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )
    counts = border_counts(
        user=current_user(request), dimension=data.get("by") or "month", filters=filters
    )
    return form, counts


@login_required
def counts_page(request: HttpRequest) -> HttpResponse:
    form, counts = _counts(request)
    audit_record(
        actor=current_user(request),
        action=AuditAction.VIEW,
        object_type=AuditObject.INTAKE_COUNTS,
        object_id="page",
        changes={"filters": request.GET.dict()},
    )
    context = {
        "form": form,
        "counts": counts,
        "label": DIMENSIONS[counts.dimension],
        "query": request.GET.urlencode(),
    }
    return render(request, "intake/counts.html", context)


@login_required
def counts_export(request: HttpRequest) -> StreamingHttpResponse:
    _form, counts = _counts(request)
    audit_record(
        actor=current_user(request),
        action=AuditAction.EXPORT,
        object_type=AuditObject.INTAKE_COUNTS,
        object_id="csv",
        changes={"filters": request.GET.dict()},
    )
    response = StreamingHttpResponse(counts_csv(counts), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="intake-{counts.dimension}.csv"'
    return response
