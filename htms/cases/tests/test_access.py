"""The case access chokepoint, exhaustively, against the shared cast."""

import pytest
from django.http import Http404

from htms.accounts.models import User
from htms.cases.access import case_get_for_user, case_queryset_for_user
from htms.cases.models import Case
from htms.common.errors import NotAllowedError
from htms.persons.access import identity_visibility

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "sees", "writes", "identity"),
    [
        ("alice", True, True, True),  # IO of the case's circle
        ("anne", True, True, True),  # in-charge of the case's circle
        ("bob", False, False, False),  # IO of another circle in the same zone
        ("cleo", False, False, False),  # IO of a circle in another zone
        ("zara", True, False, False),  # zonal directorate supervisor
        ("hana", True, False, False),  # HQ analyst
        ("mona", True, False, False),  # ATU monitoring cell
        ("carl", False, False, False),  # shelter caseworker
        ("adam", False, False, False),  # administrator
    ],
)
def test_it_gives_each_role_exactly_its_access(
    request: pytest.FixtureRequest,
    tip_case: Case,
    who: str,
    sees: bool,
    writes: bool,
    identity: bool,
) -> None:
    user: User = request.getfixturevalue(who)
    assert case_queryset_for_user(user).filter(pk=tip_case.pk).exists() is sees
    if not sees:
        with pytest.raises(Http404):
            case_get_for_user(user=user, case_id=tip_case.pk)
        return
    case = case_get_for_user(user=user, case_id=tip_case.pk)
    victim = case.parties.get(role="victim").person_id
    assert identity_visibility(user, [victim])[victim] is identity
    if writes:
        case_get_for_user(user=user, case_id=tip_case.pk, write=True)
    else:
        with pytest.raises(NotAllowedError):
            case_get_for_user(user=user, case_id=tip_case.pk, write=True)


def test_it_answers_404_for_a_case_that_does_not_exist(alice: User) -> None:
    with pytest.raises(Http404):
        case_get_for_user(user=alice, case_id=987654)


def test_it_hides_everything_from_an_inactive_user(alice: User, tip_case: Case) -> None:
    alice.is_active = False
    assert not case_queryset_for_user(alice).exists()
