"""The ledger pages: upload a transcription of historical cases (choosing its columns where
they cannot be recognised), read what became of each row of a file, and work through the rows
waiting for correction. Monitoring cell only: the upload page is refused (403), a file or row
is unknown (404) to everyone else."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.statistics.access import (
    LEDGER_IMPORT_REFUSED,
    ledger_batch_get_for_user,
    ledger_batches_recent,
    ledger_may_import,
    ledger_row_get_for_user,
)
from htms.statistics.ledger.columns import LEDGER_FIELDS, REQUIRED
from htms.statistics.ledger.corrections import ledger_row_correct, ledger_row_dismiss
from htms.statistics.ledger.importer import FileProblem, LedgerResult, ledger_import
from htms.statistics.ledger.presenters import batch_view, row_view
from htms.statistics.models import LedgerBatchRow, LedgerRowStatus
from htms.web.views.common import current_user, run_service

COLUMN_PREFIX = "column_"


class LedgerUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Ledger file (CSV or XLSX)"),
        help_text=gettext_lazy("One row per case; the first row with headings names the columns."),
    )


class LedgerCorrectionForm(forms.Form):
    """Every ledger column as a text box, filled with the row's values as they are now."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for f in LEDGER_FIELDS:
            self.fields[f.key] = forms.CharField(label=str(f.label), required=False, max_length=300)

    def cells(self) -> dict[str, str]:
        return {f.key: self.cleaned_data.get(f.key, "") for f in LEDGER_FIELDS}


class LedgerDismissForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Why is the row set aside?"), max_length=300, required=False
    )


@dataclass(frozen=True)
class ColumnChoice:
    """One ledger field as the page offers it: the heading chosen and what is wrong."""

    key: str
    label: str
    heading: str
    problem: str
    required: bool


def _posted_mapping(request: HttpRequest) -> dict[str, str] | None:
    """The columns the officer chose on the page, or None to let the import suggest them."""
    if request.POST.get("choose_columns") != "1":
        return None
    chosen = {f.key: request.POST.get(COLUMN_PREFIX + f.key, "") for f in LEDGER_FIELDS}
    return {key: heading for key, heading in chosen.items() if heading}


def _columns(result: LedgerResult) -> list[ColumnChoice]:
    return [
        ColumnChoice(
            key=f.key,
            label=str(f.label),
            heading=result.mapping.get(f.key, ""),
            problem=result.mapping_problems.get(f.key, ""),
            required=f.key in REQUIRED,
        )
        for f in LEDGER_FIELDS
    ]


@login_required
def ledger_import_page(request: HttpRequest) -> HttpResponse:
    """Monitoring cell only (403 for everyone else); every upload is audited by the import.
    A file whose columns are found is stored and imported, and its batch page shown."""
    user = current_user(request)
    if not ledger_may_import(user):
        raise PermissionDenied(_(LEDGER_IMPORT_REFUSED))
    form = LedgerUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = ledger_import(
                actor=user, stream=upload, name=upload.name, mapping=_posted_mapping(request)
            )
        except FileProblem as exc:
            form.add_error("file", exc.message)
    if result is not None and result.batch is not None:
        return redirect("ledger_batch", batch_id=result.batch.pk)
    context = {
        "form": form,
        "result": result,
        "columns": _columns(result) if result else [],
        "prefix": COLUMN_PREFIX,
        "batches": ledger_batches_recent(user=user),
    }
    return render(request, "web/ledger_import.html", context)


@login_required
def ledger_batch_page(request: HttpRequest, batch_id: int) -> HttpResponse:
    """What became of each row of a ledger file, and the counts; the read is audited."""
    user = current_user(request)
    batch = ledger_batch_get_for_user(user=user, batch_id=batch_id)
    audit_view(actor=user, object_type=AuditObject.LEDGER_IMPORT, object_id=batch.pk)
    return render(request, "web/ledger_batch.html", {"view": batch_view(batch)})


def _next_waiting(row: LedgerBatchRow) -> int | None:
    return (
        row.batch.rows.filter(status=LedgerRowStatus.WAITING, number__gt=row.number)
        .order_by("number")
        .values_list("number", flat=True)
        .first()
    )


def _after(request: HttpRequest, row: LedgerBatchRow) -> HttpResponse:
    if row.status == LedgerRowStatus.WAITING:
        messages.error(request, _("Row %d still needs correction.") % row.number)
        return redirect("ledger_row", batch_id=row.batch_id, number=row.number)
    messages.success(
        request, _("Row %(n)d: %(status)s.") % {"n": row.number, "status": row.get_status_display()}
    )
    nxt = _next_waiting(row)
    if nxt is not None:
        return redirect("ledger_row", batch_id=row.batch_id, number=nxt)
    return redirect("ledger_batch", batch_id=row.batch_id)


def _correction_form(
    request: HttpRequest, action: str, values: dict[str, str], row: LedgerBatchRow
) -> LedgerCorrectionForm:
    """The correction form as posted; else the row's values, and for a waiting row each of its
    problems beside the field it is about, as a refused correction would show it."""
    if action == "correct":
        return LedgerCorrectionForm(request.POST)
    initial = {**values, "version": str(row.version)}
    if row.status != LedgerRowStatus.WAITING:
        return LedgerCorrectionForm(initial=initial)
    form = LedgerCorrectionForm(initial)
    form.is_valid()  # the values as cleaned, so that the row's problems can be attached
    for key, problems in row.errors.items():
        for problem in problems if key in form.fields else ():
            form.add_error(key, problem)
    return form


@login_required
@require_http_methods(["GET", "POST"])
def ledger_row_page(request: HttpRequest, batch_id: int, number: int) -> HttpResponse:
    """One row: its cells, problems and what it became; a waiting row is corrected (and
    imported if good) or set aside with a reason."""
    user = current_user(request)
    row = ledger_row_get_for_user(user=user, batch_id=batch_id, number=number)
    view = row_view(row)
    action = request.POST.get("action", "")
    correct = _correction_form(request, action, view.values, row)
    dismiss = LedgerDismissForm(
        request.POST if action == "dismiss" else None, initial={"version": row.version}
    )
    done = None
    if action == "correct" and correct.is_valid():
        done = run_service(
            correct,
            lambda: ledger_row_correct(
                actor=user,
                batch_id=batch_id,
                number=number,
                expected_version=correct.cleaned_data["version"],
                cells=correct.cells(),
            ),
        )
    elif action == "dismiss" and dismiss.is_valid():
        done = run_service(
            dismiss,
            lambda: ledger_row_dismiss(
                actor=user,
                batch_id=batch_id,
                number=number,
                expected_version=dismiss.cleaned_data["version"],
                reason=dismiss.cleaned_data["reason"],
            ),
        )
    if done is not None:
        return _after(request, done)
    audit_view(actor=user, object_type=AuditObject.LEDGER_ROW, object_id=row.pk)
    context = {"row": row, "view": view, "correct": correct, "dismiss": dismiss, "action": action}
    return render(request, "web/ledger_row.html", context, status=400 if action else 200)
