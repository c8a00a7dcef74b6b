"""A network page costs the same number of queries however many persons the network holds."""

import pytest

from htms.accounts.models import User
from htms.cases.inputs import PartyInput
from htms.cases.models import Case
from htms.cases.services.parties_bulk import case_add_party
from htms.conftest import accused_input, victim_input
from htms.network.tests.support import two_circles
from htms.web.tests.support import client_for, count_queries, version

pytestmark = pytest.mark.django_db


def _grow(anne: User, case: Case, n: int, start: int) -> None:
    for i in range(start, start + n):
        accused = accused_input(f"Agent {i}", f"35202-{1000000 + i}-1")
        victim = victim_input(full_name=f"Victim {i}", documents=[], phones=[f"0301 55500{i:02d}"])
        for party in (PartyInput(role="accused", person=accused, accused_status="arrested"),
                      PartyInput(role="victim", person=victim)):  # fmt: skip
            case_add_party(actor=anne, case_id=case.pk, expected_version=version(case), party=party)


def test_a_case_network_costs_a_fixed_number_of_queries(
    alice: User, anne: User, bob: User, hana: User
) -> None:
    case_a, _b, _shared = two_circles(alice, bob)
    client = client_for(hana)
    url = f"/network/cases/{case_a.pk}/?depth=3"
    _grow(anne, case_a, 1, 0)
    few = count_queries(client, url)
    _grow(anne, case_a, 6, 1)
    assert count_queries(client, url) == few
