"""The national register as records for the pipeline, read in a few streaming queries.

A person with several CNICs, passports, phones or addresses is compared on the first one
recorded (the lowest id): the pipeline compares one value per field.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]

from htms.cases.models import PROTECTED_ROLES, CaseParty, PartyRole
from htms.persons.models import (
    DatePrecision,
    DocumentKind,
    IdentityDocument,
    Person,
    PersonAddress,
    PersonPhone,
)
from htms.resolution.models import Decision, ReviewDecision
from htms.resolution.pipeline import Constraints

CHUNK = 20_000
PERSON_FIELDS = (
    "id",
    "full_name",
    "full_name_ur",
    "father_name",
    "father_name_ur",
    "sex",
    "birth_date",
    "birth_date_precision",
    "nationality__code",
)


@dataclass(frozen=True)
class RegisterSnapshot:
    person_ids: np.ndarray  # record position -> person id
    records: pd.DataFrame  # the pipeline's input columns
    constraints: Constraints
    decisions: dict[tuple[int, int], str]  # (lower id, higher id) -> decision


def _first(rows: Iterable[tuple[int, str | None]]) -> dict[int, str]:
    first: dict[int, str] = {}
    for person_id, value in rows:
        if value and person_id not in first:
            first[person_id] = value
    return first


def _dob(born: object, precision: str) -> str:
    if born is None:
        return ""
    text = str(born)
    if precision == DatePrecision.YEAR:
        return text[:4]
    if precision == DatePrecision.MONTH:
        return text[:7]
    return text


def _documents(kind: str) -> dict[int, str]:
    rows = (
        IdentityDocument.objects.filter(kind=kind)
        .order_by("person_id", "id")
        .values_list("person_id", "number")
    )
    return _first(rows.iterator(chunk_size=CHUNK))


def _records() -> tuple[np.ndarray, pd.DataFrame]:
    cnics, passports = _documents(DocumentKind.CNIC), _documents(DocumentKind.PASSPORT)
    phones = _first(
        PersonPhone.objects.order_by("person_id", "id")
        .values_list("person_id", "number")
        .iterator(chunk_size=CHUNK)
    )
    districts = _first(
        PersonAddress.objects.filter(district__isnull=False)
        .order_by("person_id", "id")
        .values_list("person_id", "district__code")
        .iterator(chunk_size=CHUNK)
    )
    addresses = _first(
        PersonAddress.objects.exclude(text="")
        .order_by("person_id", "id")
        .values_list("person_id", "text")
        .iterator(chunk_size=CHUNK)
    )
    rows = []
    persons = Person.objects.order_by("id").values_list(*PERSON_FIELDS)
    for pid, name, name_ur, father, father_ur, sex, born, precision, country in persons.iterator(
        chunk_size=CHUNK
    ):
        rows.append(
            (
                str(pid), name or name_ur, name_ur if name else "", father or father_ur,
                father_ur if father else "", _dob(born, precision), "" if sex == "U" else sex,
                cnics.get(pid, ""), passports.get(pid, ""), phones.get(pid, ""), country or "",
                districts.get(pid, ""), addresses.get(pid, ""),
            )
        )  # fmt: skip
    columns = [
        "record_id", "full_name", "full_name_ur", "father_name", "father_name_ur", "dob",
        "sex", "cnic", "passport", "phone", "nationality", "district", "address",
    ]  # fmt: skip
    records = pd.DataFrame(rows, columns=columns)
    return records["record_id"].astype(np.int64).to_numpy(), records


def _roles(position: dict[int, int]) -> tuple[frozenset[int], frozenset[int]]:
    protected, accused = set(), set()
    for person_id, role in CaseParty.objects.values_list("person_id", "role").iterator(CHUNK):
        if person_id not in position:
            continue
        if role in PROTECTED_ROLES:
            protected.add(position[person_id])
        elif role == PartyRole.ACCUSED:
            accused.add(position[person_id])
    return frozenset(protected), frozenset(accused)


def register_snapshot() -> RegisterSnapshot:
    """Every person, their roles in cases, and every decision taken so far."""
    person_ids, records = _records()
    position = {int(pid): i for i, pid in enumerate(person_ids.tolist())}
    protected, accused = _roles(position)
    decisions = {
        (a, b): decision
        for a, b, decision in ReviewDecision.objects.values_list(
            "person_a_id", "person_b_id", "decision"
        )
    }
    together: list[tuple[int, int]] = []
    apart: list[tuple[int, int]] = []
    for (a, b), decision in decisions.items():
        if a in position and b in position:
            pair = (position[a], position[b])
            (together if decision == Decision.SAME else apart).append(pair)
    return RegisterSnapshot(
        person_ids=person_ids,
        records=records,
        constraints=Constraints(
            protected=protected, accused=accused, together=tuple(together), apart=tuple(apart)
        ),
        decisions=decisions,
    )
