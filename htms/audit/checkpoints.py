"""Signed checkpoints of the chain's head, exported as JSON lines to storage outside the
database (write-once), and checked against the chain by ``htms verify --checkpoints FILE``.

Someone holding the audit key could rewrite rows and recompute every hash after them; the head
they end with differs from the one exported before, which the check reports.
"""

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone

from htms.audit.keys import keyed_digest, same_digest
from htms.audit.models import AuditChainHead, AuditCheckpoint, AuditEvent

Problem = tuple[int | None, str]


def _signature(seq: int, hash_: str, at: str) -> str:
    return keyed_digest(f"checkpoint|{seq}|{hash_}|{at}")


@transaction.atomic
def audit_checkpoint_create() -> AuditCheckpoint:
    """A signed checkpoint of the chain's head as it is now (the command line and cron only)."""
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    at = timezone.now()
    return AuditCheckpoint.objects.create(
        seq=head.last_seq,
        hash=head.last_hash,
        at=at,
        signature=_signature(head.last_seq, head.last_hash, at.isoformat()),
    )


def checkpoint_line(checkpoint: AuditCheckpoint) -> str:
    """One JSON line: seq, hash, at, signature."""
    body = {
        "seq": checkpoint.seq,
        "hash": checkpoint.hash,
        "at": checkpoint.at.isoformat(),
        "signature": checkpoint.signature,
    }
    return json.dumps(body, sort_keys=True)


def checkpoint_problems(lines: Iterable[str]) -> list[Problem]:
    """What the exported checkpoints say about the chain now: a forged or unreadable line, a
    row the checkpoint names that is gone, a row whose hash is not the exported one."""
    problems: list[Problem] = []
    for number, body in _parsed(lines, problems):
        seq, hash_, at = body["seq"], body["hash"], body["at"]
        if not same_digest(_signature(seq, hash_, at), str(body["signature"])):
            problems.append((seq, f"checkpoint line {number} is not signed with this key"))
        elif seq == 0:
            continue
        elif (found := AuditEvent.objects.filter(seq=seq).first()) is None:
            problems.append((seq, f"row {seq}, exported in the checkpoint of {at}, is missing"))
        elif not same_digest(found.hash, hash_):
            problems.append(
                (seq, f"the chain was rewritten: row {seq} differs from the checkpoint of {at}")
            )
    return problems


def _parsed(lines: Iterable[str], problems: list[Problem]) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            body = json.loads(line)
            int(body["seq"]), str(body["hash"]), str(body["at"]), str(body["signature"])
        except (ValueError, TypeError, KeyError):
            problems.append((None, f"checkpoint line {number} is not a checkpoint"))
            continue
        yield number, body
