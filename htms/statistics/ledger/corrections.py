"""The ledger correction queue: the officer corrects a waiting row's cells and it is checked
again (imported if good), or sets it aside with a reason. A row is never deleted, its cells
are kept as read. Monitoring cell only (404 for anyone else, as for the batch)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.sealing import sealed_values
from htms.common.versioning import lock_at_version
from htms.statistics.access import ledger_row_get_for_user
from htms.statistics.ledger.columns import LEDGER_KEYS
from htms.statistics.ledger.lookups import LedgerLookups
from htms.statistics.ledger.settle import row_settle
from htms.statistics.models import LedgerBatchRow, LedgerRowStatus

NOT_WAITING = _("Only a row that needs correction can be corrected or set aside.")
NOT_A_FIELD = _("“%s” is not a column of a ledger.")
REASON_NEEDED = _("Say why the row is set aside (for example: the case is not one of trafficking).")


def _locked(actor: User, batch_id: int, number: int, expected_version: int) -> LedgerBatchRow:
    row = ledger_row_get_for_user(user=actor, batch_id=batch_id, number=number)
    locked = lock_at_version(LedgerBatchRow, pk=row.pk, expected_version=expected_version)
    locked.batch = row.batch
    locked.save(update_fields=["version"])
    if locked.status != LedgerRowStatus.WAITING:
        raise ValidationError({"row": [str(NOT_WAITING)]})
    return locked


def _audit(actor: User, row: LedgerBatchRow, **changes: object) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.LEDGER_ROW,
        object_id=row.pk,
        changes={"batch": row.batch_id, "row": row.number, **changes},
    )


@transaction.atomic
def ledger_row_correct(
    *, actor: User, batch_id: int, number: int, expected_version: int, cells: dict[str, str]
) -> LedgerBatchRow:
    """Applies the officer's values (field key -> text; only the fields given) over the row's
    cells and settles the row again: imported, already in HTMS, or still waiting with its new
    problems. A stale version raises StaleEditError."""
    unknown = sorted(set(cells) - set(LEDGER_KEYS))
    if unknown:
        raise ValidationError({"cells": [str(NOT_A_FIELD % key) for key in unknown]})
    row = _locked(actor, batch_id, number, expected_version)
    row.corrections = {**row.corrections, **{k: v.strip() for k, v in cells.items()}}
    row.save(update_fields=["corrections"])
    row_settle(actor=actor, batch=row.batch, row=row, lookups=LedgerLookups.load())
    _audit(
        actor,
        row,
        status={"old": LedgerRowStatus.WAITING, "new": row.status},
        corrections=sealed_values(row.corrections),
        case=row.case_id,
    )
    return row


@transaction.atomic
def ledger_row_dismiss(
    *, actor: User, batch_id: int, number: int, expected_version: int, reason: str
) -> LedgerBatchRow:
    """Takes a waiting row out of the queue, keeping it and the reason."""
    if not reason.strip():
        raise ValidationError({"reason": [str(REASON_NEEDED)]})
    row = _locked(actor, batch_id, number, expected_version)
    row.status, row.note = LedgerRowStatus.DISMISSED, reason.strip()[:300]
    row.save(update_fields=["status", "note"])
    _audit(actor, row, status={"old": LedgerRowStatus.WAITING, "new": row.status}, note=row.note)
    return row
