"""Appending to the audit chain; ``htms/audit/verify.py`` checks it."""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.chain import event_hash
from htms.audit.context import client_address
from htms.audit.models import AuditAction, AuditChainHead, AuditEvent, AuditObject
from htms.audit.seals import seals_for_write
from htms.common.copying import rows_copy
from htms.common.sealing import sealed_terms


def _json_default(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def to_jsonable(value: Any) -> Any:
    """Turns model field values into plain JSON values, as stored in ``changes``."""
    return json.loads(json.dumps(value, default=_json_default))


def audit_record(
    *,
    actor: User | None,
    action: str,
    object_type: AuditObject,
    object_id: object,
    changes: dict[str, Any] | None = None,
    seals: dict[str, str] | None = None,
) -> AuditEvent:
    """Appends one event to the chain. Called by services, never by views directly.

    ``action`` and ``object_type`` must be members of ``AuditAction`` and ``AuditObject``: any
    other value raises ValueError before anything is written, leaving the caller's transaction
    usable. A write about a case, a party, a hearing, a stage change or a person carries the
    seals of the case or person as the write left them (``htms/audit/seals.py``); ``seals``
    adds more (a bulk load seals what it wrote).
    """
    action, object_type = AuditAction(action), AuditObject(object_type)
    event = AuditEvent(
        actor=actor,
        actor_label=actor.username if actor else "system",
        ip_address=client_address.get(),
        action=action.value,
        object_type=object_type.value,
        object_id=str(object_id),
        changes=to_jsonable(changes or {}),
        seals={
            **seals_for_write(action=action, object_type=object_type, object_id=str(object_id)),
            **(seals or {}),
        },
    )
    return _append(event)


@transaction.atomic(savepoint=False)
def _append(event: AuditEvent) -> AuditEvent:
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    event.seq, event.prev_hash, event.at = head.last_seq + 1, head.last_hash, timezone.now()
    event.hash = event_hash(event)
    event.save()
    head.last_seq, head.last_hash = event.seq, event.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return event


@dataclass(frozen=True)
class AuditEntry:
    """One event for ``audit_records``: what ``audit_record`` takes, seals included."""

    action: str
    object_type: AuditObject
    object_id: object
    changes: dict[str, Any] = field(default_factory=dict)
    seals: dict[str, str] = field(default_factory=dict)


def audit_records(*, actor: User | None, entries: Sequence[AuditEntry]) -> int:
    """Appends many events to the chain at once, in order: one lock of the chain head and one
    insert (COPY on PostgreSQL), for bulk writes (thousands of parties in one request). Called by
    services only. Unlike ``audit_record`` it computes no seals: each entry carries the seals
    the caller computed in bulk (``htms.audit.seals.seals_of``) for the records it wrote.
    Returns the number of rows written. An unknown action or object type raises ValueError
    before anything is written, as in ``audit_record``."""
    checked = [(AuditAction(e.action), AuditObject(e.object_type), e) for e in entries]
    return _append_many(actor, checked) if checked else 0


@transaction.atomic(savepoint=False)
def _append_many(
    actor: User | None, checked: list[tuple[AuditAction, AuditObject, AuditEntry]]
) -> int:
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    seq, prev_hash, now = head.last_seq, head.last_hash, timezone.now()
    actor_label, address = (actor.username if actor else "system"), client_address.get()
    events = []
    for action, object_type, entry in checked:
        seq += 1
        event = AuditEvent(
            actor=actor,
            actor_label=actor_label,
            ip_address=address,
            action=action.value,
            object_type=object_type.value,
            object_id=str(entry.object_id),
            changes=to_jsonable(entry.changes),
            seals=dict(entry.seals),
            seq=seq,
            prev_hash=prev_hash,
            at=now,
        )
        event.hash = prev_hash = event_hash(event)
        events.append(event)
    # COPY on PostgreSQL; the rows' ids are not needed.
    rows_copy(events, ids=False)
    head.last_seq, head.last_hash = seq, prev_hash
    head.save(update_fields=["last_seq", "last_hash"])
    return len(events)


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
    asked for (filters, search terms), since a search for a victim's name is itself sensitive;
    the terms that may name a person are sealed (``sealed_terms``)."""
    return audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        object_type=object_type,
        object_id=object_id,
        changes={"ids": list(ids), **sealed_terms(context)},
    )


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The fields whose values differ, as ``{field: {"old": ..., "new": ...}}``."""
    old_j, new_j = to_jsonable(old), to_jsonable(new)
    return {
        key: {"old": old_j.get(key), "new": new_j.get(key)}
        for key in sorted(set(old_j) | set(new_j))
        if old_j.get(key) != new_j.get(key)
    }
