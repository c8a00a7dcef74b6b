"""The referral's states, who moves them, consent rules and the audit rows."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.models import AuditEvent, AuditObject
from htms.cases.models import Case
from htms.common.errors import NotAllowedError
from htms.protection.models import Organisation, Referral, ReferralState
from htms.protection.selectors import referrals_overdue
from htms.protection.services.referrals import (
    ADULT_CONSENT,
    ILLEGAL_MOVE,
    MINOR_CONSENT,
    NEEDS_REASON,
    SERVICE_NOT_OFFERED,
    referral_move,
    referral_propose,
)
from htms.protection.tests.conftest import case_referral_input


def _minor(case: Case) -> None:
    person = case.parties.get(role="victim").person
    person.birth_date = timezone.localdate() - timedelta(days=15 * 365)
    person.save(update_fields=["birth_date"])


def test_it_lets_the_caseworker_accept_and_the_service_run_to_completion(
    referral: Referral, carl: User
) -> None:
    for state in ("accepted", "in_service", "completed"):
        referral = referral_move(actor=carl, referral_id=referral.pk, to_state=state)
    assert referral.state == ReferralState.COMPLETED
    assert referral.answered_at and referral.service_started_at and referral.ended_at


def test_it_refuses_illegal_moves(referral: Referral, carl: User) -> None:
    with pytest.raises(ValidationError) as refused:
        referral_move(actor=carl, referral_id=referral.pk, to_state="completed")
    assert refused.value.message_dict["state"] == [
        str(ILLEGAL_MOVE) % {"old": "Sent", "new": "Completed"}
    ]


def test_it_refuses_the_referring_officer_an_answer_meant_for_the_organisation(
    referral: Referral, alice: User
) -> None:
    with pytest.raises(NotAllowedError):
        referral_move(actor=alice, referral_id=referral.pk, to_state="accepted")


def test_it_needs_a_reason_to_decline(referral: Referral, carl: User) -> None:
    with pytest.raises(ValidationError) as refused:
        referral_move(actor=carl, referral_id=referral.pk, to_state="declined")
    assert refused.value.message_dict["reason"] == [str(NEEDS_REASON)]
    declined = referral_move(
        actor=carl, referral_id=referral.pk, to_state="declined", reason="Full"
    )
    assert declined.state_reason == "Full"


def test_it_audits_the_proposal_and_each_move(referral: Referral, carl: User) -> None:
    referral_move(actor=carl, referral_id=referral.pk, to_state="accepted")
    rows = AuditEvent.objects.filter(
        object_type=AuditObject.PROTECTION_REFERRAL, object_id=str(referral.pk)
    ).order_by("seq")
    assert [r.action for r in rows] == ["create", "update"]
    assert rows[1].changes["state"] == {"old": "sent", "new": "accepted"}


def test_it_refuses_a_service_the_organisation_does_not_offer(
    alice: User, tip_case: Case, shelter: Organisation
) -> None:
    with pytest.raises(ValidationError) as refused:
        referral_propose(
            actor=alice, data=case_referral_input(tip_case, shelter, service="legal_aid")
        )
    assert refused.value.message_dict["service"] == [str(SERVICE_NOT_OFFERED)]


def test_it_asks_a_guardian_or_a_best_interest_decision_for_a_child(
    alice: User, tip_case: Case, shelter: Organisation
) -> None:
    _minor(tip_case)
    with pytest.raises(ValidationError) as refused:
        referral_propose(actor=alice, data=case_referral_input(tip_case, shelter))
    assert refused.value.message_dict["consent_by"] == [str(MINOR_CONSENT)]
    data = case_referral_input(tip_case, shelter, consent_by="guardian")
    assert referral_propose(actor=alice, data=data).minor


def test_it_asks_an_adult_for_consent_personally(
    alice: User, tip_case: Case, shelter: Organisation
) -> None:
    data = case_referral_input(tip_case, shelter, consent_by="guardian")
    with pytest.raises(ValidationError) as refused:
        referral_propose(actor=alice, data=data)
    assert refused.value.message_dict["consent_by"] == [str(ADULT_CONSENT)]


def test_it_lists_a_minors_referral_unsent_after_24_hours_as_overdue(
    alice: User, anne: User, carl: User, tip_case: Case, shelter: Organisation
) -> None:
    _minor(tip_case)
    data = case_referral_input(tip_case, shelter, consent_by="guardian", send=False)
    referral = referral_propose(actor=alice, data=data)
    assert list(referrals_overdue(user=anne)) == []
    later = timezone.now() + timedelta(hours=25)
    assert list(referrals_overdue(user=anne, now=later)) == [referral]
    assert list(referrals_overdue(user=carl, now=later)) == []


def test_it_lists_a_referral_unanswered_after_48_hours_for_the_organisation(
    referral: Referral, carl: User
) -> None:
    later = timezone.now() + timedelta(hours=49)
    assert list(referrals_overdue(user=carl, now=later)) == [referral]
    referral_move(actor=carl, referral_id=referral.pk, to_state="accepted")
    assert list(referrals_overdue(user=carl, now=later)) == []


def test_it_refuses_a_referral_from_another_circles_case(
    bob: User, tip_case: Case, shelter: Organisation
) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        referral_propose(actor=bob, data=case_referral_input(tip_case, shelter))
