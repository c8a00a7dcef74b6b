"""Search before create: ranked candidate persons for what an officer knows, with reasons.

1. Blocking: exact lookups of ``PersonKey`` rows (CNIC, CNIC with a block left out, passport,
   phone, pairs of name skeletons, name skeleton and birth year). A key shared by more than
   ``KEY_CAP`` persons ("Muhammad Ali") says little and is dropped unless nothing else is left.
2. The best ``MAX_CANDIDATES`` by blocking weight are narrowed to those the user may search
   (``access.searchable_ids``), then scored (``scoring.judge``).

Only persons whose identity the user may see are ever candidates, so no search ties a
pseudonym to a name. Reads only: ``services.candidate_search`` adds the audit row.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import Count, IntegerField, Q, Value

from htms.accounts.models import User
from htms.identity.access import searchable_ids
from htms.identity.facts import PersonFacts, facts_for_ids
from htms.identity.inputs import CandidateQuery, candidate_query_prepare, has_criteria
from htms.identity.keys import (
    cnic_mask_value,
    cnic_near_values,
    name_father_values,
    name_skeletons,
    skeleton_pairs,
)
from htms.identity.models import KeyKind, PersonKey
from htms.identity.scoring import PreparedQuery, Token, judge
from htms.persons.models import Person

KEY_CAP = 3000
MAX_CANDIDATES = 100
MIN_SCORE = 0.05
IDENTIFIER_WEIGHTS: dict[int, float] = {
    KeyKind.CNIC: 10.0,
    KeyKind.PASSPORT: 8.0,
    KeyKind.CNIC_NEAR: 5.0,
    KeyKind.PHONE: 2.0,
}
NAME_WEIGHTS: dict[int, float] = {
    KeyKind.NAME_PAIR: 3.0,
    KeyKind.FATHER_PAIR: 2.0,
    KeyKind.NAME_YEAR: 2.0,
    KeyKind.NAME_FATHER: 4.0,
    KeyKind.NAME: 1.0,
    KeyKind.FATHER: 1.0,
}
W_CNIC_MASK = 3.0


@dataclass
class Candidate:
    person: Person
    facts: PersonFacts
    score: float
    reasons: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def person_candidates(*, user: User, query: CandidateQuery, limit: int = 10) -> list[Candidate]:
    """The best ``limit`` candidates for ``query`` that ``user`` may search, best first; none
    for a query with nothing to look up. Raises ValidationError naming each malformed field.
    Does not audit: pages and the API call ``services.candidate_search``, which does."""
    prepared = candidate_query_prepare(query)
    if not has_criteria(prepared):
        return []
    weights = _blocking_weights(prepared)
    if not weights:
        return []
    best = [pk for pk, _ in sorted(weights.items(), key=lambda kv: (-kv[1], -kv[0]))]
    allowed = searchable_ids(user, best[:MAX_CANDIDATES])
    scored = []
    for facts in facts_for_ids(allowed).values():
        verdict = judge(prepared, facts)
        if verdict.score >= MIN_SCORE:
            scored.append((facts, verdict))
    scored.sort(key=lambda fv: (-fv[1].score, -fv[0].person_id))
    scored = scored[:limit]
    shown = Person.objects.filter(pk__in=[f.person_id for f, _ in scored])
    persons = {p.pk: p for p in shown.only("id", "full_name", "full_name_ur", "created_at")}
    return [Candidate(persons[f.person_id], f, v.score, v.reasons, v.conflicts) for f, v in scored]


@dataclass(frozen=True)
class _Lookup:
    condition: Q
    weights: dict[int, float] | float
    droppable: bool  # a key shared by too many persons is dropped


def _blocking_weights(query: PreparedQuery) -> dict[int, float]:
    """Person id -> summed weight of the keys it shares with the query."""
    lookups = [_Lookup(c, IDENTIFIER_WEIGHTS, False) for c in (_identifier_filter(query),) if c]
    if query.cnic_mask and (mask := _mask_filter(query.cnic_mask)) is not None:
        lookups.append(_Lookup(mask, W_CNIC_MASK, False))
    lookups += [_Lookup(c, NAME_WEIGHTS, True) for c in _name_filters(query)]
    weights: dict[int, float] = defaultdict(float)
    frequent: list[tuple[_Lookup, list[tuple[int, int]]]] = []
    for lookup, rows in zip(lookups, _fetch([lk.condition for lk in lookups]), strict=True):
        if lookup.droppable and len(rows) > KEY_CAP:
            frequent.append((lookup, rows))
            continue
        _add(weights, lookup, rows)
    if not weights and frequent:
        # Only common names were given: some of their bearers, rather than nobody.
        _add(weights, frequent[0][0], frequent[0][1][:MAX_CANDIDATES])
    return weights


def _add(weights: dict[int, float], lookup: _Lookup, rows: list[tuple[int, int]]) -> None:
    w = lookup.weights
    if isinstance(w, float):
        for pk, _ in rows:
            weights[pk] += w
    else:
        for pk, kind in rows:
            weights[pk] += w[kind]


def _fetch(conditions: list[Q]) -> list[list[tuple[int, int]]]:
    """The (person, kind) rows of each condition, at most KEY_CAP + 1 each: in one query
    where the database takes a UNION ALL of limited selects (PostgreSQL), else one each."""
    selects = [
        PersonKey.objects.filter(c)
        .annotate(lookup=Value(i, output_field=IntegerField()))
        .values_list("person_id", "kind", "lookup")
        .order_by()[: KEY_CAP + 1]
        for i, c in enumerate(conditions)
    ]
    found: list[list[tuple[int, int]]] = [[] for _ in conditions]
    if not selects:
        return found
    # The database the router reads from now: the replica inside ``replica_reads()``.
    connection = connections[selects[0].db]
    if len(selects) > 1 and connection.features.supports_slicing_ordering_in_compound:
        selects = [selects[0].union(*selects[1:], all=True)]
    for select in selects:
        # Plain rows of integers: skip the ORM's per-value converters (thousands of rows).
        sql, params = select.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for pk, kind, index in cursor.fetchall():
                found[index].append((pk, kind))
    return found


def _identifier_filter(query: PreparedQuery) -> Q | None:
    parts = []
    if query.cnic:
        parts.append(Q(kind=KeyKind.CNIC, value=query.cnic))
        parts.append(Q(kind=KeyKind.CNIC_NEAR, value__in=cnic_near_values(query.cnic)))
    if query.passport:
        parts.append(Q(kind=KeyKind.PASSPORT, value=query.passport))
    if query.phone:
        parts.append(Q(kind=KeyKind.PHONE, value=query.phone))
    return _any(parts)


def _mask_filter(mask: str) -> Q | None:
    """CNICs that fit the known digits: the CNIC-near key that leaves out the block holding
    the unknown ones (the query's validation refuses a mask that has none)."""
    value = cnic_mask_value(mask)
    return None if value is None else Q(kind=KeyKind.CNIC_NEAR, value=value)


def _name_filters(query: PreparedQuery) -> list[Q]:
    """One lookup per pair of name tokens (a common pair is then dropped on its own), one for a
    single-token name, one for name and father's name tokens together, one for the name tokens
    with the birth years around the one given."""
    filters = []
    for names, single, pair in (
        (query.names, KeyKind.NAME, KeyKind.NAME_PAIR),
        (query.father_names, KeyKind.FATHER, KeyKind.FATHER_PAIR),
    ):
        for tokens in names:
            skeletons = _distinct_skeletons(tokens)
            filters += [Q(kind=pair, value=value) for value in sorted(skeleton_pairs(skeletons))]
            strong = _strong((tokens,))
            if len(skeletons) == 1 and strong:
                filters.append(Q(kind=single, value=strong[0]))
    given, fathers = _strong(query.names), _strong(query.father_names)
    if given and fathers:
        values = sorted(name_father_values(given, fathers))
        filters.append(Q(kind=KeyKind.NAME_FATHER, value__in=values))
    if query.birth_years and given:
        low, high = query.birth_years
        values = [f"{s}:{y}" for s in given for y in range(low - 1, high + 2)]
        filters.append(Q(kind=KeyKind.NAME_YEAR, value__in=values))
    return filters


def _strong(names: tuple[tuple[Token, ...], ...]) -> list[str]:
    """Skeletons of the tokens that are not weak (Muhammad, Khan, Syed...)."""
    return sorted({t.skeleton for n in names for t in n if t.weight == 1.0 and t.skeleton})


def _distinct_skeletons(tokens: tuple[Token, ...]) -> list[str]:
    seen: list[str] = []
    for token in tokens:
        if token.skeleton and token.skeleton not in seen:
            seen.append(token.skeleton)
    return seen[:6]


def _any(parts: list[Q]) -> Q | None:
    if not parts:
        return None
    condition = parts[0]
    for part in parts[1:]:
        condition |= part
    return condition


# Tokens of a free-text name search that must all be found: pairs grow as n².
MAX_NAME_TOKENS = 4


def persons_named(text: str) -> list[int] | None:
    """The ids of the persons whose name (or an alias) holds every token of ``text``, in Latin
    or Urdu script, by the index's name keys rather than the raw names; None when the text holds
    no name token worth looking up (one weak token such as "Khan" names nobody in particular).
    Read at once, so that callers filter on a list of ids, which the database plans well. Reads
    only, and no access rule: callers narrow the result to the persons the user may find by
    name."""
    every, strong = name_skeletons(text)
    every = every[:MAX_NAME_TOKENS]
    if len(every) == 1:
        if not strong:
            return None
        keys = PersonKey.objects.filter(kind=KeyKind.NAME, value=strong[0])
        return sorted(set(keys.values_list("person_id", flat=True)))
    if not every:
        return None
    pairs = sorted(skeleton_pairs(every))
    found = (
        PersonKey.objects.filter(kind=KeyKind.NAME_PAIR, value__in=pairs)
        .values("person_id")
        .annotate(pairs=Count("value", distinct=True))
        .filter(pairs=len(pairs))
    )
    return sorted(row["person_id"] for row in found)
