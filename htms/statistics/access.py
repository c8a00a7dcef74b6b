"""Who may read the statistics pages: every role that reads cases. Caseworkers and
administrators read no case, so their statistics would be empty; they are refused."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_noop

from htms.accounts.models import Role, User
from htms.statistics.models import LedgerBatch, LedgerBatchRow

STATISTICS_REFUSED = gettext_noop("Your role does not read case statistics.")


def statistics_may_view(user: User) -> bool:
    return user.role not in {Role.CASEWORKER, Role.ADMINISTRATOR}


LEDGER_IMPORT_REFUSED = gettext_noop(
    "Only the ATU monitoring cell imports the ledgers of historical cases."
)


def ledger_may_import(user: User) -> bool:
    """Historical ledgers are imported by headquarters' statistics role, the ATU monitoring
    cell, into the circle each row names (``docs/permissions.md``)."""
    return user.role == Role.MONITORING_CELL


def ledger_batch_get_for_user(*, user: User, batch_id: int) -> LedgerBatch:
    """A ledger file and its rows, for the monitoring cell only: anyone else is told it does
    not exist (404), as for any record they may not know of."""
    if not ledger_may_import(user):
        raise Http404
    return get_object_or_404(LedgerBatch, pk=batch_id)


def ledger_batches_recent(*, user: User, count: int = 10) -> list[LedgerBatch]:
    """The ledger files uploaded last, newest first, for the monitoring cell; nothing for
    anyone else."""
    if not ledger_may_import(user):
        return []
    return list(LedgerBatch.objects.order_by("-uploaded_at", "-id")[:count])


def ledger_row_get_for_user(*, user: User, batch_id: int, number: int) -> LedgerBatchRow:
    """One row of a ledger file by its number in the file; 404 as for the file."""
    batch = ledger_batch_get_for_user(user=user, batch_id=batch_id)
    row = get_object_or_404(LedgerBatchRow, batch=batch, number=number)
    row.batch = batch
    return row
