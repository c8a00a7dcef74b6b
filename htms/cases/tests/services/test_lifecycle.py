from datetime import date

import pytest
from django.core.exceptions import ValidationError

from htms.accounts.models import User
from htms.cases.inputs import VerdictInput
from htms.cases.models import Case, Stage, StageChange
from htms.cases.services.court import case_record_judgment, hearing_record
from htms.cases.services.lifecycle import (
    CHALLAN_NEEDS_ACCUSED,
    CHALLAN_NEEDS_COURT,
    CHALLAN_NEEDS_NUMBER,
    case_decide_stage_change,
    case_request_stage,
)
from htms.cases.services.party_facts import PartyFactsInput, party_update
from htms.common.errors import NotAllowedError, StaleEditError
from htms.conftest import BACKDATE_REASON, CHALLAN_COURT, TIP_SECTION, stage_move
from htms.reference.models import Court

pytestmark = pytest.mark.django_db


def _move(actor: User, case: Case, to_stage: str, **kwargs: object) -> StageChange:
    return stage_move(actor, case, to_stage, **kwargs)


def test_it_waits_for_the_incharge_to_approve_a_challan(
    alice: User, anne: User, tip_case: Case
) -> None:
    _move(alice, tip_case, Stage.INVESTIGATION)
    change = _move(alice, tip_case, Stage.INTERIM_CHALLAN)
    tip_case.refresh_from_db()
    assert change.status == "pending"
    assert tip_case.stage == Stage.INVESTIGATION
    case_decide_stage_change(actor=anne, change_id=change.pk, approve=True)
    tip_case.refresh_from_db()
    assert tip_case.stage == Stage.INTERIM_CHALLAN


def test_it_lets_only_the_incharge_approve(alice: User, bob: User, tip_case: Case) -> None:
    _move(alice, tip_case, Stage.INVESTIGATION)
    change = _move(alice, tip_case, Stage.INTERIM_CHALLAN)
    with pytest.raises(NotAllowedError):
        case_decide_stage_change(actor=alice, change_id=change.pk, approve=True)
    from django.http import Http404

    with pytest.raises(Http404):
        case_decide_stage_change(actor=bob, change_id=change.pk, approve=True)


def test_it_refuses_a_challan_without_an_arrested_or_proclaimed_accused(
    alice: User, tip_case: Case
) -> None:
    _move(alice, tip_case, Stage.INVESTIGATION)
    arrested = tip_case.parties.get(role="accused", accused_status="arrested")
    tip_case.refresh_from_db()
    party_update(
        actor=alice,
        case_id=tip_case.pk,
        expected_version=tip_case.version,
        party_id=arrested.pk,
        facts=PartyFactsInput(accused_status="at_large"),
    )
    with pytest.raises(ValidationError) as caught:
        _move(alice, tip_case, Stage.FINAL_CHALLAN)
    assert caught.value.message_dict["to_stage"] == [str(CHALLAN_NEEDS_ACCUSED)]


def test_it_refuses_to_skip_stages(alice: User, tip_case: Case) -> None:
    with pytest.raises(ValidationError) as caught:
        _move(alice, tip_case, Stage.TRIAL)
    assert "cannot move to" in caught.value.message_dict["to_stage"][0]


def test_it_needs_a_challan_number_and_court_and_a_reason_for_closure(
    anne: User, tip_case: Case
) -> None:
    _move(anne, tip_case, Stage.INVESTIGATION)
    with pytest.raises(ValidationError) as caught:
        _move(anne, tip_case, Stage.FINAL_CHALLAN, challan_number="")
    assert caught.value.message_dict == {"challan_number": [str(CHALLAN_NEEDS_NUMBER)]}
    with pytest.raises(ValidationError) as caught:
        _move(anne, tip_case, Stage.FINAL_CHALLAN, court_id=None)
    assert caught.value.message_dict == {"court": [str(CHALLAN_NEEDS_COURT)]}
    with pytest.raises(ValidationError):
        _move(anne, tip_case, Stage.CLOSED)


def test_the_trial_court_is_the_challans_court_unless_named(anne: User, tip_case: Case) -> None:
    _move(anne, tip_case, Stage.INVESTIGATION)
    change = _move(anne, tip_case, Stage.FINAL_CHALLAN, challan_number=" 4/2026 ")
    tip_case.refresh_from_db()
    assert (change.challan_number, change.court, tip_case.court) == (
        "4/2026",
        Court.objects.get(code=CHALLAN_COURT),
        Court.objects.get(code=CHALLAN_COURT),
    )
    _move(anne, tip_case, Stage.TRIAL)
    tip_case.refresh_from_db()
    assert tip_case.stage == Stage.TRIAL and tip_case.court == change.court


def test_it_refuses_a_stale_save(alice: User, tip_case: Case) -> None:
    stale_version = tip_case.version
    _move(alice, tip_case, Stage.INVESTIGATION)
    with pytest.raises(StaleEditError):
        case_request_stage(
            actor=alice,
            case_id=tip_case.pk,
            expected_version=stale_version,
            to_stage=Stage.CLOSED,
            closure_reason="untraced",
        )
    tip_case.refresh_from_db()
    assert tip_case.stage == Stage.INVESTIGATION


def test_it_refuses_writes_from_another_circle(
    alice: User, bob: User, zara: User, tip_case: Case
) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        _move(bob, tip_case, Stage.INVESTIGATION)
    with pytest.raises(NotAllowedError):
        _move(zara, tip_case, Stage.INVESTIGATION)


def test_it_moves_a_case_from_fir_to_judgment_with_hearings(anne: User, tip_case: Case) -> None:
    court = Court.objects.first()
    assert court is not None
    _move(anne, tip_case, Stage.INVESTIGATION)
    _move(anne, tip_case, Stage.FINAL_CHALLAN)
    hearing = hearing_record(
        actor=anne,
        case_id=tip_case.pk,
        court_id=court.pk,
        date=date(2026, 11, 2),
        backdate_reason=BACKDATE_REASON,
        purpose="Framing of charge",
        next_date=date(2026, 11, 16),
        witness_party_ids=[tip_case.parties.get(role="victim").pk],
    )
    assert hearing.witnesses_due.count() == 1
    _move(anne, tip_case, Stage.TRIAL, court_id=court.pk)
    arrested = tip_case.parties.get(role="accused", accused_status="arrested")
    tip_case.refresh_from_db()
    case_record_judgment(
        actor=anne,
        case_id=tip_case.pk,
        expected_version=tip_case.version,
        court_id=court.pk,
        date=date(2026, 11, 20),
        backdate_reason=BACKDATE_REASON,
        verdicts=[
            VerdictInput(
                accused_party_id=arrested.pk,
                statute_code=TIP_SECTION,
                outcome="convicted",
                sentence_months=84,
                fine_amount=500000,
            )
        ],
    )
    tip_case.refresh_from_db()
    arrested.refresh_from_db()
    assert tip_case.stage == Stage.JUDGMENT
    assert arrested.accused_status == "convicted"
    assert list(tip_case.stage_changes.values_list("to_stage", flat=True)) == [
        "fir",
        "investigation",
        "final_challan",
        "trial",
        "judgment",
    ]


def test_it_refuses_an_incomplete_judgment(anne: User, tip_case: Case) -> None:
    court = Court.objects.first()
    assert court is not None
    for stage in (Stage.INVESTIGATION, Stage.FINAL_CHALLAN):
        _move(anne, tip_case, stage)
    _move(anne, tip_case, Stage.TRIAL, court_id=court.pk)
    tip_case.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        case_record_judgment(
            actor=anne,
            case_id=tip_case.pk,
            expected_version=tip_case.version,
            court_id=court.pk,
            date=date(2026, 11, 20),
            backdate_reason=BACKDATE_REASON,
            verdicts=[],
        )
    assert "Imran Butt" in caught.value.message_dict["verdicts"][0]


def test_it_refuses_a_sentence_on_acquittal(anne: User, tip_case: Case) -> None:
    court = Court.objects.first()
    assert court is not None
    for stage in (Stage.INVESTIGATION, Stage.FINAL_CHALLAN):
        _move(anne, tip_case, stage)
    _move(anne, tip_case, Stage.TRIAL, court_id=court.pk)
    tip_case.refresh_from_db()
    arrested = tip_case.parties.get(role="accused", accused_status="arrested")
    with pytest.raises(ValidationError):
        case_record_judgment(
            actor=anne,
            case_id=tip_case.pk,
            expected_version=tip_case.version,
            court_id=court.pk,
            date=date(2026, 11, 20),
            backdate_reason=BACKDATE_REASON,
            verdicts=[
                VerdictInput(
                    accused_party_id=arrested.pk,
                    statute_code=TIP_SECTION,
                    outcome="acquitted",
                    sentence_months=12,
                )
            ],
        )


def test_it_refuses_hearings_before_a_challan(alice: User, tip_case: Case) -> None:
    court = Court.objects.first()
    assert court is not None
    with pytest.raises(ValidationError):
        hearing_record(actor=alice, case_id=tip_case.pk, court_id=court.pk, date=date(2026, 11, 2))
