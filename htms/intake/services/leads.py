"""Leads from an interview: the agents named, the money paid and the route travelled.
Writers of the event's post only; each addition is validated whole and audited."""

import datetime
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.intake.access import border_event_get_for_user
from htms.intake.models import LeadAgent, LeadPayment, LeadRouteLeg, PaymentMethod, Transport
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


@transaction.atomic
def lead_agent_add(*, actor: User, event_id: int, data: AgentInput) -> LeadAgent:
    event = border_event_get_for_user(user=actor, event_id=event_id, write=True)
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
    agent = LeadAgent.objects.create(
        event=event,
        name=data.name.strip()[:200],
        phone=phone,
        place=data.place.strip()[:200],
        role=data.role.strip()[:120],
        created_by=actor,
    )
    _audit(
        actor,
        agent,
        AuditObject.LEAD_AGENT,
        event.pk,
        name=agent.name,
        phone=phone,
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


@transaction.atomic
def lead_payment_add(*, actor: User, event_id: int, data: PaymentInput) -> LeadPayment:
    event = border_event_get_for_user(user=actor, event_id=event_id, write=True)
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
    assert amount is not None
    payment = LeadPayment.objects.create(
        event=event,
        amount=amount,
        currency=currency,
        payee=payee,
        paid_on=data.paid_on,
        method=data.method,
        created_by=actor,
    )
    _audit(actor, payment, AuditObject.LEAD_PAYMENT, event.pk, amount=amount, currency=currency)
    return payment


@transaction.atomic
def lead_leg_add(*, actor: User, event_id: int, data: LegInput) -> LeadRouteLeg:
    event = border_event_get_for_user(user=actor, event_id=event_id, write=True)
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
    assert country is not None
    sequence = event.lead_legs.count()
    leg = LeadRouteLeg.objects.create(
        event=event,
        sequence=sequence,
        country=country,
        place=data.place.strip()[:120],
        date=data.date,
        date_precision=(data.date_precision or DatePrecision.DAY) if data.date else "",
        transport=data.transport,
        conveyance=data.conveyance.strip()[:120],
        created_by=actor,
    )
    _audit(actor, leg, AuditObject.LEAD_ROUTE_LEG, event.pk, country=country.code, place=leg.place)
    return leg
