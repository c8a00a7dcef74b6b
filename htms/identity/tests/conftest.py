"""A small register for search tests: persons recorded by alice's circle, through the services."""

from datetime import date

import pytest

from htms.accounts.models import User
from htms.persons.inputs import DocumentInput, PersonInput
from htms.persons.models import Person
from htms.persons.services import person_create

ALI_CNIC = "35202-1234567-1"


def person(actor: User, **values: object) -> Person:
    return person_create(actor=actor, data=PersonInput(**values))  # type: ignore[arg-type]


@pytest.fixture
def ali(alice: User) -> Person:
    """Muhammad Ali s/o Ghulam Rasool, born 1985, of Lahore."""
    return person(
        alice,
        full_name="Muhammad Ali",
        full_name_ur="محمد علی",
        relation="s/o",
        father_name="Ghulam Rasool",
        sex="M",
        birth_date=date(1985, 6, 1),
        birth_date_precision="day",
        documents=[DocumentInput(kind="cnic", number=ALI_CNIC)],
        phones=["0300 1112223"],
    )


@pytest.fixture
def register(alice: User, ali: Person) -> dict[str, Person]:
    """Ali and people who resemble him in one way each."""
    return {
        "ali": ali,
        "namesake": person(
            alice,
            full_name="Muhammad Ali",
            father_name="Bashir Ahmed",
            sex="M",
            birth_date=date(1990, 1, 1),
            birth_date_precision="year",
            documents=[DocumentInput(kind="cnic", number="35201-7777777-3")],
        ),
        "alia": person(alice, full_name="Alia Bibi", father_name="Ghulam Rasool", sex="F"),
        "brother": person(
            alice,
            full_name="Hassan Raza",
            father_name="Ghulam Rasool",
            sex="M",
            phones=["0300 1112223"],
        ),
    }
