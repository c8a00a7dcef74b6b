"""Seals: a keyed digest of each protected record as its last audited write left it.

A case's seal covers the case row, its offences, its parties and its verdicts; a person's covers
the person row and their identity documents. Every audit row of a write about one of them
carries the new seal (``AuditEvent.seals``, inside the keyed chain), so ``verify`` can recompute
the digests of the records as they are now and report one changed, added or removed by hand in
the database: a stage or an FIR number, a person's name, a victim's case-party row.
"""

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db import models

from htms.audit.keys import keyed_digest
from htms.audit.models import AuditAction, AuditObject
from htms.cases.models import Case, CaseParty, Hearing, Offence, StageChange, Verdict
from htms.persons.models import IdentityDocument, Person

DELETED = "deleted"
WRITES = frozenset({AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE})


# The sealed columns, named so that a column added by a later migration does not change the
# seals of existing records (and so is not sealed until it is named here).
SEALED_COLUMNS: dict[type[models.Model], tuple[str, ...]] = {
    Case: (
        "id", "reference", "unit_id", "investigating_officer_id", "origin", "enquiry_number",
        "fir_number", "fir_date", "police_station", "occurred_on", "summary", "stage",
        "crime_mask", "court_id", "closure_reason", "registered_at", "registered_by_id",
        "version", "is_synthetic",
    ),
    Offence: ("id", "case_id", "statute_id"),
    CaseParty: (
        "id", "case_id", "person_id", "role", "network_role_id", "accused_status",
        "trafficking_status", "status_decided_by",
    ),
    Verdict: (
        "id", "case_id", "accused_id", "offence_id", "court_id", "date", "level", "outcome",
        "basis", "sentence_kind", "sentence_years", "sentence_months", "fine_amount",
        "fine_currency", "compensation_amount", "compensation_currency",
    ),
    Person: (
        "id", "full_name", "full_name_ur", "relation", "father_name", "father_name_ur", "sex",
        "birth_date", "birth_date_precision", "nationality_id", "nationality_verified_id",
        "created_by_unit_id", "created_at", "version", "is_synthetic",
    ),
    IdentityDocument: ("id", "person_id", "kind", "number", "country_id", "description"),
}  # fmt: skip


def _rows(model: type[models.Model], **lookup: Any) -> list[dict[str, Any]]:
    columns = SEALED_COLUMNS[model]
    return list(model._default_manager.filter(**lookup).order_by("pk").values(*columns))


def _grouped(rows: Iterable[dict[str, Any]], key: str) -> dict[int, list[dict[str, Any]]]:
    groups: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row[key], []).append(row)
    return groups


def _digest(kind: str, record: dict[str, Any]) -> str:
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
    return keyed_digest(f"{kind}|{text}")


def case_digests(case_ids: Iterable[int]) -> dict[int, str]:
    """The seal of each existing case of ``case_ids``: four queries, whatever their number."""
    ids = list(case_ids)
    children = {
        name: _grouped(_rows(model, case_id__in=ids), "case_id")
        for name, model in (("offences", Offence), ("parties", CaseParty), ("verdicts", Verdict))
    }
    return {
        row["id"]: _digest(
            "case", {"case": row, **{k: v.get(row["id"], []) for k, v in children.items()}}
        )
        for row in _rows(Case, pk__in=ids)
    }


def person_digests(person_ids: Iterable[int]) -> dict[int, str]:
    """The seal of each existing person of ``person_ids``: two queries."""
    ids = list(person_ids)
    documents = _grouped(_rows(IdentityDocument, person_id__in=ids), "person_id")
    return {
        row["id"]: _digest("person", {"person": row, "documents": documents.get(row["id"], [])})
        for row in _rows(Person, pk__in=ids)
    }


def person_digest_of(person: Person, documents: Iterable[IdentityDocument]) -> str:
    """The seal of a person just written, from the rows written: what ``person_digests`` reads
    back from them, without reading (a bulk write of thousands of persons)."""
    return _digest(
        "person",
        {
            "person": _columns(person),
            "documents": [_columns(d) for d in sorted(documents, key=lambda d: d.pk)],
        },
    )


def _columns(row: models.Model) -> dict[str, Any]:
    return {column: getattr(row, column) for column in SEALED_COLUMNS[type(row)]}


def seal_key(kind: str, object_id: int) -> str:
    return f"{kind}:{object_id}"


def seals_of(*, case_ids: Iterable[int] = (), person_ids: Iterable[int] = ()) -> dict[str, str]:
    """Seals of these records as they are now; a record that no longer exists is ``deleted``."""
    case_ids, person_ids = list(case_ids), list(person_ids)
    cases, persons = case_digests(case_ids), person_digests(person_ids)
    return {
        **{seal_key("case", i): cases.get(i, DELETED) for i in case_ids},
        **{seal_key("person", i): persons.get(i, DELETED) for i in person_ids},
    }


def _id(object_id: str) -> int | None:
    return int(object_id) if object_id.isdigit() else None


def _case_of(model: type[models.Model]) -> Callable[[int], list[int]]:
    def case_ids(pk: int) -> list[int]:
        return list(model._default_manager.filter(pk=pk).values_list("case_id", flat=True))

    return case_ids


# What a write about each kind of object may have changed: the cases and the persons to seal.
_CASES_OF: dict[str, Callable[[int], list[int]]] = {
    AuditObject.CASE: lambda pk: [pk],
    AuditObject.CASE_PARTY: _case_of(CaseParty),
    AuditObject.HEARING: _case_of(Hearing),
    AuditObject.STAGE_CHANGE: _case_of(StageChange),
}


def seals_for_write(*, action: str, object_type: str, object_id: str) -> dict[str, str]:
    """The seals an audit row about this write carries; none for reads."""
    pk = _id(object_id)
    if action not in WRITES or pk is None:
        return {}
    if object_type == AuditObject.PERSON:
        return seals_of(person_ids=[pk])
    cases_of = _CASES_OF.get(object_type)
    return seals_of(case_ids=cases_of(pk)) if cases_of else {}


def in_batches(model: type[models.Model], size: int) -> Iterator[list[int]]:
    """Every id of ``model``, ``size`` at a time, in order."""
    last = 0
    while True:
        ids = list(
            model._default_manager.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        if not ids:
            return
        yield ids
        last = ids[-1]


def unsealed_ids(
    model: type[models.Model], kind: str, sealed: set[str], size: int
) -> Iterator[list[int]]:
    """Ids of ``model`` that no audit row has sealed yet, ``size`` at a time."""
    for ids in in_batches(model, size):
        fresh = [pk for pk in ids if seal_key(kind, pk) not in sealed]
        if fresh:
            yield fresh
