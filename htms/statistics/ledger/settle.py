"""Settling one stored ledger row: read through the file's mapping and the officer's
corrections, then imported as its historical case, marked as already in HTMS, or left waiting
with its problems.

The caller holds the row locked in a transaction; the case and the row's new status are
written in that one transaction, so a row is never half a case, and an import stopped at any
moment goes on from the first row still pending. The unit the row names is locked before its
cases are looked up, so two imports of the same case at once cannot both register it.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.cases.models import Case
from htms.reference.models import Unit
from htms.statistics.ledger.columns import LEDGER_KEYS, LEDGER_LABELS
from htms.statistics.ledger.lookups import LedgerLookups
from htms.statistics.ledger.rows import LedgerRow, ledger_row
from htms.statistics.ledger.write import ledger_case_write
from htms.statistics.models import LedgerBatch, LedgerBatchRow, LedgerRowStatus

DUPLICATE_ROW = _("Row %(first)d already gives FIR %(fir)s of this unit and year.")
ROW_FIELDS = ["status", "errors", "case"]


def row_values(row: LedgerBatchRow, mapping: dict[str, str]) -> dict[str, str]:
    """field key -> text: the officer's corrections over the cells of the mapped columns."""
    values = {key: row.raw.get(heading, "") for key, heading in mapping.items() if heading}
    values.update({k: v for k, v in row.corrections.items() if k in LEDGER_KEYS})
    return {k: v.strip() for k, v in values.items()}


def row_messages(errors: dict[str, list[str]]) -> list[str]:
    """Each problem of a row, led by the name of its column."""
    return [
        f"{LEDGER_LABELS[key]}: {message}" if key in LEDGER_LABELS else message
        for key, messages in errors.items()
        for message in messages
    ]


def _case_in_htms(read: LedgerRow) -> int | None:
    """The case already registered for the row's unit, FIR number and FIR year, if any."""
    unit_id, number, year = read.key
    found = Case.objects.filter(unit_id=unit_id, fir_date__year=year).values_list(
        "pk", "fir_number"
    )
    # FIR numbers compared whatever their case, as the FIR check of registration does.
    return next((pk for pk, fir in found if fir.casefold() == number), None)


def _known(batch: LedgerBatch, row: LedgerBatchRow, read: LedgerRow, case_id: int) -> None:
    """A case already in HTMS: a row of another file or of HTMS itself, or the same FIR given
    twice in this file (a slip to correct, not a second case)."""
    first = (
        batch.rows.filter(case_id=case_id, status=LedgerRowStatus.IMPORTED)
        .exclude(pk=row.pk)
        .values_list("number", flat=True)
        .first()
    )
    if first is None:
        row.status, row.case_id, row.errors = LedgerRowStatus.ALREADY, case_id, {}
        return
    message = str(DUPLICATE_ROW % {"first": first, "fir": read.fir_number})
    row.status, row.case_id, row.errors = LedgerRowStatus.WAITING, None, {"fir_number": [message]}


def row_settle(
    *, actor: User, batch: LedgerBatch, row: LedgerBatchRow, lookups: LedgerLookups
) -> None:
    """Imports, marks or leaves waiting one locked row, and saves it. Called by the import and
    the correction services only, for the monitoring cell."""
    read = ledger_row(row_values(row, batch.mapping), row.number, lookups)
    row.case_id = None
    if read.errors:
        row.status, row.errors = LedgerRowStatus.WAITING, read.errors
        row.save(update_fields=ROW_FIELDS)
        return
    assert read.unit is not None
    Unit.objects.select_for_update().only("pk").get(pk=read.unit.pk)
    case_id = _case_in_htms(read)
    if case_id is not None:
        _known(batch, row, read, case_id)
        row.save(update_fields=ROW_FIELDS)
        return
    try:
        case = ledger_case_write(
            actor=actor, row=read, file_name=batch.file_name, is_synthetic=batch.is_synthetic
        )
    except ValidationError as exc:
        row.status, row.errors = LedgerRowStatus.WAITING, {"": [str(m) for m in exc.messages]}
    else:
        row.status, row.errors, row.case = LedgerRowStatus.IMPORTED, {}, case
    row.save(update_fields=ROW_FIELDS)
