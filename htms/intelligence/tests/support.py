"""Helpers for the intelligence tests: in-charges of the other circles, and the accused of the
shared TIP case (circle A)."""

from datetime import date

import pytest

from htms.accounts.models import Role, User
from htms.cases.models import Case, PartyRole
from htms.cases.tests.support import judge, to_trial, verdict_of
from htms.conftest import party_named
from htms.persons.models import Person
from htms.reference.models import Unit

JUDGMENT_DAY = date(2026, 11, 20)


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
    party = party_named(case, name)
    assert party.role == PartyRole.ACCUSED
    return party.person


def victim_of(case: Case) -> Person:
    return case.parties.get(role=PartyRole.VICTIM).person


def convict(incharge: User, case: Case, *, outcome: str = "convicted") -> None:
    """Takes the shared TIP case to trial and records the judgment on the arrested accused
    (Imran Butt): a conviction of 84 months, or ``outcome``."""
    to_trial(incharge, case)
    months = 84 if outcome == "convicted" else None
    judge(incharge, case, verdict_of(case, outcome, sentence_months=months), day=JUDGMENT_DAY)
