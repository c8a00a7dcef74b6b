"""Schemathesis against the app in-process, on the test database.

A bounded, derandomized run over every operation of the schema, as a national reader and as
the investigating officer of a case, in positive and negative mode, with every check
schemathesis has (the ``--checks all`` of its command line): no server error, every status,
content type, header and body as documented, schema-valid input accepted and schema-violating
input refused, undocumented methods refused, authentication not ignored. Then the same checks
on requests known to succeed, so that every success answer is checked too.

The run drives Hypothesis itself rather than through ``schema.parametrize``: schemathesis's
lazy pytest loader (4.32) reads ``request.node._nodeid``, which pytest 9 no longer has.
"""

import io
from collections.abc import Iterator
from typing import Any

import hypothesis
import hypothesis.errors
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS as REGISTERED_CHECKS
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.hypothesis.builder import (
    HypothesisTestConfig,
    HypothesisTestMode,
    create_test,
)

from htms.accounts.models import User
from htms.accounts.tokens import api_token_issue
from htms.api.tests.payloads import move_case, som_case_payload
from htms.cases.models import Case
from htms.conftest import BACKDATE_REASON, TIP_SECTION, party_named
from htms.intake.services.manifests import manifest_source_create
from htms.intake.services.screening import ScreeningInput, screening_record
from htms.intake.tests.conftest import csv_bytes, import_all, ivan, record, upload  # noqa: F401
from htms.reference.models import Court
from htms.statistics.ledger.importer import ledger_import
from htms.wsgi import application

CHECKS = list(REGISTERED_CHECKS.get_all())
EXAMPLES_PER_OPERATION = 25
# Credentials that match the schema are still, almost always, wrong: the token operation
# answers them with its documented 400, which is not a refusal of valid data.
CONFIG = SchemathesisConfig.from_dict(
    {
        "operations": [
            {
                "include-path": "/api/auth/token/",
                "checks": {"positive_data_acceptance": {"expected-statuses": [200, 400]}},
            }
        ]
    }
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_transaction() -> Iterator[None]:
    """Django closes a connection that is inside a transaction when a request starts or ends;
    the test client stops it doing so, and so must this in-process WSGI run, or PostgreSQL
    loses the test's transaction after the first request."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _token(user: User) -> dict[str, str]:
    """A new token on every call: an operation that revokes one (DELETE /api/auth/tokens/{id}/)
    does not log out the operations after it."""
    _token, key = api_token_issue(user=user)
    return {"Authorization": f"Token {key}"}


def _schema(user: User) -> Any:
    return schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json", application, headers=_token(user), config=CONFIG
    )


def _aim_at(case: Any, tip_case: Case) -> None:
    """Sends about half the calls on a case to one that exists, so that they reach the
    services instead of stopping at the 404."""
    ids = case.path_parameters or {}
    if isinstance(ids.get("case_id"), int) and ids["case_id"] % 2 == 0:
        ids["case_id"] = tip_case.pk


def _failures(
    operation: Any, mode: GenerationMode, headers: dict[str, str], tip_case: Case
) -> list[str]:
    @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis.settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        _aim_at(case, tip_case)
        case.call_and_validate(headers=headers, checks=CHECKS)

    try:
        run()
    except hypothesis.errors.Unsatisfiable:
        # An operation without parameters or body has no invalid input to send.
        if mode != GenerationMode.NEGATIVE:
            raise
    except Exception as exc:  # every operation's failure is reported together
        return [f"{operation.label} ({mode.value}): {exc}"]
    return []


@pytest.mark.slow
@pytest.mark.parametrize("who", ["hana", "alice", "adam"])
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_it_answers_generated_requests_within_the_schema(
    request: pytest.FixtureRequest, who: str, mode: GenerationMode, tip_case: Case
) -> None:
    user: User = request.getfixturevalue(who)
    failures = []
    for result in _schema(user).get_all_operations():
        failures += _failures(result.ok(), mode, _token(user), tip_case)
    assert not failures, "\n\n".join(failures)


def _boundary_failures(
    schema: Any, operation: Any, headers: dict[str, str], tip_case: Case
) -> list[str]:
    """The coverage phase of the command line: for each parameter and body field, the values
    at and just past every constraint of the schema (lengths, ranges, enums, missing required
    fields, wrong types), valid and invalid."""

    def run(case: Any) -> None:
        _aim_at(case, tip_case)
        case.call_and_validate(headers=headers, checks=CHECKS)

    config = HypothesisTestConfig(
        project=schema.config,
        modes=[HypothesisTestMode.COVERAGE],
        settings=hypothesis.settings(
            max_examples=1,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit],
        ),
    )
    try:
        create_test(operation=operation, test_func=run, config=config)()
    except Exception as exc:  # every operation's failure is reported together
        return [f"{operation.label} (coverage): {exc}"]
    return []


@pytest.mark.slow
@pytest.mark.parametrize("who", ["hana", "alice", "adam"])
def test_it_answers_boundary_requests_within_the_schema(
    request: pytest.FixtureRequest, who: str, tip_case: Case
) -> None:
    user: User = request.getfixturevalue(who)
    schema = _schema(user)
    failures = []
    for result in schema.get_all_operations():
        failures += _boundary_failures(schema, result.ok(), _token(user), tip_case)
    assert not failures, "\n\n".join(failures)


def _call(user: User, method: str, path: str, expected: int, **data: Any) -> Any:
    case = _schema(user)[path][method].Case(**data)
    response = case.call_and_validate(headers=_token(user), checks=CHECKS)
    assert response.status_code == expected, response.text
    return response.json() if response.content else None


def test_it_answers_successful_writes_within_the_schema(
    alice: User, anne: User, tip_case: Case
) -> None:
    registered = _call(alice, "POST", "/api/cases/", 201, body=som_case_payload())
    ids = {"case_id": registered["id"]}
    _call(
        alice,
        "POST",
        "/api/cases/{case_id}/stage/",
        201,
        path_parameters=ids,
        body={"to_stage": "investigation", "expected_version": registered["version"]},
    )
    move_case(anne, tip_case, "investigation", "interim_challan")
    court = Court.objects.get(code="CRT-SJ-LHR")
    _call(
        alice,
        "POST",
        "/api/cases/{case_id}/hearings/",
        201,
        path_parameters={"case_id": tip_case.pk},
        body={
            "court": court.pk,
            "date": "2026-11-20",
            "next_date": "2026-12-01",
            "backdate_reason": BACKDATE_REASON,
        },
    )
    _approvals_and_judgment(alice, anne, tip_case, court)


def _request_final_challan(alice: User, tip_case: Case, court: Court) -> int:
    tip_case.refresh_from_db()
    body = {
        "to_stage": "final_challan",
        "expected_version": tip_case.version,
        "effective_on": "2026-11-22",
        "backdate_reason": BACKDATE_REASON,
        "challan_number": "CH-9/2026",
        "court": court.pk,
    }
    ids = {"case_id": tip_case.pk}
    answer = _call(
        alice, "POST", "/api/cases/{case_id}/stage/", 201, path_parameters=ids, body=body
    )
    return int(answer["change"]["id"])


def _approvals_and_judgment(alice: User, anne: User, tip_case: Case, court: Court) -> None:
    change = {"change_id": _request_final_challan(alice, tip_case, court)}
    assert _call(anne, "GET", "/api/approvals/", 200)["count"] == 1
    reason = {"reason": "Attach the FSL report"}
    _call(
        anne,
        "POST",
        "/api/approvals/{change_id}/decline/",
        200,
        path_parameters=change,
        body=reason,
    )
    change = {"change_id": _request_final_challan(alice, tip_case, court)}
    path = "/api/approvals/{change_id}/approve/"
    _call(anne, "POST", path, 200, path_parameters=change, body={})
    move_case(anne, tip_case, "trial")
    imran = party_named(tip_case, "Imran Butt")
    verdict = {"accused": imran.pk, "statute": TIP_SECTION, "outcome": "convicted"}
    body = {
        "expected_version": tip_case.version,
        "court": court.pk,
        "date": "2026-11-25",
        "backdate_reason": BACKDATE_REASON,
        "verdicts": [verdict],
    }
    ids = {"case_id": tip_case.pk}
    _call(alice, "POST", "/api/cases/{case_id}/judgment/", 201, path_parameters=ids, body=body)


def test_it_answers_successful_account_administration_within_the_schema(
    adam: User, alice: User
) -> None:
    body = {"username": "amina", "first_name": "Amina", "role": "io", "unit": "T-A"}
    created = _call(adam, "POST", "/api/users/", 201, body=body | {"password": "Blue-4417-x"})
    ids = {"user_id": created["id"]}
    _call(adam, "GET", "/api/users/", 200, query={"role": "io", "status": "active"})
    _call(adam, "GET", "/api/users/{user_id}/", 200, path_parameters=ids)
    _call(adam, "PATCH", "/api/users/{user_id}/", 200, path_parameters=ids, body={"unit": "T-B"})
    for action in ("unlock", "reset_second_factor", "deactivate", "reactivate"):
        path = "/api/users/{user_id}/actions/"
        _call(adam, "POST", path, 200, path_parameters=ids, body={"action": action})


@pytest.mark.parametrize("who", ["alice", "hana"])
def test_it_answers_successful_reads_within_the_schema(
    request: pytest.FixtureRequest, who: str, tip_case: Case
) -> None:
    user: User = request.getfixturevalue(who)
    ids = {"case_id": tip_case.pk}
    detail = _call(user, "GET", "/api/cases/{case_id}/", 200, path_parameters=ids)
    for party in detail["parties"]:
        _call(
            user,
            "GET",
            "/api/persons/{person_id}/",
            200,
            path_parameters={"person_id": party["person"]["id"]},
        )
    _call(user, "GET", "/api/cases/", 200, query={"crime_type": "TIP"})
    _call(user, "GET", "/api/persons/", 200)
    _call(user, "GET", "/api/stats/case-counts/", 200)


def test_it_answers_successful_intake_processing_within_the_schema(ivan: User) -> None:  # noqa: F811
    event = record(ivan)
    screening_record(
        actor=ivan, event_id=event.pk, data=ScreeningInput(answers={"paid_agent": True})
    )
    ids = {"event_id": event.pk}
    leads = "/api/intake/events/{event_id}/leads/"
    agent = _call(ivan, "POST", leads + "agents/", 201, path_parameters=ids, body={"name": "B"})
    payment = {"amount": "1000", "currency": "PKR", "payee": agent["id"]}
    _call(ivan, "POST", leads + "payments/", 201, path_parameters=ids, body=payment)
    leg = _call(ivan, "POST", leads + "legs/", 201, path_parameters=ids, body={"country": "IR"})
    _call(ivan, "GET", leads, 200, path_parameters=ids)
    _intake_lead_changes(ivan, ids | {"lead_id": agent["id"]}, ids | {"lead_id": leg["id"]})
    referral = {"to_kind": "ngo", "referred_on": event.occurred_on.isoformat()}
    referrals = "/api/intake/events/{event_id}/referrals/"
    _call(ivan, "POST", referrals, 201, path_parameters=ids, body=referral)
    _call(ivan, "GET", referrals, 200, path_parameters=ids)
    decision = {"status": "released", "expected_version": event.version + 2}
    status = "/api/intake/events/{event_id}/status/"
    _call(ivan, "PUT", status, 200, path_parameters=ids, body=decision)
    _intake_rows(ivan)


def _intake_lead_changes(officer: User, agent: dict[str, int], leg: dict[str, int]) -> None:
    leads = "/api/intake/events/{event_id}/leads/"
    body = {"name": "Bashir", "phone": "0300 1234567"}
    _call(officer, "PUT", leads + "agents/{lead_id}/", 200, path_parameters=agent, body=body)
    _call(officer, "DELETE", leads + "legs/{lead_id}/", 204, path_parameters=leg)


def _intake_rows(officer: User) -> None:
    source = manifest_source_create(
        actor=officer, name="List", kind="deported", deporting_country_code="OM"
    )
    lines = ("Name,CNIC", "Ali Raza,35202", "Sajid,35202")
    manifest = upload(officer, source, csv_bytes(*lines))
    import_all(officer, manifest)
    first, second = manifest.rows.order_by("number")
    row = "/api/intake/rows/{row_id}/"
    _call(officer, "GET", row, 200, path_parameters={"row_id": first.pk})
    fix = {"corrections": {"cnic": "35202-7654321-1"}, "expected_version": first.version}
    _call(officer, "POST", row + "correct/", 200, path_parameters={"row_id": first.pk}, body=fix)
    aside = {"note": "not a person", "expected_version": second.version}
    ids = {"row_id": second.pk}
    _call(officer, "POST", row + "set-aside/", 200, path_parameters=ids, body=aside)


def test_it_answers_successful_ledger_reads_and_corrections_within_the_schema(
    mona: User,
) -> None:
    text = (
        "Circle,FIR No,FIR Date,Sections\n"
        "AHTC-LHR,1/2015,03/04/2015,PPC 371-A\n"
        "AHTC-LHR,2/2015,,PPC 371-A\n"
        "AHTC-LHR,3/2015,,PPC 371-A\n"
    )
    result = ledger_import(actor=mona, stream=io.BytesIO(text.encode()), name="ledger.csv")
    assert result.batch is not None
    ids = {"batch_id": result.batch.pk}
    _call(mona, "GET", "/api/statistics/ledger/{batch_id}/", 200, path_parameters=ids)
    row = "/api/statistics/ledger/{batch_id}/rows/{number}/"
    fix = {"expected_version": 1, "cells": {"fir_date": "01/04/2015"}}
    _call(mona, "PATCH", row, 200, path_parameters=ids | {"number": 3}, body=fix)
    aside = {"expected_version": 1, "dismiss_reason": "A totals line"}
    _call(mona, "PATCH", row, 200, path_parameters=ids | {"number": 4}, body=aside)
