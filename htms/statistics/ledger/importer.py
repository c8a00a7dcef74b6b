"""Importing a ledger transcription (CSV or XLSX): one row per case, all or nothing.

The file is read by the manifest reader (``htms.intake.parsing``), its columns mapped as
``columns.py`` says: the mapping confirmed last is offered first, and a mapping that finds
every required column is saved for the next file. Every row is checked first and every
problem listed per row; a file with any problem imports nothing. A row whose case (unit, FIR
number, FIR year) is already in HTMS is skipped, so importing the same file twice creates no
duplicate. Each case is registered by ``case_register`` as historical, in the unit the row
names, and its ledger facts (stage, court, place of the offence, victims and accused counted)
written in the same transaction.
"""

from dataclasses import dataclass, field
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.cases.models import Case
from htms.common.errors import NotAllowedError
from htms.intake.parsing import FileProblem, TableRow, open_table, scan_file
from htms.statistics.access import LEDGER_IMPORT_REFUSED, ledger_may_import
from htms.statistics.ledger.columns import (
    ledger_heading_field,
    ledger_mapping,
    ledger_mapping_problems,
)
from htms.statistics.ledger.lookups import LedgerLookups
from htms.statistics.ledger.rows import LedgerRow, ledger_row
from htms.statistics.ledger.write import ledger_case_write
from htms.statistics.models import LedgerMapping

DUPLICATE_ROW = _("Row %(first)d already gives FIR %(fir)s of this unit and year.")


@dataclass
class LedgerResult:
    """What became of a file: the cases created, the rows already in HTMS, or why nothing was
    imported (the mapping's problems, or each row's)."""

    file_name: str
    headers: list[str]
    mapping: dict[str, str]
    notes: list[str] = field(default_factory=list)
    mapping_problems: dict[str, str] = field(default_factory=dict)
    problems: dict[int, list[str]] = field(default_factory=dict)
    created: list[int] = field(default_factory=list)
    already: list[int] = field(default_factory=list)

    @property
    def refused(self) -> bool:
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


def _read(rows: list[TableRow], mapping: dict[str, str]) -> list[LedgerRow]:
    lookups = LedgerLookups.load()
    read = []
    for row in rows:
        values = {key: row.values.get(heading, "") for key, heading in mapping.items() if heading}
        read.append(ledger_row(values, row.number, lookups))
    return read


def _in_htms(rows: list[LedgerRow]) -> set[tuple[int, str, int]]:
    """The keys of the rows whose case is already registered (by a ledger or in HTMS)."""
    keys = [row.key for row in rows if not row.errors]
    units, years = {k[0] for k in keys}, {k[2] for k in keys}
    found = Case.objects.filter(unit_id__in=units, fir_date__year__in=years).values_list(
        "unit_id", "fir_number", "fir_date"
    )
    # FIR numbers compared whatever their case, as the FIR check of registration does.
    return {(unit_id, number.casefold(), day.year) for unit_id, number, day in found if day}


def _sort(result: LedgerResult, rows: list[LedgerRow]) -> list[LedgerRow]:
    """The rows to write; records the others as problems or as already in HTMS."""
    existing = _in_htms(rows)
    seen: dict[tuple[int, str, int], int] = {}
    new = []
    for row in rows:
        if row.errors:
            result.problems[row.number] = row.messages()
            continue
        if row.key in seen:
            result.problems[row.number] = [
                str(DUPLICATE_ROW % {"first": seen[row.key], "fir": row.fir_number})
            ]
            continue
        seen[row.key] = row.number
        if row.key in existing:
            result.already.append(row.number)
        else:
            new.append(row)
    return new


def _write(actor: User, result: LedgerResult, rows: list[LedgerRow], *, is_synthetic: bool) -> None:
    """Every row or none: a row the case services refuse rolls the whole file back."""
    with transaction.atomic():
        for row in rows:
            try:
                case = ledger_case_write(
                    actor=actor, row=row, file_name=result.file_name, is_synthetic=is_synthetic
                )
            except ValidationError as exc:
                result.problems[row.number] = [str(m) for m in exc.messages]
                continue
            result.created.append(case.pk)
        if result.problems:
            result.created = []
            transaction.set_rollback(True)


def _audit(actor: User, result: LedgerResult) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.LEDGER_IMPORT,
        object_id="import",
        changes={
            "file": result.file_name,
            "mapping": result.mapping,
            "cases": result.created,
            "already_in_htms": result.already,
            "refused_rows": sorted(result.problems),
            "mapping_problems": sorted(result.mapping_problems),
        },
    )


def ledger_import(
    *,
    actor: User,
    stream: BinaryIO,
    name: str,
    mapping: dict[str, str] | None = None,
    is_synthetic: bool = False,
) -> LedgerResult:
    """Imports a ledger file: ATU monitoring cell only (NotAllowedError otherwise). A file that
    cannot be read raises FileProblem. ``mapping`` (field -> heading) is the one the officer
    chose, else the saved one and the headings' names. ``is_synthetic`` marks the cases of an
    invented ledger (the sample). Audited, whether refused or imported."""
    if not ledger_may_import(actor):
        raise NotAllowedError(str(LEDGER_IMPORT_REFUSED))
    table = open_table(stream, scan_file(stream), known=ledger_heading_field)
    chosen = mapping
    if chosen is None:
        chosen = ledger_mapping(table.headers, saved_ledger_mapping())
    result = LedgerResult(name, table.headers, chosen, notes=table.notes)
    result.mapping_problems = ledger_mapping_problems(chosen, table.headers)
    if not result.mapping_problems:
        rows = _read(list(table.rows()), chosen)
        # Kept even if rows are refused: the corrected file comes back with the same columns.
        with transaction.atomic():
            _save_mapping(actor, chosen)
        new = _sort(result, rows)
        if not result.problems:
            _write(actor, result, new, is_synthetic=is_synthetic)
    _audit(actor, result)
    return result


__all__ = ["FileProblem", "LedgerResult", "ledger_import", "saved_ledger_mapping"]
