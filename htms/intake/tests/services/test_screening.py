"""Screening: the suggested classification, the officer's word on it, minors, referrals and
the decisions that need a screening first."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from htms.accounts.models import User
from htms.common.errors import StaleEditError
from htms.intake.models import Classification, IntakeStatus
from htms.intake.questionnaire import suggest
from htms.intake.services.processing import border_event_set_status
from htms.intake.services.screening import ScreeningInput, referral_record, screening_record
from htms.intake.tests.conftest import ON, deportee, record

pytestmark = pytest.mark.django_db

VICTIM = {"recruited": True, "deceived": True, "forced_labour": True}
SMUGGLED = {"paid_agent": True, "irregular_crossing": True}


@pytest.mark.parametrize(
    ("answers", "minor", "expected"),
    [
        (VICTIM, False, Classification.POSSIBLE_VICTIM),
        ({"recruited": True, "forced_labour": True}, False, Classification.OTHER_MIGRANT),
        ({"recruited": True, "forced_labour": True}, True, Classification.POSSIBLE_VICTIM),
        ({"sold": True}, False, Classification.POSSIBLE_VICTIM),
        ({"debt_bondage": True, "paid_agent": True}, False, Classification.POSSIBLE_VICTIM),
        ({"documents_withheld": True}, True, Classification.POSSIBLE_VICTIM),
        (SMUGGLED, False, Classification.SMUGGLED_MIGRANT),
        ({**SMUGGLED, "deceived_job": True}, False, Classification.SMUGGLED_MIGRANT),
        ({}, False, Classification.OTHER_MIGRANT),
    ],
)
def test_it_suggests_a_classification_from_act_means_and_purpose(
    answers: dict[str, bool], minor: bool, expected: str
) -> None:
    assert suggest(answers, minor_by_age=minor).classification == expected


def test_a_minor_is_always_flagged_whatever_the_answers() -> None:
    assert suggest({}, minor_by_age=True).minor
    assert suggest({"minor": True}, minor_by_age=False).minor
    assert suggest(SMUGGLED, minor_by_age=True).minor


def test_it_flags_a_minor_from_the_date_of_birth(ivan: User) -> None:
    event = record(ivan, deportee(born=date(2010, 1, 1)))
    screening = screening_record(actor=ivan, event_id=event.pk, data=ScreeningInput(answers={}))
    assert screening.minor is True


def test_it_records_the_suggestion_and_moves_the_person_to_interviewed(ivan: User) -> None:
    event = record(ivan)
    screening = screening_record(actor=ivan, event_id=event.pk, data=ScreeningInput(VICTIM))
    assert screening.classification == screening.suggested == Classification.POSSIBLE_VICTIM
    event.refresh_from_db()
    assert event.status == IntakeStatus.INTERVIEWED


def test_changing_the_suggestion_needs_a_reason(ivan: User) -> None:
    event = record(ivan)
    change = ScreeningInput(VICTIM, classification=Classification.SMUGGLED_MIGRANT)
    with pytest.raises(ValidationError) as exc:
        screening_record(actor=ivan, event_id=event.pk, data=change)
    assert "say why" in exc.value.message_dict["change_reason"][0]
    change.change_reason = "The job offer was genuine; the person paid to be smuggled."
    screening = screening_record(actor=ivan, event_id=event.pk, data=change)
    assert screening.classification == Classification.SMUGGLED_MIGRANT
    assert screening.suggested == Classification.POSSIBLE_VICTIM


def test_a_stale_screening_is_refused(ivan: User) -> None:
    event = record(ivan)
    first = screening_record(actor=ivan, event_id=event.pk, data=ScreeningInput(SMUGGLED))
    screening_record(
        actor=ivan, event_id=event.pk, data=ScreeningInput(VICTIM, expected_version=first.version)
    )
    with pytest.raises(StaleEditError):
        screening_record(
            actor=ivan,
            event_id=event.pk,
            data=ScreeningInput(SMUGGLED, expected_version=first.version),
        )


def test_a_referral_records_to_whom_and_when_and_marks_the_person_referred(ivan: User) -> None:
    event = record(ivan)
    screening_record(actor=ivan, event_id=event.pk, data=ScreeningInput(VICTIM))
    with pytest.raises(ValidationError) as exc:
        referral_record(actor=ivan, event_id=event.pk, to_kind="", referred_on=None)
    assert set(exc.value.message_dict) == {"to_kind", "referred_on"}
    referral_record(
        actor=ivan, event_id=event.pk, to_kind="shelter", referred_on=ON, organisation="Dar-ul-Aman"
    )
    event.refresh_from_db()
    assert event.status == IntakeStatus.REFERRED


def test_every_decision_needs_a_screening_first(ivan: User) -> None:
    event = record(ivan)
    with pytest.raises(ValidationError) as exc:
        border_event_set_status(
            actor=ivan, event_id=event.pk, expected_version=event.version, status="released"
        )
    assert "Screen the person first" in exc.value.message_dict["status"][0]


def test_a_possible_victim_is_not_arrested(ivan: User) -> None:
    event = record(ivan)
    screening_record(actor=ivan, event_id=event.pk, data=ScreeningInput(VICTIM))
    event.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        border_event_set_status(
            actor=ivan,
            event_id=event.pk,
            expected_version=event.version,
            status="arrested",
            note="FIR 12/2026",
        )
    assert "referred, not arrested" in exc.value.message_dict["status"][0]


def test_arrest_needs_a_note_and_referred_needs_a_referral(ivan: User) -> None:
    event = record(ivan)
    screening_record(actor=ivan, event_id=event.pk, data=ScreeningInput({}))
    event.refresh_from_db()
    for status, key in (("arrested", "status_note"), ("referred", "status")):
        with pytest.raises(ValidationError) as exc:
            border_event_set_status(
                actor=ivan, event_id=event.pk, expected_version=event.version, status=status
            )
        assert key in exc.value.message_dict
    released = border_event_set_status(
        actor=ivan, event_id=event.pk, expected_version=event.version, status="released"
    )
    assert released.status == IntakeStatus.RELEASED
