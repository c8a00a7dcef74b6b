"""Likely duplicates of a new case: shared people, section and offence dates, among the cases
the user may see."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from htms.accounts.models import User
from htms.cases.inputs import CaseInput, PartyInput
from htms.cases.models import Case
from htms.cases.selectors_duplicates import case_duplicate_candidates
from htms.cases.services.registration import case_register
from htms.conftest import SOM_SECTION, accused_input, enquiry_input, party_named, tip_case_input

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


def _register(user: User, data: CaseInput) -> Case:
    return case_register(actor=user, data=data, duplicate_check=False)


def _accused_only(case: Case, **changes: object) -> CaseInput:
    imran = party_named(case, "Imran Butt")
    party = PartyInput(role="accused", person_id=imran.person_id, accused_status="at_large")
    return enquiry_input(parties=[party], **changes)


def test_it_finds_an_identical_case_without_an_fir(alice: User) -> None:
    first = _register(alice, enquiry_input())
    [found] = case_duplicate_candidates(actor=alice, case_input=enquiry_input(), today=TODAY)
    assert (found.case_id, found.reference, found.unit_name) == (
        first.pk,
        first.reference,
        "Test circle A",
    )
    assert found.reason == (
        "same accused, same victim, same CNIC, same section, offence dates overlap"
    )
    names = sorted(p.name for p in found.persons)
    assert names == ["Imran Butt", "Sajida Bibi", "Tariq Mehmood"]


def test_it_says_why_in_plain_words_for_a_person_picked_from_the_register(
    alice: User,
) -> None:
    first = _register(alice, enquiry_input())
    [found] = case_duplicate_candidates(actor=alice, case_input=_accused_only(first), today=TODAY)
    assert found.reason == "same accused, same section, offence dates overlap"
    assert [(p.name, p.role_label) for p in found.persons] == [("Imran Butt", "Accused")]


def test_a_new_fir_finds_the_enquiry_but_two_firs_are_two_cases(alice: User) -> None:
    _register(alice, enquiry_input())
    assert case_duplicate_candidates(actor=alice, case_input=tip_case_input(), today=TODAY)
    fir_case = _register(alice, tip_case_input())
    found = case_duplicate_candidates(actor=alice, case_input=tip_case_input(), today=TODAY)
    assert fir_case.pk not in [c.case_id for c in found]
    assert len(found) == 1


def test_it_ignores_a_case_of_another_section(alice: User) -> None:
    _register(alice, enquiry_input())
    data = enquiry_input(statute_codes=[SOM_SECTION])
    assert case_duplicate_candidates(actor=alice, case_input=data, today=TODAY) == []


def test_it_ignores_people_who_share_only_a_witness_role(alice: User) -> None:
    first = _register(alice, enquiry_input())
    victim = first.parties.get(role="victim")
    data = enquiry_input(parties=[PartyInput(role="witness", person_id=victim.person_id)])
    assert case_duplicate_candidates(actor=alice, case_input=data, today=TODAY) == []


def test_it_ignores_an_offence_after_the_other_case_was_reported(alice: User) -> None:
    first = _register(alice, enquiry_input(registered_on=date(2026, 9, 20)))
    later = _accused_only(first, occurred_on=date(2026, 10, 15))
    assert case_duplicate_candidates(actor=alice, case_input=later, today=TODAY) == []
    unknown = _accused_only(first, occurred_on=None)
    [found] = case_duplicate_candidates(actor=alice, case_input=unknown, today=TODAY)
    assert found.reasons[-1] == "offence dates may overlap (a date of the offence is not known)"


def test_it_does_not_reveal_a_case_of_a_circle_the_user_may_not_see(
    alice: User, bob: User, cleo: User
) -> None:
    _register(alice, enquiry_input())
    for outsider in (bob, cleo):
        found = case_duplicate_candidates(actor=outsider, case_input=enquiry_input(), today=TODAY)
        assert found == []


def test_the_zone_sees_the_circle_case_with_the_victim_masked(alice: User, zara: User) -> None:
    first = _register(alice, enquiry_input())
    sajida = first.parties.get(role="victim").person
    # Typed again, the victim's CNIC ties to nobody the zone may identify: only the accused match.
    [found] = case_duplicate_candidates(actor=zara, case_input=enquiry_input(), today=TODAY)
    assert found.reason == "same accused, same CNIC, same section, offence dates overlap"
    assert "Sajida Bibi" not in [p.name for p in found.persons]
    picked = PartyInput(role="victim", person_id=sajida.pk)
    [found] = case_duplicate_candidates(
        actor=zara, case_input=enquiry_input(parties=[picked]), today=TODAY
    )
    assert [(p.name, p.role) for p in found.persons] == [(sajida.pseudonym, "victim")]


def test_it_costs_the_same_queries_for_one_or_three_candidates(alice: User) -> None:
    _register(alice, enquiry_input())
    with CaptureQueriesContext(connection) as one:
        assert len(case_duplicate_candidates(actor=alice, case_input=enquiry_input())) == 1
    _register(alice, enquiry_input())
    _register(alice, enquiry_input())
    with CaptureQueriesContext(connection) as three:
        assert len(case_duplicate_candidates(actor=alice, case_input=enquiry_input())) == 3
    assert len(three.captured_queries) == len(one.captured_queries) <= 6


def test_a_person_matches_only_in_the_same_kind_of_role(alice: User) -> None:
    _register(alice, enquiry_input())
    victims_cnic = accused_input("Someone Else", "34101-1234567-2")  # Sajida's CNIC
    data = enquiry_input(
        parties=[PartyInput(role="accused", person=victims_cnic, accused_status="at_large")]
    )
    assert case_duplicate_candidates(actor=alice, case_input=data, today=TODAY) == []
