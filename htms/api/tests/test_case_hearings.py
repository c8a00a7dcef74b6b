"""POST /api/cases/{id}/hearings/: hearing_record behind the chokepoint."""

from typing import Any

import pytest

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor
from htms.api.tests.payloads import move_case
from htms.cases.models import Case, Hearing
from htms.cases.services.court import NEXT_DATE_BEFORE, NOT_IN_COURT, WITNESS_NOT_PARTY
from htms.conftest import BACKDATE_REASON
from htms.reference.models import Court

pytestmark = pytest.mark.django_db


@pytest.fixture
def court_case(anne: User, tip_case: Case) -> Case:
    """tip_case with its interim challan in court."""
    return move_case(anne, tip_case, "investigation", "interim_challan")


@pytest.fixture
def court() -> Court:
    return Court.objects.get(code="CRT-SJ-LHR")


def _post(client_for: ClientFor, user: User, case: Case, body: Any) -> Any:
    return client_for(user).post(f"/api/cases/{case.pk}/hearings/", body, format="json")


def test_it_records_a_hearing(
    client_for: ClientFor, alice: User, court_case: Case, court: Court
) -> None:
    victim = court_case.parties.get(role="victim")
    response = _post(
        client_for,
        alice,
        court_case,
        {
            "court": court.pk,
            "date": "2026-11-20",
            "backdate_reason": BACKDATE_REASON,
            "purpose": "Charge framed",
            "next_date": "2026-12-04",
            "witnesses_due": [victim.pk],
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["court"] == {
        "id": court.pk,
        "code": "CRT-SJ-LHR",
        "name": court.name,
        "level": "trial",
    }
    assert body["next_date"] == "2026-12-04" and body["witnesses_due"] == [victim.pk]
    assert Hearing.objects.get().case == court_case


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"next_date": "2026-11-19"}, {"next_date": [str(NEXT_DATE_BEFORE)]}),
        ({"witnesses_due": [987654]}, {"witnesses_due": [str(WITNESS_NOT_PARTY)]}),
        ({"court": 987654}, {"court": ["Unknown court."]}),
    ],
)
def test_it_gives_the_services_message(
    client_for: ClientFor,
    alice: User,
    court_case: Case,
    court: Court,
    change: dict[str, Any],
    errors: dict[str, list[str]],
) -> None:
    body = {"court": court.pk, "date": "2026-11-20", "backdate_reason": BACKDATE_REASON, **change}
    response = _post(client_for, alice, court_case, body)
    assert response.status_code == 400
    assert response.json() == errors


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"court", "date"}),
        ({"court": "Lahore", "date": "2026-02-30"}, {"court", "date"}),
        (
            {"court": 1, "date": "2026-11-20", "witnesses_due": [0, "x"]},
            {"witnesses_due[0]", "witnesses_due[1]"},
        ),
        ({"court": 1, "date": "2026-11-20", "purpose": "p" * 201}, {"purpose"}),
    ],
)
def test_it_names_the_bad_field(
    client_for: ClientFor,
    alice: User,
    court_case: Case,
    body: dict[str, Any],
    errors: set[str],
) -> None:
    response = _post(client_for, alice, court_case, body)
    assert response.status_code == 400
    assert set(response.json()) == errors


def test_it_refuses_a_hearing_before_the_challan(
    client_for: ClientFor, alice: User, tip_case: Case, court: Court
) -> None:
    response = _post(client_for, alice, tip_case, {"court": court.pk, "date": "2026-11-20"})
    assert response.json() == {"date": [str(NOT_IN_COURT)]}


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("zara", 403),
        ("hana", 403),
        ("bob", 404),
        ("carl", 404),
        ("adam", 404),
    ],
)
def test_it_lets_only_writers_of_the_case_circle_record(
    request: pytest.FixtureRequest,
    client_for: ClientFor,
    court_case: Case,
    court: Court,
    who: str,
    status: int,
) -> None:
    response = _post(
        client_for,
        request.getfixturevalue(who),
        court_case,
        {"court": court.pk, "date": "2026-11-20"},
    )
    assert response.status_code == status
    assert not Hearing.objects.exists()
