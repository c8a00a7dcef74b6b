"""Helpers for the intelligence tests: in-charges of the other circles, and the accused of the
shared TIP case (circle A)."""

from datetime import date

import pytest

from htms.accounts.models import Role, User
from htms.cases.inputs import VerdictInput
from htms.cases.models import Case, PartyRole, Stage
from htms.cases.services.court import case_record_judgment
from htms.conftest import BACKDATE_REASON, CHALLAN_COURT, TIP_SECTION, stage_move
from htms.persons.models import Person
from htms.reference.models import Court, Unit


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


def convict(incharge: User, case: Case, *, outcome: str = "convicted") -> None:
    """Takes the shared TIP case to trial and records the judgment on the arrested accused
    (Imran Butt): a conviction of 84 months, or ``outcome``."""
    court = Court.objects.get(code=CHALLAN_COURT)
    for stage in (Stage.INVESTIGATION, Stage.FINAL_CHALLAN):
        stage_move(incharge, case, stage)
    stage_move(incharge, case, Stage.TRIAL, court_id=court.pk)
    case.refresh_from_db()
    arrested = case.parties.get(role=PartyRole.ACCUSED, accused_status="arrested")
    convicted = outcome == "convicted"
    case_record_judgment(
        actor=incharge,
        case_id=case.pk,
        expected_version=case.version,
        court_id=court.pk,
        date=date(2026, 11, 20),
        backdate_reason=BACKDATE_REASON,
        verdicts=[
            VerdictInput(
                accused_party_id=arrested.pk,
                statute_code=TIP_SECTION,
                outcome=outcome,
                sentence_months=84 if convicted else None,
            )
        ],
    )
