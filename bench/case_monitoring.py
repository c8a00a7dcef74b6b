"""Case Monitoring System pages at national scale.

Sizes: HTMS_BENCH_CASES (200000), HTMS_BENCH_PERSONS (1000000), HTMS_BENCH_RUNS (200).

Loads (once per database) N synthetic cases and tops the register up to M persons with the bulk
loader, then times through the full Django stack (middleware, access checks, audit writes,
templates, serializers): the filtered case list, case detail, person detail, registering a case
with three parties through the API, and the national count by crime type × stage × province.
"""

import os
import random
import time
from collections.abc import Callable

from django.core.management import call_command
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from bench.payloads import three_party_case
from bench.timing import Result, measure, measure_side_by_side, results_table
from htms.accounts.models import Role, User
from htms.cases.models import Case, CaseParty, Offence, Stage
from htms.cases.selectors import case_counts
from htms.persons.models import Person
from htms.reference.models import Statute, Unit

TITLE = "Case Monitoring System"


def load(*, cases: int, persons: int, log: Callable[[str], None]) -> None:
    """Brings the database to ``cases`` cases and at least ``persons`` persons."""
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    if Case.objects.count() < cases:
        started = time.perf_counter()
        call_command("generate", cases=cases - Case.objects.count(), seed=1, bulk=True)
        log(f"loaded cases in {time.perf_counter() - started:.0f} s")
    missing = persons - Person.objects.count()
    if missing > 0:
        started = time.perf_counter()
        call_command("generate", cases=0, persons=missing, seed=2, bulk=True)
        log(f"loaded {missing} extra persons in {time.perf_counter() - started:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _busiest_unit() -> Unit:
    counts: dict[int, int] = {}
    for unit_id in Case.objects.values_list("unit_id", flat=True)[:20000]:
        counts[unit_id] = counts.get(unit_id, 0) + 1
    return Unit.objects.get(pk=max(counts, key=lambda k: counts[k]))


def _user(username: str, unit: Unit, role: str) -> User:
    user, _ = User.objects.get_or_create(username=username, defaults={"unit": unit, "role": role})
    return user


def measure_pages(*, runs: int) -> list[Result]:
    unit = _busiest_unit()
    officer = _user("bench-io", unit, Role.INVESTIGATING_OFFICER)
    national = _user("bench-monitoring", Unit.objects.get(code="FIA-HQ"), Role.MONITORING_CELL)
    web = Client()
    web.force_login(officer)
    api = APIClient()
    api.force_authenticate(officer)
    rng = random.Random(7)
    case_ids = list(Case.objects.filter(unit=unit).values_list("pk", flat=True)[:5000])
    person_ids = list(
        CaseParty.objects.filter(case__unit=unit).values_list("person_id", flat=True)[:5000]
    )
    tip = Statute.objects.filter(crime_type="TIP", in_force=True).first()
    assert tip is not None and case_ids and person_ids
    list_url = f"/cases/?unit={unit.pk}&crime_type=SOM&stage={Stage.INVESTIGATION}&page=2"

    def get_ok(client: Client, url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    # Persons new to the register on every run against the same database.
    earlier = Case.objects.filter(summary="Benchmark case").count()

    def register(i: int) -> None:
        body = three_party_case(earlier + i, tip.code)
        response = api.post("/api/cases/", body, format="json")
        assert response.status_code == 201, response.content[:500]

    return [
        # The list as it was (every match counted) and as it is, measured alternately.
        *measure_side_by_side(
            {
                "case list (unit × crime type × stage, page 2), every match counted": (
                    lambda i: get_ok(web, f"{list_url}&count=all")
                ),
                "case list (unit × crime type × stage, page 2)": lambda i: get_ok(web, list_url),
                "case list, no filter, page 2, every match counted": (
                    lambda i: get_ok(web, "/cases/?page=2&count=all")
                ),
                "case list, no filter, page 2": lambda i: get_ok(web, "/cases/?page=2"),
            },
            runs=runs,
            goal_ms=100,
        ),
        measure(
            "case detail",
            lambda i: get_ok(web, f"/cases/{rng.choice(case_ids)}/"),
            runs=runs,
            goal_ms=100,
        ),
        measure(
            "person detail",
            lambda i: get_ok(web, f"/persons/{rng.choice(person_ids)}/"),
            runs=runs,
            goal_ms=100,
        ),
        measure("register a case with three parties (API)", register, runs=runs, goal_ms=100),
        measure(
            "national count: crime type × stage × province",
            lambda i: case_counts(user=national),
            runs=max(10, runs // 5),
            goal_ms=1000,
            warmup=2,
        ),
    ]


def load_from_environment(log: Callable[[str], None]) -> str:
    """Loads the sizes HTMS_BENCH_CASES and HTMS_BENCH_PERSONS ask for; the data's size."""
    cases = int(os.environ.get("HTMS_BENCH_CASES", "200000"))
    persons = int(os.environ.get("HTMS_BENCH_PERSONS", "1000000"))
    log(f"loading {cases:,} cases and {persons:,} persons")
    load(cases=cases, persons=persons, log=log)
    size = data_size()
    log(size)
    return size


def run(log: Callable[[str], None]) -> str:
    size = load_from_environment(log)
    runs = int(os.environ.get("HTMS_BENCH_RUNS", "200"))
    results = measure_pages(runs=runs)
    missed = [r.name for r in results if not r.met]
    note = f"\nGoal missed: {'; '.join(missed)}.\n" if missed else ""
    return f"Data: {size}.\n\n{results_table(results)}\n{note}"


def data_size() -> str:
    return (
        f"{Case.objects.count():,} cases, {Offence.objects.count():,} offences, "
        f"{Person.objects.count():,} persons, {CaseParty.objects.count():,} case parties"
    )
