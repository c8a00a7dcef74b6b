"""Effective dates: when a step happened, checked against today, the case's opening and the
previous stage; a late entry needs a reason, kept and shown on the timeline."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from htms.accounts.models import User
from htms.cases.models import Case, Stage, StageChange
from htms.cases.selectors import case_detail
from htms.cases.selectors_timeline import case_timeline
from htms.cases.services.court import hearing_record
from htms.cases.services.effective import (
    BACKDATE_NEEDS_REASON,
    EFFECTIVE_BEFORE_OPENING,
    EFFECTIVE_BEFORE_PREVIOUS,
    EFFECTIVE_IN_FUTURE,
)
from htms.cases.services.lifecycle import case_decide_stage_change, case_request_stage
from htms.conftest import BACKDATE_REASON, stage_move
from htms.reference.models import Court

pytestmark = pytest.mark.django_db


def _move(actor: User, case: Case, to_stage: str, **kwargs: object) -> StageChange:
    return stage_move(actor, case, to_stage, **kwargs)


def _refusal(actor: User, case: Case, to_stage: str, **kwargs: object) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        _move(actor, case, to_stage, **kwargs)
    return caught.value.message_dict


def test_it_dates_a_step_today_unless_told(alice: User, tip_case: Case) -> None:
    tip_case.refresh_from_db()
    change = case_request_stage(
        actor=alice,
        case_id=tip_case.pk,
        expected_version=tip_case.version,
        to_stage=Stage.INVESTIGATION,
    )
    assert change.effective_on == timezone.localdate() and change.backdate_reason == ""


def test_it_refuses_a_date_in_the_future(alice: User, tip_case: Case) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    errors = _refusal(alice, tip_case, Stage.INVESTIGATION, effective_on=tomorrow)
    assert errors == {"effective_on": [str(EFFECTIVE_IN_FUTURE)]}


def test_it_refuses_a_date_before_the_case_was_opened(alice: User, tip_case: Case) -> None:
    errors = _refusal(alice, tip_case, Stage.INVESTIGATION, effective_on=date(2026, 9, 30))
    assert errors == {"effective_on": [str(EFFECTIVE_BEFORE_OPENING) % "1 Oct 2026"]}


def test_it_refuses_a_date_before_the_previous_stage(alice: User, tip_case: Case) -> None:
    _move(alice, tip_case, Stage.INVESTIGATION, effective_on=date(2026, 10, 10))
    errors = _refusal(
        alice, tip_case, Stage.CLOSED, closure_reason="untraced", effective_on=date(2026, 10, 9)
    )
    values = {"stage": "Under investigation", "day": "10 Oct 2026"}
    assert errors == {"effective_on": [str(EFFECTIVE_BEFORE_PREVIOUS) % values]}


@override_settings(HTMS_BACKDATE_GRACE_DAYS=3)
def test_it_asks_why_a_step_is_entered_late(alice: User, tip_case: Case) -> None:
    today = timezone.localdate()
    late = today - timedelta(days=4)
    errors = _refusal(alice, tip_case, Stage.INVESTIGATION, effective_on=late, backdate_reason="")
    assert errors == {"backdate_reason": [str(BACKDATE_NEEDS_REASON) % 3]}
    change = _move(
        alice,
        tip_case,
        Stage.INVESTIGATION,
        effective_on=today - timedelta(days=3),
        backdate_reason="",
    )
    assert change.effective_on == today - timedelta(days=3)


def test_a_hearing_is_held_not_in_the_future_and_may_be_entered_late_with_a_reason(
    anne: User, tip_case: Case
) -> None:
    for stage in (Stage.INVESTIGATION, Stage.INTERIM_CHALLAN):
        _move(anne, tip_case, stage)
    court = Court.objects.get(code="CRT-SJ-LHR")
    with pytest.raises(ValidationError) as caught:
        hearing_record(actor=anne, case_id=tip_case.pk, court_id=court.pk, date=date(2026, 10, 5))
    assert set(caught.value.message_dict) == {"backdate_reason"}
    with pytest.raises(ValidationError) as caught:
        hearing_record(
            actor=anne,
            case_id=tip_case.pk,
            court_id=court.pk,
            date=timezone.localdate() + timedelta(days=1),
            outcome="Adjourned",
        )
    assert caught.value.message_dict == {"date": [str(EFFECTIVE_IN_FUTURE)]}
    scheduled = hearing_record(
        actor=anne,
        case_id=tip_case.pk,
        court_id=court.pk,
        date=timezone.localdate() + timedelta(days=1),
    )
    assert scheduled.outcome == ""
    hearing = hearing_record(
        actor=anne,
        case_id=tip_case.pk,
        court_id=court.pk,
        date=date(2026, 10, 5),
        backdate_reason=BACKDATE_REASON,
    )
    assert hearing.recorded_at.date() == timezone.now().date()
    assert hearing.backdate_reason == BACKDATE_REASON


def test_the_timeline_follows_the_day_each_step_happened(
    alice: User, anne: User, tip_case: Case
) -> None:
    _move(alice, tip_case, Stage.INVESTIGATION, effective_on=date(2026, 10, 3))
    request = _move(alice, tip_case, Stage.INTERIM_CHALLAN, effective_on=date(2026, 10, 8))
    case_decide_stage_change(
        actor=anne, change_id=request.pk, approve=False, reason="Add the FSL report"
    )
    request = _move(alice, tip_case, Stage.INTERIM_CHALLAN, effective_on=date(2026, 10, 6))
    case_decide_stage_change(actor=anne, change_id=request.pk, approve=True)
    entries = case_timeline(case_detail(user=alice, case_id=tip_case.pk), party_name=str)
    stages = [(e.day, e.title) for e in entries if e.kind == "stage"]
    assert stages[:2] == [
        (date(2026, 10, 3), "Moved to Under investigation"),
        (date(2026, 10, 6), "Moved to Interim challan"),
    ]
    declined = next(e for e in entries if e.title.startswith("Request to move"))
    assert "reason for declining: Add the FSL report" in declined.detail
    assert declined.day == timezone.localdate()
    challan = next(e for e in entries if e.title == "Moved to Interim challan")
    assert f"entered late: {BACKDATE_REASON}" in challan.detail
    assert f"challan CH-{tip_case.pk}-interim_challan" in challan.detail
    assert [e.day for e in entries] == sorted(e.day for e in entries)
