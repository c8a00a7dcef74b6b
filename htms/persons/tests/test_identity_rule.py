"""The one identity rule with border screening: a possible victim or a minor found at the
border is protected like a victim, the post that intercepted a person handles them, and the
query conditions agree with the id-list functions for everyone."""

from datetime import date

import pytest

from htms.accounts.models import Role, User
from htms.cases.models import Case
from htms.identity.access import searchable_ids, searchable_persons
from htms.intake.entries import EntryInput
from htms.intake.models import BorderEvent, BorderEventKind
from htms.intake.services.events import border_event_record
from htms.intake.services.screening import ScreeningInput, screening_record
from htms.persons.access import (
    identity_visibility,
    identity_visible_condition,
    person_queryset_for_user,
    persons_visible_among,
    protected_among,
    protected_condition,
    suspect_condition,
    suspects_among,
    unit_identity_visible,
)
from htms.persons.inputs import DocumentInput, PersonInput
from htms.persons.models import Person
from htms.reference.models import Unit

pytestmark = pytest.mark.django_db

CAST = ["alice", "anne", "bob", "cleo", "zara", "hana", "mona", "carl", "adam", "ivan"]


@pytest.fixture
def ivan(db: None) -> User:
    """Investigating officer at Karachi airport immigration."""
    return User.objects.create_user(
        username="ivan",
        password="pw-ivan",
        unit=Unit.objects.get(code="IMM-KHI-AIR"),
        role=Role.INVESTIGATING_OFFICER,
    )


def _deportee(name: str, cnic: str, born: date = date(1990, 4, 1)) -> EntryInput:
    return EntryInput(
        person=PersonInput(
            full_name=name,
            sex="F",
            father_name="Abdul Sattar",
            relation="d/o",
            birth_date=born,
            nationality_code="PK",
            documents=[DocumentInput(kind="cnic", number=cnic)],
        ),
        kind=BorderEventKind.DEPORTED,
        occurred_on=date(2026, 10, 12),
        deporting_country_code="OM",
        return_reason="overstay",
    )


def _screened(ivan: User, name: str, cnic: str, answers: dict[str, bool]) -> BorderEvent:
    event = border_event_record(actor=ivan, entry=_deportee(name, cnic))
    screening_record(actor=ivan, event_id=event.pk, data=ScreeningInput(answers))
    return event


@pytest.fixture
def possible_victim(ivan: User) -> Person:
    return _screened(ivan, "Nasreen Akhtar", "42101-7777777-2", {"sold": True}).person


@pytest.fixture
def screened_minor(ivan: User) -> Person:
    event = border_event_record(
        actor=ivan, entry=_deportee("Sana Gul", "42101-8888888-4", born=date(2010, 2, 1))
    )
    screening_record(actor=ivan, event_id=event.pk, data=ScreeningInput({"paid_agent": True}))
    return event.person


@pytest.fixture
def migrant(ivan: User) -> Person:
    return _screened(ivan, "Kamran Ali", "42101-9999999-1", {"paid_agent": True}).person


def test_it_protects_a_possible_victim_found_at_the_border(
    possible_victim: Person, ivan: User, hana: User, mona: User, zara: User
) -> None:
    assert protected_among([possible_victim.pk]) == {possible_victim.pk}
    assert identity_visibility(ivan, [possible_victim.pk]) == {possible_victim.pk: True}
    for user in (hana, mona, zara):
        assert identity_visibility(user, [possible_victim.pk]) == {possible_victim.pk: False}


def test_it_protects_a_minor_flagged_at_screening(screened_minor: Person, hana: User) -> None:
    assert screened_minor.border_events.get().screening.minor
    assert protected_among([screened_minor.pk]) == {screened_minor.pk}
    assert not identity_visibility(hana, [screened_minor.pk])[screened_minor.pk]


def test_it_leaves_an_adult_migrant_unprotected(migrant: Person, hana: User) -> None:
    assert protected_among([migrant.pk]) == set()
    assert identity_visibility(hana, [migrant.pk]) == {migrant.pk: True}


def test_it_keeps_a_screened_possible_victim_out_of_the_suspects_register(
    possible_victim: Person, bob: User, tip_case: Case
) -> None:
    """Named as an accused later, a possible victim is still no suspect another circle may
    search by name."""
    tip_case.parties.create(role="accused", person=possible_victim, accused_status="at_large")
    assert suspects_among([possible_victim.pk]) == set()
    assert not Person.objects.filter(suspect_condition(), pk=possible_victim.pk).exists()
    assert possible_victim.pk not in searchable_ids(bob, [possible_victim.pk])


def test_it_shows_a_case_victim_to_the_post_that_intercepts_her(
    alice: User, ivan: User, hana: User, tip_case: Case
) -> None:
    victim = tip_case.parties.get(role="victim").person
    assert not identity_visibility(ivan, [victim.pk])[victim.pk]
    BorderEvent.objects.create(
        person=victim, kind=BorderEventKind.OFFLOADED, post=ivan.unit, fraud_kind="fake_visa",
        occurred_on=date(2026, 11, 1), match_basis="cnic", recorded_by=ivan,
    )  # fmt: skip
    assert identity_visibility(ivan, [victim.pk])[victim.pk]
    assert identity_visibility(alice, [victim.pk])[victim.pk]
    assert not identity_visibility(hana, [victim.pk])[victim.pk]


def test_it_gives_a_posts_raw_identity_data_to_its_writers_only(
    ivan: User, alice: User, hana: User, mona: User, carl: User
) -> None:
    post_id = ivan.unit_id
    assert unit_identity_visible(ivan, post_id)
    for user in (alice, hana, mona, carl):
        assert not unit_identity_visible(user, post_id)
    ivan.is_active = False
    assert not unit_identity_visible(ivan, post_id)


@pytest.fixture
def everyone(
    tip_case: Case, possible_victim: Person, screened_minor: Person, migrant: Person
) -> set[int]:
    return set(Person.objects.values_list("pk", flat=True))


@pytest.mark.parametrize("who", CAST)
def test_the_conditions_agree_with_the_id_functions(
    request: pytest.FixtureRequest, everyone: set[int], who: str
) -> None:
    user: User = request.getfixturevalue(who)
    queryset = set(person_queryset_for_user(user).values_list("pk", flat=True))
    assert persons_visible_among(user, everyone) == queryset
    shown = Person.objects.filter(identity_visible_condition(user))
    expected = {pk: pk in set(shown.values_list("pk", flat=True)) for pk in everyone}
    assert identity_visibility(user, everyone) == expected
    protected = set(Person.objects.filter(protected_condition()).values_list("pk", flat=True))
    assert protected_among(everyone) == protected
    assert searchable_ids(user, everyone) == set(
        searchable_persons(user).values_list("pk", flat=True)
    )
