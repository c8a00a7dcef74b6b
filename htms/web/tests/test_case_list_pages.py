"""The case list counts only the pages near the one shown: walking its pages loses and repeats
no case, keeps the filters, and the exact count is there on request."""

import re

import pytest

from htms.accounts.models import User
from htms.cases.models import Case, Stage
from htms.cases.services.registration import case_register
from htms.common import pages
from htms.conftest import stage_move, tip_case_input
from htms.web.tests.support import client_for
from htms.web.views import cases as case_views

pytestmark = pytest.mark.django_db

NEXT_LINK = re.compile(r'href="\?([^"]*)" rel="next"')


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two cases a page, counted one page ahead: seven cases make the count stop early."""
    monkeypatch.setattr(case_views, "PAGE_SIZE", 2)
    monkeypatch.setattr(pages, "PAGES_COUNTED_AHEAD", 1)


@pytest.fixture
def fir_cases(alice: User) -> list[int]:
    """Seven cases at the FIR stage and two moved on to investigation; the FIR ones' ids."""
    made = [case_register(actor=alice, data=tip_case_input()) for _ in range(9)]
    for case in made[:2]:
        stage_move(alice, case, Stage.INVESTIGATION)
    return [case.pk for case in made[2:]]


def _ids(response: object) -> list[int]:
    return [case.pk for case in response.context["page"].object_list]  # type: ignore[attr-defined]


@pytest.mark.usefixtures("small_pages")
def test_walking_the_pages_shows_every_filtered_case_once(
    alice: User, fir_cases: list[int]
) -> None:
    client = client_for(alice)
    response = client.get("/cases/?stage=fir")
    body = response.content.decode()
    assert "More than 4 cases" in body
    assert "Page 1 of 3 or more" in body
    seen = _ids(response)
    while match := NEXT_LINK.search(response.content.decode()):
        query = match.group(1).replace("&amp;", "&")
        assert "stage=fir" in query
        response = client.get(f"/cases/?{query}")
        seen += _ids(response)
    assert len(seen) == len(set(seen)) == 7
    assert set(seen) == set(fir_cases)
    assert seen == sorted(seen, reverse=True)  # newest first, as registered
    assert "Page 4 of 4" in response.content.decode()


@pytest.mark.usefixtures("small_pages")
def test_the_exact_count_is_given_on_request(alice: User, fir_cases: list[int]) -> None:
    client = client_for(alice)
    body = client.get("/cases/?stage=fir").content.decode()
    assert 'href="?stage=fir&amp;page=1&amp;count=all#case-results"' in body
    body = client.get("/cases/?stage=fir&page=1&count=all").content.decode()
    assert "7 cases" in body
    assert "Page 1 of 4" in body
    assert "More than" not in body
    assert "or more" not in body


@pytest.mark.usefixtures("small_pages")
@pytest.mark.parametrize("number", ["abc", "0", "-3", "99999999999999999999999"])
def test_a_strange_page_number_shows_a_page(alice: User, fir_cases: list[int], number: str) -> None:
    response = client_for(alice).get(f"/cases/?stage=fir&page={number}")
    assert response.status_code == 200
    assert len(_ids(response)) in (1, 2)


def test_a_short_list_is_counted_exactly(alice: User, tip_case: Case) -> None:
    body = client_for(alice).get("/cases/").content.decode()
    assert "1 case" in body
    assert "Page 1 of 1" in body
    assert "More than" not in body
