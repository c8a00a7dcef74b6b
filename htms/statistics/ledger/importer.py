"""Importing a ledger transcription (CSV or XLSX): one row per case, with a correction queue,
as border intake imports passenger lists (``docs/statistics.md``).

The file is read by the manifest reader (``htms.intake.parsing``), its columns mapped as
``columns.py`` says: the mapping confirmed last is offered first, and a mapping that finds
every required column is saved for the next file. A file whose required columns cannot be
found stores nothing. Otherwise the file is stored as a batch, each row with the cells of its
mapped columns, and every row is settled (``settle.py``) in its own transaction: a good row
becomes its historical case, a row whose case (unit, FIR number, FIR year) is already in HTMS
is marked so, and a row with problems waits for correction (``corrections.py``). Importing
the same file twice, or again after a crash, registers no case twice.
"""

from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.conf import settings
from django.db import transaction
from django.db.models import Count

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.errors import NotAllowedError
from htms.intake.parsing import FileProblem, Table, TableRow, open_table, scan_file
from htms.statistics.access import (
    LEDGER_IMPORT_REFUSED,
    ledger_batch_get_for_user,
    ledger_may_import,
)
from htms.statistics.ledger.columns import (
    ledger_heading_field,
    ledger_mapping,
    ledger_mapping_problems,
)
from htms.statistics.ledger.lookups import LedgerLookups
from htms.statistics.ledger.settle import row_messages, row_settle
from htms.statistics.models import LedgerBatch, LedgerBatchRow, LedgerMapping, LedgerRowStatus


@dataclass
class LedgerResult:
    """What became of a file: the columns it could not find (nothing stored), or its batch
    and what became of each row."""

    file_name: str
    headers: list[str]
    mapping: dict[str, str]
    notes: list[str] = field(default_factory=list)
    mapping_problems: dict[str, str] = field(default_factory=dict)
    batch: LedgerBatch | None = None
    created: list[int] = field(default_factory=list)
    already: list[int] = field(default_factory=list)
    problems: dict[int, list[str]] = field(default_factory=dict)
    dismissed: list[int] = field(default_factory=list)

    @property
    def waiting(self) -> bool:
        """Whether the officer has something to do: columns to choose or rows to correct."""
        return bool(self.mapping_problems or self.problems)


def saved_ledger_mapping() -> dict[str, str]:
    saved = LedgerMapping.objects.order_by("-pk").first()
    return dict(saved.mapping) if saved else {}


def _save_mapping(actor: User, mapping: dict[str, str]) -> None:
    saved = LedgerMapping.objects.select_for_update().order_by("-pk").first()
    if saved is None:
        LedgerMapping.objects.create(mapping=mapping, updated_by=actor)
    elif saved.mapping != mapping:
        saved.mapping, saved.updated_by = mapping, actor
        saved.save(update_fields=["mapping", "updated_by", "updated_at"])


def _cells(row: TableRow, headings: list[str]) -> Any:
    """heading -> cell text, for the mapped columns (a sealed JSON field, typed as text)."""
    return {h: row.values.get(h, "") for h in headings}


def _store(actor: User, result: LedgerResult, table: Table, is_synthetic: bool) -> LedgerBatch:
    """The batch and its rows, all or none. Only the mapped columns' cells are kept: a ledger
    may carry other columns (names among them) that HTMS has no use for."""
    headings = sorted({h for h in result.mapping.values() if h})
    with transaction.atomic():
        _save_mapping(actor, result.mapping)
        batch = LedgerBatch.objects.create(
            file_name=result.file_name[:255],
            headers=result.headers,
            notes=result.notes,
            mapping=result.mapping,
            uploaded_by=actor,
            is_synthetic=is_synthetic,
        )
        LedgerBatchRow.objects.bulk_create(
            LedgerBatchRow(batch=batch, number=row.number, raw=_cells(row, headings))
            for row in table.rows()
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type=AuditObject.LEDGER_IMPORT,
            object_id=batch.pk,
            changes={"file": batch.file_name, "mapping": batch.mapping, "rows": batch.rows.count()},
        )
    return batch


def ledger_upload(
    *,
    actor: User,
    stream: BinaryIO,
    name: str,
    mapping: dict[str, str] | None = None,
    is_synthetic: bool = False,
) -> LedgerResult:
    """Stores a ledger file as a batch of rows, importing nothing yet. Monitoring cell only
    (NotAllowedError otherwise); a file that cannot be read raises FileProblem. ``mapping``
    (field -> heading) is the one the officer chose, else the saved one and the headings'
    names; a mapping missing a required column stores nothing and is audited as refused."""
    if not ledger_may_import(actor):
        raise NotAllowedError(str(LEDGER_IMPORT_REFUSED))
    scan = scan_file(stream, max_bytes=settings.HTMS_UPLOAD_MAX_BYTES)
    table = open_table(stream, scan, known=ledger_heading_field)
    chosen = (
        mapping if mapping is not None else ledger_mapping(table.headers, saved_ledger_mapping())
    )
    result = LedgerResult(name, table.headers, chosen, notes=table.notes)
    result.mapping_problems = ledger_mapping_problems(chosen, table.headers)
    if not result.mapping_problems:
        result.batch = _store(actor, result, table, is_synthetic)
        return result
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.LEDGER_IMPORT,
        object_id="refused",
        changes={
            "file": name,
            "mapping": chosen,
            "mapping_problems": sorted(result.mapping_problems),
        },
    )
    return result


def ledger_batch_import(*, actor: User, batch_id: int) -> LedgerBatch:
    """Settles every row still pending, one transaction each, in the file's order, and audits
    the outcome. Monitoring cell only (404 otherwise). Safe to run again at any time: a row
    once settled is not settled again by it."""
    batch = ledger_batch_get_for_user(user=actor, batch_id=batch_id)
    lookups = LedgerLookups.load()
    pending = batch.rows.filter(status=LedgerRowStatus.PENDING).order_by("number")
    for row_id in list(pending.values_list("pk", flat=True)):
        with transaction.atomic():
            row = LedgerBatchRow.objects.select_for_update().get(pk=row_id)
            if row.status == LedgerRowStatus.PENDING:
                row_settle(actor=actor, batch=batch, row=row, lookups=lookups)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.LEDGER_IMPORT,
        object_id=batch.pk,
        changes={"imported": ledger_batch_counts(batch)},
    )
    return batch


def ledger_batch_counts(batch: LedgerBatch) -> dict[str, int]:
    """status -> rows, every status named."""
    found = dict(
        batch.rows.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return {status: found.get(status, 0) for status in LedgerRowStatus.values}


def ledger_outcome(result: LedgerResult) -> LedgerResult:
    """Fills the result with what became of each row of its batch."""
    assert result.batch is not None
    rows = result.batch.rows.order_by("number").values_list("number", "status", "errors", "case_id")
    for number, status, errors, case_id in rows:
        if status == LedgerRowStatus.IMPORTED:
            result.created.append(case_id)
        elif status == LedgerRowStatus.ALREADY:
            result.already.append(number)
        elif status == LedgerRowStatus.WAITING:
            result.problems[number] = row_messages(errors)
        elif status == LedgerRowStatus.DISMISSED:
            result.dismissed.append(number)
    return result


def ledger_import(
    *,
    actor: User,
    stream: BinaryIO,
    name: str,
    mapping: dict[str, str] | None = None,
    is_synthetic: bool = False,
) -> LedgerResult:
    """Uploads a ledger file and imports its rows at once (``ledger_upload`` then
    ``ledger_batch_import``): what the page, the command and the API do. ``is_synthetic``
    marks the cases of an invented ledger (the sample)."""
    result = ledger_upload(
        actor=actor, stream=stream, name=name, mapping=mapping, is_synthetic=is_synthetic
    )
    if result.batch is None:
        return result
    ledger_batch_import(actor=actor, batch_id=result.batch.pk)
    return ledger_outcome(result)


__all__ = [
    "FileProblem",
    "LedgerResult",
    "ledger_batch_import",
    "ledger_import",
    "ledger_upload",
    "saved_ledger_mapping",
]
