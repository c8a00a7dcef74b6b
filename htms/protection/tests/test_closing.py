"""The caseworker ends a support plan (actual end, outcome) and marks a follow-up done (day,
note) on pages of their own; nobody else reaches those pages. A caseworker posted at no
organisation is told why their home is empty."""

from datetime import timedelta

import pytest
from django.utils import timezone

from htms.accounts.models import Role, User
from htms.audit.models import AuditEvent, AuditObject
from htms.conftest import _user
from htms.protection.models import FollowUp, Referral, SupportPlan
from htms.protection.services.care import (
    ALREADY_DONE,
    IN_THE_FUTURE,
    PLAN_ENDED,
    PlanInput,
    follow_up_add,
    support_plan_add,
)
from htms.web.tests.support import client_for, page

OUTCOME = "Back at school in Kasur; the family agreed to the plan"


@pytest.fixture
def plan(accepted: Referral, carl: User) -> SupportPlan:
    data = PlanInput(kind="shelter", objectives="A safe place", planned_end=timezone.localdate())
    return support_plan_add(actor=carl, referral_id=accepted.pk, data=data)


@pytest.fixture
def follow_up(plan: SupportPlan, carl: User) -> FollowUp:
    due = timezone.localdate() + timedelta(days=3)
    return follow_up_add(actor=carl, referral_id=plan.referral_id, due_on=due)


def test_it_ends_a_plan_with_its_outcome(plan: SupportPlan, carl: User) -> None:
    client = client_for(carl)
    referral_page = page(client, f"/protection/referrals/{plan.referral_id}/")
    assert f"/protection/plans/{plan.pk}/end/" in referral_page
    today = timezone.localdate().isoformat()
    response = client.post(
        f"/protection/plans/{plan.pk}/end/", {"actual_end": today, "outcome": OUTCOME}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.actual_end == timezone.localdate() and plan.outcome == OUTCOME
    assert OUTCOME in page(client, f"/protection/referrals/{plan.referral_id}/")
    row = AuditEvent.objects.filter(object_type=AuditObject.SUPPORT_PLAN, action="update").get()
    assert OUTCOME not in str(row.changes)


def test_it_refuses_an_end_in_the_future(plan: SupportPlan, carl: User) -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(carl).post(f"/protection/plans/{plan.pk}/end/", {"actual_end": tomorrow})
    assert response.status_code == 400
    assert str(IN_THE_FUTURE) in response.content.decode()
    plan.refresh_from_db()
    assert plan.actual_end is None


def test_it_marks_a_follow_up_done(follow_up: FollowUp, carl: User) -> None:
    client = client_for(carl)
    url = f"/protection/follow-ups/{follow_up.pk}/done/"
    assert url in page(client, f"/protection/referrals/{follow_up.referral_id}/")
    today = timezone.localdate().isoformat()
    response = client.post(url, {"done_on": today, "note": "Visited at home, well"})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.done_on == timezone.localdate() and "Visited at home" in follow_up.note
    assert client.post(url, {"done_on": ""}).status_code == 400


def test_a_second_close_is_refused_and_overwrites_nothing(
    plan: SupportPlan, follow_up: FollowUp, carl: User
) -> None:
    """Two caseworkers closing the same record from pages read before either saved: the first
    close stands, the second is told why and changes nothing (no second audit row)."""
    client = client_for(carl)
    today = timezone.localdate().isoformat()
    closes = [
        (f"/protection/plans/{plan.pk}/end/", {"actual_end": today, "outcome": OUTCOME},
         {"actual_end": today, "outcome": "Something else"}, PLAN_ENDED),
        (f"/protection/follow-ups/{follow_up.pk}/done/", {"done_on": today, "note": "Well"},
         {"done_on": today, "note": "Second visit"}, ALREADY_DONE),
    ]  # fmt: skip
    for url, first, second, refusal in closes:
        assert client.post(url, first).status_code == 302
        response = client.post(url, second)
        assert response.status_code == 400
        assert str(refusal) in response.content.decode()
    plan.refresh_from_db()
    follow_up.refresh_from_db()
    assert plan.outcome == OUTCOME and "Second visit" not in follow_up.note
    updates = AuditEvent.objects.filter(action="update")
    assert updates.filter(object_type=AuditObject.SUPPORT_PLAN).count() == 1
    assert updates.filter(object_type=AuditObject.FOLLOW_UP).count() == 1


@pytest.mark.parametrize("name", ["alice", "bob", "hana", "nora"])
def test_it_answers_404_to_everyone_but_the_caseworkers(
    follow_up: FollowUp, name: str, request: pytest.FixtureRequest
) -> None:
    client = client_for(request.getfixturevalue(name))
    assert (
        client.get(f"/protection/plans/{follow_up.referral.plans.get().pk}/end/").status_code == 404
    )
    assert client.get(f"/protection/follow-ups/{follow_up.pk}/done/").status_code == 404
    assert client.get("/protection/follow-ups/999999/done/").status_code == 404


def test_it_tells_a_caseworker_without_an_organisation_what_to_do(db: None) -> None:
    caseworker = _user("una", "T-A", Role.CASEWORKER)
    caseworker.unit = None
    caseworker.save(update_fields=["unit"])
    assert "not posted at the unit of a shelter" in page(client_for(caseworker), "/")
