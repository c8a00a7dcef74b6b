"""Standard exports (HTCDS 2.0, CTDC): who may make them, and making one, audited."""

import csv
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import Role, User
from htms.common.errors import NotAllowedError
from htms.statistics.disclosure import public_k
from htms.statistics.exports import ctdc, htcds
from htms.statistics.exports.records import victim_records
from htms.statistics.services import statistics_export_record

HTCDS, CTDC = "htcds", "ctdc"
# HTCDS rows are victim by victim (without identity): the ATU monitoring cell, which answers
# for the national data, only. The k-anonymous CTDC dataset: analysts too.
EXPORT_ROLES = {
    HTCDS: frozenset({Role.MONITORING_CELL}),
    CTDC: frozenset({Role.MONITORING_CELL, Role.ANALYST}),
}
PURPOSE_MIN, PURPOSE_MAX = 10, 500

NOT_ALLOWED_EXPORT = _("Your role may not make this export.")
PURPOSE_NEEDED = _("State the purpose of the export in 10 to 500 characters.")
K_TOO_LOW = _("k must be at least %(k)s for anything that leaves the system.")


@dataclass(frozen=True)
class ExportDone:
    rows: int
    withheld_rows: int


def export_may_make(user: User, standard: str) -> bool:
    return user.is_active and user.role in EXPORT_ROLES[standard]


def _check(*, actor: User, standard: str, purpose: str, k: int) -> None:
    if not export_may_make(actor, standard):
        raise NotAllowedError(str(NOT_ALLOWED_EXPORT))
    errors: dict[str, list[str]] = {}
    if not PURPOSE_MIN <= len(purpose.strip()) <= PURPOSE_MAX:
        errors["purpose"] = [str(PURPOSE_NEEDED)]
    if standard == CTDC and k < public_k():
        errors["k"] = [str(K_TOO_LOW % {"k": public_k()})]
    if errors:
        raise ValidationError(errors)


def _write(output: Path, columns: Sequence[str], rows: list[dict[str, str]]) -> None:
    """Writes the whole file or nothing: a temporary file renamed into place."""
    handle, temporary = tempfile.mkstemp(dir=output.parent, suffix=".part")
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=list(columns))
            writer.writeheader()
            writer.writerows(rows)
        Path(temporary).replace(output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@transaction.atomic
def standard_export(
    *, actor: User, standard: str, output: Path, purpose: str, k: int | None = None
) -> ExportDone:
    """Writes the HTCDS or CTDC export of every victim in the cases ``actor`` may see to
    ``output`` and records it with its purpose. Roles in ``EXPORT_ROLES`` only."""
    k = public_k() if k is None else k
    _check(actor=actor, standard=standard, purpose=purpose, k=k)
    records = victim_records(user=actor)
    columns: Sequence[str]
    if standard == HTCDS:
        columns, rows = htcds.COLUMNS, [htcds.htcds_row(r) for r in records]
    else:
        columns = ctdc.COLUMNS
        rows = ctdc.k_anonymous([ctdc.ctdc_row(r) for r in records], k=k)
    details = {"purpose": purpose.strip(), "rows": len(rows), "file": output.name}
    statistics_export_record(
        actor=actor, figure=standard, k=k if standard == CTDC else None, details=details
    )
    _write(output, columns, rows)
    return ExportDone(rows=len(rows), withheld_rows=len(records) - len(rows))
