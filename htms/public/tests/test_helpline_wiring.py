"""A report from the public site becomes a help-line call at once, in the call-takers' triage
queue (pages and API), never a case; what its sender adds later reaches that call; the sender
reads nothing back; a national reader never reads the sender's contact details."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.accounts.tokens import api_token_issue
from htms.audit.models import AuditEvent, AuditObject
from htms.cases.models import Case
from htms.helpline.models import Call, CallStatus, Channel
from htms.helpline.tests.support import call_taker_user
from htms.public.models import PublicReport, ReportStatus
from htms.public.tests.support import anonymous, report_send, solution_for
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db

CONTACT = "0345 9876543"


@pytest.fixture
def tina(db: None) -> User:
    return call_taker_user()


def _api(user: User) -> APIClient:
    client = APIClient()
    _token, key = api_token_issue(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _add(client: Client, code: str, text: str) -> int:
    form = client.get("/public/en/report/add/").content.decode()
    fields = {"code": code, "text": text, "website": "", "altcha": solution_for(form)}
    return client.post("/public/en/report/add/", fields).status_code


def test_an_anonymous_report_is_a_call_in_the_triage_queue(tina: User) -> None:
    cases_before = Case.objects.count()
    report_send(anonymous(), lang="ur")
    report = PublicReport.objects.select_related("call").get()
    call = report.call
    assert call is not None and call.public_report == report
    assert report.status == ReportStatus.TRIAGED
    assert call.channel == Channel.WEB_REPORT and call.status == CallStatus.OPEN
    assert call.anonymous and call.case is None and call.language == "ur"
    assert call.category == "agent_tip" and call.unit.code == "HELPLINE-NATIONAL"
    assert "300,000 rupees" in call.summary and "Shahid Iqbal" in call.summary
    assert Case.objects.count() == cases_before
    assert call.reference in page(client_for(tina), "/helpline/triage/")
    listed = _api(tina).get("/api/helpline/calls/").json()["results"]
    assert [(c["reference"], c["status"], c["channel"]) for c in listed] == [
        (call.reference, "open", "web_report")
    ]


def test_a_call_for_help_is_a_victim_needing_help_today() -> None:
    report_send(anonymous(), kind="help", who="", phone="")
    call = Call.objects.get()
    assert (call.category, call.urgency) == ("victim_help", "today")


def test_an_addition_reaches_the_call_and_the_sender_reads_nothing(tina: User) -> None:
    client = anonymous()
    report_send(client)
    report = PublicReport.objects.get()
    assert _add(client, report.code, "He now calls from 0333 1112223.") == 200
    call = Call.objects.get()
    assert call.summary.endswith("He now calls from 0333 1112223.")
    assert "300,000 rupees" in call.summary
    audited = AuditEvent.objects.filter(object_type=AuditObject.HELPLINE_CALL, object_id=call.pk)
    assert audited.count() == 2
    assert "0333" not in str(list(audited.values_list("changes", flat=True)))
    shown = page(client_for(tina), f"/helpline/calls/{call.pk}/")
    assert "He now calls from 0333 1112223." in shown and 'id="public-report"' in shown
    # The code lets the sender add, never read: no page of the public site shows the report.
    for path in ("/public/en/report/add/", f"/public/en/check/?q={report.code}"):
        answer = client.get(path).content.decode()
        assert "300,000 rupees" not in answer and call.reference not in answer


def test_a_national_reader_never_reads_the_senders_contact(tina: User, mona: User) -> None:
    report_send(anonymous(), contact=CONTACT)
    call = Call.objects.get()
    assert not call.anonymous and call.caller_phone == "+923459876543"
    assert CONTACT not in call.summary and "9876543" not in call.summary
    national = page(client_for(mona), f"/helpline/calls/{call.pk}/")
    assert call.reference in national and "9876543" not in national
    body = _api(mona).get(f"/api/helpline/calls/{call.pk}/").json()
    assert body["caller_phone"] == "" and "9876543" not in str(body)
    assert "+923459876543" in page(client_for(tina), f"/helpline/calls/{call.pk}/")


def test_a_contact_that_is_not_a_phone_is_kept_for_the_help_line_only(
    tina: User, mona: User
) -> None:
    report_send(anonymous(), contact="write to fariha@example.org")
    call = Call.objects.get()
    assert call.caller_name == "write to fariha@example.org" and call.caller_phone == ""
    assert "fariha" not in page(client_for(mona), f"/helpline/calls/{call.pk}/")
    assert "fariha@example.org" in page(client_for(tina), f"/helpline/calls/{call.pk}/")


def test_the_portal_page_points_to_the_help_line(mona: User) -> None:
    report_send(anonymous())
    portal = page(client_for(mona), "/portal/")
    assert "300,000 rupees" not in portal and PublicReport.objects.get().code not in portal
    assert 'href="/helpline/"' in portal
