"""POST /api/cases/: one input schema, then case_register; every bad field is named."""

import json
from typing import Any

import pytest

from htms.accounts.models import User
from htms.api.serializers.case_input import SAME_PARTY_TWICE
from htms.api.tests.conftest import ClientFor
from htms.api.tests.payloads import som_case_payload
from htms.cases.models import Case
from htms.cases.services.parties import UNKNOWN_PERSON
from htms.cases.services.registration import NO_OFFENCE
from htms.persons.models import Person

pytestmark = pytest.mark.django_db


def _post(client_for: ClientFor, user: User, body: Any) -> Any:
    return client_for(user).post("/api/cases/", body, format="json")


def test_it_registers_a_smuggling_case_with_two_accused_and_a_migrant(
    client_for: ClientFor, alice: User
) -> None:
    response = _post(client_for, alice, som_case_payload())
    assert response.status_code == 201, response.json()
    body = response.json()
    case = Case.objects.get(pk=body["id"])
    assert case.unit == alice.unit and case.stage == "fir"
    assert [o["crime_type"] for o in body["offences"]] == ["SOM"]
    assert body["offences"][0]["iccs_code"] == "08051"
    roles = sorted(p["role"] for p in body["parties"])
    assert roles == ["accused", "accused", "migrant"]
    migrant = next(p for p in body["parties"] if p["role"] == "migrant")["person"]
    assert migrant["name"] == "Bilal Ahmed"  # alice has need-to-know
    assert migrant["documents"] == [{"kind": "passport", "number": "AB1234567", "country": "PK"}]
    assert [leg["country"] for leg in body["route"]] == ["PK", "IR", "TR"]
    assert body["stage_history"][0]["to_stage"] == "fir"


def test_it_adds_an_existing_person_by_id(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    accused = tip_case.parties.filter(role="accused").first()
    assert accused is not None
    payload = som_case_payload()
    payload["parties"] = [
        {"role": "accused", "accused_status": "on_bail", "person_id": accused.person_id}
    ]
    response = _post(client_for, alice, payload)
    assert response.status_code == 201, response.json()
    assert response.json()["parties"][0]["person"]["id"] == accused.person_id


def test_it_refuses_the_same_person_twice_in_one_role(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    accused = tip_case.parties.filter(role="accused").first()
    assert accused is not None
    payload = som_case_payload()
    party = {"role": "accused", "accused_status": "arrested", "person_id": accused.person_id}
    payload["parties"] = [party, {**party, "role": "witness", "accused_status": ""}, party]
    response = _post(client_for, alice, payload)
    assert response.status_code == 400
    assert response.json() == {"parties[2].person_id": [str(SAME_PARTY_TWICE)]}


def test_it_hides_that_a_person_of_another_circle_exists(
    client_for: ClientFor, bob: User, tip_case: Case
) -> None:
    victim = tip_case.parties.get(role="victim")
    payload = som_case_payload()
    payload["parties"] = [{"role": "witness", "person_id": victim.person_id}]
    response = _post(client_for, bob, payload)
    assert response.status_code == 400
    assert response.json() == {"parties[0].person_id": [str(UNKNOWN_PERSON)]}


@pytest.mark.parametrize("who", ["hana", "mona", "carl", "adam"])
def test_it_refuses_a_user_who_may_not_register_cases(
    request: pytest.FixtureRequest, client_for: ClientFor, who: str
) -> None:
    response = _post(client_for, request.getfixturevalue(who), som_case_payload())
    assert response.status_code == 403
    assert response.json()["detail"]  # the service's own message
    assert not Case.objects.exists()


def test_it_writes_nothing_when_one_field_is_bad(client_for: ClientFor, alice: User) -> None:
    payload = som_case_payload()
    payload["parties"][2]["person"]["birth_date"] = "2026-10-25"  # after the offence
    response = _post(client_for, alice, payload)
    assert response.status_code == 400
    assert list(response.json()) == ["parties[2].birth_date"]
    assert not Case.objects.exists() and not Person.objects.exists()


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        # The schema's own checks: types, sizes, choices, required fields.
        ({"origin": "walk_in"}, ["origin"]),
        ({"statutes": "PSMA2018-3"}, ["statutes"]),
        ({"statutes": [None]}, ["statutes[0]"]),
        ({"fir_date": "2024-13-45"}, ["fir_date"]),
        ({"fir_date": 20241212}, ["fir_date"]),
        ({"parties": None}, ["parties"]),
        ({"parties": [None]}, ["parties[0]"]),
        (
            {"parties": [{"role": "victim", "person": {"documents": None}}]},
            ["parties[0].person.documents"],
        ),
        ({"parties": [{"role": "accused", "person_id": 2**70}]}, ["parties[0].person_id"]),
        ({"parties": [{"role": "accused", "person_id": "seven"}]}, ["parties[0].person_id"]),
        (
            {"parties": [{"role": "victim", "person": {"full_name": "x" * 201}}]},
            ["parties[0].person.full_name"],
        ),
        ({"route": [{"kind": "transit"}]}, ["route[0].country"]),
        ({"summary": "a\x00b"}, ["summary"]),
        # The service's checks, under the service's keys.
        ({"statutes": []}, ["statutes"]),
        ({"statutes": ["PPC-999"]}, ["statutes"]),
        ({"occurred_on": "2026-11-05"}, ["occurred_on"]),
        ({"fir_date": "2099-01-01"}, ["fir_date"]),
        ({"fir_number": ""}, ["fir_number"]),
        ({"route": [{"kind": "transit", "country": "XX"}]}, ["route[0].country"]),
        ({"parties": [{"role": "victim"}]}, ["parties[0]"]),
        (
            {"parties": [{"role": "accused", "person": {"full_name": "Z"}}]},
            ["parties[0].accused_status"],
        ),
        (
            {
                "parties": [
                    {
                        "role": "victim",
                        "exploitation_types": ["Nope"],
                        "person": {
                            "full_name": "Z",
                            "documents": [{"kind": "cnic", "number": "123"}],
                        },
                    }
                ]
            },
            ["parties[0].documents[0]", "parties[0].exploitation_types"],
        ),
    ],
)
def test_it_names_each_bad_field(
    client_for: ClientFor, alice: User, change: dict[str, Any], errors: list[str]
) -> None:
    payload = {**som_case_payload(), **change}
    response = _post(client_for, alice, payload)
    assert response.status_code == 400
    body = response.json()
    assert sorted(body) == sorted(errors)
    assert all(isinstance(m, str) for messages in body.values() for m in messages)


def test_it_gives_the_services_message(client_for: ClientFor, alice: User) -> None:
    response = _post(client_for, alice, {**som_case_payload(), "statutes": []})
    assert response.json() == {"statutes": [str(NO_OFFENCE)]}


@pytest.mark.parametrize("body", [{}, [], "case", 7, None])
def test_it_names_the_required_fields_of_an_empty_or_wrong_body(
    client_for: ClientFor, alice: User, body: Any
) -> None:
    response = _post(client_for, alice, body)
    assert response.status_code == 400


def test_it_answers_400_for_malformed_json(client_for: ClientFor, alice: User) -> None:
    response = client_for(alice).post(
        "/api/cases/", data='{"origin": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


def test_it_answers_415_for_a_form(client_for: ClientFor, alice: User) -> None:
    response = client_for(alice).post("/api/cases/", {"origin": "complaint"})
    assert response.status_code == 415


def test_it_accepts_deep_unicode_without_error(client_for: ClientFor, alice: User) -> None:
    payload = som_case_payload()
    payload["parties"][0]["person"]["full_name_ur"] = "شاہد اقبال \U0001f600"
    response = client_for(alice).post(
        "/api/cases/", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 201
