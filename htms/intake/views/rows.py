"""One row of the correction queue: correct it, say who it is about, or set it aside."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.intake.access import (
    intake_may_write,
    manifest_row_cells_visible,
    manifest_row_get_for_user,
)
from htms.intake.forms.manifests import ChoosePersonForm, CorrectionForm, SetAsideForm
from htms.intake.models import OPEN_ROW_STATUSES, ManifestRow, RowStatus
from htms.intake.presenters import row_view
from htms.intake.rows import mapped_values
from htms.intake.selectors import candidate_views
from htms.intake.services.rows import row_choose_person, row_correct, row_set_aside
from htms.intake.views.common import current_user, run_service


def _next_open(row: ManifestRow) -> int | None:
    return (
        row.manifest.rows.filter(status__in=OPEN_ROW_STATUSES, number__gt=row.number)
        .order_by("number")
        .values_list("pk", flat=True)
        .first()
    )


def _after(request: HttpRequest, row: ManifestRow) -> HttpResponse:
    if row.status == RowStatus.IMPORTED:
        messages.success(request, _("Row %d was imported.") % row.number)
    nxt = _next_open(row)
    if nxt is not None:
        return redirect("intake_row", row_id=nxt)
    return redirect("intake_corrections", manifest_id=row.manifest_id)


@login_required
@require_http_methods(["GET", "POST"])
def row_page(request: HttpRequest, row_id: int) -> HttpResponse:
    user = current_user(request)
    write = request.method == "POST"
    row = manifest_row_get_for_user(user=user, row_id=row_id, write=write)
    action = request.POST.get("action", "")
    values = mapped_values(row.raw, row.manifest.source.mapping, row.corrections)
    correct = CorrectionForm(
        request.POST if action == "correct" else None, initial={**values, "version": row.version}
    )
    aside = SetAsideForm(
        request.POST if action == "aside" else None, initial={"version": row.version}
    )
    choose = ChoosePersonForm(request.POST if action == "choose" else None)
    done = None
    if action == "correct" and correct.is_valid():
        done = run_service(
            correct,
            lambda: row_correct(
                actor=user,
                row_id=row.pk,
                expected_version=correct.cleaned_data["version"],
                corrections=correct.corrections(),
            ),
        )
        if done is not None and done.status != RowStatus.IMPORTED:
            messages.error(request, _("Row %d still needs correction.") % done.number)
            return redirect("intake_row", row_id=row.pk)
    elif action == "aside" and aside.is_valid():
        done = run_service(
            aside,
            lambda: row_set_aside(
                actor=user,
                row_id=row.pk,
                expected_version=aside.cleaned_data["version"],
                reason=aside.cleaned_data["note"],
            ),
        )
    elif action == "choose" and choose.is_valid():
        person = choose.cleaned_data["person"]
        done = run_service(
            choose,
            lambda: row_choose_person(
                actor=user,
                row_id=row.pk,
                expected_version=choose.cleaned_data["version"],
                person_id=int(person) if person.isdigit() else None,
            ),
        )
    if done is not None:
        return _after(request, done)
    audit_view(actor=user, object_type=AuditObject.MANIFEST_ROW, object_id=row.pk)
    visible = manifest_row_cells_visible(user, row.manifest)
    context = {
        "row": row,
        "view": row_view(row, row.manifest.source.mapping, visible),
        "manifest": row.manifest,
        "may_write": intake_may_write(user, row.manifest.post_id),
        "correct": correct,
        "aside": aside,
        "choose": choose,
        "candidates": candidate_views(user=user, candidates=row.candidates),
    }
    return render(request, "intake/row.html", context, status=400 if action else 200)
