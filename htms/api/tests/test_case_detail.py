"""GET /api/cases/{id}/: the whole case, audited, with protected identities masked."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor
from htms.audit.models import AuditEvent
from htms.cases.inputs import PartyInput
from htms.cases.models import Case
from htms.cases.services.parties_bulk import case_add_party
from htms.conftest import accused_input

pytestmark = pytest.mark.django_db


def _get(client_for: ClientFor, user: User, case: Case) -> Any:
    return client_for(user).get(f"/api/cases/{case.pk}/")


def _victim(body: dict[str, Any]) -> dict[str, Any]:
    party = next(p for p in body["parties"] if p["role"] == "victim")
    person: dict[str, Any] = party["person"]
    return person


def test_it_shows_offences_parties_route_and_history(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    response = _get(client_for, alice, tip_case)
    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == tip_case.reference and body["version"] == tip_case.version
    assert body["offences"] == [
        {
            "id": body["offences"][0]["id"],
            "statute": "PTPA2018-3",
            "title": "PTPA 2018 s.3",
            "description": body["offences"][0]["description"],
            "crime_type": "TIP",
            "iccs_code": "0204",
            "date": None,
            "date_precision": "",
            "district": None,
            "country": None,
        }
    ]
    assert sorted(p["role"] for p in body["parties"]) == ["accused", "accused", "victim"]
    assert [leg["country"] for leg in body["route"]] == ["PK", "AE"]
    assert [c["to_stage"] for c in body["stage_history"]] == ["fir"]
    assert body["hearings"] == [] and body["verdicts"] == []


def test_it_writes_the_read_to_the_audit_log(
    client_for: ClientFor, hana: User, tip_case: Case
) -> None:
    _get(client_for, hana, tip_case)
    event = AuditEvent.objects.filter(action="view", object_type="case").get()
    assert event.actor == hana and event.object_id == str(tip_case.pk)


@pytest.mark.parametrize("who", ["alice", "anne"])
def test_it_names_the_victim_to_officers_of_the_case_circle(
    request: pytest.FixtureRequest, client_for: ClientFor, tip_case: Case, who: str
) -> None:
    victim = _victim(_get(client_for, request.getfixturevalue(who), tip_case).json())
    assert victim["identity_visible"] is True
    assert victim["name"] == "Sajida Bibi" and victim["full_name_ur"] == "ساجدہ بی بی"
    assert victim["father_name"] == "Ghulam Rasool" and victim["birth_date"] == "2007-05-01"
    assert victim["documents"][0]["number"] == "3410112345672"
    assert victim["phones"] == ["+923001234567"]


@pytest.mark.parametrize("who", ["hana", "zara", "mona"])
def test_it_hides_the_victim_identity_from_users_without_need_to_know(
    request: pytest.FixtureRequest, client_for: ClientFor, tip_case: Case, who: str
) -> None:
    body = _get(client_for, request.getfixturevalue(who), tip_case).json()
    victim = _victim(body)
    pseudonym = tip_case.parties.get(role="victim").person.pseudonym
    assert victim["identity_visible"] is False
    assert victim["name"] == pseudonym
    for field in (
        "full_name",
        "full_name_ur",
        "relation",
        "father_name",
        "father_name_ur",
        "birth_date",
        "birth_date_precision",
        "documents",
        "phones",
    ):
        assert victim[field] is None, field
    assert victim["sex"] == "F"
    assert "Sajida" not in str(body) and "3410112345672" not in str(body)
    accused = next(p for p in body["parties"] if p["role"] == "accused")["person"]
    assert accused["identity_visible"] is True and accused["full_name"]


def test_it_masks_a_victim_in_every_row_of_the_case(
    client_for: ClientFor, hana: User, alice: User, tip_case: Case
) -> None:
    victim = tip_case.parties.get(role="victim")
    case_add_party(
        actor=alice,
        case_id=tip_case.pk,
        expected_version=tip_case.version,
        party=PartyInput(role="witness", person_id=victim.person_id),
    )
    body = _get(client_for, hana, tip_case).json()
    rows = [p["person"] for p in body["parties"] if p["person"]["id"] == victim.person_id]
    assert len(rows) == 2 and all(r["identity_visible"] is False for r in rows)


@pytest.mark.parametrize("who", ["bob", "cleo", "carl", "adam"])
def test_it_answers_404_to_users_who_may_not_know_the_case(
    request: pytest.FixtureRequest, client_for: ClientFor, tip_case: Case, who: str
) -> None:
    response = _get(client_for, request.getfixturevalue(who), tip_case)
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="view").exists()


@pytest.mark.parametrize("raw", ["abc", "0", "-1", "1.5", "99999999999999999999999", "١"])
def test_it_answers_404_for_an_id_that_cannot_exist(
    client_for: ClientFor, alice: User, raw: str
) -> None:
    response = client_for(alice).get(f"/api/cases/{raw}/")
    assert response.status_code == 404
    assert "detail" in response.json()


def _queries(client: APIClient, case: Case) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/api/cases/{case.pk}/").status_code == 200
    return len(queries)


def test_it_reads_a_case_in_queries_that_do_not_grow_with_its_parties(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    client = client_for(alice)
    _queries(client, tip_case)  # the token's first use
    before = _queries(client, tip_case)
    for cnic in ("35202-7654323-5", "35202-7654324-7"):
        tip_case.refresh_from_db()
        case_add_party(
            actor=alice,
            case_id=tip_case.pk,
            expected_version=tip_case.version,
            party=PartyInput(
                role="accused",
                accused_status="at_large",
                person=accused_input("Another Accused", cnic),
            ),
        )
    # Two of them are the identity rule: who is protected (a case role or a border screening),
    # and whom the user's unit handles.
    assert _queries(client, tip_case) == before == 21
