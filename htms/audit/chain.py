"""The chain's hash: what links each audit row to the one before it."""

import json

from htms.audit.keys import keyed_digest
from htms.audit.models import AuditEvent

GENESIS_HASH = "0" * 64


def event_hash(event: AuditEvent) -> str:
    """HMAC-SHA256, under the audit key, of every field of the row and the previous row's hash:
    without the key a changed row cannot be given a matching hash."""
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
        "seals": event.seals,
        "prev": event.prev_hash,
    }
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return keyed_digest(canonical)
