"""Adding the victims of a large trafficking ring to a case through the API.

Sizes: HTMS_BENCH_CASES (200000), HTMS_BENCH_PERSONS (1000000), HTMS_BENCH_BULK_VICTIMS
(10000), HTMS_BENCH_BULK_RUNS (3).

Loads the national data as ``case_monitoring`` does, registers one case per run, then times one
POST /api/cases/{id}/parties/ with HTMS_BENCH_BULK_VICTIMS new victims (name, CNIC, birth date,
trafficking status, an exploitation type) through the whole Django stack: validation of every
row, the bulk writes, the search keys of every new person and the audit rows. Goal: 60 s.
"""

import os
import time
from collections.abc import Callable
from typing import Any

from rest_framework.test import APIClient

from bench.case_monitoring import data_size, load
from bench.timing import measure, results_table
from htms.accounts.models import Role, User
from htms.cases.models import Case
from htms.reference.models import Statute, Unit, UnitKind

TITLE = "Bulk parties"


def _victims(run: int, count: int) -> list[dict[str, Any]]:
    return [
        {
            "role": "victim",
            "trafficking_status": "possible",
            "status_decided_by": "police",
            "exploitation_types": ["ForcedLabour"],
            "person": {
                "full_name": f"Bulk Victim {run} {i}",
                "sex": "F",
                "birth_date": "1995-03-01",
                "documents": [{"kind": "cnic", "number": f"3740{run:02d}{i:06d}2"}],
            },
        }
        for i in range(count)
    ]


def _case(api: APIClient, run: int) -> dict[str, Any]:
    tip = Statute.objects.filter(crime_type="TIP", in_force=True).first()
    assert tip is not None
    body = {"origin": "complaint", "statutes": [tip.code], "summary": f"Bulk benchmark {run}"}
    response = api.post("/api/cases/", body, format="json")
    assert response.status_code == 201, response.content[:500]
    return dict(response.json())


def measure_bulk(*, victims: int, runs: int) -> str:
    unit = Unit.objects.filter(kind=UnitKind.CIRCLE).order_by("code").first()
    assert unit is not None
    officer, _ = User.objects.get_or_create(
        username="bench-bulk-io", defaults={"unit": unit, "role": Role.INVESTIGATING_OFFICER}
    )
    api = APIClient()
    api.force_authenticate(officer)
    payloads = []
    for run in range(runs):
        case = _case(api, run)
        payloads.append((case["id"], {"expected_version": case["version"]}))

    def add(i: int) -> None:
        case_id, body = payloads[i]
        body = {**body, "parties": _victims(i, victims)}
        response = api.post(f"/api/cases/{case_id}/parties/", body, format="json")
        assert response.status_code == 201, response.content[:500]

    result = measure(
        f"add {victims:,} victims to a case in one request (API)",
        add,
        runs=runs,
        goal_ms=60000,
        warmup=0,
    )
    parties = Case.objects.get(pk=payloads[0][0]).parties.count()
    return f"{results_table([result])}\n\nParties of the first case afterwards: {parties:,}.\n"


def run(log: Callable[[str], None]) -> str:
    cases = int(os.environ.get("HTMS_BENCH_CASES", "200000"))
    persons = int(os.environ.get("HTMS_BENCH_PERSONS", "1000000"))
    victims = int(os.environ.get("HTMS_BENCH_BULK_VICTIMS", "10000"))
    runs = int(os.environ.get("HTMS_BENCH_BULK_RUNS", "3"))
    load(cases=cases, persons=persons, log=log)
    started = time.perf_counter()
    table = measure_bulk(victims=victims, runs=runs)
    log(f"bulk parties measured in {time.perf_counter() - started:.0f} s")
    return f"Data: {data_size()}.\n\n{table}"
