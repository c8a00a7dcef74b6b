"""Recording a call from the form: anonymous callers, phones normalised, bad input explained,
call-backs and response times; the pages in Urdu."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from htms.accounts.models import User
from htms.helpline.inputs import ANONYMOUS_WITH_IDENTITY, ENDED_BEFORE_START
from htms.helpline.models import Call, CallBack
from htms.helpline.services import call_record, web_report_receive
from htms.helpline.tests.support import call_input
from htms.reference.models import Unit
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db

FORM = {
    "channel": "whatsapp",
    "started_at": "2026-01-05T10:00",
    "answered_at": "2026-01-05T10:02",
    "language": "pa",
    "summary": "My brother is held in Libya.",
    "category": "victim_help",
    "urgency": "today",
    "caller_name": "Shazia",
    "caller_phone": "0321-1234567",
    "district": "PB-SIALKOT",
}


def test_a_call_taker_records_a_call_with_the_phone_normalised(tina: User) -> None:
    response = client_for(tina).post("/helpline/calls/new/", FORM)
    assert response.status_code == 302
    call = Call.objects.get()
    assert call.caller_phone == "+923211234567" and call.circle is None
    assert call.reference.startswith("HL/2026/")
    assert "0:02:00" in page(client_for(tina), f"/helpline/calls/{call.pk}/")


def test_an_anonymous_caller_with_a_name_is_refused_in_words(tina: User) -> None:
    response = client_for(tina).post("/helpline/calls/new/", FORM | {"anonymous": "on"})
    assert response.status_code == 200
    assert str(ANONYMOUS_WITH_IDENTITY) in response.content.decode()
    assert not Call.objects.exists()


def test_the_database_refuses_an_anonymous_caller_with_a_name(tina: User) -> None:
    call = call_record(actor=tina, data=call_input(anonymous=True, caller_name="", caller_phone=""))
    with pytest.raises(IntegrityError):
        Call.objects.filter(pk=call.pk).update(caller_name="Someone")


def test_bad_times_and_phones_are_explained(tina: User) -> None:
    bad = FORM | {"ended_at": "2026-01-05T09:00", "caller_phone": "12"}
    text = client_for(tina).post("/helpline/calls/new/", bad).content.decode()
    assert str(ENDED_BEFORE_START) in text and "phone" in text
    assert not Call.objects.exists()


def test_a_call_taker_of_another_help_line_cannot_record_there(tina: User) -> None:
    other = Unit.objects.create(code="HL-2", name="Second help line", kind="helpline")
    call = call_record(actor=tina, data=call_input())
    tom = User.objects.create_user(username="tom", unit=other, role="call_taker")
    assert client_for(tom).get(f"/helpline/calls/{call.pk}/").status_code == 404


def test_call_backs_are_planned_and_done(tina: User) -> None:
    call = call_record(actor=tina, data=call_input())
    client = client_for(tina)
    planned = client.post(
        f"/helpline/calls/{call.pk}/callbacks/", {"planned_at": "2026-01-06T09:30", "note": "x"}
    )
    assert planned.status_code == 302
    callback = CallBack.objects.get(call=call)
    assert (
        client.post(f"/helpline/calls/{call.pk}/callbacks/{callback.pk}/done/").status_code == 302
    )
    callback.refresh_from_db()
    assert callback.done_at is not None


def test_a_call_is_closed_and_leaves_the_triage_queue(tina: User) -> None:
    call = call_record(actor=tina, data=call_input())
    client = client_for(tina)
    assert call.reference in page(client, "/helpline/triage/")
    assert client.post(f"/helpline/calls/{call.pk}/close/").status_code == 302
    assert call.reference not in page(client, "/helpline/triage/")
    assert "<h1>Triage queue</h1>" in page(client, "/")  # the call-taker's home


def test_the_pages_answer_in_urdu(tina: User, emergency: Call) -> None:
    client = client_for(tina)
    client.cookies["django_language"] = "ur"
    assert "<h1>ہیلپ لائن کالیں</h1>" in page(client, "/helpline/")
    assert "<h1>درجہ بندی کی قطار</h1>" in page(client, "/helpline/triage/")
    assert "ہنگامی صورتحال" in page(client, f"/helpline/calls/{emergency.pk}/")


def test_an_unknown_circle_is_refused(tina: User) -> None:
    with pytest.raises(ValidationError) as error:
        call_record(actor=tina, data=call_input(category="emergency", circle_code="FIA-HQ"))
    assert "circle" in error.value.message_dict


def test_a_public_web_report_lands_in_the_triage_queue_never_in_cases(tina: User) -> None:
    data = call_input(channel="phone", caller_name="", caller_phone="")
    call = web_report_receive(data=data)
    assert call.anonymous and call.caller_name == "" and call.caller_phone == ""
    assert call.channel == "web_report"
    assert call.unit.code == "HELPLINE-NATIONAL" and call.case is None
    assert call.reference in page(client_for(tina), "/helpline/triage/")
