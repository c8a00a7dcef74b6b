"""Repeat interceptions are shown and never make anyone an accused by themselves; a case opens
from an interview in one action, with the person never as the accused."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from htms.accounts.models import User
from htms.cases.models import CaseParty, Origin, PartyRole
from htms.intake.models import BorderEventKind, IntakeStatus
from htms.intake.selectors import person_border_history
from htms.intake.services.cases import case_open_from_interview
from htms.intake.services.leads import (
    AgentInput,
    LegInput,
    PaymentInput,
    lead_agent_add,
    lead_leg_add,
    lead_payment_add,
)
from htms.intake.services.processing import border_event_set_status
from htms.intake.services.screening import ScreeningInput, screening_record
from htms.intake.tests.conftest import deportee, record

pytestmark = pytest.mark.django_db


def _repeat(ivan: User) -> tuple[int, int]:
    first = record(ivan, deportee(cnic="35202-1234567-1"))
    entry = deportee(cnic="35202-1234567-1")
    entry.occurred_on = date(2026, 11, 2)
    second = record(ivan, entry, person_id=first.person_id, basis="cnic")
    return first.pk, second.pk


def test_every_earlier_border_event_of_the_person_is_shown(ivan: User, tariq: User) -> None:
    taftan = record(tariq, deportee(cnic="35202-1234567-1"))
    entry = deportee(cnic="35202-1234567-1")
    entry.occurred_on = date(2026, 11, 2)
    karachi = record(ivan, entry, person_id=taftan.person_id, basis="cnic")
    history = person_border_history(user=ivan, event=karachi)
    assert [h.event_id for h in history] == [taftan.pk]
    assert history[0].post.startswith("FIA Immigration, Taftan") or "Taftan" in history[0].post
    assert history[0].visible is False  # the summary crosses posts; the record does not


def test_a_repeat_interception_does_not_make_the_person_an_accused(ivan: User) -> None:
    _first, second = _repeat(ivan)
    with pytest.raises(ValidationError, match="repeat interceptions included"):
        border_event_set_status(
            actor=ivan, event_id=second, expected_version=1, status="arrested", note="repeat"
        )
    screening_record(actor=ivan, event_id=second, data=ScreeningInput({"paid_agent": True}))
    arrested = border_event_set_status(
        actor=ivan, event_id=second, expected_version=2, status="arrested", note="FIR 9/2026"
    )
    assert arrested.status == IntakeStatus.ARRESTED
    assert not CaseParty.objects.filter(person_id=arrested.person_id).exists()


def _interviewed_with_leads(ivan: User, answers: dict[str, bool]) -> int:
    event = record(ivan, deportee(cnic="35202-1234567-1"))
    screening_record(actor=ivan, event_id=event.pk, data=ScreeningInput(answers))
    agent = lead_agent_add(
        actor=ivan,
        event_id=event.pk,
        data=AgentInput(name="Chaudhry Nadeem", phone="0300 1234567", place="Gujrat"),
    )
    lead_payment_add(
        actor=ivan,
        event_id=event.pk,
        data=PaymentInput(amount="650,000", currency="pkr", payee_id=agent.pk),
    )
    lead_leg_add(actor=ivan, event_id=event.pk, data=LegInput(country_code="PK", place="Gujrat"))
    lead_leg_add(
        actor=ivan,
        event_id=event.pk,
        data=LegInput(country_code="IR", place="Taftan", transport="road", conveyance="pickup"),
    )
    return event.pk


def test_one_action_opens_a_case_from_an_interview(ivan: User) -> None:
    event_id = _interviewed_with_leads(
        ivan, {"recruited": True, "deceived": True, "forced_labour": True}
    )
    case = case_open_from_interview(actor=ivan, event_id=event_id)
    assert case.origin == Origin.DEPORTEE_INTERVIEW
    assert [o.statute.code for o in case.offences.all()] == ["PTPA2018-3"]
    roles = {p.role: p for p in case.parties.select_related("person")}
    assert roles[PartyRole.VICTIM].trafficking_status == "possible"
    assert roles[PartyRole.ACCUSED].person.full_name == "Chaudhry Nadeem"
    assert roles[PartyRole.ACCUSED].accused_status == "at_large"
    assert [r.kind for r in case.route_events.all()] == ["recruitment", "transit", "interception"]
    with pytest.raises(ValidationError, match="already opened"):
        case_open_from_interview(actor=ivan, event_id=event_id)


def test_a_smuggled_migrant_joins_the_case_as_a_migrant_never_as_accused(ivan: User) -> None:
    event_id = _interviewed_with_leads(ivan, {"paid_agent": True, "irregular_crossing": True})
    case = case_open_from_interview(actor=ivan, event_id=event_id)
    interviewed = case.border_events.get().person_id
    assert case.parties.get(person_id=interviewed).role == PartyRole.SMUGGLED_MIGRANT
    assert [o.statute.code for o in case.offences.all()] == ["PSMA2018-3"]


def test_a_case_needs_a_screening_first(ivan: User) -> None:
    event = record(ivan)
    with pytest.raises(ValidationError, match="Screen the person"):
        case_open_from_interview(actor=ivan, event_id=event.pk)


def test_an_offloadee_case_has_the_offloadee_origin(ivan: User) -> None:
    entry = deportee()
    entry.kind, entry.deporting_country_code, entry.return_reason = (
        BorderEventKind.OFFLOADED,
        "",
        "",
    )
    entry.fraud_kind, entry.destination_code = "fake_visa", "GR"
    event = record(ivan, entry)
    screening_record(actor=ivan, event_id=event.pk, data=ScreeningInput({"paid_agent": True}))
    case = case_open_from_interview(actor=ivan, event_id=event.pk)
    assert case.origin == Origin.OFFLOADEE_INTERVIEW


def test_leads_refuse_bad_input_field_by_field(ivan: User) -> None:
    event = record(ivan)
    with pytest.raises(ValidationError) as exc:
        lead_agent_add(actor=ivan, event_id=event.pk, data=AgentInput(name=" ", phone="12"))
    assert set(exc.value.message_dict) == {"name", "phone"}
    with pytest.raises(ValidationError) as exc:
        lead_payment_add(
            actor=ivan, event_id=event.pk, data=PaymentInput(amount="-5", currency="XYZ")
        )
    assert set(exc.value.message_dict) == {"amount", "currency"}
    with pytest.raises(ValidationError) as exc:
        lead_leg_add(actor=ivan, event_id=event.pk, data=LegInput(country_code="ZZ"))
    assert set(exc.value.message_dict) == {"country"}


def test_the_case_summary_is_written_in_the_officers_language(ivan: User) -> None:
    """An officer working in Urdu gets the post and the date in Urdu, the date day month year."""
    event_id = _interviewed_with_leads(ivan, {"paid_agent": True, "irregular_crossing": True})
    with translation.override("ur"):
        case = case_open_from_interview(actor=ivan, event_id=event_id)

    assert "ایف آئی اے امیگریشن، جناح انٹرنیشنل ایئرپورٹ، کراچی" in case.summary
    assert "12 اکتوبر 2026" in case.summary
    assert "Jinnah" not in case.summary and "2026-10-12" not in case.summary
