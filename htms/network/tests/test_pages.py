"""Network pages: who gets them, what they show, and that every query is audited."""

import json

import pytest

from htms.accounts.models import Role, User
from htms.audit.models import AuditEvent
from htms.conftest import _user
from htms.network.tests.support import two_circles
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db

VICTIM_NAME = "Sajida Bibi"
VICTIM_PHONE = "+923001234567"
VICTIM_CNIC = "3410112345672"


def test_an_analyst_finds_the_path_between_agents_of_two_circles_through_the_hawala_account(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    html = page(client_for(hana), f"/network/path/?a={shared.agent_a}&b={shared.agent_b}&depth=4")
    assert "2 links apart" in html
    assert "Imran Butt holds Hawala account HWL-SYN-0451" in html
    assert "Shahid Gondal holds Hawala account HWL-SYN-0451" in html
    assert "FMU-SYN-2026-014" in html
    row = AuditEvent.objects.filter(object_type="network").last()
    assert row is not None and row.changes["query"] == "path"
    assert shared.agent_b in row.changes["persons"]


def test_an_officer_of_another_zone_gets_404_on_the_network_of_a_case_he_may_not_see(
    alice: User, bob: User
) -> None:
    case_a, _b, _shared = two_circles(alice, bob)
    other_incharge = _user("omar", "T-C", Role.CIRCLE_INCHARGE)
    assert client_for(other_incharge).get(f"/network/cases/{case_a.pk}/").status_code == 404
    assert (
        client_for(other_incharge).get(f"/network/data/?root=case:{case_a.pk}").status_code == 404
    )


@pytest.mark.parametrize("who", ["alice", "bob", "zara", "carl", "adam"])
def test_roles_without_need_to_know_get_404_everywhere(
    request: pytest.FixtureRequest, who: str, alice: User, bob: User
) -> None:
    case_a, _b, shared = two_circles(alice, bob)
    client = client_for(request.getfixturevalue(who))
    for url in ("/network/", f"/network/cases/{case_a.pk}/", f"/network/persons/{shared.agent_a}/",
                f"/network/path/?a={shared.agent_a}&b={shared.agent_b}", "/network/uses/?number=1",
                f"/network/data/?root=person:{shared.agent_a}"):  # fmt: skip
        assert client.get(url).status_code == 404, url


def test_the_incharge_sees_his_case_network_but_not_the_other_circles_agent(
    alice: User, anne: User, bob: User
) -> None:
    case_a, _b, _shared = two_circles(alice, bob)
    html = page(client_for(anne), f"/network/cases/{case_a.pk}/?depth=3")
    assert "Imran Butt" in html and "HWL-SYN-0451" in html
    assert "Shahid Gondal" not in html
    assert VICTIM_NAME in html  # the in-charge's unit handles the victim


def test_an_analyst_sees_the_victim_as_a_pseudonym_without_her_numbers(
    alice: User, bob: User, hana: User
) -> None:
    case_a, _b, shared = two_circles(alice, bob)
    client = client_for(hana)
    html = page(client, f"/network/cases/{case_a.pk}/?depth=2")
    data = client.get(f"/network/data/?root=case:{case_a.pk}&depth=2").content.decode()
    for text in (html, data):
        assert VICTIM_NAME not in text and VICTIM_PHONE not in text and VICTIM_CNIC not in text
        assert "V-" in text and "Phone (hidden)" in text
    assert "paid 850000" in html


def test_the_data_answer_is_the_network_as_json(alice: User, bob: User, hana: User) -> None:
    _a, _b, shared = two_circles(alice, bob)
    response = client_for(hana).get(f"/network/data/?root=person:{shared.agent_a}&depth=2")
    data = json.loads(response.content)
    ids = {n["id"] for n in data["nodes"]}
    assert f"person:{shared.agent_b}" in ids and f"account:{shared.account}" in ids
    assert all(link["reason"] for link in data["links"])


def test_bad_filters_are_explained_not_refused(alice: User, bob: User, hana: User) -> None:
    _a, _b, shared = two_circles(alice, bob)
    html = page(client_for(hana), f"/network/persons/{shared.agent_a}/?depth=9&since=soon")
    assert "Ensure this value is less than or equal to 4." in html
    assert "Enter a valid date." in html


def test_who_else_uses_a_phone_lists_only_identities_the_user_may_see(
    alice: User, bob: User, hana: User
) -> None:
    two_circles(alice, bob)
    client = client_for(hana)
    assert "Imran Butt" in page(client, "/network/uses/?number=0300+7654321")
    html = page(client, "/network/uses/?number=0300+1234567")
    assert "0 persons use this number" in html and "V-" not in html
    assert 'value="+923001234567"' in html, "the search box shows the number as looked up"


def test_the_home_page_finds_agents_and_chooses_the_ends_of_a_path(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    html = page(client_for(hana), f"/network/?name=Imran+Butt&b={shared.agent_b}")
    assert f"/network/persons/{shared.agent_a}/" in html
    assert f"?a={shared.agent_a}&amp;b={shared.agent_b}" in html
