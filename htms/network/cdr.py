"""Importing call-detail records (CSV or XLSX) from a mobile operator into the network.

The file is read by the manifest reader (``htms.intake.parsing``: any common encoding, XLSX in
constant memory, limits checked as rows stream past); its columns are recognised by their
headings (``cdr_rows.py``) or mapped by the officer, and its numbers become the register's
phone key (E.164), so a call links the persons who use those numbers (``links.py``). Rows are
written in batches, so memory stays flat; the import is all or nothing: one bad row and nothing
is kept, and every bad row is reported with its number. A file already imported (same digest)
adds nothing, and a call already recorded (same numbers, start and duration) is not recorded
twice. A row with a service number at one end (a short code such as 1122, an operator's sender
name) or a withheld number is no call between persons: it is counted as skipped, with why, and
does not refuse the file. Every call names its file (operator, request reference, period); the
import is audited. Callers: analysts and circle in-charges (``access.network_write_scope``).
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.cases.access import case_queryset_for_user
from htms.intake.parsing import FileProblem, FileScan, Table, TableRow, open_table, scan_file
from htms.intelligence.models import Credibility, HandlingCode, Reliability
from htms.intelligence.services import BAD_CREDIBILITY, BAD_HANDLING, BAD_RELIABILITY
from htms.network.access import network_write_scope
from htms.network.cdr_rows import (
    OPERATOR_TIME,
    SKIP_REASONS,
    CallRow,
    Skipped,
    call_row,
    cdr_mapping,
    cdr_mapping_problems,
)
from htms.network.models import Call, CallRecords, SourceKind

MAX_REPORTED = 200

OPERATOR_MISSING = gettext_lazy("Name the operator that sent the records.")
REQUEST_MISSING = gettext_lazy("Give the reference of the request the operator answered.")
PERIOD_MISSING = gettext_lazy("Give the period the records cover, from and to.")
PERIOD_ORDER = gettext_lazy("The end of the period comes before its start.")
UNKNOWN_CASE = gettext_lazy("No case you may see in the network has this reference.")
SHOWN_NUMBERS = 10
SKIPPED = gettext_lazy(
    "Rows skipped, not calls between persons: %(count)d (%(reasons)s): %(numbers)s."
)
SKIPPED_FOR = gettext_lazy("%(count)d with %(why)s")
MORE_BAD_ROWS = gettext_lazy(
    "Only the first %(shown)d of the %(total)d rows to correct are listed: correct them and "
    "import the file again to see the others."
)


@dataclass(frozen=True)
class CdrSource:
    operator: str
    request_reference: str
    period_start: date | None
    period_end: date | None
    reliability: str
    credibility: str
    handling_code: str
    case_reference: str = ""
    is_synthetic: bool = False


@dataclass
class RowProblem:
    number: int
    messages: list[str]


@dataclass
class CdrImport:
    """What an import did: ``records`` is None when nothing was written."""

    mapping: dict[str, str]
    notes: list[str] = field(default_factory=list)
    records: CallRecords | None = None
    already_imported: CallRecords | None = None
    rows: int = 0
    created: int = 0
    duplicates: int = 0
    bad_rows: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # why -> rows
    skipped_numbers: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    refused: list[RowProblem] = field(default_factory=list)

    @property
    def skipped_note(self) -> str:
        """How many rows were left out, and why: "3 rows skipped: ..." (blank for none)."""
        if not self.skipped:
            return ""
        reasons = [
            str(SKIPPED_FOR) % {"count": n, "why": SKIP_REASONS[why]}
            for why, n in sorted(self.skipped.items())
        ]
        numbers = ", ".join(n for n, _count in self.skipped_numbers.most_common(SHOWN_NUMBERS))
        return str(SKIPPED) % {"count": sum(self.skipped.values()), "reasons": "; ".join(reasons),
                               "numbers": numbers}  # fmt: skip

    @property
    def unlisted_note(self) -> str:
        """Says so when more rows were bad than are listed (``MAX_REPORTED``)."""
        if self.bad_rows <= len(self.refused):
            return ""
        return str(MORE_BAD_ROWS) % {"shown": len(self.refused), "total": self.bad_rows}


class _Refused(Exception):
    """Rolls the import back: some row was bad."""


def _source_case(user: User, source: CdrSource) -> int | None:
    errors: dict[str, list[object]] = {}
    if not source.operator.strip():
        errors["operator"] = [OPERATOR_MISSING]
    if not source.request_reference.strip():
        errors["request_reference"] = [REQUEST_MISSING]
    if source.period_start is None or source.period_end is None:
        errors["period_end"] = [PERIOD_MISSING]
    elif source.period_end < source.period_start:
        errors["period_end"] = [PERIOD_ORDER]
    for name, value, allowed, message in (
        ("reliability", source.reliability, Reliability.values, BAD_RELIABILITY),
        ("credibility", source.credibility, Credibility.values, BAD_CREDIBILITY),
        ("handling_code", source.handling_code, HandlingCode.values, BAD_HANDLING),
    ):
        if value not in allowed:
            errors[name] = [message]
    case_id = None
    if source.case_reference.strip():
        case = case_queryset_for_user(user).filter(reference=source.case_reference.strip())
        case_id = case.values_list("pk", flat=True).first()
        if case_id is None:
            errors["case_reference"] = [UNKNOWN_CASE]
    if errors:
        raise ValidationError(errors)
    return case_id


def _batches(rows: Iterator[CallRow | None], size: int) -> Iterator[list[CallRow]]:
    batch: list[CallRow] = []
    for row in rows:
        if row is not None:
            batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _new_calls(batch: list[CallRow]) -> list[CallRow]:
    """The calls of the batch not recorded yet, each once."""
    known = set(
        Call.objects.filter(
            caller__in={r.caller for r in batch}, started_at__in={r.started_at for r in batch}
        )
        .values_list("caller", "receiver", "started_at", "duration_seconds")
        .order_by()
    )
    fresh: dict[tuple[str, str, datetime, int], CallRow] = {}
    for row in batch:
        if row.key not in known:
            fresh.setdefault(row.key, row)
    return list(fresh.values())


def _call(row: CallRow, records: CallRecords, source: CdrSource) -> Call:
    return Call(
        caller=row.caller, receiver=row.receiver, started_at=row.started_at,
        duration_seconds=row.seconds, records=records, source_kind=SourceKind.CALL_RECORDS,
        source_ref=f"{records.operator} {records.request_reference}"[:120],
        start_date=row.started_at.astimezone(OPERATOR_TIME).date(), case_id=records.case_id,
        reliability=source.reliability, credibility=source.credibility,
        handling_code=source.handling_code, is_synthetic=source.is_synthetic,
    )  # fmt: skip


class _Rows:
    """The file's rows read as calls; bad ones are counted and reported, not returned."""

    def __init__(self, result: CdrImport, source: CdrSource) -> None:
        self.result, self.source = result, source

    def read(self, table_rows: Iterator[TableRow]) -> Iterator[CallRow | None]:
        for row in table_rows:
            self.result.rows += 1
            values = {k: row.values.get(h, "") for k, h in self.result.mapping.items()}
            assert self.source.period_start and self.source.period_end
            try:
                yield call_row(values, (self.source.period_start, self.source.period_end))
            except Skipped as skip:
                self.result.skipped[skip.reason] += 1
                self.result.skipped_numbers[skip.number] += 1
                yield None
            except ValueError as exc:
                self.result.bad_rows += 1
                if len(self.result.refused) < MAX_REPORTED:
                    self.result.refused.append(RowProblem(row.number, str(exc).split("\n")))
                yield None


def _write(table: Table, records: CallRecords, result: CdrImport, source: CdrSource) -> None:
    rows = _Rows(result, source).read(table.rows())
    for batch in _batches(rows, settings.HTMS_UPLOAD_STORE_BATCH):
        if result.bad_rows:
            continue  # nothing will be kept: only read on, to report every bad row
        fresh = _new_calls(batch)
        Call.objects.bulk_create([_call(r, records, source) for r in fresh])
        result.created += len(fresh)
        result.duplicates += len(batch) - len(fresh)
    if result.bad_rows:
        raise _Refused()


def _audit(actor: User, name: str, source: CdrSource, result: CdrImport, sha256: str) -> None:
    kept = result.records or result.already_imported
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if result.records else AuditAction.REFUSED,
        object_type=AuditObject.NETWORK,
        object_id=f"cdr:{kept.pk}" if kept else "cdr",
        changes={
            "query": "cdr_import", "file": name, "sha256": sha256, "operator": source.operator,
            "request": source.request_reference, "period": [source.period_start,
                                                            source.period_end],
            "rows": result.rows, "created": result.created, "duplicates": result.duplicates,
            "bad_rows": result.bad_rows, "already_imported": bool(result.already_imported),
            "skipped": dict(result.skipped),
        },
    )  # fmt: skip


def _records(actor: User, name: str, sha256: str, source: CdrSource, case_id: int | None
             ) -> CallRecords:  # fmt: skip
    assert source.period_start is not None and source.period_end is not None
    records = CallRecords(
        operator=source.operator.strip(), request_reference=source.request_reference.strip(),
        period_start=source.period_start, period_end=source.period_end, case_id=case_id,
        file_name=name[:255], sha256=sha256, imported_by=actor, is_synthetic=source.is_synthetic,
    )  # fmt: skip
    records.full_clean()
    records.save()
    return records


def calls_import(
    *, actor: User, stream: BinaryIO, name: str, source: CdrSource,
    mapping: dict[str, str] | None = None,
) -> CdrImport:  # fmt: skip
    """Imports a file of call-detail records, whole or not at all. ValidationError for a bad
    source (nothing read), FileProblem for an unreadable file; mapping problems and bad rows
    come back in the result with nothing written. Audited, refused imports too."""
    scope = network_write_scope(actor)
    case_id = _source_case(actor, source)
    if case_id is not None and not scope.case_allowed(case_id):
        raise ValidationError({"case_reference": [UNKNOWN_CASE]})
    scan = scan_file(stream, max_bytes=settings.HTMS_UPLOAD_MAX_BYTES)
    result = CdrImport(mapping={})
    result.already_imported = CallRecords.objects.filter(sha256=scan.sha256).first()
    if result.already_imported is None:
        _import(actor, _Upload(stream, name, scan), source, case_id, mapping, result)
    _audit(actor, name, source, result, scan.sha256)
    return result


@dataclass(frozen=True)
class _Upload:
    stream: BinaryIO
    name: str
    scan: FileScan


def _import(actor: User, upload: _Upload, source: CdrSource, case_id: int | None,
            given: dict[str, str] | None, result: CdrImport) -> None:  # fmt: skip
    table = open_table(upload.stream, upload.scan)
    result.notes = table.notes
    result.mapping = cdr_mapping(table.headers, given)
    result.problems = cdr_mapping_problems(result.mapping, table.headers)
    if result.problems:
        return
    try:
        with transaction.atomic():
            records = _records(actor, upload.name, upload.scan.sha256, source, case_id)
            _write(table, records, result, source)
            records.calls = result.created
            records.save(update_fields=["calls"])
            result.records = records
    except _Refused:
        result.created = result.duplicates = 0
    except IntegrityError:  # the same file, imported at the same moment by a colleague
        result.created = result.duplicates = 0
        result.already_imported = CallRecords.objects.filter(sha256=upload.scan.sha256).first()


__all__ = ["CdrImport", "CdrSource", "FileProblem", "calls_import", "cdr_mapping"]
