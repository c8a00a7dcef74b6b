"""The identity a page receives: a masked view carries the pseudonym and nothing else."""

import pytest

from htms.accounts.models import User
from htms.cases.models import Case
from htms.persons.presenters import identity_view, identity_views

pytestmark = pytest.mark.django_db


def test_it_hands_a_masked_view_nothing_but_the_pseudonym_and_sex(
    hana: User, tip_case: Case
) -> None:
    victim = tip_case.parties.get(role="victim").person
    view = identity_view(hana, victim, details=True)
    assert not view.visible
    assert view.name == view.label == victim.pseudonym
    assert view.sex == victim.get_sex_display()
    identity = (
        view.name_ur, view.relation, view.father_name, view.father_name_ur, view.birth_date,
        view.nationality, view.documents, view.phones, view.aliases, view.addresses,
    )  # fmt: skip
    assert not any(identity)
    assert "Sajida" not in repr(view) and "34101" not in repr(view)


def test_it_hands_the_handling_unit_the_whole_identity(alice: User, tip_case: Case) -> None:
    victim = tip_case.parties.get(role="victim").person
    view = identity_view(alice, victim, details=True)
    assert view.visible
    assert (view.name, view.name_ur, view.father_name) == (
        "Sajida Bibi",
        "ساجدہ بی بی",
        "Ghulam Rasool",
    )
    assert view.birth_date == "1 May 2007"
    assert view.documents == ["CNIC 34101-1234567-2"]
    assert view.label == "Sajida Bibi, daughter of Ghulam Rasool, 1 May 2007"


def test_it_names_unprotected_persons_to_national_readers(hana: User, tip_case: Case) -> None:
    accused = [p.person for p in tip_case.parties.filter(role="accused")]
    views = identity_views(hana, accused)
    assert {v.name for v in views.values()} == {"Imran Butt", "Tariq Mehmood"}
