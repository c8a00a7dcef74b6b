"""GET /api/stats/case-counts/: case_counts over the cases the user may see."""

import pytest
from rest_framework.test import APIClient

from htms.api.tests.conftest import ClientFor
from htms.cases.models import Case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "counted"),
    [
        ("alice", True),
        ("zara", True),
        ("hana", True),
        ("bob", False),
        ("carl", False),
        ("adam", False),
    ],
)
def test_it_counts_the_cases_the_user_may_see(
    request: pytest.FixtureRequest,
    client_for: ClientFor,
    tip_case: Case,
    who: str,
    counted: bool,
) -> None:
    response = client_for(request.getfixturevalue(who)).get("/api/stats/case-counts/")
    assert response.status_code == 200
    expected = [{"crime_type": "TIP", "stage": "fir", "province": "", "cases": 1}]
    assert response.json() == (expected if counted else [])


def test_it_requires_a_login(anonymous: APIClient) -> None:
    assert anonymous.get("/api/stats/case-counts/").status_code == 401
