"""Matching rows against the register: exact on CNIC or passport; the officer confirms."""

import pytest
from django.core.exceptions import ValidationError

from htms.accounts.models import User
from htms.intake.matching import event_candidates, fuzzy_available
from htms.intake.models import BorderEvent, ManifestSource, MatchBasis, RowStatus
from htms.intake.services.processing import border_event_confirm_identity
from htms.intake.services.rows import row_choose_person
from htms.intake.tests.conftest import csv_bytes, deportee, import_all, record, upload
from htms.persons.models import Person

pytestmark = pytest.mark.django_db

HEAD = "Name,Father Name,CNIC,Passport No,Date of Birth"


def test_it_links_a_row_to_the_person_holding_the_same_cnic(
    ivan: User, tariq: User, oman_source: ManifestSource
) -> None:
    earlier = record(tariq, deportee(name="Ali Raza", cnic="35202-1234567-1"))
    manifest = upload(ivan, oman_source, csv_bytes(HEAD, "ALI RAZA,Akram,3520212345671,,1990"))
    import_all(ivan, manifest)
    event = manifest.rows.get().border_event
    assert event.person_id == earlier.person_id
    assert event.match_basis == MatchBasis.CNIC
    assert event.identity_confirmed is False  # the officer still confirms on the screen


def test_it_links_a_row_with_a_cnic_in_urdu_digits_to_its_holder(
    ivan: User, tariq: User, oman_source: ManifestSource
) -> None:
    earlier = record(tariq, deportee(name="Ali Raza", cnic="35202-1234567-1"))
    row = "علی رضا,اکرم,۳۵۲۰۲-۱۲۳۴۵۶۷-۱,,1990"
    manifest = upload(ivan, oman_source, csv_bytes(HEAD, row))
    import_all(ivan, manifest)
    event = manifest.rows.get().border_event
    assert (event.person_id, event.match_basis) == (earlier.person_id, MatchBasis.CNIC)


def test_it_finds_the_holder_of_a_cnic_recorded_in_urdu_digits(
    ivan: User, tariq: User, oman_source: ManifestSource
) -> None:
    earlier = record(tariq, deportee(name="Ali Raza", cnic="۳۵۲۰۲-۱۲۳۴۵۶۷-۱"))
    manifest = upload(ivan, oman_source, csv_bytes(HEAD, "ALI RAZA,Akram,3520212345671,,1990"))
    import_all(ivan, manifest)
    event = manifest.rows.get().border_event
    assert (event.person_id, event.match_basis) == (earlier.person_id, MatchBasis.CNIC)


def test_it_links_a_row_to_the_person_holding_the_same_passport(
    ivan: User, tariq: User, oman_source: ManifestSource
) -> None:
    earlier = record(tariq, deportee(name="Bilal", passport="AB1234567"))
    manifest = upload(ivan, oman_source, csv_bytes(HEAD, "Bilal Ahmed,Aslam,,ab 1234567,1985"))
    import_all(ivan, manifest)
    event = manifest.rows.get().border_event
    assert (event.person_id, event.match_basis) == (earlier.person_id, MatchBasis.PASSPORT)


def test_a_new_number_makes_a_new_person(ivan: User, oman_source: ManifestSource) -> None:
    record(ivan, deportee(cnic="35202-1234567-1"))
    manifest = upload(ivan, oman_source, csv_bytes(HEAD, "Sajid,Rasheed,35202-7654321-1,,1990"))
    import_all(ivan, manifest)
    assert manifest.rows.get().border_event.match_basis == MatchBasis.NEW
    assert Person.objects.count() == 2


def test_numbers_held_by_two_persons_wait_for_the_officer_to_choose(
    ivan: User, tariq: User, oman_source: ManifestSource
) -> None:
    by_cnic = record(tariq, deportee(name="Ali Raza", cnic="35202-1234567-1"))
    by_passport = record(tariq, deportee(name="Ali Reza", passport="AB1234567"))
    manifest = upload(
        ivan, oman_source, csv_bytes(HEAD, "Ali Raza,Akram,35202-1234567-1,AB1234567,1990")
    )
    import_all(ivan, manifest)
    row = manifest.rows.get()
    assert row.status == RowStatus.TO_CONFIRM
    assert {c["person_id"] for c in row.candidates} == {by_cnic.person_id, by_passport.person_id}
    with pytest.raises(ValidationError):
        row_choose_person(actor=ivan, row_id=row.pk, expected_version=row.version, person_id=-5)
    chosen = row_choose_person(
        actor=ivan, row_id=row.pk, expected_version=row.version, person_id=by_cnic.person_id
    )
    assert chosen.status == RowStatus.IMPORTED
    assert chosen.border_event.person_id == by_cnic.person_id
    assert chosen.border_event.match_basis == MatchBasis.OFFICER


def test_confirming_a_candidate_moves_the_event_and_removes_the_unused_new_person(
    ivan: User,
) -> None:
    earlier = record(ivan, deportee(name="Ali Raza"))
    event = record(ivan, deportee(name="Ali Rza"))
    BorderEvent.objects.filter(pk=event.pk).update(
        match_candidates=[{"person_id": earlier.person_id, "score": 0.9, "reasons": ["name"]}]
    )
    duplicate = event.person_id
    event.refresh_from_db()
    moved = border_event_confirm_identity(
        actor=ivan, event_id=event.pk, expected_version=event.version, person_id=earlier.person_id
    )
    assert moved.person_id == earlier.person_id and moved.identity_confirmed
    assert not Person.objects.filter(pk=duplicate).exists()


def test_only_a_listed_candidate_can_be_confirmed(ivan: User) -> None:
    other = record(ivan, deportee(name="Someone Else"))
    event = record(ivan)
    with pytest.raises(ValidationError):
        border_event_confirm_identity(
            actor=ivan, event_id=event.pk, expected_version=event.version, person_id=other.person_id
        )


def test_the_persons_screen_offers_an_earlier_record_spelled_differently(ivan: User) -> None:
    if not fuzzy_available():
        pytest.skip("the identity search (htms.identity.search) is not installed")
    earlier = record(ivan, deportee(name="Muhammad Ali Raza"))
    later = record(ivan, deportee(name="Mohammad Ali Raza"))
    found = {c["person_id"] for c in event_candidates(user=ivan, event=later)}
    assert earlier.person_id in found and later.person_id not in found
    moved = border_event_confirm_identity(
        actor=ivan, event_id=later.pk, expected_version=later.version, person_id=earlier.person_id
    )
    assert moved.person_id == earlier.person_id


def test_a_pakistani_matched_by_passport_is_in_doubt_only_if_the_register_has_no_cnic(
    ivan: User, tariq: User, oman_source: ManifestSource
) -> None:
    """One batch, two rows claiming Pakistan with no CNIC, each matched by passport: the one
    whose person holds a CNIC in the register raises no doubt about the nationality."""
    with_cnic = record(tariq, deportee(name="Bilal", cnic="35202-1234567-1", passport="AB1234567"))
    without = record(tariq, deportee(name="Zahid", passport="CD7654321"))
    head = f"{HEAD},Nationality"
    rows = (
        "Bilal Ahmed,Aslam,,AB1234567,1985,Pakistani",
        "Zahid Ali,Aslam,,CD7654321,1980,Pakistani",
    )
    manifest = upload(ivan, oman_source, csv_bytes(head, *rows))
    import_all(ivan, manifest)
    events = {r.border_event.person_id: r.border_event for r in manifest.rows.all()}
    assert events[with_cnic.person_id].nationality_doubt is False
    assert events[without.person_id].nationality_doubt is True
