"""A small register for the resolution tests, on top of the shared cast and ``tip_case``.

- In circle A (alice): the victim Sajida Bibi of ``tip_case``, and the same woman entered
  again as an accused in a second case (victims turned recruiters): a victim-accused pair.
- In circle B (bob): the accused Imran Butt of ``tip_case`` entered again, same CNIC: a pair
  of suspects, visible to every circle.
"""

from datetime import date

import pytest

from htms.accounts.models import Role, User
from htms.cases.inputs import CaseInput, PartyInput, RouteInput
from htms.cases.models import Case, CaseParty
from htms.cases.services.registration import case_register
from htms.conftest import TIP_SECTION, accused_input
from htms.persons.inputs import DocumentInput, PersonInput
from htms.reference.models import Unit
from htms.resolution.models import MatchLink, ResolutionRun
from htms.resolution.runs import register_resolve


def _case(actor: User, fir: str, party: PartyInput) -> Case:
    return case_register(
        actor=actor,
        data=CaseInput(
            origin="complaint",
            statute_codes=[TIP_SECTION],
            parties=[party],
            fir_number=fir,
            fir_date=date(2026, 10, 2),
            police_station="FIA AHTC",
            route=[RouteInput(kind="recruitment", country_code="PK")],
        ),
    )


def sajida_as_accused() -> PersonInput:
    return PersonInput(
        full_name="Sajida Bi Bi",
        full_name_ur="ساجدہ بی بی",
        sex="F",
        relation="d/o",
        father_name="Ghulam Rasool",
        birth_date=date(2007, 5, 1),
        documents=[DocumentInput(kind="cnic", number="34101-1234567-2")],
    )


@pytest.fixture
def register(alice: User, bob: User, tip_case: Case) -> dict[str, int]:
    second = _case(
        alice,
        "13/2026",
        PartyInput(role="accused", person=sajida_as_accused(), accused_status="at_large"),
    )
    third = _case(
        bob,
        "14/2026",
        PartyInput(
            role="accused",
            person=accused_input("Imran Butt", "35202-7654321-1"),
            accused_status="arrested",
        ),
    )
    parties = {
        (p.case_id, p.person.full_name): p.person_id
        for p in CaseParty.objects.select_related("person")
    }
    return {
        "victim": parties[(tip_case.pk, "Sajida Bibi")],
        "victim_as_accused": parties[(second.pk, "Sajida Bi Bi")],
        "imran_a": parties[(tip_case.pk, "Imran Butt")],
        "imran_b": parties[(third.pk, "Imran Butt")],
    }


@pytest.fixture
def run(register: dict[str, int]) -> ResolutionRun:
    return register_resolve()


def link_between(a: int, b: int) -> MatchLink:
    low, high = sorted((a, b))
    return MatchLink.objects.get(person_a_id=low, person_b_id=high)


@pytest.fixture
def bina(db: None) -> User:
    """Circle in-charge of circle B."""
    return User.objects.create_user(
        username="bina",
        password="pw-bina",
        unit=Unit.objects.get(code="T-B"),
        role=Role.CIRCLE_INCHARGE,
    )
