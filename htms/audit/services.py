"""Appending to and verifying the audit chain."""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.context import client_address
from htms.audit.models import AuditAction, AuditChainHead, AuditEvent, AuditObject

GENESIS_HASH = "0" * 64


def _json_default(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def to_jsonable(value: Any) -> Any:
    """Turns model field values into plain JSON values, as stored in ``changes``."""
    return json.loads(json.dumps(value, default=_json_default))


def _event_hash(event: AuditEvent) -> str:
    body = {
        "seq": event.seq,
        "at": event.at.isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "ip": event.ip_address,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "changes": event.changes,
        "prev": event.prev_hash,
    }
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def audit_record(
    *,
    actor: User | None,
    action: str,
    object_type: AuditObject,
    object_id: object,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Appends one event to the chain. Called by services, never by views directly.

    ``action`` and ``object_type`` must be members of ``AuditAction`` and ``AuditObject``: any
    other value raises ValueError before anything is written, leaving the caller's transaction
    usable.
    """
    event = AuditEvent(
        actor=actor,
        actor_label=actor.username if actor else "system",
        ip_address=client_address.get(),
        action=AuditAction(action).value,
        object_type=AuditObject(object_type).value,
        object_id=str(object_id),
        changes=to_jsonable(changes or {}),
    )
    return _append(event)


@transaction.atomic(savepoint=False)
def _append(event: AuditEvent) -> AuditEvent:
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    event.seq, event.prev_hash, event.at = head.last_seq + 1, head.last_hash, timezone.now()
    event.hash = _event_hash(event)
    event.save()
    head.last_seq, head.last_hash = event.seq, event.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return event


def audit_view(*, actor: User, object_type: AuditObject, object_id: object) -> AuditEvent:
    return audit_record(
        actor=actor, action=AuditAction.VIEW, object_type=object_type, object_id=object_id
    )


def audit_list(
    *,
    actor: User,
    object_type: AuditObject,
    object_id: str,
    ids: Iterable[object],
    **context: object,
) -> AuditEvent:
    """One view row for a list, a search or an API page: the ids it showed, and what was
    asked for (filters, search terms), since a search for a victim's name is itself sensitive.
    """
    return audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        object_type=object_type,
        object_id=object_id,
        changes={"ids": list(ids), **context},
    )


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The fields whose values differ, as ``{field: {"old": ..., "new": ...}}``."""
    old_j, new_j = to_jsonable(old), to_jsonable(new)
    return {
        key: {"old": old_j.get(key), "new": new_j.get(key)}
        for key in sorted(set(old_j) | set(new_j))
        if old_j.get(key) != new_j.get(key)
    }


@dataclass(frozen=True)
class ChainProblem:
    seq: int | None
    message: str


def audit_verify(*, batch_size: int = 5000) -> list[ChainProblem]:
    """Recomputes every hash. Finds edited rows, deleted rows (gaps) and a truncated tail."""
    problems: list[ChainProblem] = []
    expected_seq, prev_hash = 1, GENESIS_HASH
    for event in _events_in_order(batch_size):
        if event.seq != expected_seq:
            problems.append(
                ChainProblem(event.seq, f"rows {expected_seq} to {event.seq - 1} are missing")
            )
        if event.prev_hash != prev_hash:
            problems.append(ChainProblem(event.seq, "does not follow the previous row"))
        if _event_hash(event) != event.hash:
            problems.append(ChainProblem(event.seq, "was changed after it was written"))
        expected_seq, prev_hash = event.seq + 1, event.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != expected_seq - 1 or head.last_hash != prev_hash):
        problems.append(
            ChainProblem(head.last_seq, f"the newest rows after {expected_seq - 1} are missing")
        )
    return problems


def _events_in_order(batch_size: int) -> Iterator[AuditEvent]:
    last = 0
    while True:
        batch = list(AuditEvent.objects.filter(seq__gt=last).order_by("seq")[:batch_size])
        if not batch:
            return
        yield from batch
        last = batch[-1].seq
