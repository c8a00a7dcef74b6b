"""A ledger file and its rows as the pages and the API show them. Ledger rows hold counts,
not names, so no cell is masked: only the monitoring cell reads them at all."""

from dataclasses import dataclass

from htms.statistics.ledger.columns import LEDGER_FIELDS
from htms.statistics.ledger.importer import ledger_batch_counts
from htms.statistics.ledger.settle import row_messages, row_values
from htms.statistics.models import LedgerBatch, LedgerBatchRow, LedgerRowStatus

# The counts a batch page shows, in the order an officer reads them.
SHOWN = (
    LedgerRowStatus.IMPORTED,
    LedgerRowStatus.ALREADY,
    LedgerRowStatus.WAITING,
    LedgerRowStatus.DISMISSED,
)


@dataclass(frozen=True)
class RowView:
    number: int
    status: str
    status_label: str
    unit: str
    fir_number: str
    fir_date: str
    problems: list[str]
    case_id: int | None
    note: str
    version: int
    cells: list[tuple[str, str]]
    values: dict[str, str]


@dataclass(frozen=True)
class BatchView:
    batch: LedgerBatch
    counts: list[tuple[str, str, int]]
    total: int
    rows: list[RowView]


def row_view(row: LedgerBatchRow) -> RowView:
    values = row_values(row, row.batch.mapping)
    return RowView(
        number=row.number,
        status=row.status,
        status_label=str(LedgerRowStatus(row.status).label),
        unit=values.get("unit", ""),
        fir_number=values.get("fir_number", ""),
        fir_date=values.get("fir_date", ""),
        problems=row_messages(row.errors),
        case_id=row.case_id,
        note=row.note,
        version=row.version,
        cells=sorted(row.raw.items()),
        values={f.key: values.get(f.key, "") for f in LEDGER_FIELDS},
    )


def batch_view(batch: LedgerBatch) -> BatchView:
    counts = ledger_batch_counts(batch)
    shown = [(str(s), str(s.label), counts[s]) for s in SHOWN]
    if counts[LedgerRowStatus.PENDING]:
        pending = LedgerRowStatus.PENDING
        shown.append((str(pending), str(pending.label), counts[pending]))
    rows = []
    for row in batch.rows.order_by("number"):
        row.batch = batch
        rows.append(row_view(row))
    return BatchView(batch, shown, sum(counts.values()), rows)
