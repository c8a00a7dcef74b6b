"""How alike a search and a stored person are, and why: plain reasons an officer can check.

A shared phone or family name is not identity (Aleph scored two agents sharing a phone at 0.96):
each piece of evidence adds a bounded amount (noisy-or), each conflict divides, and the reasons
and conflicts are always shown so that the officer decides.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rapidfuzz.distance import JaroWinkler

from htms.identity.facts import PersonFacts
from htms.identity.normalize import (
    canonical_token,
    cnic_distance,
    cnic_fits,
    is_urdu,
    is_weak,
    name_tokens,
    skeleton,
    split_relation,
)
from htms.identity.variants import CANONICAL

KNOWN_NAMES = frozenset(CANONICAL.values())
WEAK_WEIGHT = 0.3
NAME_MATCHES, NAME_SIMILAR = 0.9, 0.7
# Evidence, as the chance it alone would make the same person (combined by noisy-or).
W_CNIC, W_CNIC_NEAR, W_CNIC_PARTIAL = 0.9, 0.55, 0.3
W_PASSPORT, W_PHONE, W_DISTRICT = 0.85, 0.15, 0.05
W_NAME, W_NAME_SIMILAR, W_FATHER, W_FATHER_SIMILAR = 0.55, 0.35, 0.35, 0.2
W_BIRTH_SAME_DAY, W_BIRTH_SAME_YEAR, W_BIRTH_ONE, W_BIRTH_TWO = 0.3, 0.2, 0.1, 0.05
# Conflicts multiply the score.
C_CNIC, C_CNIC_MASK, C_SEX, C_BIRTH, C_PASSPORT, C_NAME = 0.3, 0.5, 0.4, 0.5, 0.8, 0.6
FAR_YEARS = 5


@dataclass(frozen=True, slots=True)
class Token:
    canonical: str
    skeleton: str
    weight: float
    urdu: bool
    known: bool


@dataclass(frozen=True)
class PreparedQuery:
    """A search with every field in normal form (see ``inputs.candidate_query_prepare``)."""

    names: tuple[tuple[Token, ...], ...] = ()
    father_names: tuple[tuple[Token, ...], ...] = ()
    birth_years: tuple[int, int] | None = None
    birth_date: date | None = None
    birth_date_exact: bool = False
    cnic: str = ""
    cnic_mask: str = ""
    passport: str = ""
    phone: str = ""
    district_code: str = ""
    sex: str = ""


@dataclass
class Verdict:
    evidence: list[float] = field(default_factory=list)
    penalties: list[float] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def support(self, weight: float, reason: str) -> None:
        self.evidence.append(weight)
        self.reasons.append(reason)

    def conflict(self, factor: float, reason: str) -> None:
        self.penalties.append(factor)
        self.conflicts.append(reason)

    @property
    def score(self) -> float:
        doubt = 1.0
        for weight in self.evidence:
            doubt *= 1.0 - weight
        score = 1.0 - doubt
        for factor in self.penalties:
            score *= factor
        return round(score, 3)


@lru_cache(maxsize=100_000)
def prepared_name(text: str) -> tuple[Token, ...]:
    """The tokens of one name with what comparison needs; cached, names repeat a lot."""
    tokens = []
    for raw in name_tokens(split_relation(text)[0]):
        canonical = canonical_token(raw)
        weight = WEAK_WEIGHT if is_weak(raw) else 1.0
        known = canonical in KNOWN_NAMES
        tokens.append(Token(canonical, skeleton(raw), weight, is_urdu(canonical), known))
    return tuple(tokens)


def token_similarity(a: Token, b: Token) -> float:
    """1 for one name; high for a variant or typo; low for two different known names."""
    if a.canonical == b.canonical:
        return 1.0
    if a.urdu or b.urdu:
        # An Urdu spelling not in the table can only be compared by its skeleton.
        same = a.skeleton == b.skeleton
        return 0.9 if same else 0.8 * JaroWinkler.normalized_similarity(a.skeleton, b.skeleton)
    text = JaroWinkler.normalized_similarity(a.canonical, b.canonical)
    if a.known and b.known:
        return 0.5 * text  # Ali and Alia, Hassan and Hussain: different names
    return max(text, 0.9) if a.skeleton == b.skeleton else text


def name_similarity(query: tuple[Token, ...], stored: tuple[Token, ...]) -> float:
    """Order-independent: each query token meets its best stored token. A name typed in part
    ("Ali" for "Muhammad Ali Khan") still scores high; weak tokens weigh less."""
    if not query or not stored:
        return 0.0
    left = list(stored)
    got = 0.0
    for token in sorted(query, key=lambda t: -t.weight):
        if not left:
            break
        best = max(left, key=lambda s: token_similarity(token, s))
        similarity = token_similarity(token, best)
        if similarity >= 0.5:
            left.remove(best)
        got += token.weight * similarity
    query_cover = got / sum(t.weight for t in query)
    stored_cover = got / sum(t.weight for t in stored)
    return 0.75 * query_cover + 0.25 * min(stored_cover, 1.0)


def _best_name(queries: tuple[tuple[Token, ...], ...], stored: tuple[str, ...]) -> float:
    return max((name_similarity(q, prepared_name(s)) for q in queries for s in stored), default=0.0)


def judge(query: PreparedQuery, facts: PersonFacts) -> Verdict:
    """The evidence for and against ``facts`` being the person searched for."""
    verdict = Verdict()
    _judge_cnic(query, facts, verdict)
    _judge_numbers(query, facts, verdict)
    _judge_names(query, facts, verdict)
    _judge_birth(query, facts, verdict)
    if query.sex and facts.sex not in ("", "U") and query.sex not in ("U", facts.sex):
        verdict.conflict(C_SEX, _("different sex"))
    if query.district_code and query.district_code in facts.districts:
        verdict.support(W_DISTRICT, _("same district"))
    return verdict


def _judge_cnic(query: PreparedQuery, facts: PersonFacts, verdict: Verdict) -> None:
    if query.cnic and facts.cnics:
        distance = min(cnic_distance(query.cnic, c) for c in facts.cnics)
        if distance == 0:
            verdict.support(W_CNIC, _("same CNIC"))
        elif distance == 1:
            verdict.support(W_CNIC_NEAR, _("CNIC differs in one digit"))
        else:
            verdict.conflict(C_CNIC, _("different CNIC"))
    if query.cnic_mask and facts.cnics:
        if any(cnic_fits(c, query.cnic_mask) for c in facts.cnics):
            verdict.support(W_CNIC_PARTIAL, _("CNIC fits the digits given"))
        else:
            verdict.conflict(C_CNIC_MASK, _("CNIC does not fit the digits given"))


def _judge_numbers(query: PreparedQuery, facts: PersonFacts, verdict: Verdict) -> None:
    if query.passport and facts.passports:
        if query.passport in facts.passports:
            verdict.support(W_PASSPORT, _("same passport"))
        else:
            verdict.conflict(C_PASSPORT, _("different passport"))
    if query.phone and query.phone in facts.phones:
        verdict.support(W_PHONE, _("same phone (phones are often shared)"))


def _judge_names(query: PreparedQuery, facts: PersonFacts, verdict: Verdict) -> None:
    if query.names and facts.names:
        similarity = _best_name(query.names, facts.names)
        if similarity >= NAME_MATCHES:
            verdict.support(W_NAME * similarity, _("name matches"))
        elif similarity >= NAME_SIMILAR:
            verdict.support(W_NAME_SIMILAR * similarity, _("name similar"))
        elif similarity < 0.5:
            verdict.conflict(C_NAME, _("different name"))
    if query.father_names and facts.father_names:
        similarity = _best_name(query.father_names, facts.father_names)
        if similarity >= NAME_MATCHES:
            verdict.support(W_FATHER * similarity, _("father's name matches"))
        elif similarity >= NAME_SIMILAR:
            verdict.support(W_FATHER_SIMILAR * similarity, _("father's name similar"))


def _judge_birth(query: PreparedQuery, facts: PersonFacts, verdict: Verdict) -> None:
    if query.birth_years is None or facts.birth_date is None:
        return
    same_day = query.birth_date_exact and facts.birth_date_precision == "day"
    if same_day and query.birth_date == facts.birth_date:
        verdict.support(W_BIRTH_SAME_DAY, _("same date of birth"))
        return
    low, high = query.birth_years
    year = facts.birth_date.year
    gap = 0 if low <= year <= high else min(abs(year - low), abs(year - high))
    if gap == 0:
        verdict.support(W_BIRTH_SAME_YEAR, _("same birth year"))
    elif gap <= 2:
        weight = W_BIRTH_ONE if gap == 1 else W_BIRTH_TWO
        verdict.support(weight, _birth_gap(gap))
    elif gap > FAR_YEARS:
        verdict.conflict(C_BIRTH, _birth_gap(gap))


def _birth_gap(gap: int) -> str:
    return ngettext("birth year differs by %(years)d", "birth years differ by %(years)d", gap) % {
        "years": gap
    }
