"""The ledger import page: upload a transcription of historical cases, choose its columns
where they cannot be recognised, and read what was imported or why nothing was."""

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from htms.statistics.access import LEDGER_IMPORT_REFUSED, ledger_may_import
from htms.statistics.ledger.columns import LEDGER_FIELDS, REQUIRED
from htms.statistics.ledger.importer import FileProblem, LedgerResult, ledger_import
from htms.web.views.common import current_user

COLUMN_PREFIX = "column_"


class LedgerUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Ledger file (CSV or XLSX)"),
        help_text=gettext_lazy("One row per case; the first row with headings names the columns."),
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
    """Monitoring cell only (403 for everyone else); every upload is audited by the import."""
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
    context = {
        "form": form,
        "result": result,
        "columns": _columns(result) if result else [],
        "problems": sorted(result.problems.items()) if result else [],
        "prefix": COLUMN_PREFIX,
    }
    return render(request, "web/ledger_import.html", context)
