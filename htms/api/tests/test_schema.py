"""The OpenAPI schema: generated without warnings, valid, and served to logged-in users."""

from typing import Any

import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import patched_settings
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.api.schema import SCHEMA_SETTINGS
from htms.api.tests.conftest import ClientFor

OPERATIONS = {
    ("get", "/api/intelligence/agents/"),
    ("get", "/api/intelligence/agents/{person_id}/"),
    ("post", "/api/intelligence/agents/{person_id}/facts/"),
    ("post", "/api/intelligence/agents/{person_id}/red-book/"),
    ("get", "/api/intelligence/red-book/"),
    ("post", "/api/intelligence/red-book/{entry_id}/decision/"),
    ("get", "/api/protection/organisations/"),
    ("get", "/api/protection/referrals/"),
    ("post", "/api/protection/referrals/"),
    ("get", "/api/protection/referrals/{referral_id}/"),
    ("post", "/api/protection/referrals/{referral_id}/state/"),
    ("post", "/api/protection/referrals/{referral_id}/return/"),
    ("get", "/api/protection/referrals/{referral_id}/care/"),
    ("post", "/api/protection/referrals/{referral_id}/plans/"),
    ("post", "/api/protection/referrals/{referral_id}/plans/{plan_id}/end/"),
    ("post", "/api/protection/referrals/{referral_id}/follow-ups/"),
    ("post", "/api/protection/referrals/{referral_id}/follow-ups/{follow_up_id}/done/"),
    ("post", "/api/protection/referrals/{referral_id}/risks/"),
    ("post", "/api/protection/referrals/{referral_id}/notes/"),
    ("put", "/api/protection/referrals/{referral_id}/court/"),
    ("post", "/api/protection/referrals/{referral_id}/stay/"),
    ("post", "/api/protection/referrals/{referral_id}/stay/discharge/"),
    ("get", "/api/protection/shelters/"),
    ("get", "/api/protection/returns/{return_id}/"),
    ("post", "/api/protection/returns/{return_id}/steps/"),
    ("post", "/api/protection/returns/{return_id}/travel/"),
    ("post", "/api/protection/returns/{return_id}/closure/"),
    ("post", "/api/protection/returns/{return_id}/tracing/"),
    ("put", "/api/protection/returns/{return_id}/plan/"),
    ("post", "/api/protection/return-follow-ups/{follow_up_id}/done/"),
    ("post", "/api/auth/token/"),
    ("get", "/api/auth/tokens/"),
    ("delete", "/api/auth/tokens/{token_id}/"),
    ("get", "/api/cases/"),
    ("get", "/api/network/persons/{person_id}/"),
    ("get", "/api/network/cases/{case_id}/"),
    ("get", "/api/network/path/"),
    ("post", "/api/network/payments/"),
    ("put", "/api/network/payments/{payment_id}/"),
    ("post", "/api/network/payments/{payment_id}/remove/"),
    ("post", "/api/network/calls/import/"),
    ("post", "/api/cases/"),
    ("get", "/api/cases/{case_id}/"),
    ("post", "/api/cases/{case_id}/stage/"),
    ("post", "/api/cases/{case_id}/hearings/"),
    ("post", "/api/cases/{case_id}/parties/"),
    ("patch", "/api/cases/{case_id}/parties/{party_id}/"),
    ("get", "/api/cases/{case_id}/documents/"),
    ("post", "/api/cases/{case_id}/documents/"),
    ("get", "/api/cases/{case_id}/documents/{document_id}/file/"),
    ("get", "/api/cases/{case_id}/timeline/"),
    ("post", "/api/cases/{case_id}/judgment/"),
    ("put", "/api/cases/{case_id}/offences/{offence_id}/"),
    ("get", "/api/approvals/"),
    ("post", "/api/approvals/{change_id}/approve/"),
    ("post", "/api/approvals/{change_id}/decline/"),
    ("get", "/api/persons/"),
    ("get", "/api/persons/candidates/"),
    ("get", "/api/persons/{person_id}/"),
    ("get", "/api/stats/case-counts/"),
    *{
        ("get", f"/api/stats/{unit}/")
        for unit in (
            "victims",
            "suspects",
            "prosecuted",
            "convicted",
            "acquitted",
            "upheld",
            "appeal_acquitted",
            "funnel",
            "durations",
        )
    },
    ("get", "/api/intake/events/"),
    ("post", "/api/intake/events/"),
    ("put", "/api/intake/events/{event_id}/screening/"),
    ("put", "/api/intake/events/{event_id}/status/"),
    ("get", "/api/intake/events/{event_id}/referrals/"),
    ("post", "/api/intake/events/{event_id}/referrals/"),
    ("get", "/api/intake/events/{event_id}/leads/"),
    ("post", "/api/intake/events/{event_id}/leads/agents/"),
    ("post", "/api/intake/events/{event_id}/leads/payments/"),
    ("post", "/api/intake/events/{event_id}/leads/legs/"),
    ("put", "/api/intake/events/{event_id}/leads/agents/{lead_id}/"),
    ("delete", "/api/intake/events/{event_id}/leads/agents/{lead_id}/"),
    ("put", "/api/intake/events/{event_id}/leads/payments/{lead_id}/"),
    ("delete", "/api/intake/events/{event_id}/leads/payments/{lead_id}/"),
    ("put", "/api/intake/events/{event_id}/leads/legs/{lead_id}/"),
    ("delete", "/api/intake/events/{event_id}/leads/legs/{lead_id}/"),
    ("get", "/api/intake/rows/{row_id}/"),
    ("post", "/api/intake/rows/{row_id}/correct/"),
    ("post", "/api/intake/rows/{row_id}/person/"),
    ("post", "/api/intake/rows/{row_id}/set-aside/"),
    ("post", "/api/statistics/ledger/"),
    ("get", "/api/statistics/ledger/{batch_id}/"),
    ("patch", "/api/statistics/ledger/{batch_id}/rows/{number}/"),
    ("get", "/api/intake/manifests/"),
    ("post", "/api/intake/manifests/"),
    ("get", "/api/intake/manifests/{manifest_id}/"),
    ("put", "/api/intake/manifests/{manifest_id}/mapping/"),
    ("post", "/api/intake/manifests/{manifest_id}/import/"),
    ("get", "/api/intake/manifests/{manifest_id}/rows/"),
    ("get", "/api/helpline/calls/"),
    ("post", "/api/helpline/calls/"),
    ("get", "/api/helpline/calls/{call_id}/"),
    ("get", "/api/helpline/leads/"),
    ("get", "/api/users/"),
    ("post", "/api/users/"),
    ("get", "/api/users/{user_id}/"),
    ("patch", "/api/users/{user_id}/"),
    ("post", "/api/users/{user_id}/actions/"),
    *{
        ("get", f"/api/reference/{name}/")
        for name in ("provinces", "districts", "countries", "units", "courts", "statutes", "terms")
    },
}


@pytest.fixture
def schema() -> dict[str, Any]:
    GENERATOR_STATS.reset()
    with patched_settings(SCHEMA_SETTINGS):
        generator = SchemaGenerator(urlconf="htms.api.tests.urls")  # type: ignore[no-untyped-call]
        generated: dict[str, Any] = generator.get_schema(request=None, public=True)  # type: ignore[no-untyped-call]
    return generated


def test_it_generates_the_schema_without_warnings(schema: dict[str, Any]) -> None:
    assert not GENERATOR_STATS, "drf-spectacular warned; run manage.py spectacular to see why"
    validate_schema(schema)  # type: ignore[no-untyped-call]


def test_it_documents_every_operation(schema: dict[str, Any]) -> None:
    documented = {(method, path) for path, ops in schema["paths"].items() for method in ops}
    assert documented == OPERATIONS


def test_it_documents_the_error_answers(schema: dict[str, Any]) -> None:
    stage = schema["paths"]["/api/cases/{case_id}/stage/"]["post"]["responses"]
    assert set(stage) == {"201", "400", "401", "403", "404", "409"}
    token = schema["paths"]["/api/auth/token/"]["post"]
    assert set(token["responses"]) == {"200", "400", "429"}
    body = token["requestBody"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    assert "otp" in schema["components"]["schemas"][body]["properties"]


@pytest.mark.django_db
def test_it_serves_the_schema_to_logged_in_users_only(
    anonymous: APIClient, client_for: ClientFor, carl: User
) -> None:
    assert anonymous.get("/api/schema/").status_code == 401
    response = client_for(carl).get("/api/schema/?format=json")
    assert response.status_code == 200
    assert "/api/cases/" in response.json()["paths"]
