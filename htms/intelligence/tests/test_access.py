"""The intelligence access rule, against the shared cast and the in-charges of circles B and C."""

import pytest
from django.http import Http404

from htms.accounts.models import User
from htms.cases.models import Case
from htms.intelligence.access import (
    agent_get_for_user,
    agent_queryset_for_user,
    fact_may_write,
    intelligence_may_use,
    red_book_may_decide,
    red_book_may_nominate,
)
from htms.intelligence.tests.support import accused_of, victim_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "reads"),
    [
        ("alice", True),  # IO of the case's circle
        ("anne", True),  # in-charge of the case's circle
        ("bina", True),  # in-charge of another circle of the same zone
        ("bob", False),  # IO of another circle of the same zone
        ("cyra", False),  # in-charge of a circle of another zone
        ("cleo", False),  # IO of a circle of another zone
        ("zara", True),  # zonal directorate officer
        ("hana", True),  # HQ analyst
        ("mona", True),  # ATU monitoring cell
        ("carl", False),  # shelter caseworker
        ("adam", False),  # administrator
    ],
)
def test_it_gives_each_role_exactly_its_dossiers(
    request: pytest.FixtureRequest, tip_case: Case, who: str, reads: bool
) -> None:
    user: User = request.getfixturevalue(who)
    agent = accused_of(tip_case)
    assert agent_queryset_for_user(user).filter(pk=agent.pk).exists() is reads
    if reads:
        assert agent_get_for_user(user=user, person_id=agent.pk) == agent
    else:
        with pytest.raises(Http404):
            agent_get_for_user(user=user, person_id=agent.pk)


def test_it_keeps_victims_out_of_the_register(tip_case: Case, hana: User) -> None:
    """A victim is no agent: their dossier does not exist, even for an analyst."""
    with pytest.raises(Http404):
        agent_get_for_user(user=hana, person_id=victim_of(tip_case).pk)


@pytest.mark.parametrize(
    ("who", "uses", "writes", "nominates", "decides"),
    [
        ("alice", True, True, True, False),
        ("anne", True, True, True, False),
        ("zara", True, True, False, False),  # posted at a zonal directorate, not a circle
        ("hana", True, True, False, False),
        ("mona", True, False, False, True),
        ("carl", False, False, False, False),
        ("adam", False, False, False, False),
    ],
)
def test_it_gives_each_role_its_intelligence_actions(
    request: pytest.FixtureRequest,
    who: str,
    uses: bool,
    writes: bool,
    nominates: bool,
    decides: bool,
) -> None:
    user: User = request.getfixturevalue(who)
    assert intelligence_may_use(user) is uses
    assert fact_may_write(user) is writes
    assert red_book_may_nominate(user) is nominates
    assert red_book_may_decide(user) is decides
