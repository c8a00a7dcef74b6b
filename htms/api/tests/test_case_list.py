"""GET /api/cases/: the cases each user may see, filtered and paginated."""

from typing import Any

import pytest

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.cases.services.registration import case_register
from htms.common.sealing import opened_values
from htms.conftest import tip_case_input

pytestmark = pytest.mark.django_db


def _ids(body: dict[str, Any]) -> list[int]:
    return [row["id"] for row in body["results"]]


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("alice", True),
        ("anne", True),
        ("zara", True),
        ("hana", True),
        ("mona", True),
        ("bob", False),
        ("cleo", False),
        ("carl", False),
        ("adam", False),
    ],
)
def test_it_lists_exactly_the_cases_the_user_may_see(
    request: pytest.FixtureRequest,
    client_for: ClientFor,
    tip_case: Case,
    who: str,
    sees: bool,
) -> None:
    response = client_for(request.getfixturevalue(who)).get("/api/cases/")
    assert response.status_code == 200
    assert _ids(response.json()) == ([tip_case.pk] if sees else [])


def test_it_shows_the_crime_types_of_the_offences(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    row = client_for(alice).get("/api/cases/").json()["results"][0]
    assert row["crime_types"] == ["TIP"]
    assert row["reference"] == tip_case.reference
    assert row["unit"]["code"] == "T-A"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("crime_type=TIP", True),
        ("crime_type=SOM", False),
        ("stage=fir", True),
        ("stage=trial", False),
        ("registered_from=2000-01-01", True),
        ("registered_to=2000-01-01", False),
        ("overdue=true", True),
        ("overdue=false", True),
    ],
)
def test_it_filters(
    client_for: ClientFor, alice: User, tip_case: Case, query: str, found: bool
) -> None:
    # The FIR of tip_case is dated 2026-10-01, well past the interim challan deadline.
    response = client_for(alice).get(f"/api/cases/?{query}")
    assert response.status_code == 200
    assert _ids(response.json()) == ([tip_case.pk] if found else [])


def test_it_filters_by_unit_id(client_for: ClientFor, hana: User, tip_case: Case) -> None:
    client = client_for(hana)
    assert _ids(client.get(f"/api/cases/?unit={tip_case.unit_id}").json()) == [tip_case.pk]
    assert _ids(client.get(f"/api/cases/?unit={tip_case.unit_id + 1000}").json()) == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("stage=bogus", "stage"),
        ("crime_type=tip", "crime_type"),
        ("registered_from=2024-13-45", "registered_from"),
        ("registered_to=yesterday", "registered_to"),
        ("unit=abc", "unit"),
        ("unit=99999999999999999999999", "unit"),
        ("unit=-1", "unit"),
        ("overdue=maybe", "overdue"),
    ],
)
def test_it_names_the_bad_filter(
    client_for: ClientFor, alice: User, query: str, field: str
) -> None:
    response = client_for(alice).get(f"/api/cases/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [field]


@pytest.mark.parametrize("page", ["2", "0", "abc", "99999999999999999999"])
def test_it_answers_404_for_a_page_that_does_not_exist(
    client_for: ClientFor, alice: User, tip_case: Case, page: str
) -> None:
    response = client_for(alice).get(f"/api/cases/?page={page}")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_it_lists_in_a_fixed_number_of_queries(
    client_for: ClientFor,
    alice: User,
    django_assert_num_queries: Any,
) -> None:
    for _ in range(3):
        case_register(actor=alice, data=tip_case_input())
    client = client_for(alice)
    client.get("/api/cases/")  # the token's first use
    # token and user, the user's unit, count, page, offences; the audit row (lock the chain's
    # head, write the row, move the head)
    with django_assert_num_queries(8):
        assert len(client.get("/api/cases/").json()["results"]) == 3


def test_it_audits_the_page_with_its_filters_and_the_ids_it_returned(
    client_for: ClientFor, alice: User, bob: User, tip_case: Case
) -> None:
    case_register(actor=bob, data=tip_case_input())
    assert client_for(alice).get("/api/cases/?crime_type=TIP").status_code == 200
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None
    assert (event.actor, event.action, event.object_type) == (alice, "view", "case_list")
    assert event.changes == {"ids": [tip_case.pk], "filters": {"crime_type": "TIP"}}


def test_it_searches_by_reference_fir_number_and_party_names(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    client = client_for(alice)
    for text in (tip_case.reference, tip_case.fir_number, "Imran Butt", "عمران بٹ", "Sajida Bibi"):
        assert _ids(client.get("/api/cases/", {"q": text}).json()) == [tip_case.pk], text
    assert _ids(client.get("/api/cases/", {"q": "Zubair Qureshi"}).json()) == []
    assert _ids(client.get("/api/cases/", {"q": "Imran Butt", "crime_type": "SOM"}).json()) == []


@pytest.mark.parametrize("who", ["zara", "hana", "mona"])
def test_a_search_by_a_hidden_victim_name_finds_no_case_and_no_count(
    request: pytest.FixtureRequest, client_for: ClientFor, tip_case: Case, who: str
) -> None:
    response = client_for(request.getfixturevalue(who)).get("/api/cases/", {"q": "ساجدہ بی بی"})
    body = response.json()
    assert (response.status_code, body["count"], body["results"]) == (200, 0, [])
    assert "ساجدہ" not in response.content.decode()


def test_the_search_terms_are_audited_with_the_cases_found(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    client_for(alice).get("/api/cases/", {"q": "Imran Butt"})
    row = AuditEvent.objects.filter(object_type="case_list").latest("pk")
    assert opened_values(row.changes["filters"]["q"]) == "Imran Butt"
    assert row.changes["ids"] == [tip_case.pk]


def test_a_search_too_long_is_explained(client_for: ClientFor, alice: User) -> None:
    response = client_for(alice).get("/api/cases/", {"q": "x" * 201})
    assert response.status_code == 400
    assert response.json() == {"q": ["Ensure this field has no more than 200 characters."]}
