"""The caseworker's records through the API: the referral page's rules, the same services, the
same audit."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditEvent, AuditObject
from htms.protection.models import (
    CaseNote,
    FollowUp,
    Referral,
    RiskAssessment,
    ShelterStay,
    SupportPlan,
)
from htms.protection.services.care import (
    NOT_ACCEPTED,
    PlanInput,
    case_note_add,
    follow_up_add,
    risk_assess,
    support_plan_add,
)
from htms.protection.services.referrals import PAID_MORE
from htms.protection.services.stays import FUTURE
from htms.protection.tests.conftest import api_client_for as _api
from htms.web.tests.support import client_for, page

SECRET = "Afraid of the agent's cousin in Gujrat"


def _url(referral: Referral, tail: str = "") -> str:
    return f"/api/protection/referrals/{referral.pk}/{tail}"


def _post(
    client: APIClient, url: str, body: dict[str, object], code: int = 201
) -> dict[str, object]:
    answer = client.post(url, body, format="json")
    assert answer.status_code == code, answer.content
    data: dict[str, object] = answer.json()
    return data


def _version(referral: Referral) -> int:
    return Referral.objects.values_list("version", flat=True).get(pk=referral.pk)


def test_it_writes_every_record_and_the_page_shows_it(accepted: Referral, carl: User) -> None:
    client, today = _api(carl), timezone.localdate()
    day = today.isoformat()
    plan = _post(client, _url(accepted, "plans/"), {
        "kind": "counselling", "objectives": "Weekly counselling sessions", "planned_end": day,
    })  # fmt: skip
    ended = _post(client, _url(accepted, f"plans/{plan['id']}/end/"),
                  {"actual_end": day, "outcome": "Sleeps again"}, 200)  # fmt: skip
    assert ended["actual_end"] == day
    again = client.post(_url(accepted, f"plans/{plan['id']}/end/"),
                        {"actual_end": day, "outcome": "Overwritten"}, format="json")  # fmt: skip
    assert again.status_code == 400 and "already ended" in again.content.decode()
    follow_up = _post(client, _url(accepted, "follow-ups/"), {"due_on": day})
    done = _post(client, _url(accepted, f"follow-ups/{follow_up['id']}/done/"),
                 {"done_on": day, "note": "Visited her at home"}, 200)  # fmt: skip
    assert done["done_on"] == day
    _post(client, _url(accepted, "risks/"), {"level": "high", "factors": "Debt to the agent"})
    _post(client, _url(accepted, "notes/"), {"text": SECRET})
    stay = _post(client, _url(accepted, "stay/"), {"admitted_on": day})
    assert stay["days"] == 0 and stay["destination"] == ""
    left = _post(client, _url(accepted, "stay/discharge/"),
                 {"discharged_on": day, "destination": "family"}, 200)  # fmt: skip
    assert left["destination"] == "family"
    version = _version(accepted)
    court = {"court_measures": ["video_link"], "compensation_ordered": 50000,
             "compensation_paid": None, "expected_version": version}  # fmt: skip
    answer = client.put(_url(accepted, "court/"), court, format="json")
    assert answer.status_code == 200 and answer.json()["version"] == version + 1, answer.content
    shown = page(client_for(carl), f"/protection/referrals/{accepted.pk}/")
    for text in ("Weekly counselling sessions", "Sleeps again", "Visited her at home",
                 "Debt to the agent", "Gujrat", "Back to the family", "Evidence by video link",
                 "50000"):  # fmt: skip
        assert text in shown, text


def test_it_answers_the_care_record_as_the_page_shows_it(
    accepted: Referral, carl: User, alice: User
) -> None:
    today = timezone.localdate()
    note = case_note_add(actor=carl, referral_id=accepted.pk, text=SECRET)
    follow_up_add(actor=carl, referral_id=accepted.pk, due_on=today, note="Call her mother")
    mine = _api(carl).get(_url(accepted, "care/")).json()
    assert mine["caseworker_view"] and mine["may_write"]
    assert [n["text"] for n in mine["notes"]] == [SECRET]
    assert mine["follow_ups"][0]["note"] == "Call her mother"
    theirs = _api(alice).get(_url(accepted, "care/")).json()
    assert not theirs["caseworker_view"] and theirs["notes"] == [] and theirs["plans"] == []
    assert theirs["follow_ups"] == [
        {"id": mine["follow_ups"][0]["id"], "due_on": today.isoformat(), "done_on": None,
         "note": ""}
    ]  # fmt: skip
    assert SECRET not in str(theirs)
    listed = AuditEvent.objects.get(object_type=AuditObject.CASE_NOTE, action=AuditAction.VIEW)
    assert listed.actor == carl and listed.changes["ids"] == [note.pk]
    views = AuditEvent.objects.filter(
        object_type=AuditObject.PROTECTION_REFERRAL, action=AuditAction.VIEW,
        object_id=str(accepted.pk),
    )  # fmt: skip
    assert sorted(views.values_list("actor__username", flat=True)) == ["alice", "carl"]


def test_it_lets_only_the_organisations_caseworker_write(accepted: Referral, alice: User) -> None:
    client = _api(alice)
    refused = client.post(_url(accepted, "notes/"), {"text": "x"}, format="json")
    assert refused.status_code == 403
    plan = SupportPlan.objects.create(
        referral=accepted, kind="counselling", objectives="x", planned_end=timezone.localdate(),
        written_by=accepted.created_by, written_at=timezone.now(),
    )  # fmt: skip
    body = {"actual_end": timezone.localdate().isoformat()}
    ended = client.post(_url(accepted, f"plans/{plan.pk}/end/"), body, format="json")
    assert ended.status_code == 404
    follow_up = FollowUp.objects.create(
        referral=accepted, due_on=timezone.localdate(), written_by=accepted.created_by
    )
    done = {"done_on": body["actual_end"]}
    url = _url(accepted, f"follow-ups/{follow_up.pk}/done/")
    assert client.post(url, done, format="json").status_code == 403
    assert not CaseNote.objects.exists()
    assert FollowUp.objects.get().done_on is None


@pytest.mark.parametrize("name", ["bob", "hana", "nora"])
def test_it_answers_404_to_everyone_else(
    accepted: Referral, name: str, request: pytest.FixtureRequest
) -> None:
    client = _api(request.getfixturevalue(name))
    assert client.get(_url(accepted, "care/")).status_code == 404
    assert client.post(_url(accepted, "notes/"), {"text": "x"}, format="json").status_code == 404
    body = {"admitted_on": timezone.localdate().isoformat()}
    assert client.post(_url(accepted, "stay/"), body, format="json").status_code == 404
    assert not CaseNote.objects.exists() and not ShelterStay.objects.exists()


def test_it_explains_bad_input_and_writes_nothing(accepted: Referral, carl: User) -> None:
    client, before = _api(carl), AuditEvent.objects.count()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    long_ago = (accepted.proposed_at.date() - timedelta(days=1)).isoformat()
    refusals = [
        ("plans/", {"kind": "counselling", "objectives": " ", "planned_end": long_ago}),
        ("plans/", {"kind": "flying", "objectives": "x", "planned_end": "soon"}),
        ("follow-ups/", {"note": "no day"}),
        ("risks/", {"level": "extreme"}),
        ("notes/", {"text": ""}),
        ("stay/", {"admitted_on": tomorrow}),
    ]
    for tail, body in refusals:
        answer = client.post(_url(accepted, tail), body, format="json")
        assert answer.status_code == 400, (tail, answer.content)
    admitted = client.post(_url(accepted, "stay/"), {"admitted_on": tomorrow}, format="json")
    assert admitted.json() == {"admitted_on": [str(FUTURE)]}
    court = {"court_measures": [], "compensation_ordered": 10, "compensation_paid": 20,
             "expected_version": _version(accepted)}  # fmt: skip
    paid = client.put(_url(accepted, "court/"), court, format="json")
    assert paid.status_code == 400 and paid.json() == {"compensation_paid": [str(PAID_MORE)]}
    records = (SupportPlan, FollowUp, RiskAssessment, CaseNote, ShelterStay)
    assert not any(model.objects.exists() for model in records)
    assert AuditEvent.objects.count() == before


def test_it_refuses_a_stale_court_record(accepted: Referral, carl: User, alice: User) -> None:
    court = {"court_measures": ["screen"], "compensation_ordered": None,
             "compensation_paid": None, "expected_version": _version(accepted)}  # fmt: skip
    assert _api(alice).put(_url(accepted, "court/"), court, format="json").status_code == 200
    stale = _api(carl).put(_url(accepted, "court/"), court | {"court_measures": []}, format="json")
    assert stale.status_code == 409
    accepted.refresh_from_db()
    assert accepted.court_measures == ["screen"]


def test_it_asks_to_accept_the_referral_first(referral: Referral, carl: User) -> None:
    refused = _api(carl).post(_url(referral, "risks/"), {"level": "low"}, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"non_field_errors": [str(NOT_ACCEPTED)]}


def test_it_counts_shelter_beds_for_caseworkers_only(
    accepted: Referral, carl: User, hana: User
) -> None:
    admit = {"admitted_on": timezone.localdate().isoformat()}
    assert _api(carl).post(_url(accepted, "stay/"), admit, format="json").status_code == 201
    rows = _api(carl).get("/api/protection/shelters/").json()
    assert [(r["name"], r["beds"], r["occupied"], r["free"]) for r in rows] == [
        ("Test Dar-ul-Aman", 2, 1, 1)
    ]
    assert _api(hana).get("/api/protection/shelters/").status_code == 403
    assert AuditEvent.objects.filter(object_id="occupancy-api").count() == 1


def _records(referral: Referral, carl: User) -> None:
    today = timezone.localdate()
    plan = PlanInput(kind="counselling", objectives="Sessions", planned_end=today)
    support_plan_add(actor=carl, referral_id=referral.pk, data=plan)
    risk_assess(actor=carl, referral_id=referral.pk, level="low")
    case_note_add(actor=carl, referral_id=referral.pk, text="Seen")
    follow_up_add(actor=carl, referral_id=referral.pk, due_on=today)


def test_it_reads_the_care_record_in_queries_that_do_not_grow(
    accepted: Referral, carl: User
) -> None:
    client, url = _api(carl), _url(accepted, "care/")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    _records(accepted, carl)
    first = queries()
    _records(accepted, carl)
    _records(accepted, carl)
    assert queries() == first
