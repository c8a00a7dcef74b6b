"""Finding things on the pages: the person search page and the case list's text search, through
the access rules, masked and audited."""

import pytest

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.common.sealing import opened_values
from htms.identity.facts import facts_for_ids
from htms.identity.search import Candidate
from htms.web.person_search import person_hits
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db

HIDDEN_NAMES = ("Sajida Bibi", "ساجدہ بی بی", "Sajida")


def _results(html: str) -> str:
    """What the search found: the rest of the page repeats what the user typed (the search
    box, the saved-search form, the language switch's return address)."""
    start = html.index('id="case-results"')
    return html[start : html.index("</section>", start)]


def test_the_case_list_finds_a_case_by_a_party_name_in_either_script(
    alice: User, tip_case: Case
) -> None:
    client = client_for(alice)
    for text in ("Imran Butt", "عمران بٹ", "Sajida Bibi", tip_case.fir_number):
        html = page(client, f"/cases/?q={text}")
        assert tip_case.reference in html, text
        assert "1 case" in html


@pytest.mark.parametrize("who", ["zara", "hana", "mona"])
@pytest.mark.parametrize("text", HIDDEN_NAMES)
def test_the_case_list_never_finds_a_case_by_a_hidden_victim_name(
    request: pytest.FixtureRequest, tip_case: Case, who: str, text: str
) -> None:
    client = client_for(request.getfixturevalue(who))
    assert tip_case.reference in page(client, "/cases/")
    html = _results(page(client, f"/cases/?q={text}&crime_type=TIP"))
    assert tip_case.reference not in html
    assert "0 cases" in html
    assert "Sajida" not in html and "ساجدہ" not in html


def test_the_case_list_search_is_audited_and_can_be_saved(alice: User, tip_case: Case) -> None:
    client = client_for(alice)
    page(client, "/cases/?q=Imran+Butt")
    row = AuditEvent.objects.filter(object_type="case_list").latest("pk")
    assert opened_values(row.changes) == {"cases": [tip_case.pk], "filters": {"q": "Imran Butt"}}
    assert "Imran" not in str(row.changes)  # sealed at rest
    response = client.post("/cases/saved/", {"name": "Butt", "query": "q=Imran+Butt&page=2"})
    assert response["Location"] == "/cases/?q=Imran+Butt"


def test_the_person_search_finds_by_name_cnic_passport_and_phone(
    alice: User, tip_case: Case
) -> None:
    client = client_for(alice)
    victim = tip_case.parties.get(role="victim").person_id
    for query in (
        "name=Sajida+Bibi",
        "name=ساجدہ+بی+بی",
        "cnic=34101-1234567-2",
        "cnic=34101XXXX5672",
        "phone=0300+1234567",
        "name=Imran+Butt&father_name=Muhammad+Akram",
    ):
        html = page(client, f"/persons/?{query}")
        assert "Why" in html, query
    html = page(client, "/persons/?name=Sajida+Bibi")
    assert f'href="/persons/{victim}/"' in html
    assert "34101-1234567-2" in html


def test_the_person_search_is_audited_with_the_persons_shown(alice: User, tip_case: Case) -> None:
    page(client_for(alice), "/persons/?cnic=34101-1234567-2")
    row = AuditEvent.objects.filter(object_type="person_search").latest("pk")
    assert opened_values(row.changes["fields"]) == {"cnic": "34101-1234567-2"}
    assert row.changes["ids"] == [tip_case.parties.get(role="victim").person_id]


@pytest.mark.parametrize("who", ["bob", "zara", "hana", "mona"])
def test_the_person_search_never_shows_a_hidden_victim(
    request: pytest.FixtureRequest, tip_case: Case, who: str
) -> None:
    client = client_for(request.getfixturevalue(who))
    for query in ("name=Sajida+Bibi", "cnic=34101-1234567-2", "phone=0300+1234567"):
        html = page(client, f"/persons/?{query}")
        results = html[html.index('id="search-results"') :]
        assert "0 persons found" in results, (who, query)
        assert "Sajida" not in results and "34101" not in results


def test_the_person_search_explains_a_bad_number(alice: User) -> None:
    html = page(client_for(alice), "/persons/?cnic=12&phone=abc")
    assert "Write the CNIC as 13 digits" in html
    assert "This is not a phone number." in html
    assert "persons found" not in html


def test_the_person_search_page_starts_empty_and_is_in_the_menu(alice: User) -> None:
    html = page(client_for(alice), "/persons/")
    assert 'href="/persons/"' in html
    assert "persons found" not in html


@pytest.mark.parametrize("who", ["carl", "adam"])
def test_roles_that_search_no_register_are_refused_and_not_offered_it(
    request: pytest.FixtureRequest, who: str
) -> None:
    client = client_for(request.getfixturevalue(who))
    assert client.get("/persons/?name=Sajida").status_code == 403
    assert 'href="/persons/"' not in page(client, "/")


def test_a_result_whose_identity_is_hidden_shows_the_pseudonym_only(
    hana: User, alice: User, tip_case: Case
) -> None:
    """The register search never returns such a person today; if it ever did, the page would
    still show the pseudonym, without numbers or reasons."""
    victim = tip_case.parties.get(role="victim").person
    facts = facts_for_ids([victim.pk])[victim.pk]
    candidate = Candidate(victim, facts, 0.9, ["same CNIC"], [])
    (hidden,) = person_hits(user=hana, candidates=[candidate])
    assert (hidden.ident.name, hidden.cnics, hidden.reasons) == (victim.pseudonym, [], [])
    (shown,) = person_hits(user=alice, candidates=[candidate])
    assert (shown.ident.name, shown.cnics) == ("Sajida Bibi", ["34101-1234567-2"])
