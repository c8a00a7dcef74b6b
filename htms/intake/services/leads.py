"""Leads from an interview: the agents named, the money paid and the route travelled.
Writers of the event's post only; each addition or change is validated whole and audited, and
a lead removed leaves an audit row with what it said."""

import datetime
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.intake.access import border_event_get_for_user
from htms.intake.models import (
    BorderEvent,
    LeadAgent,
    LeadPayment,
    LeadRouteLeg,
    PaymentMethod,
    Transport,
)
from htms.persons.models import DatePrecision
from htms.persons.validators import normalize_phone
from htms.reference.models import Country

# ISO 4217 codes of the currencies met on the routes out of Pakistan.
CURRENCIES = ("PKR", "EUR", "USD", "GBP", "OMR", "AED", "SAR", "QAR", "IRR", "TRY", "AFN", "LYD")
AGENT_NAME = _("Give the agent's name or the name the person used for them.")
BAD_AMOUNT = _("Give the amount as a number above zero, like 650000.")
BAD_CURRENCY = _("Choose the currency (PKR, EUR, USD, OMR...).")
FUTURE_DATE = _("This date is in the future.")
NO_COUNTRY = _("Choose the country of this leg.")
UNKNOWN_AGENT = _("Choose an agent named in this interview.")


@dataclass
class AgentInput:
    name: str
    phone: str = ""
    place: str = ""
    role: str = ""


@dataclass
class PaymentInput:
    amount: str
    currency: str
    payee_id: int | None = None
    paid_on: date | None = None
    method: str = ""


@dataclass
class LegInput:
    country_code: str
    place: str = ""
    date: datetime.date | None = None
    date_precision: str = ""
    transport: str = ""
    conveyance: str = ""


def _audit(
    actor: User, lead: models.Model, kind: AuditObject, event_id: int, **facts: object
) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=kind,
        object_id=lead.pk,
        changes={"event": event_id, **facts},
    )


def _future(value: date | None) -> bool:
    return value is not None and value > timezone.localdate()


def _agent_fields(data: AgentInput) -> dict[str, object]:
    """The agent's fields from the officer's input, or every problem at once."""
    errors: dict[str, list[str]] = {}
    if not data.name.strip():
        errors["name"] = [str(AGENT_NAME)]
    phone = ""
    if data.phone.strip():
        try:
            phone = normalize_phone(data.phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
    if errors:
        raise ValidationError(errors)
    return {
        "name": data.name.strip()[:200],
        "phone": phone,
        "place": data.place.strip()[:200],
        "role": data.role.strip()[:120],
    }


@transaction.atomic
def lead_agent_add(*, actor: User, event_id: int, data: AgentInput) -> LeadAgent:
    event = border_event_get_for_user(user=actor, event_id=event_id, write=True)
    fields = _agent_fields(data)
    agent = LeadAgent.objects.create(event=event, created_by=actor, **fields)
    _audit(
        actor,
        agent,
        AuditObject.LEAD_AGENT,
        event.pk,
        name=agent.name,
        phone=agent.phone,
        place=agent.place,
    )
    return agent


def _amount(raw: str, errors: dict[str, list[str]]) -> Decimal | None:
    try:
        amount = Decimal(raw.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount <= 0 or amount >= Decimal("1e12"):
        errors["amount"] = [str(BAD_AMOUNT)]
        return None
    return amount.quantize(Decimal("0.01"))


def _payment_fields(event: BorderEvent, data: PaymentInput) -> dict[str, object]:
    """The payment's fields from the officer's input, or every problem at once."""
    errors: dict[str, list[str]] = {}
    amount = _amount(data.amount, errors)
    currency = data.currency.strip().upper()
    if currency not in CURRENCIES:
        errors["currency"] = [str(BAD_CURRENCY)]
    if _future(data.paid_on):
        errors["paid_on"] = [str(FUTURE_DATE)]
    payee = event.lead_agents.filter(pk=data.payee_id).first() if data.payee_id else None
    if data.payee_id and payee is None:
        errors["payee"] = [str(UNKNOWN_AGENT)]
    if data.method and data.method not in PaymentMethod.values:
        errors["method"] = [str(_("Choose cash, hawala, bank transfer or other."))]
    if errors:
        raise ValidationError(errors)
    return {
        "amount": amount,
        "currency": currency,
        "payee": payee,
        "paid_on": data.paid_on,
        "method": data.method,
    }


@transaction.atomic
def lead_payment_add(*, actor: User, event_id: int, data: PaymentInput) -> LeadPayment:
    event = border_event_get_for_user(user=actor, event_id=event_id, write=True)
    fields = _payment_fields(event, data)
    payment = LeadPayment.objects.create(event=event, created_by=actor, **fields)
    _audit(
        actor,
        payment,
        AuditObject.LEAD_PAYMENT,
        event.pk,
        amount=payment.amount,
        currency=payment.currency,
    )
    return payment


def _leg_fields(data: LegInput) -> dict[str, object]:
    """The leg's fields from the officer's input, or every problem at once."""
    errors: dict[str, list[str]] = {}
    country = Country.objects.filter(code=data.country_code.upper()).first()
    if country is None:
        errors["country"] = [str(NO_COUNTRY)]
    if _future(data.date):
        errors["date"] = [str(FUTURE_DATE)]
    if data.transport and data.transport not in Transport.values:
        errors["transport"] = [str(_("Choose air, boat, vehicle, on foot or other."))]
    if errors:
        raise ValidationError(errors)
    return {
        "country": country,
        "place": data.place.strip()[:120],
        "date": data.date,
        "date_precision": (data.date_precision or DatePrecision.DAY) if data.date else "",
        "transport": data.transport,
        "conveyance": data.conveyance.strip()[:120],
    }


@transaction.atomic
def lead_leg_add(*, actor: User, event_id: int, data: LegInput) -> LeadRouteLeg:
    event = border_event_get_for_user(user=actor, event_id=event_id, write=True)
    fields = _leg_fields(data)
    last = event.lead_legs.aggregate(last=Max("sequence"))["last"]
    sequence = 0 if last is None else last + 1
    leg = LeadRouteLeg.objects.create(event=event, sequence=sequence, created_by=actor, **fields)
    _audit(
        actor, leg, AuditObject.LEAD_ROUTE_LEG, event.pk, country=leg.country.code, place=leg.place
    )
    return leg


L = TypeVar("L", LeadAgent, LeadPayment, LeadRouteLeg)
LEAD_KINDS: dict[type[models.Model], AuditObject] = {
    LeadAgent: AuditObject.LEAD_AGENT,
    LeadPayment: AuditObject.LEAD_PAYMENT,
    LeadRouteLeg: AuditObject.LEAD_ROUTE_LEG,
}


def _locked_lead(actor: User, event_id: int, model: type[L], lead_id: int) -> L:
    """The lead of that event, locked for the change; 404 if the event has no such lead."""
    event = border_event_get_for_user(user=actor, event_id=event_id, write=True)
    lead = model.objects.select_for_update().filter(event=event, pk=lead_id).first()
    if lead is None:
        raise Http404("No such lead.")
    return lead


def _shown(value: object) -> object:
    return value.pk if isinstance(value, models.Model) else value


def _lead_update(
    actor: User, model: type[L], event_id: int, lead_id: int, fields: dict[str, object]
) -> L:
    lead = _locked_lead(actor, event_id, model, lead_id)
    changes = {
        name: {"old": _shown(getattr(lead, name)), "new": _shown(value)}
        for name, value in fields.items()
        if _shown(getattr(lead, name)) != _shown(value)
    }
    for name, value in fields.items():
        setattr(lead, name, value)
    lead.save(update_fields=list(fields))
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=LEAD_KINDS[model],
        object_id=lead.pk,
        changes={"event": event_id, **changes},
    )
    return lead


@transaction.atomic
def lead_agent_change(*, actor: User, event_id: int, agent_id: int, data: AgentInput) -> LeadAgent:
    return _lead_update(actor, LeadAgent, event_id, agent_id, _agent_fields(data))


@transaction.atomic
def lead_payment_change(
    *, actor: User, event_id: int, payment_id: int, data: PaymentInput
) -> LeadPayment:
    event = border_event_get_for_user(user=actor, event_id=event_id, write=True)
    fields = _payment_fields(event, data)
    return _lead_update(actor, LeadPayment, event_id, payment_id, fields)


@transaction.atomic
def lead_leg_change(*, actor: User, event_id: int, leg_id: int, data: LegInput) -> LeadRouteLeg:
    return _lead_update(actor, LeadRouteLeg, event_id, leg_id, _leg_fields(data))


@transaction.atomic
def lead_remove(*, actor: User, event_id: int, kind: AuditObject, lead_id: int) -> None:
    """Removes an agent, payment or route leg named by mistake; the audit row keeps what it
    said. Payments to a removed agent stay, without a payee."""
    model = next(m for m, k in LEAD_KINDS.items() if k == kind)
    # One of the three lead models, which mypy cannot narrow from the mapping.
    lead = _locked_lead(actor, event_id, model, lead_id)  # type: ignore[type-var]
    said = str(lead)
    pk = lead.pk
    lead.delete()
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        object_type=kind,
        object_id=pk,
        changes={"event": event_id, "removed": said},
    )
