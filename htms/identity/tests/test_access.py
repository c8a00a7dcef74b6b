"""Whom a search may reach: the bounded-id check agrees with the queryset rule for everyone."""

import pytest

from htms.accounts.models import User
from htms.cases.models import Case, CaseParty
from htms.cases.services.registration import case_register
from htms.conftest import tip_case_input
from htms.identity.access import searchable_ids, searchable_persons
from htms.persons.models import Person

CAST = ["alice", "anne", "bob", "cleo", "zara", "hana", "mona", "carl", "adam"]


@pytest.fixture
def everyone(alice: User, bob: User, tip_case: Case, register: dict[str, Person]) -> set[int]:
    """Circle A's case and register, and a case of circle B in which A's victim is a witness
    and one of B's accused is a victim in A (written directly, as the services forbid it)."""
    other = case_register(actor=bob, data=tip_case_input())
    CaseParty.objects.create(
        case=other, role="witness", person=tip_case.parties.get(role="victim").person
    )
    CaseParty.objects.create(
        case=tip_case, role="victim", person=other.parties.filter(role="accused")[0].person
    )
    return set(Person.objects.values_list("pk", flat=True))


@pytest.mark.parametrize("who", CAST)
def test_it_agrees_with_the_queryset_rule(
    request: pytest.FixtureRequest, everyone: set[int], who: str
) -> None:
    user: User = request.getfixturevalue(who)
    expected = set(searchable_persons(user).values_list("pk", flat=True))
    assert searchable_ids(user, everyone) == expected


def test_it_reaches_the_right_people(
    alice: User, bob: User, hana: User, carl: User, tip_case: Case, register: dict[str, Person]
) -> None:
    everyone = set(Person.objects.values_list("pk", flat=True))
    victim = tip_case.parties.get(role="victim").person_id
    agents = set(tip_case.parties.filter(role="accused").values_list("person_id", flat=True))
    alices = {p.pk for p in register.values()}
    assert searchable_ids(alice, everyone) == {victim, *agents, *alices}
    assert searchable_ids(bob, everyone) == agents
    assert searchable_ids(hana, everyone) == agents
    assert searchable_ids(carl, everyone) == set()
