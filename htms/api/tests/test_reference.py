"""GET /api/reference/...: read-only reference data for every logged-in user."""

import pytest
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor

pytestmark = pytest.mark.django_db

LISTS = ["provinces", "districts", "countries", "units", "courts", "statutes", "terms"]


@pytest.mark.parametrize("name", LISTS)
def test_it_lists_reference_data_unpaginated(client_for: ClientFor, carl: User, name: str) -> None:
    response = client_for(carl).get(f"/api/reference/{name}/")
    assert response.status_code == 200
    rows = response.json()
    assert isinstance(rows, list) and rows and all("code" in row for row in rows)


@pytest.mark.parametrize("name", LISTS)
def test_it_requires_a_login(anonymous: APIClient, name: str) -> None:
    assert anonymous.get(f"/api/reference/{name}/").status_code == 401


@pytest.mark.parametrize("name", LISTS)
def test_it_is_read_only(client_for: ClientFor, adam: User, name: str) -> None:
    response = client_for(adam).post(f"/api/reference/{name}/", {"code": "X"}, format="json")
    assert response.status_code == 405


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("districts/?province=PB", lambda row: row["province"] == "PB"),
        ("units/?kind=hq", lambda row: row["kind"] == "hq"),
        ("statutes/?crime_type=SOM", lambda row: row["crime_type"] == "SOM"),
        ("terms/?vocabulary=network_role", lambda row: row["vocabulary"] == "network_role"),
    ],
)
def test_it_filters(client_for: ClientFor, hana: User, query: str, check: object) -> None:
    rows = client_for(hana).get(f"/api/reference/{query}").json()
    assert rows and all(check(row) for row in rows)  # type: ignore[operator]


def test_it_gives_the_iccs_code_of_a_statute(client_for: ClientFor, hana: User) -> None:
    rows = client_for(hana).get("/api/reference/statutes/?crime_type=TIP").json()
    assert {row["code"]: row["iccs_code"] for row in rows}["PTPA2018-3"] == "0204"


@pytest.mark.parametrize(
    "query",
    [
        "units/?kind=castle",
        "terms/?vocabulary=x",
        "statutes/?crime_type=tip",
        "districts/?province=" + "P" * 9,
    ],
)
def test_it_names_a_bad_filter(client_for: ClientFor, hana: User, query: str) -> None:
    response = client_for(hana).get(f"/api/reference/{query}")
    assert response.status_code == 400
    assert list(response.json()) == [query.split("?")[1].split("=")[0]]
