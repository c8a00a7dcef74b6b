"""Who sees a referral and its person: the referring unit and the organisation, nobody else."""

import pytest
from django.http import Http404

from htms.accounts.models import User
from htms.protection.access import referral_get_for_user
from htms.protection.models import Referral
from htms.protection.presenters import referral_person_view
from htms.protection.services.referrals import referral_consent_withdraw


def test_it_shows_the_referral_to_the_referring_unit_and_the_organisation(
    referral: Referral, alice: User, anne: User, carl: User
) -> None:
    for user in (alice, anne, carl):
        assert referral_get_for_user(user=user, referral_id=referral.pk) == referral


@pytest.mark.parametrize("name", ["bob", "cleo", "zara", "hana", "mona", "adam", "nora"])
def test_it_hides_the_referral_from_everyone_else(
    referral: Referral, name: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(name)
    with pytest.raises(Http404):
        referral_get_for_user(user=user, referral_id=referral.pk)


def test_it_shows_the_caseworker_only_the_consented_fields(referral: Referral, carl: User) -> None:
    view = referral_person_view(carl, referral)
    assert view.name == "Sajida Bibi"
    assert view.phones == ["0300 1234567"] or view.phones[0].replace(" ", "").endswith("1234567")
    assert view.documents == []
    assert view.father_name == ""
    assert view.birth_date == ""


def test_it_hides_every_field_once_consent_is_withdrawn(
    referral: Referral, carl: User, alice: User
) -> None:
    referral_consent_withdraw(actor=alice, referral_id=referral.pk, note="Asked by her")
    referral.refresh_from_db()
    view = referral_person_view(carl, referral)
    assert view.name == referral.person.pseudonym
    assert not view.visible
    assert view.phones == []


def test_it_shows_the_referring_officer_the_identity_by_the_identity_rule(
    referral: Referral, alice: User
) -> None:
    view = referral_person_view(alice, referral)
    assert view.visible
    assert view.documents
