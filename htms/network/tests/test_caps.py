"""No limit of the network code cuts silently: where one is reached (set small here), the page,
the API or the Gazette says that the figure or the list is incomplete."""

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from htms.accounts.models import User
from htms.cases.inputs import PartyInput
from htms.cases.services.registration import case_register
from htms.conftest import accused_input
from htms.intelligence.access import agent_queryset_for_user
from htms.intelligence.gazette.months import month_parse
from htms.intelligence.gazette.networks import most_active_networks
from htms.network import activity, analysis, cdr, graph, views
from htms.network.access import network_scope_for_user
from htms.network.tests.support import case_b_input, two_circles
from htms.network.tests.test_cdr_import import source
from htms.web.tests.support import client_for

pytestmark = pytest.mark.django_db

OCTOBER = (date(2026, 10, 1), date(2026, 11, 1))


def test_the_gazette_says_at_least_when_the_months_links_are_more_than_are_read(
    alice: User, bob: User, hana: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_circles(alice, bob)
    scope = network_scope_for_user(hana)
    found = activity.active_networks(scope=scope, first=OCTOBER[0], after=OCTOBER[1])
    assert found and not any(n.at_least for n in found)
    monkeypatch.setattr(activity, "MAX_LINKS", 1)
    found = activity.active_networks(scope=scope, first=OCTOBER[0], after=OCTOBER[1])
    assert found and all(n.at_least for n in found)
    month = month_parse("2026-10")
    rows = most_active_networks(user=hana, month=month, agents=agent_queryset_for_user(hana))
    assert rows and all("at least" in detail for _shown, detail in rows)


def test_a_path_search_cut_at_the_node_limit_says_so_on_the_page_and_in_the_api(
    alice: User, bob: User, hana: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    url = f"?a={shared.agent_a}&b={shared.agent_b}&depth=4"
    assert "may exist" not in client_for(hana).get(f"/network/path/{url}").content.decode()
    monkeypatch.setattr(graph, "MAX_NODES", 3)
    page = client_for(hana).get(f"/network/path/{url}").content.decode()
    assert "a path where none is shown, may exist" in page
    network = client_for(hana).get(f"/network/data/?root=person:{shared.agent_a}").json()
    assert network["truncated"] is True


def test_who_else_uses_says_at_least_when_the_list_is_cut(
    alice: User, bob: User, hana: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_circles(alice, bob)
    monkeypatch.setattr(graph, "MAX_NODES", 2)
    page = client_for(hana).get("/network/uses/?number=HWL-SYN-0451").content.decode()
    assert "the list is incomplete" in page


def test_a_sampled_betweenness_and_a_cut_name_search_say_so(
    alice: User, bob: User, hana: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    monkeypatch.setattr(analysis, "EXACT_BETWEENNESS", 2)
    page = client_for(hana).get(f"/network/persons/{shared.agent_a}/").content.decode()
    assert "betweenness is estimated from a sample" in page
    namesake = PartyInput(
        role="accused",
        person=accused_input("Imran Butt", "35202-1111111-1"),
        accused_status="arrested",
    )
    case_register(actor=bob, data=replace(case_b_input(), parties=[namesake]))
    monkeypatch.setattr(views, "SEARCH_LIMIT", 1)
    page = client_for(hana).get("/network/?name=Imran+Butt").content.decode()
    assert "More persons match than are listed" in page


def test_a_file_with_more_bad_rows_than_are_listed_says_how_many(
    hana: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cdr, "MAX_REPORTED", 1)
    bad = (
        b"A Party,B Party,Start Time,Duration\n"
        b"030012345,03337654321,2026-10-05 10:05,60\n"
        b"03007654321,03337654321,2026-11-05 10:05,60\n"
    )
    result = cdr.calls_import(actor=hana, stream=io.BytesIO(bad), name="c.csv", source=source())
    assert len(result.refused) == 1 and result.bad_rows == 2
    assert result.unlisted_note.startswith("Only the first 1 of the 2 rows to correct")


def test_an_export_deeper_than_the_limit_is_refused_not_cut(hana: User, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="invalid choice: 9"):
        call_command("export", "ftm", "--output", str(tmp_path / "x"), "--user", "hana",
                     "--purpose", "Joint analysis of the month", "--depth", "9")  # fmt: skip
