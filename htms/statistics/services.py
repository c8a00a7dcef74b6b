"""Writes of the statistics app: the audit rows of figures that leave the system."""

from typing import Any

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record


def statistics_export_record(
    *, actor: User | None, figure: str, k: int | None, details: dict[str, Any] | None = None
) -> None:
    """Records that ``actor`` took ``figure`` out of the system (a CSV download, a standard
    export), under threshold ``k`` (None: whole counts), with ``details`` such as the stated
    purpose and the number of rows. Called by the pages, the API and the export commands."""
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        object_type=AuditObject.STATISTICS,
        object_id=figure,
        changes={"k": k, **(details or {})},
    )
