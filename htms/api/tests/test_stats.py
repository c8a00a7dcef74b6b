"""GET /api/stats/case-counts/: case_counts over the cases the user may see."""

import pytest
from django.utils.dateparse import parse_datetime
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.api.serializers.statistics import DurationsSerializer
from htms.api.tests.conftest import ClientFor
from htms.cases.models import Case
from htms.statistics.models import StatisticsRefresh

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


def test_it_withholds_small_counts_of_victims_from_national_readers(
    client_for: ClientFor, tip_case: Case, alice: User, hana: User
) -> None:
    """The shared case has one victim: her writers' circle sees 1, headquarters sees null."""
    own = client_for(alice).get("/api/stats/victims/?by=sex").json()
    assert own["k"] is None and own["rows"][0]["code"] == "F" and own["rows"][0]["total"] == 1
    national = client_for(hana).get("/api/stats/victims/?by=sex").json()
    assert national["k"] == 11 and national["rows"][0]["total"] is None
    assert national["totals"]["total"] is None and national["year_basis"]
    refreshed = StatisticsRefresh.objects.latest().refreshed_at
    assert parse_datetime(national["as_of"]) == refreshed


@pytest.mark.parametrize("unit", ["victims", "suspects", "prosecuted", "convicted", "acquitted"])
def test_it_answers_every_counting_unit(client_for: ClientFor, hana: User, unit: str) -> None:
    response = client_for(hana).get(f"/api/stats/{unit}/?by=nationality")
    assert response.status_code == 200 and response.json()["dimension"] == "nationality"


def test_it_explains_an_unknown_dimension(client_for: ClientFor, hana: User) -> None:
    response = client_for(hana).get("/api/stats/victims/?by=shoe_size")
    assert response.status_code == 400 and "by" in response.json()


def test_it_gives_the_funnel(client_for: ClientFor, tip_case: Case, alice: User) -> None:
    funnel = client_for(alice).get("/api/stats/funnel/").json()
    assert funnel["rows"][0] == {
        "code": "firs",
        "label": "Cases with an FIR",
        "cells": [1],
        "total": 1,
    }
    assert funnel["rates"][0]["total"] == 0.0


def test_durations_answer_null_for_a_withheld_year() -> None:
    spread = {"cases": None, "lower": 10.0, "median": 20.0, "upper": 30.0}
    row = {"code": "tip", "label": "TIP", "cells": [None, spread], "total": None}
    answer = DurationsSerializer({"k": 11, "columns": ["2024", "2025"], "rows": [row]}).data
    assert answer["rows"][0]["cells"] == [None, spread] and answer["rows"][0]["total"] is None
