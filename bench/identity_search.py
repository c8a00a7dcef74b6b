"""Search before create over the national register.

Sizes: HTMS_BENCH_CASES (200000), HTMS_BENCH_PERSONS (1000000), HTMS_BENCH_RUNS (200).

Brings the database to the sizes of the Case Monitoring suite (reusing what it loaded), builds
the person search index (``reindex_persons --fresh``) unless it covers the newest bulk-loaded
person,
then times ``person_candidates`` as an investigating officer of the busiest circle, for queries
drawn from persons that officer may search, each with noise an officer really adds: the names in
Urdu script, other spellings, a CNIC with one wrong digit, only the first nine CNIC digits and an
age, a given name and a birth year only, a phone and a name. It also reports how often the
person searched for came first and in the top ten, and times the API endpoint (with its audit
row).
"""

import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from django.db.models import Max
from django.utils import timezone
from rest_framework.test import APIClient

from bench.case_monitoring import load
from bench.timing import Result, measure, results_table
from htms.accounts.models import Role, User
from htms.cases.models import Case
from htms.identity.access import searchable_persons
from htms.identity.facts import PersonFacts, facts_for_ids
from htms.identity.inputs import CandidateQuery
from htms.identity.models import PersonKey
from htms.identity.normalize import is_urdu
from htms.identity.search import person_candidates
from htms.identity.services import persons_reindex
from htms.persons.models import Person
from htms.reference.models import Unit
from htms.synthetic import names as synthetic_names

TITLE = "Identity: search before create"
SPELLINGS = {
    spelling.casefold(): name.spellings
    for name in (
        (synthetic_names.MUHAMMAD,)
        + synthetic_names.MALE
        + synthetic_names.FEMALE
        + synthetic_names.FEMALE_SUFFIXES
        + synthetic_names.FAMILY
    )
    for spelling in name.spellings
}


@dataclass(frozen=True)
class Probe:
    kind: str
    person_id: int
    query: CandidateQuery


def _respell(rng: random.Random, text: str) -> str:
    words = []
    for word in text.split():
        choices = SPELLINGS.get(word.casefold(), (word,))
        words.append(rng.choice(choices))
    return " ".join(words)


def _typo(rng: random.Random, text: str) -> str:
    """One vowel dropped or doubled in the longest word, as fast typists do."""
    words = text.split()
    if not words:
        return text
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    vowels = [i for i, c in enumerate(word) if c in "aeiou" and i > 0]
    if vowels:
        i = rng.choice(vowels)
        word = word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i] + word[i:]
    words[longest] = word
    return " ".join(words)


def _wrong_digit(rng: random.Random, cnic: str) -> str:
    i = rng.randrange(1, 13)
    digit = str((int(cnic[i]) + rng.randint(1, 9)) % 10)
    return cnic[:i] + digit + cnic[i + 1 :]


def _probe(rng: random.Random, kind: str, f: PersonFacts) -> Probe | None:
    name, father = f.names[0], f.father_names[0] if f.father_names else ""
    year = f.birth_date.year if f.birth_date else None
    urdu = [n for n in f.names if is_urdu(n)]
    fathers_ur = [n for n in f.father_names if is_urdu(n)]
    base = CandidateQuery()
    if kind == "urdu" and urdu:
        query = replace(base, name=urdu[0], father_name=fathers_ur[0] if fathers_ur else "")
    elif kind == "spelling":
        query = replace(base, name=_respell(rng, name), father_name=_respell(rng, father))
        if year:
            query = replace(query, birth_date=date(year + rng.choice((-1, 0, 1)), 1, 1))
            query = replace(query, birth_date_precision="year")
    elif kind == "cnic typo" and f.cnics:
        query = replace(base, name=_typo(rng, name), cnic=_wrong_digit(rng, f.cnics[0]))
    elif kind == "partial cnic + age" and f.cnics and year:
        age = timezone.localdate().year - year - rng.choice((0, 1))
        # The last digits unknown: a mask the index's CNIC-near keys can answer.
        partial = f"{f.cnics[0][:5]}-{f.cnics[0][5:9]}XXX-X"
        query = replace(base, name=_typo(rng, name), cnic=partial, age=age)
    elif kind == "given name + year" and year:
        query = replace(base, name=name.split()[-1 if rng.random() < 0.3 else 0])
        query = replace(query, birth_date=date(year, 1, 1), birth_date_precision="year")
    elif kind == "phone + name" and f.phones:
        query = replace(base, name=_respell(rng, name), phone=f.phones[0])
    elif kind == "exact cnic" and f.cnics:
        query = replace(base, cnic=f.cnics[0])
    else:
        return None
    return Probe(kind, f.person_id, query)


KINDS = (
    "urdu",
    "spelling",
    "cnic typo",
    "partial cnic + age",
    "given name + year",
    "phone + name",
    "exact cnic",
)


def probes(user: User, count: int, rng: random.Random) -> list[Probe]:
    """``count`` noisy queries, spread over KINDS, for persons ``user`` may search."""
    last = Person.objects.aggregate(last=Max("pk"))["last"] or 0
    sample = {rng.randint(1, last) for _ in range(count * 20)}
    allowed = list(searchable_persons(user).filter(pk__in=sample).values_list("pk", flat=True))
    rng.shuffle(allowed)
    facts = facts_for_ids(allowed)
    made: list[Probe] = []
    for index, pk in enumerate(allowed):
        kind = KINDS[index % len(KINDS)]
        probe = _probe(rng, kind, facts[pk]) if pk in facts else None
        if probe is not None:
            made.append(probe)
        if len(made) >= count:
            break
    return made


def ensure_index(log: Callable[[str], None]) -> str:
    # Persons registered through the services are indexed as they are written; bulk-loaded
    # (synthetic) ones only by the command.
    newest = Person.objects.filter(is_synthetic=True).aggregate(last=Max("pk"))["last"]
    if newest is None or PersonKey.objects.filter(person_id=newest).exists():
        return "index already built"
    counts = persons_reindex(fresh=True)
    rate = counts.persons / max(counts.seconds, 0.001)
    text = (
        f"reindex_persons --fresh: {counts.persons:,} persons, {counts.keys:,} keys "
        f"in {counts.seconds:.0f} s ({rate:,.0f} persons/s)"
    )
    log(text)
    return text


def _officer() -> User:
    counts: dict[int, int] = {}
    for unit_id in Case.objects.values_list("unit_id", flat=True)[:20000]:
        counts[unit_id] = counts.get(unit_id, 0) + 1
    unit = Unit.objects.get(pk=max(counts, key=lambda k: counts[k]))
    user, _ = User.objects.get_or_create(
        username="bench-io", defaults={"unit": unit, "role": Role.INVESTIGATING_OFFICER}
    )
    return user


def recall(user: User, made: list[Probe]) -> str:
    lines = ["| query | n | first (ties count) | in top 10 |", "|---|---|---|---|"]
    for kind in KINDS:
        subset = [p for p in made if p.kind == kind]
        first = top = 0
        for probe in subset:
            found = person_candidates(user=user, query=probe.query)
            # Ties at the top count: the generator enters some humans twice (same CNIC).
            best = {c.person.pk for c in found if c.score == found[0].score} if found else set()
            first += probe.person_id in best
            top += probe.person_id in {c.person.pk for c in found}
        n = max(len(subset), 1)
        lines.append(f"| {kind} | {len(subset)} | {first / n:.0%} | {top / n:.0%} |")
    return "\n".join(lines)


def timings(user: User, made: list[Probe], runs: int) -> list[Result]:
    results = [
        measure(
            f"person_candidates, {len(made)} noisy queries mixed",
            lambda i: person_candidates(user=user, query=made[i % len(made)].query),
            runs=runs,
            goal_ms=100,
        )
    ]
    for kind in KINDS:
        subset = [p.query for p in made if p.kind == kind]
        if subset:
            results.append(
                measure(
                    f"… {kind}",
                    lambda i, s=subset: person_candidates(user=user, query=s[i % len(s)]),  # type: ignore[misc]
                    runs=len(subset),
                    goal_ms=100,
                    warmup=1,
                )
            )
    api = APIClient()
    api.force_authenticate(user)
    params = [{"name": p.query.name, "cnic": p.query.cnic} for p in made if p.query.name]

    def get(i: int) -> None:
        response = api.get("/api/persons/candidates/", params[i % len(params)])
        assert response.status_code == 200, response.content[:300]

    results.append(measure("GET /api/persons/candidates/ (audited)", get, runs=runs, goal_ms=150))
    return results


def run(log: Callable[[str], None]) -> str:
    cases = int(os.environ.get("HTMS_BENCH_CASES", "200000"))
    persons = int(os.environ.get("HTMS_BENCH_PERSONS", "1000000"))
    runs = int(os.environ.get("HTMS_BENCH_RUNS", "200"))
    log(f"loading {cases:,} cases and {persons:,} persons")
    load(cases=cases, persons=persons, log=log)
    index = ensure_index(log)
    user = _officer()
    started = time.perf_counter()
    made = probes(user, runs, random.Random(11))
    log(f"{len(made)} probes in {time.perf_counter() - started:.0f} s")
    results = timings(user, made, runs)
    size = f"{Person.objects.count():,} persons, {PersonKey.objects.count():,} search keys"
    missed = [r.name for r in results if not r.met]
    note = f"\nGoal missed: {'; '.join(missed)}.\n" if missed else ""
    return (
        f"Data: {size}; {index}. Searching as an investigating officer of the busiest circle."
        f"\n\n{results_table(results)}\n{note}\nFound (same probes):\n\n{recall(user, made)}\n"
    )
