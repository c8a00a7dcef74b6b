"""Helpers for the intelligence tests: in-charges of the other circles, and the accused of the
shared TIP case (circle A)."""

import pytest

from htms.accounts.models import Role, User
from htms.cases.models import Case, PartyRole
from htms.persons.models import Person
from htms.reference.models import Unit


def incharge(username: str, unit_code: str) -> User:
    return User.objects.create_user(
        username=username,
        password="pw-" + username,
        unit=Unit.objects.get(code=unit_code),
        role=Role.CIRCLE_INCHARGE,
    )


@pytest.fixture
def bina(db: None) -> User:
    """Circle in-charge of circle B, in circle A's zone."""
    return incharge("bina", "T-B")


@pytest.fixture
def cyra(db: None) -> User:
    """Circle in-charge of circle C, in another zone."""
    return incharge("cyra", "T-C")


def accused_of(case: Case, name: str = "Imran Butt") -> Person:
    return case.parties.get(role=PartyRole.ACCUSED, person__full_name=name).person


def victim_of(case: Case) -> Person:
    return case.parties.get(role=PartyRole.VICTIM).person
