"""The public figures: national, yearly, under disclosure control, also as CSV."""

import csv
import io

import pytest

from htms.accounts.models import User
from htms.cases.models import Case
from htms.public.tests.support import anonymous

pytestmark = pytest.mark.django_db


def test_small_figures_are_withheld_on_the_page_and_in_the_csv(tip_case: Case) -> None:
    page = anonymous().get("/public/en/figures/").content.decode()
    year = str(tip_case.registered_at.year)
    assert f'<th scope="col">{year}</th>' in page
    assert "Victims identified" in page and "—" in page
    rows = list(csv.reader(io.StringIO(anonymous().get("/public/en/figures.csv").content.decode())))
    assert rows[0] == ["", year]
    victims = next(r for r in rows if r[0] == "Victims identified")
    assert victims[1] == "", "one victim is fewer than k: withheld"


def test_the_figures_count_every_circle_not_one(tip_case: Case, bob: User) -> None:
    from django.test import override_settings

    with override_settings(HTMS_STATISTICS_K=1):
        rows = list(
            csv.reader(io.StringIO(anonymous().get("/public/en/figures.csv").content.decode()))
        )
    victims = next(r for r in rows if r[0] == "Victims identified")
    assert victims[1] == "1"
    cases = next(r for r in rows if r[0] == "Cases registered with an FIR")
    assert cases[1] == "1"
