"""Every intelligence page answers 404 to whoever may not read the dossier, and 403 to whoever
may read it but not do the action. Nothing is written either way. Query counts are pinned."""

from datetime import timedelta

import pytest
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.intelligence.inputs import FactInput, NominationInput
from htms.intelligence.red_book import red_book_nominate
from htms.intelligence.services import fact_record
from htms.intelligence.tests.support import accused_of
from htms.web.tests.support import client_for, count_queries

pytestmark = pytest.mark.django_db


def _fact(user: User, case: Case, value: str = "Billa", name: str = "Imran Butt") -> int:
    data = FactInput(
        kind="alias",
        value=value,
        source_kind="case",
        source_reference=case.reference,
        reliability="B",
        credibility="2",
        handling_code="H1",
    )
    return fact_record(actor=user, person_id=accused_of(case, name).pk, data=data).pk


def _nominate(user: User, case: Case) -> int:
    data = NominationInput(reasons="Wanted", last_known_location="Lahore")
    expires = timezone.localdate() + timedelta(days=30)
    person = accused_of(case).pk
    return red_book_nominate(actor=user, person_id=person, data=data, expires_on=expires).pk


def _writes() -> int:
    return AuditEvent.objects.exclude(action__in=["view", "refused"]).count()


@pytest.mark.parametrize("who", ["cyra", "cleo", "bob"])
def test_officers_without_need_to_know_get_404_everywhere(
    who: str, request: pytest.FixtureRequest, alice: User, anne: User, tip_case: Case
) -> None:
    fact = _fact(alice, tip_case)
    entry = _nominate(anne, tip_case)
    agent = accused_of(tip_case).pk
    client = client_for(request.getfixturevalue(who))
    before = _writes()
    pages = [
        f"/intelligence/agents/{agent}/",
        f"/intelligence/agents/{agent}/facts/new/",
        f"/intelligence/agents/{agent}/red-book/",
        f"/intelligence/facts/{fact}/withdraw/",
        f"/intelligence/facts/{fact}/photo/",
        f"/intelligence/red-book/{entry}/",
    ]
    for url in pages:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "x"}).status_code == 404, url
    assert (
        client.post(f"/intelligence/red-book/{entry}/withdraw/", {"reason": "x"}).status_code == 404
    )
    assert _writes() == before


@pytest.mark.parametrize("who", ["carl", "adam"])
def test_roles_without_intelligence_get_403_on_the_lists(
    who: str, request: pytest.FixtureRequest
) -> None:
    client = client_for(request.getfixturevalue(who))
    for url in ("/intelligence/agents/", "/intelligence/red-book/", "/intelligence/black-book/",
                "/intelligence/red-book.csv", "/intelligence/black-book.pdf"):  # fmt: skip
        assert client.get(url).status_code == 403, url


def test_readers_may_not_record_nominate_or_decide(
    mona: User, hana: User, anne: User, tip_case: Case
) -> None:
    entry = _nominate(anne, tip_case)
    agent = accused_of(tip_case).pk
    before = _writes()
    assert client_for(mona).get(f"/intelligence/agents/{agent}/facts/new/").status_code == 403
    assert client_for(hana).get(f"/intelligence/agents/{agent}/red-book/").status_code == 403
    answer = client_for(hana).post(f"/intelligence/red-book/{entry}/approve/", {"version": "1"})
    assert answer.status_code == 403
    assert _writes() == before


def test_the_agents_list_costs_the_same_for_2_or_6_facts(alice: User, tip_case: Case) -> None:
    client = client_for(alice)
    _fact(alice, tip_case)
    few = count_queries(client, "/intelligence/agents/")
    for n in range(4):
        _fact(alice, tip_case, f"Alias {n}", name="Tariq Mehmood")
    assert count_queries(client, "/intelligence/agents/") == few <= 16


def test_the_dossier_costs_the_same_for_1_or_5_facts(alice: User, tip_case: Case) -> None:
    client = client_for(alice)
    _fact(alice, tip_case)
    url = f"/intelligence/agents/{accused_of(tip_case).pk}/"
    few = count_queries(client, url)
    for n in range(4):
        _fact(alice, tip_case, f"Alias {n}")
    assert count_queries(client, url) == few <= 25


def test_a_mangled_version_is_a_stale_page_not_a_crash(
    anne: User, mona: User, tip_case: Case
) -> None:
    entry = _nominate(anne, tip_case)
    answer = client_for(mona).post(f"/intelligence/red-book/{entry}/approve/", {"version": "x1"})
    assert answer.status_code == 400
    assert "Someone else changed this record" in answer.content.decode()
