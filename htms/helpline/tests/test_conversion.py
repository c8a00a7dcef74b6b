"""A call becomes a lead and a complaint at the right circle, the links kept both ways."""

import pytest
from django.core.exceptions import ValidationError

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Origin
from htms.common.errors import NotAllowedError
from htms.helpline.leads import NO_AGENT, lead_record
from htms.helpline.models import Call, CallStatus, Lead
from htms.helpline.services import NOT_HANDED, call_hand_to_circle, call_record, call_register_case
from htms.helpline.tests.support import call_input
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent_tip(tina: User) -> Call:
    """An anonymous call about an agent in Lahore."""
    data = call_input(
        anonymous=True,
        caller_name="",
        caller_phone="",
        district_code="PB-LAHORE",
        category="agent_tip",
        summary="An agent at Shahdara sends boys to Italy through Iran.",
    )
    return call_record(actor=tina, data=data)


def test_an_anonymous_call_about_an_agent_becomes_a_lead_and_a_complaint_at_the_right_circle(
    agent_tip: Call, tina: User, lara: User, gul: User, hana: User
) -> None:
    client = client_for(tina)
    answer = client.post(
        f"/helpline/calls/{agent_tip.pk}/leads/",
        {"agent_name": "Rashid Kamboh", "agent_phone": "0301 4455667", "what_was_said": "Italy"},
    )
    assert answer.status_code == 302
    lead = Lead.objects.get(call=agent_tip)
    assert lead.agent_phone == "+923014455667" and lead.circle is not None
    assert lead.circle.code == "AHTC-LHR"
    assert client.post(f"/helpline/calls/{agent_tip.pk}/hand/", {}).status_code == 302
    assert agent_tip.reference in page(client_for(lara), "/")
    assert agent_tip.reference not in page(client_for(gul), "/")
    answer = client_for(lara).post(
        f"/helpline/calls/{agent_tip.pk}/register/", {"statutes": ["PSMA2018-3"]}
    )
    assert answer.status_code == 302
    agent_tip.refresh_from_db()
    case = agent_tip.case
    assert case is not None and case.origin == Origin.HELPLINE and case.unit.code == "AHTC-LHR"
    assert agent_tip.status == CallStatus.REGISTERED
    assert list(case.helpline_calls.all()) == [agent_tip]
    assert f'href="/helpline/calls/{agent_tip.pk}/"' in page(client_for(lara), f"/cases/{case.pk}/")
    assert "Rashid Kamboh" in page(client_for(hana), "/helpline/leads/")
    assert "Rashid Kamboh" in page(client_for(lara), "/helpline/leads/")
    assert "Rashid Kamboh" not in page(client_for(gul), "/helpline/leads/")


def test_another_circle_cannot_register_the_call(agent_tip: Call, tina: User, gul: User) -> None:
    call_hand_to_circle(actor=tina, call_id=agent_tip.pk)
    answer = client_for(gul).post(
        f"/helpline/calls/{agent_tip.pk}/register/", {"statutes": ["PSMA2018-3"]}
    )
    assert answer.status_code == 404
    with pytest.raises(NotAllowedError):
        call_register_case(actor=gul, call_id=agent_tip.pk, statute_codes=["PSMA2018-3"])


def test_a_call_not_handed_over_is_not_registered(emergency: Call, gul: User) -> None:
    with pytest.raises(ValidationError) as error:
        call_register_case(actor=gul, call_id=emergency.pk, statute_codes=["PSMA2018-3"])
    assert error.value.message_dict["statutes"] == [str(NOT_HANDED)]


def test_a_registration_without_offence_keeps_the_call_and_writes_nothing(
    agent_tip: Call, tina: User, lara: User
) -> None:
    call_hand_to_circle(actor=tina, call_id=agent_tip.pk)
    answer = client_for(lara).post(f"/helpline/calls/{agent_tip.pk}/register/", {})
    assert answer.status_code == 400
    agent_tip.refresh_from_db()
    assert agent_tip.case is None and agent_tip.status == CallStatus.TO_REGISTER


def test_a_lead_needs_the_agent(agent_tip: Call, tina: User) -> None:
    with pytest.raises(ValidationError) as error:
        lead_record(
            actor=tina, call_id=agent_tip.pk, agent_name="", agent_phone="", what_was_said="x"
        )
    assert error.value.message_dict["agent_name"] == [str(NO_AGENT)]
    assert not Lead.objects.exists()


def test_every_write_is_audited_without_the_callers_identity(emergency: Call, tina: User) -> None:
    call_hand_to_circle(actor=tina, call_id=emergency.pk)
    rows = AuditEvent.objects.filter(object_type="helpline_call", object_id=str(emergency.pk))
    assert [r.action for r in rows] == ["create", "update"]
    for row in rows:
        assert "Kausar" not in str(row.changes) and "7654321" not in str(row.changes)
