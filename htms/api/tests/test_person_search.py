"""The API's identity condition agrees with htms.persons.access.person_identity_visible."""

import pytest

from htms.accounts.models import User
from htms.api.selectors import person_search
from htms.cases.models import Case, CaseParty
from htms.cases.services.registration import case_register
from htms.conftest import tip_case_input
from htms.persons.access import person_identity_visible
from htms.persons.models import Person

pytestmark = pytest.mark.django_db

CAST = ["alice", "anne", "bob", "cleo", "zara", "hana", "mona", "carl", "adam"]


@pytest.fixture
def cases(alice: User, bob: User, tip_case: Case) -> list[Case]:
    """tip_case in circle A, and a case of circle B where A's victim is also a witness and
    one of B's accused is a victim in A. Written directly: the services would not let either
    circle name the other's person."""
    other = case_register(actor=bob, data=tip_case_input())
    CaseParty.objects.create(
        case=other, role="witness", person=tip_case.parties.get(role="victim").person
    )
    CaseParty.objects.create(
        case=tip_case, role="victim", person=other.parties.filter(role="accused")[0].person
    )
    return [tip_case, other]


@pytest.mark.parametrize("who", CAST)
def test_it_masks_exactly_whom_person_identity_visible_masks(
    request: pytest.FixtureRequest, cases: list[Case], who: str
) -> None:
    user: User = request.getfixturevalue(who)
    for person in person_search(user=user):
        expected = person_identity_visible(user, Person.objects.get(pk=person.pk))
        assert person.identity_visible is expected, (who, person.pk)  # type: ignore[attr-defined]
