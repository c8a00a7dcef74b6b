"""Writes of the identity app: the person search index, and the audited search itself."""

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Max, Min

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.replica import replica_reads
from htms.common.sealing import blind_index, sealed_terms
from htms.identity.facts import PersonFacts, facts_for_ids, facts_in_range
from htms.identity.inputs import CandidateQuery
from htms.identity.keys import person_keys
from htms.identity.models import PersonKey
from htms.identity.search import Candidate, person_candidates
from htms.persons.models import Person

REINDEX_BATCH = 5000


def person_keys_refresh(*, person: Person) -> None:
    """Rebuilds one person's search keys from what is stored now. Called by the person services
    after every create and update, inside their transaction; nobody else needs to call it."""
    facts = facts_for_ids([person.pk]).get(person.pk)
    PersonKey.objects.filter(person_id=person.pk).delete()
    if facts is not None:
        _insert(_rows([facts]))


def persons_keys_add(*, person_ids: Iterable[int]) -> int:
    """Builds the search keys of persons just written in bulk, who have none yet, a batch of
    ids at a time. Called by the bulk person service inside its transaction. Returns the number
    of keys written."""
    ids, written = list(person_ids), 0
    for start in range(0, len(ids), REINDEX_BATCH):
        written += _insert(_rows(facts_for_ids(ids[start : start + REINDEX_BATCH]).values()))
    return written


def persons_keys_write(*, facts: Iterable[PersonFacts]) -> int:
    """Writes the search keys of persons just written in bulk, who have none yet, from their
    facts as written (``facts_of_written``). Called by the bulk person service inside its
    transaction. Returns the number of keys written."""
    return _insert(_rows(facts))


@dataclass
class ReindexCounts:
    persons: int = 0
    keys: int = 0
    seconds: float = 0.0


def persons_reindex(
    *,
    batch_size: int = REINDEX_BATCH,
    fresh: bool = False,
    progress: Callable[[ReindexCounts], None] | None = None,
) -> ReindexCounts:
    """Rebuilds the search keys of every person, streaming the register in batches of ids, one
    transaction per batch. ``fresh`` empties the index first and, on PostgreSQL, loads it in one
    transaction with its secondary indexes dropped and rebuilt at the end (several times faster
    after a bulk load; person writes wait meanwhile). Derived data only: no audit row, the
    persons themselves are not changed."""
    started = time.perf_counter()
    counts = ReindexCounts()
    if fresh and connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                # Check each row's person as it is copied, not all at the end (no queue).
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(SECONDARY_INDEXES)
                indexes = cursor.fetchall()
                for name, _ in indexes:
                    cursor.execute(f'DROP INDEX "{name}"')
                cursor.execute("TRUNCATE identity_personkey")
            _batches(batch_size, fresh, progress, counts, started)
            with connection.cursor() as cursor:
                for _, definition in indexes:
                    cursor.execute(definition)
    else:
        if fresh:
            PersonKey.objects.all().delete()
        _batches(batch_size, fresh, progress, counts, started)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE identity_personkey")
    counts.seconds = time.perf_counter() - started
    return counts


# The indexes of the key table other than its primary key, with the statements that make them.
SECONDARY_INDEXES = (
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
    "AND tablename = 'identity_personkey' AND indexname <> 'identity_personkey_pkey'"
)


def _batches(
    batch_size: int,
    fresh: bool,
    progress: Callable[[ReindexCounts], None] | None,
    counts: ReindexCounts,
    started: float,
) -> None:
    bounds = Person.objects.aggregate(first=Min("pk"), last=Max("pk"))
    if bounds["first"] is None:
        return
    for first in range(bounds["first"], bounds["last"] + 1, batch_size):
        last = first + batch_size - 1
        with transaction.atomic():
            facts = facts_in_range(first, last)
            if not fresh:
                PersonKey.objects.filter(person_id__gte=first, person_id__lte=last).delete()
            counts.keys += _insert(_rows(facts.values()))
        counts.persons += len(facts)
        counts.seconds = time.perf_counter() - started
        if progress is not None:
            progress(counts)


def candidate_search(*, user: User, query: CandidateQuery, limit: int = 10) -> list[Candidate]:
    """Search before create, for pages and the API: the candidates ``user`` may see, and one
    audit row naming the search fields used (names and numbers sealed) and the candidate ids
    shown. The search reads the replica where one is configured (``htms/common/replica.py``),
    unless the caller is inside a transaction; the audit row is written to the primary."""
    with replica_reads():
        candidates = person_candidates(user=user, query=query, limit=limit)
    audit_record(
        actor=user,
        action=AuditAction.VIEW,
        object_type=AuditObject.PERSON_SEARCH,
        object_id="search",
        changes={
            "fields": sealed_terms(query.fields_used()),
            "ids": [c.person.pk for c in candidates],
        },
    )
    return candidates


def _rows(facts: Iterable[PersonFacts]) -> list[tuple[int, int, str]]:
    return [(f.person_id, kind, value) for f in facts for kind, value in person_keys(f)]


def _insert(rows: list[tuple[int, int, str]]) -> int:
    if connection.vendor == "postgresql":
        return _copy(rows)
    PersonKey.objects.bulk_create(
        (PersonKey(person_id=p, kind=k, value=v) for p, k, v in rows), batch_size=2000
    )
    return len(rows)


def _copy(rows: list[tuple[int, int, str]]) -> int:
    """COPY is several times faster than INSERT for millions of rows. It bypasses the field, so
    each value is turned into its digest here, as ``BlindIndexField`` does for every other
    write and every lookup."""
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy("COPY identity_personkey (person_id, kind, value) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((row[0], row[1], blind_index(row[2])))
    return len(rows)
