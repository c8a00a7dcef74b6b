"""Matching manifest rows to persons already in the register.

Exact: the same CNIC or passport number (normal form, as ``htms/persons/validators.py`` stores
it) on an identity document. One person found: the row is linked to them and the officer
confirms on the person's screen. Several persons: the officer chooses before anything is
recorded. None: a new person is created. Fuzzy candidates on name, father's name and date of
birth come from ``htms.identity.search.person_candidates`` when the officer opens the person's
screen (where they confirm or reject them), when the identity module provides that search.

Matching reads the whole register (a repeat interception is usually recorded at another post);
what the officer is shown about a candidate is limited by the intake and person chokepoints.
"""

import dataclasses
import importlib
import inspect
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from htms.accounts.models import User
from htms.intake.entries import EntryInput
from htms.intake.models import MatchBasis
from htms.persons.models import DocumentKind, IdentityDocument, Person
from htms.persons.validators import normalize_cnic

FUZZY_LIMIT = 5
# Below this score a fuzzy candidate is noise for a busy officer.
FUZZY_MIN_SCORE = 0.5
FUZZY_OFF = gettext_lazy(
    "Matching on name, father's name and date of birth is not available yet; only exact CNIC "
    "and passport matches were looked for."
)


@dataclass
class Candidate:
    person_id: int
    score: float
    reasons: list[str]

    def as_json(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "score": self.score, "reasons": self.reasons}


@dataclass
class Match:
    person_id: int | None
    basis: str
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def ambiguous(self) -> bool:
        """Several persons carry this row's numbers: the officer must choose."""
        return self.person_id is None and any(c.score >= 1.0 for c in self.candidates)


def _passport_key(raw: str) -> str:
    return re.sub(r"[\s\-]", "", raw).upper()


def _cnic_key(raw: str) -> str:
    try:
        return normalize_cnic(raw)
    except Exception:  # an invalid CNIC never reaches matching; be safe anyway
        return ""


class ExactIndex:
    """The persons holding each CNIC and passport number of a batch: two queries a batch."""

    def __init__(self, entries: Iterable[EntryInput]) -> None:
        entries = list(entries)
        cnics = {k for e in entries if e.cnic and (k := _cnic_key(e.cnic))}
        passports = {_passport_key(e.passport) for e in entries if e.passport}
        self.holders: dict[tuple[str, str], set[int]] = defaultdict(set)
        for kind, numbers in ((DocumentKind.CNIC, cnics), (DocumentKind.PASSPORT, passports)):
            if not numbers:
                continue
            for number, person_id in IdentityDocument.objects.filter(
                kind=kind, number__in=numbers
            ).values_list("number", "person_id"):
                self.holders[(kind, number)].add(person_id)

    def persons(self) -> dict[int, Person]:
        """Every person the batch's numbers found, by id: one query."""
        ids = {pk for holders in self.holders.values() for pk in holders}
        return Person.objects.in_bulk(ids) if ids else {}

    def cnic_holders(self, person_ids: Iterable[int]) -> set[int]:
        """Which of these persons hold a CNIC in the register: one query."""
        ids = list(person_ids)
        if not ids:
            return set()
        found = IdentityDocument.objects.filter(person_id__in=ids, kind=DocumentKind.CNIC)
        return set(found.values_list("person_id", flat=True))

    def match(self, entry: EntryInput) -> Match:
        by_cnic = self.holders.get((DocumentKind.CNIC, _cnic_key(entry.cnic)), set())
        by_passport = self.holders.get(
            (DocumentKind.PASSPORT, _passport_key(entry.passport)), set()
        )
        found = sorted(by_cnic | by_passport)
        candidates = [
            Candidate(pid, 1.0, _reasons(pid in by_cnic, pid in by_passport)) for pid in found
        ]
        if len(found) == 1:
            basis = MatchBasis.CNIC if found[0] in by_cnic else MatchBasis.PASSPORT
            return Match(found[0], basis, candidates)
        return Match(None, MatchBasis.NEW, candidates)


def _reasons(cnic: bool, passport: bool) -> list[str]:
    reasons = []
    if cnic:
        reasons.append(str(_("same CNIC")))
    if passport:
        reasons.append(str(_("same passport number")))
    return reasons


def _search_module() -> Any:
    try:
        return importlib.import_module("htms.identity.search")
    except ImportError:
        return None


def fuzzy_available() -> bool:
    module = _search_module()
    return module is not None and hasattr(module, "person_candidates")


def _query(module: Any, offered: dict[str, Any]) -> Any:
    """A CandidateQuery holding whatever of ``offered`` it accepts."""
    query_type = module.CandidateQuery
    if dataclasses.is_dataclass(query_type):
        accepted = {f.name for f in dataclasses.fields(query_type)}
    else:
        accepted = set(inspect.signature(query_type).parameters)
    return query_type(**{k: v for k, v in offered.items() if k in accepted and v})


def _offered(person: Person) -> dict[str, Any]:
    numbers = dict(person.documents.values_list("kind", "number"))
    return {
        "name": person.full_name or person.full_name_ur,
        "father_name": person.father_name or person.father_name_ur,
        "birth_date": person.birth_date,
        "birth_date_precision": person.birth_date_precision,
        "sex": person.sex if person.sex != "U" else "",
        "cnic": numbers.get(DocumentKind.CNIC, ""),
        "passport": numbers.get(DocumentKind.PASSPORT, ""),
    }


def fuzzy_candidates(*, user: User, person: Person, limit: int = FUZZY_LIMIT) -> list[Candidate]:
    """Other persons like ``person`` by name, father's name, date of birth and near-identical
    numbers, among those the user may search; [] when the identity search is not installed.
    Run when an officer opens the person's screen, so that imports stay fast."""
    module = _search_module()
    if module is None or not hasattr(module, "person_candidates"):
        return []
    try:
        found = module.person_candidates(
            user=user, query=_query(module, _offered(person)), limit=limit + 1
        )
    except ValidationError:  # the record says too little to search on
        return []
    return [
        Candidate(c.person.pk, round(float(c.score), 3), [str(r) for r in c.reasons])
        for c in found
        if float(c.score) >= FUZZY_MIN_SCORE and c.person.pk != person.pk
    ][:limit]


def event_candidates(*, user: User, event: Any) -> list[dict[str, Any]]:
    """The persons a border event's person may be: those found by number at import, then the
    fuzzy ones, once each; none once the officer has confirmed who the person is."""
    if event.identity_confirmed:
        return []
    found = {c["person_id"]: c for c in event.match_candidates if c["person_id"] != event.person_id}
    for c in fuzzy_candidates(user=user, person=event.person):
        found.setdefault(c.person_id, c.as_json())
    return list(found.values())
