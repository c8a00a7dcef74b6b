"""Likely duplicates of a case about to be registered.

A case already registered is a likely duplicate of the new one when all of these hold:

- the user may see it (``case_queryset_for_user``). A writer of circle B is never told that
  circle A holds a similar case: circle writers are warned about their own unit's cases, zonal
  writers about their zone's, headquarters writers about all;
- it names one of the new case's accused as accused, or one of its victims or smuggled
  migrants as victim or smuggled migrant: the same person picked from the register, or a person
  with the same CNIC or passport number whose identity the user may see (so that no warning
  ties a pseudonym to a number the officer typed);
- it charges one of the same statute sections;
- the offence periods overlap. A case's period runs from the date of the offence (if unknown,
  from any time before) to its FIR date, else the day it was registered;
- the two do not carry different FIRs: an FIR is registered once (``FIR_TAKEN``), and two FIRs
  are two cases in law.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.cases.access import case_queryset_for_user
from htms.cases.inputs import CaseInput
from htms.cases.models import PROTECTED_ROLES, Case, CaseParty, PartyRole
from htms.common.lists import join_list
from htms.persons.access import identity_visibility
from htms.persons.models import DocumentKind, IdentityDocument, Person
from htms.persons.validators import normalize_cnic, normalize_passport

# At most this many candidates are shown, those with most in common first.
MAX_CANDIDATES = 10

SAME_PERSON = {
    PartyRole.ACCUSED: _("same accused"),
    PartyRole.VICTIM: _("same victim"),
    PartyRole.SMUGGLED_MIGRANT: _("same smuggled migrant"),
}
SAME_DOCUMENT = {
    DocumentKind.CNIC: _("same CNIC"),
    DocumentKind.PASSPORT: _("same passport number"),
}
SAME_SECTION = _("same section")
DATES_OVERLAP = _("offence dates overlap")
DATE_UNKNOWN = _("offence dates may overlap (a date of the offence is not known)")

ACCUSED_ROLES = frozenset({PartyRole.ACCUSED})
# Documents the new case's persons carry: (kind, normal form).
Document = tuple[str, str]


@dataclass(frozen=True)
class CandidatePerson:
    """A person the two cases share, named as the user may see them."""

    person_id: int
    name: str
    role: str
    role_label: str


@dataclass(frozen=True)
class DuplicateCandidate:
    case_id: int
    reference: str
    unit_name: str
    stage: str
    stage_label: str
    registered_on: date
    reasons: tuple[str, ...]
    persons: tuple[CandidatePerson, ...]

    @property
    def reason(self) -> str:
        return join_list(self.reasons)


@dataclass
class _Wanted:
    """Who the new case names, by role group: person ids and documents."""

    ids: dict[frozenset[str], set[int]]
    documents: dict[frozenset[str], set[Document]]


def _document(kind: str, number: str) -> Document | None:
    try:
        if kind == DocumentKind.CNIC:
            return kind, normalize_cnic(number)
        if kind == DocumentKind.PASSPORT:
            return kind, normalize_passport(number, pakistani=False)
    except ValidationError:
        pass  # the registration's own check reports it
    return None


def _wanted(data: CaseInput) -> _Wanted:
    wanted = _Wanted(defaultdict(set), defaultdict(set))
    for party in data.parties:
        group = ACCUSED_ROLES if party.role == PartyRole.ACCUSED else PROTECTED_ROLES
        if party.role not in group:
            continue
        if party.person_id is not None:
            wanted.ids[group].add(party.person_id)
        for doc in party.person.documents if party.person is not None else []:
            if (found := _document(doc.kind, doc.number)) is not None:
                wanted.documents[group].add(found)
    return wanted


def _documents_match(documents: Iterable[Document]) -> Q:
    match = Q(pk__in=[])
    for kind, number in documents:
        match |= Q(kind=kind, number=number)
    return match


@dataclass
class _Persons:
    """The persons of the register the new case names, by role group; for those found by a
    document, which documents."""

    by_group: dict[frozenset[str], set[int]]
    documents: dict[int, set[str]]
    visible: dict[int, bool]


def _persons(actor: User, wanted: _Wanted) -> _Persons:
    """Picked persons, and the holders of the typed documents whose identity the user may
    see. Looked up by id and document first, so that the queries after use the indexes."""
    groups_of: dict[Document, list[frozenset[str]]] = defaultdict(list)
    for group, documents in wanted.documents.items():
        for document in documents:
            groups_of[document].append(group)
    held = IdentityDocument.objects.filter(_documents_match(groups_of))
    holders = list(held.values_list("person_id", "kind", "number")) if groups_of else []
    picked = set().union(*wanted.ids.values())
    visible = identity_visibility(actor, picked | {p for p, _k, _n in holders})
    found = _Persons(defaultdict(set), defaultdict(set), visible)
    for group, ids in wanted.ids.items():
        found.by_group[group] |= ids
    for person_id, kind, number in holders:
        if visible[person_id]:
            for group in groups_of[(kind, number)]:
                found.by_group[group].add(person_id)
            found.documents[person_id].add(str(SAME_DOCUMENT[DocumentKind(kind)]))
    return found


def _matching_parties(persons: _Persons) -> list[tuple[int, int, str]]:
    """(case id, person id, role) of every party in which a person found plays a role of the
    same group, in any case: the caller keeps those of the cases the user may see."""
    condition = Q(pk__in=[])
    for group, ids in persons.by_group.items():
        condition |= Q(role__in=group, person_id__in=ids)
    parties = CaseParty.objects.filter(condition)
    return list(parties.values_list("case_id", "person_id", "role").distinct())


def _visible_cases(actor: User, data: CaseInput, case_ids: set[int]) -> list[Case]:
    """Those of ``case_ids`` the user may see, with a shared section and no other FIR."""
    cases = case_queryset_for_user(actor).filter(
        pk__in=case_ids, offences__statute__code__in=data.statute_codes
    )
    if data.fir_number.strip():
        cases = cases.filter(fir_number="")
    return list(cases.select_related("unit").distinct())


def _period(start: date | None, end: date) -> tuple[date | None, date]:
    return start, max(end, start) if start else end


def _dates_reason(new: tuple[date | None, date], case: Case) -> str | None:
    """Why the offence dates may be the same, or None if the periods do not overlap."""
    old = _period(case.occurred_on, case.fir_date or timezone.localdate(case.registered_at))
    if new[0] is not None and new[0] > old[1]:
        return None
    if old[0] is not None and old[0] > new[1]:
        return None
    return str(DATES_OVERLAP if new[0] and old[0] else DATE_UNKNOWN)


def _names(persons: _Persons, person_ids: set[int]) -> dict[int, str]:
    if not person_ids:
        return {}
    found = Person.objects.filter(pk__in=person_ids).only("full_name", "full_name_ur", "created_at")
    return {p.pk: str(p) if persons.visible[p.pk] else p.pseudonym for p in found}


def case_duplicate_candidates(
    *, actor: User, case_input: CaseInput, today: date | None = None
) -> list[DuplicateCandidate]:
    """The cases the user may see that look like ``case_input``, each with a plain reason;
    those with most in common first. A read: nothing is written."""
    wanted = _wanted(case_input)
    if not case_input.statute_codes or not (wanted.ids or wanted.documents):
        return []
    persons = _persons(actor, wanted)
    rows = _matching_parties(persons)
    cases = _visible_cases(actor, case_input, {c for c, _p, _r in rows}) if rows else []
    end = case_input.fir_date or case_input.registered_on or today or timezone.localdate()
    new = _period(case_input.occurred_on, end)
    overlapping = {case.pk: (case, dates) for case in cases if (dates := _dates_reason(new, case))}
    shared: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for case_id, person_id, role in rows:
        if case_id in overlapping:
            shared[case_id].append((person_id, role))
    names = _names(persons, {p for pairs in shared.values() for p, _r in pairs})
    found = [
        _candidate(case, shared[case.pk], persons, names, dates)
        for case, dates in overlapping.values()
    ]
    found.sort(key=lambda c: (-len(c.reasons), -c.registered_on.toordinal(), -c.case_id))
    return found[:MAX_CANDIDATES]


def _candidate(
    case: Case,
    shared: list[tuple[int, str]],
    persons: _Persons,
    names: dict[int, str],
    dates: str,
) -> DuplicateCandidate:
    reasons = [str(SAME_PERSON[PartyRole(r)]) for r in sorted({r for _p, r in shared})]
    reasons += sorted(set().union(*(persons.documents.get(p, set()) for p, _r in shared)))
    return DuplicateCandidate(
        case_id=case.pk,
        reference=case.reference,
        unit_name=case.unit.name,
        stage=case.stage,
        stage_label=str(case.get_stage_display()),
        registered_on=timezone.localdate(case.registered_at),
        reasons=(*dict.fromkeys(reasons), str(SAME_SECTION), dates),
        persons=tuple(
            CandidatePerson(p, names.get(p, ""), r, str(PartyRole(r).label))
            for p, r in sorted(shared)
        ),
    )
