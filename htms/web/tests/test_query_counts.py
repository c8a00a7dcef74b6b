"""List, detail, person and home pages cost a fixed number of queries, however much data."""

from datetime import date

import pytest

from htms.accounts.models import User
from htms.cases.inputs import PartyInput
from htms.cases.models import Case, Stage
from htms.cases.services.court import hearing_record
from htms.cases.services.parties_bulk import case_add_party
from htms.cases.services.registration import case_register
from htms.conftest import (
    BACKDATE_REASON,
    accused_input,
    party_named,
    stage_move,
    tip_case_input,
    victim_input,
)
from htms.reference.models import Court
from htms.web.services.documents import case_document_add
from htms.web.tests.support import client_for, count_queries, version

pytestmark = pytest.mark.django_db


def _grow(anne: User, case: Case, n: int) -> None:
    """Adds n accused, n victims, n hearings and n documents to the case."""
    court = Court.objects.first()
    assert court is not None
    for i in range(n):
        accused = accused_input(f"Agent {i}", f"35202-{1000000 + i}-1")
        victim = victim_input(full_name=f"Victim {i}", documents=[], phones=[])
        for party in (
            PartyInput(role="accused", person=accused, accused_status="arrested"),
            PartyInput(role="victim", person=victim),
        ):
            case_add_party(actor=anne, case_id=case.pk, expected_version=version(case), party=party)
        case_document_add(
            actor=anne,
            case_id=case.pk,
            title=f"Statement {i}",
            kind="statement",
            date=date(2026, 10, 2),
        )
    for stage in (Stage.INVESTIGATION, Stage.INTERIM_CHALLAN):
        stage_move(anne, case, stage)
    for i in range(n):
        hearing_record(
            actor=anne,
            case_id=case.pk,
            court_id=court.pk,
            date=date(2026, 10, 10 + i),
            backdate_reason=BACKDATE_REASON,
        )


def test_the_case_page_costs_the_same_however_big_the_case(anne: User, alice: User) -> None:
    client = client_for(anne)  # the in-charge: the audit trail is on the page too
    small = case_register(actor=alice, data=tip_case_input())
    big = case_register(actor=alice, data=tip_case_input())
    _grow(anne, small, 1)
    _grow(anne, big, 6)
    one = count_queries(client, f"/cases/{small.pk}/")
    assert count_queries(client, f"/cases/{big.pk}/") == one <= 30


@pytest.mark.parametrize("url", ["/cases/?crime_type=TIP", "/cases/?crime_type=TIP&q=Imran+Butt"])
def test_the_case_list_costs_the_same_for_3_or_13_cases(alice: User, url: str) -> None:
    client = client_for(alice)
    client.post("/cases/saved/", {"name": "Mine", "query": "stage=fir"})
    for _ in range(3):
        case_register(actor=alice, data=tip_case_input())
    few = count_queries(client, url)
    for _ in range(10):
        case_register(actor=alice, data=tip_case_input())
    assert count_queries(client, url) == few <= 16


def test_the_person_page_costs_the_same_for_1_or_6_cases(alice: User, tip_case: Case) -> None:
    client = client_for(alice)
    imran = party_named(tip_case, "Imran Butt").person
    one = count_queries(client, f"/persons/{imran.pk}/")
    for _ in range(5):
        data = tip_case_input()
        data.parties = [PartyInput(role="accused", person_id=imran.pk, accused_status="arrested")]
        case_register(actor=alice, data=data)
    assert count_queries(client, f"/persons/{imran.pk}/") == one <= 18


def test_the_home_page_costs_the_same_for_1_or_11_cases(anne: User, alice: User) -> None:
    client = client_for(alice)
    case_register(actor=alice, data=tip_case_input())
    few = count_queries(client, "/")
    for _ in range(10):
        case_register(actor=alice, data=tip_case_input())
    # 18: one query for the help line's alerts and calls to register (htms/helpline), three for
    # the unit's referrals past their deadline, stays ended by absconding and returnees'
    # follow-ups overdue (htms/protection).
    assert count_queries(client, "/") == few <= 18
