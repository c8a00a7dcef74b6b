"""Checking the audit trail: the keyed chain, the protected records against their seals, and
the chain against checkpoints exported earlier.

What each check finds:
- a row changed, a row deleted in the middle, the newest rows deleted (the chain, keyed: a
  recomputed chain does not match without the key);
- a case (its row, offences, parties, verdicts) or a person (row, identity documents) changed,
  added or deleted in the database directly (the seals, ``seals.py``);
- a chain rewritten by someone holding the key (the exported checkpoints, ``checkpoints.py``).
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from htms.audit.chain import GENESIS_HASH, event_hash
from htms.audit.checkpoints import checkpoint_problems
from htms.audit.keys import same_digest
from htms.audit.models import AuditChainHead, AuditEvent
from htms.audit.seals import DELETED, case_digests, in_batches, person_digests
from htms.cases.models import Case
from htms.persons.models import Person

# The seal each record got from its newest audited write: {"case:12": (seq, digest)}.
Seals = dict[str, tuple[int, str]]


@dataclass(frozen=True)
class ChainProblem:
    seq: int | None
    message: str


def audit_verify(
    *, batch_size: int = 5000, checkpoint_lines: Iterable[str] | None = None
) -> list[ChainProblem]:
    """Every problem found, oldest first; an empty list means intact. Anyone may run it (the
    command line); it writes nothing."""
    seals: Seals = {}
    problems = _chain_problems(seals, batch_size)
    problems += _record_problems(seals, "case", Case, batch_size)
    problems += _record_problems(seals, "person", Person, batch_size)
    problems += [
        ChainProblem(seq, f"{key.replace(':', ' ')} is missing: deleted in the database directly")
        for key, (seq, digest) in sorted(seals.items())
        if digest != DELETED
    ]
    if checkpoint_lines is not None:
        problems += [ChainProblem(s, m) for s, m in checkpoint_problems(checkpoint_lines)]
    return problems


def _chain_problems(seals: Seals, batch_size: int) -> list[ChainProblem]:
    """Recomputes every hash; finds edited rows, deleted rows (gaps) and a truncated tail."""
    problems: list[ChainProblem] = []
    expected_seq, prev_hash = 1, GENESIS_HASH
    for event in _events_in_order(batch_size):
        if event.seq != expected_seq:
            problems.append(
                ChainProblem(event.seq, f"rows {expected_seq} to {event.seq - 1} are missing")
            )
        if event.prev_hash != prev_hash:
            problems.append(ChainProblem(event.seq, "does not follow the previous row"))
        if not same_digest(event_hash(event), event.hash):
            problems.append(ChainProblem(event.seq, "was changed after it was written"))
        seals.update((key, (event.seq, digest)) for key, digest in event.seals.items())
        expected_seq, prev_hash = event.seq + 1, event.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != expected_seq - 1 or head.last_hash != prev_hash):
        problems.append(
            ChainProblem(head.last_seq, f"the newest rows after {expected_seq - 1} are missing")
        )
    return problems


def _record_problems(
    seals: Seals, kind: str, model: type[Case] | type[Person], batch_size: int
) -> list[ChainProblem]:
    """Compares each record with its seal; removes the seals of the records found."""
    digests = case_digests if kind == "case" else person_digests
    problems = []
    for ids in in_batches(model, batch_size):
        for pk, digest in digests(ids).items():
            seq, sealed = seals.pop(f"{kind}:{pk}", (None, None))
            if sealed is None:
                problems.append(
                    ChainProblem(None, f"{kind} {pk} has no audited write: added in the database")
                )
            elif not same_digest(digest, sealed):
                problems.append(
                    ChainProblem(
                        seq,
                        f"{kind} {pk} differs from its last audited write (row {seq}): "
                        "changed in the database directly",
                    )
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
