"""Referrals through the API: the pages' rules, the same services, the same audit."""

import pytest

from htms.accounts.models import User
from htms.cases.models import Case
from htms.protection.models import Organisation, Referral
from htms.protection.tests.conftest import api_client_for as _api
from htms.protection.tests.conftest import victim_of


def test_it_proposes_a_referral_and_the_caseworker_accepts_it(
    alice: User, carl: User, tip_case: Case, shelter: Organisation
) -> None:
    body = {
        "source": "case", "case_id": tip_case.pk, "person_id": victim_of(tip_case),
        "organisation_id": shelter.pk, "service": "shelter", "consent_by": "person",
        "shared_fields": ["name"], "send": True,
    }  # fmt: skip
    created = _api(alice).post("/api/protection/referrals/", body, format="json")
    assert created.status_code == 201, created.content
    referral_id = created.json()["id"]
    seen = _api(carl).get(f"/api/protection/referrals/{referral_id}/").json()
    assert seen["person"]["name"] == "Sajida Bibi" and seen["person"]["phones"] == []
    move = {"to_state": "accepted", "expected_version": seen["version"]}
    moved = _api(carl).post(f"/api/protection/referrals/{referral_id}/state/", move, format="json")
    assert moved.status_code == 200 and moved.json()["state"] == "accepted"


def test_it_explains_a_refused_proposal(alice: User, tip_case: Case, shelter: Organisation) -> None:
    body = {
        "source": "case", "case_id": tip_case.pk, "person_id": victim_of(tip_case),
        "organisation_id": shelter.pk, "service": "legal_aid", "consent_by": "person",
    }  # fmt: skip
    refused = _api(alice).post("/api/protection/referrals/", body, format="json")
    assert refused.status_code == 400
    assert "does not offer this service" in refused.content.decode()


@pytest.mark.parametrize("name", ["bob", "hana", "mona", "nora"])
def test_it_answers_404_to_everyone_else(
    referral: Referral, name: str, request: pytest.FixtureRequest
) -> None:
    client = _api(request.getfixturevalue(name))
    assert client.get(f"/api/protection/referrals/{referral.pk}/").status_code == 404


def test_it_lists_no_referral_to_an_analyst(hana: User, referral: Referral) -> None:
    assert _api(hana).get("/api/protection/referrals/").status_code == 403
