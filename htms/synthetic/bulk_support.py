"""Lookups and counters for the bulk loader."""

from collections.abc import Mapping
from dataclasses import dataclass, fields

from htms.accounts.models import User
from htms.cases.models import CaseReferenceCounter, verdict_stands_convicted
from htms.reference.models import Country, Court, District, Statute, Term
from htms.synthetic.records import SynCase


@dataclass
class BulkCounts:
    cases: int = 0
    persons: int = 0
    parties: int = 0
    offences: int = 0
    route_events: int = 0
    hearings: int = 0
    verdicts: int = 0
    batches: int = 0
    seconds: float = 0.0

    def add(self, other: "BulkCounts") -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@dataclass
class Refs:
    """Reference rows by code, and one officer per unit."""

    statutes: dict[str, int]
    terms: dict[tuple[str, str], int]
    countries: dict[str, int]
    districts: dict[str, tuple[int, int]]  # code -> (district id, province id)
    courts: dict[str, int]
    officers: Mapping[str, User]

    @classmethod
    def from_db(cls, officers: Mapping[str, User]) -> "Refs":
        return cls(
            statutes=dict(Statute.objects.values_list("code", "id")),
            terms={(v, c): pk for v, c, pk in Term.objects.values_list("vocabulary", "code", "id")},
            countries=dict(Country.objects.values_list("code", "id")),
            districts={
                c: (pk, prov)
                for c, pk, prov in District.objects.values_list("code", "id", "province_id")
            },
            courts=dict(Court.objects.values_list("code", "id")),
            officers=officers,
        )


def judged_statuses(case: SynCase) -> dict[int, str]:
    """After the judgments each accused tried is convicted (while any offence stands
    convicted after the appeal) or acquitted, as the service records."""
    chains: dict[tuple[int, str], list[str]] = {}
    for v in (*case.verdicts, *case.appeal_verdicts):
        chains.setdefault((v.party_index, v.statute_code), []).append(v.outcome)
    statuses: dict[int, str] = {}
    for (party_index, _code), outcomes in chains.items():
        if verdict_stands_convicted(outcomes):
            statuses[party_index] = "convicted"
        else:
            statuses.setdefault(party_index, "acquitted")
    return statuses


class References:
    """Case references from the units' counters, locked for the batch, saved at its end."""

    def __init__(self) -> None:
        self.counters = {
            (c.unit_id, c.year): c for c in CaseReferenceCounter.objects.select_for_update()
        }
        self.touched: set[tuple[int, int]] = set()

    def next(self, unit_id: int, unit_code: str, year: int) -> str:
        key = (unit_id, year)
        if key not in self.counters:
            self.counters[key] = CaseReferenceCounter.objects.create(unit_id=unit_id, year=year)
        counter = self.counters[key]
        counter.last_number += 1
        self.touched.add(key)
        return f"{unit_code}/{year}/{counter.last_number:05d}"

    def save(self) -> None:
        CaseReferenceCounter.objects.bulk_update(
            [self.counters[k] for k in sorted(self.touched)], ["last_number"]
        )


def e164(national: str) -> str:
    """0300-1234567 -> +923001234567."""
    digits = "".join(ch for ch in national if ch.isdigit())
    return "+92" + digits[1:]
