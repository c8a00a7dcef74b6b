"""Processing border intake through the API: the decision on a border event, its referral and
leads, with the pages' rules, refusals, masking and audit."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.api.tests.intake_cast import IntakeCast, cast  # noqa: F401 - fixture
from htms.audit.models import AuditEvent
from htms.intake.models import BorderEvent, IntakeStatus, LeadAgent, Referral
from htms.intake.services.screening import ScreeningInput, screening_record
from htms.intake.tests.conftest import ivan, record, tariq  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

VICTIM_ANSWERS = {"recruited": True, "deceived": True, "forced_labour": True}
SMUGGLED_ANSWERS = {"paid_agent": True}
SHELTER = {"to_kind": "shelter", "referred_on": "2026-10-13"}


def _screened(user: User, answers: dict[str, bool]) -> BorderEvent:
    event = record(user)
    screening_record(actor=user, event_id=event.pk, data=ScreeningInput(answers=answers))
    return BorderEvent.objects.get(pk=event.pk)


def _status(client: APIClient, event: BorderEvent, **body: Any) -> Any:
    body.setdefault("expected_version", event.version)
    return client.put(f"/api/intake/events/{event.pk}/status/", body, format="json")


def _audited(object_type: str, object_id: object, action: str = "update") -> bool:
    return AuditEvent.objects.filter(
        object_type=object_type, object_id=str(object_id), action=action
    ).exists()


def test_it_records_the_decision_on_a_border_event(cast: IntakeCast) -> None:  # noqa: F811
    event = _screened(cast.ivan, SMUGGLED_ANSWERS)
    response = _status(cast.officer, event, status="released")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["version"]) == ("released", event.version + 1)
    assert BorderEvent.objects.get(pk=event.pk).status == IntakeStatus.RELEASED
    assert _audited("border_event", event.pk)


def test_a_decision_follows_the_pages_rules(cast: IntakeCast) -> None:  # noqa: F811
    client = cast.officer
    unscreened = record(cast.ivan)
    first = _status(client, unscreened, status="released")
    assert first.status_code == 400 and "Screen the person first" in str(first.json()["status"])
    victim = _screened(cast.ivan, VICTIM_ANSWERS)
    arrested = _status(client, victim, status="arrested", status_note="FIR 12/2026")
    assert arrested.status_code == 400 and "possible victim" in str(arrested.json())
    unreferred = _status(client, victim, status="referred")
    assert unreferred.status_code == 400 and "referral" in str(unreferred.json()["status"])
    smuggled = _screened(cast.ivan, SMUGGLED_ANSWERS)
    no_note = _status(client, smuggled, status="handed_to_police")
    assert no_note.status_code == 400 and "status_note" in no_note.json()
    unknown = _status(client, smuggled, status="vanished")
    assert unknown.status_code == 400 and "status" in unknown.json()
    stale = _status(client, smuggled, status="released", expected_version=smuggled.version + 5)
    assert stale.status_code == 409
    assert BorderEvent.objects.get(pk=smuggled.pk).status == IntakeStatus.INTERVIEWED


def test_another_post_or_a_national_reader_cannot_decide(cast: IntakeCast) -> None:  # noqa: F811
    event = _screened(cast.ivan, SMUGGLED_ANSWERS)
    assert _status(cast.other_post, event, status="released").status_code == 404
    assert _status(cast.national, event, status="released").status_code == 403
    assert BorderEvent.objects.get(pk=event.pk).status == IntakeStatus.INTERVIEWED


def test_it_records_a_referral_and_the_person_becomes_referred(
    cast: IntakeCast,  # noqa: F811
) -> None:
    event = _screened(cast.ivan, VICTIM_ANSWERS)
    url = f"/api/intake/events/{event.pk}/referrals/"
    response = cast.officer.post(url, {**SHELTER, "organisation": "Dar ul Aman"}, format="json")
    assert response.status_code == 201, response.json()
    assert BorderEvent.objects.get(pk=event.pk).status == IntakeStatus.REFERRED
    listed = cast.officer.get(url).json()
    assert [(r["to_kind"], r["organisation"]) for r in listed] == [("shelter", "Dar ul Aman")]
    assert _audited("referral", response.json()["id"], "create")
    assert _audited("border_event", event.pk, "view")


def test_a_wrong_referral_is_refused_in_plain_words(cast: IntakeCast) -> None:  # noqa: F811
    event = _screened(cast.ivan, VICTIM_ANSWERS)
    url = f"/api/intake/events/{event.pk}/referrals/"
    early = cast.officer.post(url, {**SHELTER, "referred_on": "2026-01-01"}, format="json")
    assert early.status_code == 400
    assert "before the border event" in str(early.json()["referred_on"])
    nobody = cast.officer.post(url, {**SHELTER, "to_kind": "friend"}, format="json")
    assert nobody.status_code == 400 and "to_kind" in nobody.json()
    assert cast.other_post.post(url, SHELTER, format="json").status_code == 404
    assert cast.national.post(url, SHELTER, format="json").status_code == 403
    assert not Referral.objects.exists()


def test_it_adds_and_lists_the_leads_of_an_interview(cast: IntakeCast) -> None:  # noqa: F811
    event = _screened(cast.ivan, SMUGGLED_ANSWERS)
    client = cast.officer
    url = f"/api/intake/events/{event.pk}/leads/"
    agent = {"name": "Bashir", "phone": "0300 1234567", "place": "Gujrat", "role": "recruiter"}
    added = client.post(url + "agents/", agent, format="json")
    assert added.status_code == 201, added.json()
    assert added.json()["phone"] == "+923001234567"
    payment = {"amount": "650,000", "currency": "PKR", "payee": added.json()["id"]}
    assert client.post(url + "payments/", payment, format="json").status_code == 201
    leg = {"country": "IR", "place": "Taftan", "date": "2026-09-01", "date_precision": "month"}
    assert client.post(url + "legs/", leg, format="json").status_code == 201
    leads = client.get(url).json()
    assert [a["name"] for a in leads["agents"]] == ["Bashir"]
    assert leads["payments"][0]["amount"] == "650000.00"
    assert leads["payments"][0]["payee_id"] == added.json()["id"]
    assert (leads["legs"][0]["country"], leads["legs"][0]["date_precision"]) == ("IR", "month")
    for kind in ("lead_agent", "lead_payment", "lead_route_leg"):
        assert AuditEvent.objects.filter(object_type=kind, action="create").count() == 1


def test_a_wrong_lead_is_refused_field_by_field_and_nothing_is_written(
    cast: IntakeCast,  # noqa: F811
) -> None:
    event = _screened(cast.ivan, SMUGGLED_ANSWERS)
    url = f"/api/intake/events/{event.pk}/leads/"
    client = cast.officer
    nameless = client.post(url + "agents/", {"name": "  "}, format="json")
    assert nameless.status_code == 400 and "agent's name" in str(nameless.json()["name"])
    payment = {"amount": "lots", "currency": "PKR", "payee": 999}
    wrong = client.post(url + "payments/", payment, format="json")
    assert wrong.status_code == 400 and {"amount", "payee"} <= set(wrong.json())
    leg = client.post(url + "legs/", {"country": "ZZ"}, format="json")
    assert leg.status_code == 400 and "country" in leg.json()
    assert cast.other_post.post(url + "agents/", {"name": "B"}, format="json").status_code == 404
    assert cast.national.post(url + "agents/", {"name": "B"}, format="json").status_code == 403
    assert not LeadAgent.objects.exists()
    assert cast.other_post.get(url).status_code == 404


def test_a_possible_victims_interview_and_name_stay_with_the_post(
    cast: IntakeCast,  # noqa: F811
) -> None:
    event = _screened(cast.ivan, VICTIM_ANSWERS)
    url = f"/api/intake/events/{event.pk}/"
    cast.officer.post(url + "leads/agents/", {"name": "Bashir"}, format="json")
    decided = _status(cast.officer, event, status="interviewed")
    assert decided.json()["person_name"] == "Ali Raza"
    assert cast.national.get(url + "leads/").status_code == 403
    assert cast.national.get(url + "referrals/").status_code == 403
    listed = cast.national.get("/api/intake/events/").json()["results"]
    assert [(e["person_name"], e["identity_visible"]) for e in listed] == [
        (event.person.pseudonym, False)
    ]
    assert "Ali Raza" not in str(listed) and "Bashir" not in str(listed)
