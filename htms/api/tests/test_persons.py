"""GET /api/persons/ and /api/persons/{id}/: visible persons, protected identities masked,
and a search that never ties a name or CNIC to a pseudonym."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.cases.services.registration import case_register
from htms.common.sealing import opened_values
from htms.conftest import tip_case_input
from htms.persons.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def victim(tip_case: Case) -> Person:
    return tip_case.parties.get(role="victim").person


def _results(client_for: ClientFor, user: User, query: str = "") -> list[dict[str, Any]]:
    response = client_for(user).get(f"/api/persons/{query}")
    assert response.status_code == 200, response.json()
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def test_it_lists_the_persons_of_the_users_cases(
    client_for: ClientFor, alice: User, victim: Person
) -> None:
    rows = _results(client_for, alice)
    assert [r["name"] for r in rows] == ["Sajida Bibi", "Imran Butt", "Tariq Mehmood"]
    assert rows[0]["identity_visible"] is True and rows[0]["phones"] == ["+923001234567"]


@pytest.mark.parametrize("who", ["hana", "zara"])
def test_it_lists_a_victim_by_pseudonym_to_users_without_need_to_know(
    request: pytest.FixtureRequest, client_for: ClientFor, victim: Person, who: str
) -> None:
    rows = _results(client_for, request.getfixturevalue(who))
    row = next(r for r in rows if r["id"] == victim.pk)
    assert row["name"] == victim.pseudonym and row["identity_visible"] is False
    assert row["full_name"] is None and row["documents"] is None and row["birth_date"] is None


@pytest.mark.parametrize("who", ["carl", "adam"])
def test_it_lists_nobody_to_users_who_see_no_case(
    request: pytest.FixtureRequest, client_for: ClientFor, tip_case: Case, who: str
) -> None:
    assert _results(client_for, request.getfixturevalue(who)) == []


def test_it_lists_only_the_suspects_to_another_circle(
    client_for: ClientFor, bob: User, tip_case: Case
) -> None:
    rows = _results(client_for, bob)
    accused = set(tip_case.parties.filter(role="accused").values_list("person_id", flat=True))
    assert {r["id"] for r in rows} == accused


@pytest.mark.parametrize(
    ("query", "who", "found"),
    [
        ("?q=sajida", "alice", True),
        ("?q=ساجدہ", "alice", True),
        ("?q=nobody", "alice", False),
        ("?cnic=34101-1234567-2", "alice", True),
        ("?cnic=3410112345672", "alice", True),
        ("?q=sajida", "hana", False),
        ("?cnic=34101-1234567-2", "hana", False),
        ("?q=sajida", "zara", False),
    ],
)
def test_it_finds_a_victim_only_for_users_who_may_see_her_identity(
    request: pytest.FixtureRequest,
    client_for: ClientFor,
    victim: Person,
    query: str,
    who: str,
    found: bool,
) -> None:
    rows = _results(client_for, request.getfixturevalue(who), query)
    assert [r["id"] for r in rows] == ([victim.pk] if found else [])


def test_it_finds_an_accused_by_name_for_a_national_reader(
    client_for: ClientFor, hana: User, tip_case: Case
) -> None:
    assert [r["name"] for r in _results(client_for, hana, "?q=imran")] == ["Imran Butt"]


@pytest.mark.parametrize(
    "query", ["?cnic=12345", "?cnic=9999999999999", "?q=" + "x" * 201, "?q=a%00b"]
)
def test_it_names_a_bad_search(client_for: ClientFor, alice: User, query: str) -> None:
    response = client_for(alice).get(f"/api/persons/{query}")
    assert response.status_code == 400
    assert list(response.json()) == [query[1 : query.index("=")]]


def test_it_shows_a_person_with_roles_and_audits_the_read(
    client_for: ClientFor, alice: User, tip_case: Case, victim: Person
) -> None:
    response = client_for(alice).get(f"/api/persons/{victim.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["full_name"] == "Sajida Bibi" and body["aliases"] == []
    assert body["roles"] == [
        {
            "id": tip_case.parties.get(role="victim").pk,
            "case": tip_case.pk,
            "case_reference": tip_case.reference,
            "role": "victim",
        }
    ]
    event = AuditEvent.objects.get(action="view", object_type="person")
    assert event.actor == alice and event.object_id == str(victim.pk)


@pytest.mark.parametrize("who", ["hana", "zara", "mona"])
def test_it_shows_a_victim_by_pseudonym_to_users_without_need_to_know(
    request: pytest.FixtureRequest, client_for: ClientFor, victim: Person, who: str
) -> None:
    body = client_for(request.getfixturevalue(who)).get(f"/api/persons/{victim.pk}/").json()
    assert body["name"] == victim.pseudonym and body["identity_visible"] is False
    for field in (
        "full_name",
        "full_name_ur",
        "father_name",
        "birth_date",
        "documents",
        "phones",
        "aliases",
        "addresses",
    ):
        assert body[field] is None, field
    assert [r["role"] for r in body["roles"]] == ["victim"]


@pytest.mark.parametrize("who", ["bob", "cleo", "carl", "adam"])
def test_it_answers_404_for_a_person_the_user_may_not_know(
    request: pytest.FixtureRequest, client_for: ClientFor, victim: Person, who: str
) -> None:
    response = client_for(request.getfixturevalue(who)).get(f"/api/persons/{victim.pk}/")
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="view").exists()


@pytest.mark.parametrize("raw", ["x", "0", "-3", "123456789012345678901"])
def test_it_answers_404_for_an_id_that_cannot_exist(
    client_for: ClientFor, alice: User, raw: str
) -> None:
    assert client_for(alice).get(f"/api/persons/{raw}/").status_code == 404


def _queries(client: APIClient) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/persons/").status_code == 200
    return len(queries)


def test_it_lists_in_queries_that_do_not_grow_with_the_persons(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    client = client_for(alice)
    _queries(client)  # the token's first use
    before = _queries(client)
    case_register(actor=alice, data=tip_case_input())
    assert _queries(client) == before


def _last_event() -> AuditEvent:
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None
    return event


def test_it_audits_a_search_by_name_with_the_name_and_the_ids_it_returned(
    client_for: ClientFor, alice: User, victim: Person
) -> None:
    rows = _results(client_for, alice, "?q=sajida")
    event = _last_event()
    assert (event.actor, event.action, event.object_type) == (alice, "view", "person_search")
    assert opened_values(event.changes) == {
        "ids": [victim.pk],
        "search": {"q": "sajida"},
        "page": "1",
    }
    assert "sajida" not in str(event.changes)  # sealed at rest
    assert [r["id"] for r in rows] == [victim.pk]


def test_it_audits_a_search_by_cnic_that_found_nobody(
    client_for: ClientFor, bob: User, victim: Person
) -> None:
    assert _results(client_for, bob, "?cnic=34101-1234567-2") == []
    event = _last_event()
    assert (event.actor, event.object_type) == (bob, "person_search")
    assert opened_values(event.changes["search"]) == {"cnic": "3410112345672"}
    assert event.changes["ids"] == []


def test_it_audits_a_plain_list_as_a_list(
    client_for: ClientFor, alice: User, victim: Person
) -> None:
    rows = _results(client_for, alice)
    event = _last_event()
    assert (event.object_type, event.changes["search"]) == ("person_list", {})
    assert event.changes["ids"] == [r["id"] for r in rows]
