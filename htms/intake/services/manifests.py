"""Manifest sources, uploads, column mappings and the import, a batch at a time.

An upload is read once to hash it (the same file for the same source adds nothing), once to
read every row into a temporary file while the limits are checked (a file past a limit is
refused before anything is stored), and then its rows are stored raw, a batch per short
transaction, in constant memory. Importing then turns stored rows into border events, one
atomic batch per call, so a page can show a progress bar between calls.
"""

import json
import tempfile
from dataclasses import dataclass
from datetime import date
from typing import IO, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.errors import NotAllowedError
from htms.common.versioning import lock_at_version
from htms.intake.access import (
    manifest_get_for_user,
    manifest_source_queryset_for_user,
)
from htms.intake.fields import FIELD_KEYS, mapping_problems, suggest_mapping
from htms.intake.importer import RowImporter
from htms.intake.models import (
    BorderEventKind,
    Manifest,
    ManifestRow,
    ManifestSource,
    ManifestStatus,
    RowStatus,
)
from htms.intake.parsing import FileProblem, FileScan, Table, open_table, scan_file
from htms.intake.services.events import require_post
from htms.reference.models import Country

IMPORT_BATCH = 250
SOURCE_NAME_TAKEN = gettext_lazy("Your post already has a source with this name.")
NO_NAME = gettext_lazy("Give the source a name, like “Royal Oman Police deportation list”.")
COLUMN_TWICE = gettext_lazy("The column “%s” is chosen for two fields.")
NOT_A_COLUMN = gettext_lazy("“%s” is not a column of this file.")
STILL_READING = gettext_lazy(
    "The rows of this list are still being stored. Wait a minute and open the list again."
)


@dataclass
class UploadResult:
    manifest: Manifest
    created: bool
    message: str


@dataclass
class ImportProgress:
    total: int
    processed: int
    counts: dict[str, int]
    done: bool


def _kind_and_country(kind: str, country_code: str) -> tuple[dict[str, list[str]], Country | None]:
    errors: dict[str, list[str]] = {}
    if kind not in BorderEventKind.values:
        errors["kind"] = [_("Say whether the lists are of offloadees or of deportees.")]
    country = Country.objects.filter(code=country_code.upper()).first() if country_code else None
    if country_code and country is None:
        errors["deporting_country"] = [_("Choose a country.")]
    return errors, country


@transaction.atomic
def manifest_source_create(
    *, actor: User, name: str, kind: str, deporting_country_code: str = "", day_first: bool = True
) -> ManifestSource:
    """A new source of manifests for the actor's post. Writers at an immigration post only."""
    post = require_post(actor)
    errors, country = _kind_and_country(kind, deporting_country_code)
    if not name.strip():
        errors["name"] = [str(NO_NAME)]
    elif ManifestSource.objects.filter(post=post, name=name.strip()).exists():
        errors["name"] = [str(SOURCE_NAME_TAKEN)]
    if errors:
        raise ValidationError(errors)
    source = ManifestSource.objects.create(
        post=post,
        name=name.strip(),
        kind=kind,
        deporting_country=country,
        day_first=day_first,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.MANIFEST_SOURCE,
        object_id=source.pk,
        changes={"name": source.name, "kind": kind, "deporting_country": deporting_country_code},
    )
    return source


def _writable_source(actor: User, source_id: int) -> ManifestSource:
    require_post(actor)
    source = manifest_source_queryset_for_user(actor).filter(pk=source_id).first()
    if source is None:
        raise ValidationError({"source": [_("Choose one of your post's sources.")]})
    if source.post_id != actor.unit_id:
        raise NotAllowedError()
    return source


def _spool(table: Table) -> IO[bytes]:
    """Reads every row of the table into a temporary file, one JSON line each, so that the
    whole file is read, and checked against the limits, before anything is stored."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the caller
    try:
        for row in table.rows():
            line = json.dumps([row.number, row.values, row.notes], ensure_ascii=False)
            spool.write(line.encode() + b"\n")
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool


def _store_rows(manifest: Manifest, spool: IO[bytes]) -> int:
    """Stores the spooled rows, a batch per transaction, so that other officers' writes go
    on between batches however long the list."""
    batch: list[ManifestRow] = []
    total = 0
    for line in spool:
        number, values, notes = json.loads(line)
        batch.append(ManifestRow(manifest=manifest, number=number, raw=values, read_notes=notes))
        if len(batch) >= settings.HTMS_UPLOAD_STORE_BATCH:
            with transaction.atomic():
                ManifestRow.objects.bulk_create(batch)
            total, batch = total + len(batch), []
    with transaction.atomic():
        ManifestRow.objects.bulk_create(batch)
    return total + len(batch)


def _already(existing: Manifest) -> UploadResult:
    when = date_format(timezone.localtime(existing.uploaded_at), "DATETIME_FORMAT")
    message = _("This file was already uploaded on %(when)s as “%(name)s”; nothing was added.") % {
        "when": when,
        "name": existing.file_name,
    }
    return UploadResult(existing, False, message)


def manifest_upload(
    *,
    actor: User,
    source_id: int,
    stream: BinaryIO,
    file_name: str,
    occurred_on: date | None = None,
    flight_or_vessel: str = "",
    is_synthetic: bool = False,
) -> UploadResult:
    """Stores every row of an uploaded manifest, raw, without importing anything yet.

    Writers at the source's immigration post only. The same file uploaded again for the same
    source adds nothing. An unreadable file raises ValidationError on ``file``."""
    source = _writable_source(actor, source_id)
    if occurred_on and occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": [_("This date is in the future.")]})
    try:
        scan = scan_file(stream, max_bytes=settings.HTMS_UPLOAD_MAX_BYTES)
    except FileProblem as exc:
        raise ValidationError({"file": [exc.message]}) from None
    existing = Manifest.objects.filter(source=source, sha256=scan.sha256).first()
    if existing is not None:
        return _already(existing)
    try:
        table = open_table(stream, scan)
        spool = _spool(table)
    except FileProblem as exc:
        raise ValidationError({"file": [exc.message]}) from None
    with spool:
        try:
            manifest = _create(
                actor, source, scan, table, file_name, occurred_on, flight_or_vessel, is_synthetic
            )
        except IntegrityError:  # the same file, uploaded at the same moment by a colleague
            return _already(Manifest.objects.get(source=source, sha256=scan.sha256))
        _store_all(actor, manifest, spool)
    message = _("%(rows)d rows were read from “%(name)s”.") % {
        "rows": manifest.total_rows,
        "name": manifest.file_name,
    }
    return UploadResult(manifest, True, message)


@transaction.atomic
def _create(
    actor: User,
    source: ManifestSource,
    scan: FileScan,
    table: Table,
    file_name: str,
    occurred_on: date | None,
    flight_or_vessel: str,
    is_synthetic: bool,
) -> Manifest:
    """The manifest without its rows; ``total_rows`` stays 0, so nothing imports it, until
    every row is stored."""
    return Manifest.objects.create(
        source=source,
        post_id=source.post_id,
        file_name=file_name[:255],
        sha256=scan.sha256,
        file_kind=scan.kind,
        encoding=scan.encoding,
        headers=table.headers,
        notes=table.notes,
        occurred_on=occurred_on,
        flight_or_vessel=flight_or_vessel.strip()[:60],
        uploaded_by=actor,
        is_synthetic=is_synthetic,
    )


def _store_all(actor: User, manifest: Manifest, spool: IO[bytes]) -> None:
    """Stores the rows and then completes the manifest; if storing fails half-way, the
    manifest and the rows already stored are removed, so the upload is all or nothing."""
    try:
        stored = _store_rows(manifest, spool)
    except BaseException:
        with transaction.atomic():
            ManifestRow.objects.filter(manifest=manifest).delete()
            manifest.delete()
        raise
    with transaction.atomic():
        manifest.total_rows = stored
        manifest.save(update_fields=["total_rows"])
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type=AuditObject.MANIFEST,
            object_id=manifest.pk,
            changes={
                "file_name": manifest.file_name,
                "sha256": manifest.sha256,
                "rows": manifest.total_rows,
                "source": manifest.source_id,
            },
        )


def manifest_mapping(manifest: Manifest) -> dict[str, str]:
    """The mapping to show for this file: the source's, completed with suggestions."""
    return suggest_mapping(manifest.headers, manifest.source.mapping)


def manifest_mapping_problems(
    manifest: Manifest, mapping: dict[str, str] | None = None
) -> dict[str, str]:
    source = manifest.source
    return mapping_problems(
        manifest.source.mapping if mapping is None else mapping,
        manifest.headers,
        kind=source.kind,
        has_date=manifest.occurred_on is not None,
        has_country=source.deporting_country_id is not None,
    )


def _mapping_errors(manifest: Manifest, mapping: dict[str, str]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    used: dict[str, str] = {}
    for key, heading in mapping.items():
        if key not in FIELD_KEYS:
            continue
        if heading not in manifest.headers:
            errors.setdefault(key, []).append(str(NOT_A_COLUMN % heading))
        elif heading in used:
            errors.setdefault(key, []).append(str(COLUMN_TWICE % heading))
        used[heading] = key
    for key, message in manifest_mapping_problems(manifest, mapping).items():
        errors.setdefault(key, []).append(message)
    return errors


@transaction.atomic
def manifest_mapping_save(
    *, actor: User, manifest_id: int, mapping: dict[str, str], day_first: bool
) -> ManifestSource:
    """Keeps the column mapping (and date order) on the manifest's source for every later file.
    Writers of the manifest's post only."""
    manifest = manifest_get_for_user(user=actor, manifest_id=manifest_id, write=True)
    mapping = {k: v for k, v in mapping.items() if v and k in FIELD_KEYS}
    errors = _mapping_errors(manifest, mapping)
    if errors:
        raise ValidationError(errors)
    source = lock_at_version(
        ManifestSource, pk=manifest.source_id, expected_version=manifest.source.version
    )
    old = {"mapping": source.mapping, "day_first": source.day_first}
    source.mapping, source.day_first = mapping, day_first
    source.save(update_fields=["mapping", "day_first", "version"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.MANIFEST_SOURCE,
        object_id=source.pk,
        changes={"old": old, "new": {"mapping": mapping, "day_first": day_first}},
    )
    return source


def import_progress(manifest: Manifest) -> ImportProgress:
    counts = dict(
        manifest.rows.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    pending = counts.get(RowStatus.PENDING, 0)
    return ImportProgress(
        total=manifest.total_rows,
        processed=manifest.total_rows - pending,
        counts=counts,
        done=pending == 0,
    )


def manifest_import_step(
    *, actor: User, manifest_id: int, batch_size: int = IMPORT_BATCH
) -> ImportProgress:
    """Imports the next ``batch_size`` rows in one transaction and says how far the import is.
    Writers of the manifest's post only; the mapping must be complete."""
    manifest = manifest_get_for_user(user=actor, manifest_id=manifest_id, write=True)
    if not manifest.total_rows:
        raise ValidationError({"file": [str(STILL_READING)]})
    problems = manifest_mapping_problems(manifest)
    if problems:
        raise ValidationError({k: [v] for k, v in problems.items()})
    with transaction.atomic():
        locked = (
            Manifest.objects.select_for_update(of=("self",))
            .select_related("source", "source__deporting_country")
            .get(pk=manifest.pk)
        )
        rows = list(locked.rows.filter(status=RowStatus.PENDING).order_by("number")[:batch_size])
        RowImporter(actor=actor, manifest=locked).run(rows)
        locked.processed_rows += len(rows)
        progress = import_progress(locked)
        locked.status = ManifestStatus.IMPORTED if progress.done else ManifestStatus.IMPORTING
        locked.save(update_fields=["processed_rows", "status"])
        if rows:
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                object_type=AuditObject.MANIFEST,
                object_id=locked.pk,
                changes={"imported_rows": [rows[0].number, rows[-1].number], **progress.counts},
            )
    return progress
