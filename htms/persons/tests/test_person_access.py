import pytest
from django.http import Http404

from htms.accounts.models import User
from htms.cases.models import Case
from htms.persons.access import (
    person_get_for_user,
    person_identity_visible,
    person_queryset_for_user,
)

pytestmark = pytest.mark.django_db


def _victim(case: Case):  # type: ignore[no-untyped-def]
    return case.parties.get(role="victim").person


def test_it_shows_the_victim_identity_to_the_circle_that_holds_the_case(
    alice: User, tip_case: Case
) -> None:
    person = person_get_for_user(user=alice, person_id=_victim(tip_case).pk)
    assert person_identity_visible(alice, person)


def test_it_hides_the_victim_from_another_circle(bob: User, tip_case: Case) -> None:
    with pytest.raises(Http404):
        person_get_for_user(user=bob, person_id=_victim(tip_case).pk)
    assert not person_queryset_for_user(bob).filter(pk=_victim(tip_case).pk).exists()


def test_it_shows_hq_the_victim_only_by_pseudonym(hana: User, tip_case: Case) -> None:
    person = person_get_for_user(user=hana, person_id=_victim(tip_case).pk)
    assert not person_identity_visible(hana, person)
    assert person.pseudonym.startswith("V-")


def test_it_shows_an_accused_by_name_to_hq(hana: User, tip_case: Case) -> None:
    accused = tip_case.parties.filter(role="accused").first()
    assert accused is not None
    assert person_identity_visible(hana, accused.person)


def test_it_hides_persons_from_caseworkers_and_administrators(
    carl: User, adam: User, tip_case: Case
) -> None:
    for user in (carl, adam):
        assert not person_queryset_for_user(user).exists()


def test_it_masks_a_victim_everywhere_for_hq_even_as_a_witness(
    hana: User, bob: User, tip_case: Case
) -> None:
    from htms.cases.inputs import PartyInput
    from htms.cases.services.registration import case_register
    from htms.conftest import tip_case_input
    from htms.persons.access import identity_visibility

    victim = _victim(tip_case)
    data = tip_case_input()
    data.parties = [PartyInput(role="witness", person_id=victim.pk)]
    # Bob's circle may link the person only if it may see them: the victim's own unit created
    # them, so register the witness case in alice's unit's zone through national data instead.
    victim.created_by_unit_id = bob.unit_id
    victim.save(update_fields=["created_by_unit"])
    case_register(actor=bob, data=data)
    assert identity_visibility(hana, [victim.pk]) == {victim.pk: False}
    assert identity_visibility(bob, [victim.pk]) == {victim.pk: True}  # bob handles a case


def test_it_shows_every_circle_the_national_register_of_suspects(
    bob: User, cleo: User, tip_case: Case
) -> None:
    accused = tip_case.parties.filter(role="accused").first()
    assert accused is not None
    for user in (bob, cleo):
        person = person_get_for_user(user=user, person_id=accused.person_id)
        assert person_identity_visible(user, person)
    assert not person_queryset_for_user(bob).filter(pk=_victim(tip_case).pk).exists()
