"""The network of the tests: a case of circle A (alice) and one of circle B (bob), whose first
accused share a hawala account (``htms.synthetic.network``)."""

from dataclasses import replace
from datetime import date

from htms.accounts.models import User
from htms.cases.inputs import CaseInput, PartyInput
from htms.cases.models import Case
from htms.cases.services.registration import case_register
from htms.conftest import accused_input, tip_case_input
from htms.synthetic.network import SharedHawala, shared_hawala_network

DAY = date(2026, 10, 5)


def case_b_input() -> CaseInput:
    data = tip_case_input()
    agent = replace(accused_input("Shahid Gondal", "34101-7654329-1"), phones=["0333 7654321"])
    return replace(
        data,
        police_station="FIA AHTC Gujranwala",
        parties=[PartyInput(role="accused", person=agent, accused_status="arrested")],
    )


def two_circles(alice: User, bob: User) -> tuple[Case, Case, SharedHawala]:
    data_a = tip_case_input()
    victim, agent, other = data_a.parties
    agent = replace(agent, person=replace(agent.person, phones=["0300 7654321"]))
    case_a = case_register(actor=alice, data=replace(data_a, parties=[victim, agent, other]))
    case_b = case_register(actor=bob, data=case_b_input())
    shared = shared_hawala_network(actor=None, case_a=case_a, case_b=case_b, day=DAY)
    return case_a, case_b, shared
