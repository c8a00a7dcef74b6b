"""Manifest pages: sources, upload, column mapping with a preview, and the import with its
progress bar (a script calls the import a batch at a time; without scripts one request
imports everything)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record, audit_view
from htms.intake.access import (
    intake_may_record,
    intake_may_write,
    manifest_get_for_user,
    manifest_row_cells_visible,
    manifest_source_queryset_for_user,
)
from htms.intake.export import rows_csv
from htms.intake.fields import FIELD_LABELS
from htms.intake.forms.manifests import MappingForm, SourceForm, UploadForm
from htms.intake.importer import manifest_defaults
from htms.intake.models import Manifest, ManifestSource, RowStatus
from htms.intake.presenters import preview_masked, row_view
from htms.intake.selectors import ALL_ROWS, correction_queue, manifest_list, manifest_preview
from htms.intake.services.manifests import (
    ImportProgress,
    import_progress,
    manifest_import_step,
    manifest_mapping,
    manifest_mapping_problems,
    manifest_mapping_save,
    manifest_source_create,
    manifest_upload,
)
from htms.intake.views.common import audit_list, current_user, run_service

MAPPING_KEPT = _(
    "The columns were kept for “%(source)s”: the rows can be imported now, and the next list "
    "of this source is read the same way."
)


def _sources(user: User) -> Any:
    if not intake_may_record(user):
        return ManifestSource.objects.none()
    return manifest_source_queryset_for_user(user).filter(post_id=user.unit_id)


def _home(
    request: HttpRequest, upload_form: UploadForm | None = None, status: int = 200
) -> HttpResponse:
    user = current_user(request)
    manifests = list(manifest_list(user=user)[:30])
    sources = _sources(user)
    audit_list(user, AuditObject.MANIFEST_LIST, [m.pk for m in manifests])
    context = {
        "manifests": manifests,
        "may_record": intake_may_record(user),
        "upload_form": upload_form or UploadForm(sources=sources),
        "has_sources": sources.exists(),
    }
    return render(request, "intake/home.html", context, status=status)


@login_required
def intake_home(request: HttpRequest) -> HttpResponse:
    return _home(request)


@login_required
@require_http_methods(["GET", "POST"])
def source_new(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not intake_may_record(user):
        raise PermissionDenied()
    form = SourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        country = form.cleaned_data["deporting_country"]
        source = run_service(
            form,
            lambda: manifest_source_create(
                actor=user,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                deporting_country_code=country.code if country else "",
                day_first=form.cleaned_data["day_first"],
            ),
        )
        if source is not None:
            messages.success(request, str(source))
            return redirect("intake_home")
    return render(request, "intake/source_form.html", {"form": form})


@login_required
@require_POST
def manifest_upload_view(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not intake_may_record(user):
        raise PermissionDenied()
    form = UploadForm(request.POST, request.FILES, sources=_sources(user))
    if form.is_valid():
        upload = form.cleaned_data["file"]
        result = run_service(
            form,
            lambda: manifest_upload(
                actor=user,
                source_id=form.cleaned_data["source"].pk,
                stream=upload,
                file_name=upload.name or "upload",
                occurred_on=form.cleaned_data["occurred_on"],
                flight_or_vessel=form.cleaned_data["flight_or_vessel"],
            ),
        )
        if result is not None:
            (messages.success if result.created else messages.warning)(request, result.message)
            return redirect("intake_manifest", manifest_id=result.manifest.pk)
    return _home(request, form, status=400)


def _manifest_page(
    request: HttpRequest, manifest: Manifest, form: MappingForm | None = None, status: int = 200
) -> HttpResponse:
    user = current_user(request)
    suggested = manifest_mapping(manifest)
    problems = manifest_mapping_problems(manifest)
    # What the suggested columns still leave open: said plainly, not as errors, until a
    # submitted mapping is wrong (then the form carries the errors next to its fields).
    still_open = manifest_mapping_problems(manifest, suggested) if form is None else {}
    form = form or MappingForm(
        initial={**suggested, "day_first": manifest.source.day_first}, headers=manifest.headers
    )
    preview_mapping = suggested if problems else manifest.source.mapping
    preview = preview_masked(
        manifest_preview(
            manifest=manifest, mapping=preview_mapping, defaults=manifest_defaults(manifest)
        ),
        manifest_row_cells_visible(user, manifest),
    )
    audit_view(actor=user, object_type=AuditObject.MANIFEST, object_id=manifest.pk)
    progress = import_progress(manifest)
    context = {
        "manifest": manifest,
        "may_write": intake_may_write(user, manifest.post_id),
        "form": form,
        "problems": problems,
        "still_open": still_open,
        "preview": preview,
        "preview_fields": [(k, FIELD_LABELS[k]) for k in FIELD_LABELS if k in preview_mapping],
        "progress": progress,
        "status_counts": [(k, RowStatus(k).label, n) for k, n in progress.counts.items()],
        "unmapped": [h for h in manifest.headers if h not in preview_mapping.values()],
    }
    return render(request, "intake/manifest.html", context, status=status)


@login_required
def manifest_page(request: HttpRequest, manifest_id: int) -> HttpResponse:
    manifest = manifest_get_for_user(user=current_user(request), manifest_id=manifest_id)
    return _manifest_page(request, manifest)


@login_required
@require_POST
def manifest_mapping_view(request: HttpRequest, manifest_id: int) -> HttpResponse:
    user = current_user(request)
    manifest = manifest_get_for_user(user=user, manifest_id=manifest_id, write=True)
    form = MappingForm(request.POST, headers=manifest.headers)
    if form.is_valid():
        saved = run_service(
            form,
            lambda: manifest_mapping_save(
                actor=user,
                manifest_id=manifest.pk,
                mapping=form.mapping(),
                day_first=form.cleaned_data["day_first"],
            ),
        )
        if saved is not None:
            messages.success(request, MAPPING_KEPT % {"source": saved.name})
            return redirect("intake_manifest", manifest_id=manifest.pk)
    return _manifest_page(request, manifest, form, status=400)


def _progress_json(progress: ImportProgress) -> dict[str, Any]:
    return {
        "total": progress.total,
        "processed": progress.processed,
        "done": progress.done,
        "counts": progress.counts,
    }


@login_required
@require_POST
def manifest_import_view(request: HttpRequest, manifest_id: int) -> HttpResponse:
    """One batch for the progress bar's script (``Accept: application/json``); every batch in
    this request otherwise."""
    user = current_user(request)
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        progress = manifest_import_step(actor=user, manifest_id=manifest_id)
        while not wants_json and not progress.done:
            progress = manifest_import_step(actor=user, manifest_id=manifest_id)
    except ValidationError as exc:
        if wants_json:
            return JsonResponse({"errors": exc.messages}, status=400)
        for message in exc.messages:
            messages.error(request, message)
        return redirect("intake_manifest", manifest_id=manifest_id)
    if wants_json:
        return JsonResponse(_progress_json(progress))
    return redirect("intake_manifest", manifest_id=manifest_id)


@login_required
def manifest_progress_view(request: HttpRequest, manifest_id: int) -> HttpResponse:
    manifest = manifest_get_for_user(user=current_user(request), manifest_id=manifest_id)
    return JsonResponse(_progress_json(import_progress(manifest)))


@login_required
def corrections_page(request: HttpRequest, manifest_id: int) -> HttpResponse:
    user = current_user(request)
    manifest = manifest_get_for_user(user=user, manifest_id=manifest_id)
    status = request.GET.get("status", "")
    status = status if status == ALL_ROWS or status in RowStatus.values else ""
    queue = correction_queue(user=user, manifest=manifest, status=status)
    page = Paginator(queue, 50).get_page(request.GET.get("page"))
    audit_list(user, AuditObject.MANIFEST_ROW_LIST, [r.pk for r in page], manifest=manifest.pk)
    visible = manifest_row_cells_visible(user, manifest)
    context = {
        "manifest": manifest,
        "page": page,
        "rows": [row_view(r, manifest.source.mapping, visible) for r in page],
        "status": status,
        "status_label": _status_label(status),
        "statuses": [(ALL_ROWS, _("All rows")), *RowStatus.choices],
    }
    return render(request, "intake/corrections.html", context)


def _status_label(status: str) -> str:
    if status == ALL_ROWS:
        return str(_("All rows"))
    return str(RowStatus(status).label) if status else ""


@login_required
def corrections_csv(request: HttpRequest, manifest_id: int) -> StreamingHttpResponse:
    user = current_user(request)
    manifest = manifest_get_for_user(user=user, manifest_id=manifest_id)
    rows = correction_queue(user=user, manifest=manifest)
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        object_type=AuditObject.MANIFEST,
        object_id=manifest.pk,
        changes={"rows": rows.count(), "what": "correction queue"},
    )
    response = StreamingHttpResponse(
        rows_csv(
            rows.iterator(),
            manifest.headers,
            mapping=manifest.source.mapping,
            visible=manifest_row_cells_visible(user, manifest),
        ),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="corrections-{manifest.pk}.csv"'
    return response
