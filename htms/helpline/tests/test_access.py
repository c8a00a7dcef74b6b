"""Who sees which call, and the caller's identity only with need to know: the call's help line
and the circle it was escalated or handed to. Pages and API alike."""

import pytest
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.accounts.tokens import api_token_issue
from htms.audit.models import AuditEvent
from htms.helpline.access import call_queryset_for_user
from htms.helpline.models import Call
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db

NAME, PHONE = "Kausar Parveen", "+923007654321"


def _api(user: User) -> APIClient:
    client = APIClient()
    _token, key = api_token_issue(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.mark.parametrize("who", ["tina", "gul"])
def test_the_help_line_and_the_circle_see_the_caller(
    who: str, request: pytest.FixtureRequest, emergency: Call
) -> None:
    user = request.getfixturevalue(who)
    text = page(client_for(user), f"/helpline/calls/{emergency.pk}/")
    assert NAME in text and PHONE in text
    body = _api(user).get(f"/api/helpline/calls/{emergency.pk}/").json()
    assert body["caller"] == NAME and body["caller_phone"] == PHONE


@pytest.mark.parametrize("who", ["hana", "mona"])
def test_national_readers_see_the_call_without_the_caller(
    who: str, request: pytest.FixtureRequest, emergency: Call
) -> None:
    user = request.getfixturevalue(who)
    for url in ("/helpline/", f"/helpline/calls/{emergency.pk}/", "/helpline/triage/"):
        text = page(client_for(user), url)
        assert NAME not in text and PHONE not in text and "7654321" not in text, url
    api = _api(user)
    body = api.get(f"/api/helpline/calls/{emergency.pk}/").json()
    assert body["caller"] == "Withheld" and body["caller_phone"] == ""
    listed = api.get("/api/helpline/calls/").content.decode()
    assert NAME not in listed and "7654321" not in listed


@pytest.mark.parametrize("who", ["lara", "alice", "zara", "carl", "adam"])
def test_everyone_else_gets_404(who: str, request: pytest.FixtureRequest, emergency: Call) -> None:
    user = request.getfixturevalue(who)
    assert client_for(user).get(f"/helpline/calls/{emergency.pk}/").status_code == 404
    assert _api(user).get(f"/api/helpline/calls/{emergency.pk}/").status_code == 404
    assert not call_queryset_for_user(user).exists()


@pytest.mark.parametrize("who", ["carl", "adam", "zara"])
def test_roles_without_a_help_line_get_no_page(who: str, request: pytest.FixtureRequest) -> None:
    assert client_for(request.getfixturevalue(who)).get("/helpline/").status_code == 404


def test_only_call_takers_record_calls(gul: User, hana: User) -> None:
    for user in (gul, hana):
        assert client_for(user).get("/helpline/calls/new/").status_code == 403
        answer = _api(user).post("/api/helpline/calls/", {}, format="json")
        assert answer.status_code == 403
    assert not Call.objects.exists()


def test_a_circle_officer_cannot_change_the_call(emergency: Call, gul: User) -> None:
    client = client_for(gul)
    before = AuditEvent.objects.exclude(action__in=["view", "refused"]).count()
    for action in ("close/", "hand/", "leads/", "callbacks/"):
        assert client.post(f"/helpline/calls/{emergency.pk}/{action}").status_code == 403
    assert AuditEvent.objects.exclude(action__in=["view", "refused"]).count() == before


def test_reading_a_call_is_audited(emergency: Call, hana: User) -> None:
    page(client_for(hana), f"/helpline/calls/{emergency.pk}/")
    assert AuditEvent.objects.filter(
        actor=hana, action="view", object_type="helpline_call", object_id=str(emergency.pk)
    ).exists()
    page(client_for(hana), "/helpline/")
    listed = AuditEvent.objects.filter(actor=hana, object_type="helpline_call_list").last()
    assert listed is not None and emergency.pk in listed.changes["ids"]


def test_a_call_taker_records_a_call_through_the_api(tina: User, gul: User) -> None:
    body = {
        "channel": "email",
        "started_at": "2026-01-05T10:00:00+05:00",
        "language": "en",
        "summary": "Men held in a house.",
        "category": "emergency",
        "urgency": "immediate",
        "anonymous": True,
        "district": "PB-GUJRANWALA",
    }
    answer = _api(tina).post("/api/helpline/calls/", body, format="json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["circle"] == "AHTC-GRW" and answer.json()["caller"] == "Anonymous caller"
    listed = _api(gul).get("/api/helpline/calls/").json()
    assert [c["id"] for c in listed["results"]] == [answer.json()["id"]]


def test_the_api_explains_bad_input_and_writes_nothing(tina: User) -> None:
    body = {
        "channel": "phone",
        "started_at": "2026-01-05T10:00:00+05:00",
        "ended_at": "2026-01-05T09:00:00+05:00",
        "language": "ur",
        "summary": "x",
        "category": "information",
        "urgency": "routine",
        "caller_phone": "12",
    }
    answer = _api(tina).post("/api/helpline/calls/", body, format="json")
    assert answer.status_code == 400
    errors = answer.json()
    assert "ended_at" in str(errors) and "caller_phone" in str(errors)
    assert not Call.objects.exists()
