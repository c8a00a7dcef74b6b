"""No input makes the API answer with a server error: OPTIONS on every endpoint, bodies nested
far too deep, bodies too large, bodies that are not JSON."""

from typing import Any

import pytest
from django.urls import URLPattern
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor
from htms.api.urls import urlpatterns
from htms.cases.models import Case

pytestmark = pytest.mark.django_db

DEEP = "[" * 100_000


def _paths(case_id: int) -> list[str]:
    paths = []
    for pattern in urlpatterns:
        assert isinstance(pattern, URLPattern)
        route = str(pattern.pattern).replace("<str:case_id>", str(case_id))
        paths.append("/api/" + route.replace("<str:person_id>", "1"))
    return paths


def test_it_answers_options_on_every_endpoint(
    client_for: ClientFor, alice: User, tip_case: Case
) -> None:
    client = client_for(alice)
    for path in _paths(tip_case.pk):
        response = client.options(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        if response.status_code == 200 and path != "/api/schema/":
            assert response.json()["schema"] == "/api/schema/"


@pytest.mark.parametrize("path", ["/api/auth/token/", "/api/cases/"])
def test_it_refuses_a_body_nested_too_deep_with_a_400(
    client_for: ClientFor, alice: User, path: str
) -> None:
    response = client_for(alice).post(path, DEEP, content_type="application/json")
    assert response.status_code == 400
    assert "nested more than 20 levels" in response.json()["non_field_errors"][0]


def test_it_refuses_a_body_nested_deeper_than_the_limit_but_parseable(
    client_for: ClientFor, alice: User
) -> None:
    body = '{"a": ' * 25 + "1" + "}" * 25
    response = client_for(alice).post("/api/cases/", body, content_type="application/json")
    assert response.status_code == 400
    assert "nested more than 20 levels" in response.json()["non_field_errors"][0]


def test_it_refuses_a_body_too_large_with_a_413(
    client_for: ClientFor, alice: User, settings: Any
) -> None:
    settings.HTMS_API_MAX_BODY_BYTES = 1000
    body = '{"username": "' + "a" * 2000 + '", "password": "x"}'
    response = client_for(alice).post("/api/auth/token/", body, content_type="application/json")
    assert response.status_code == 413
    assert "larger than 1000 bytes" in response.json()["detail"]


@pytest.mark.parametrize("body", ["{", "\udcff", "[1, 2", "NaN!"])
def test_it_refuses_a_body_that_is_not_json_with_a_400(anonymous: APIClient, body: str) -> None:
    response = anonymous.post(
        "/api/auth/token/", body.encode("utf-8", "surrogateescape"), content_type="application/json"
    )
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["non_field_errors"][0]


@pytest.mark.parametrize(
    "path",
    [
        "/api/reference/districts/?province=",
        "/api/reference/units/?kind=",
        "/api/reference/statutes/?crime_type=",
        "/api/reference/terms/?vocabulary=",
    ],
)
def test_an_empty_filter_is_no_filter_as_the_schema_says(
    client_for: ClientFor, alice: User, path: str
) -> None:
    client = client_for(alice)
    everything = client.get(path.split("?")[0]).json()
    assert client.get(path).json() == everything
    schema = client.get("/api/schema/?format=json").json()
    name = path.split("?")[1].rstrip("=")
    (parameter,) = [
        p for p in schema["paths"][path.split("?")[0]]["get"]["parameters"] if p["name"] == name
    ]
    assert parameter["schema"].get("minLength", 0) == 0
    assert "enum" not in parameter["schema"] or "" in parameter["schema"]["enum"]
