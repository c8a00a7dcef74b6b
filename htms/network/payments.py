"""Payments entered by officers: recorded, corrected and removed from the pages and the API.

A payment runs from a payer to a beneficiary, each a person of the register or an account
(found or created by kind, institution and number). It names its source record and carries the
grading of the agents register. Callers: analysts and circle in-charges within their part of
the network (``access.network_write_scope``). Every write is validated whole, atomic and
audited with its old and new values; the messages below are what the officer reads.
"""

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.cases.access import case_queryset_for_user
from htms.cases.models import CURRENCY_PATTERN
from htms.common.versioning import lock_at_version
from htms.intelligence.models import Credibility, HandlingCode, Reliability
from htms.intelligence.services import (
    BAD_CREDIBILITY,
    BAD_HANDLING,
    BAD_RELIABILITY,
    UNKNOWN_CASE,
)
from htms.network.access import NetworkScope, network_write_scope, payment_get_for_user
from htms.network.models import Account, AccountKind, Channel, Payment, SourceKind
from htms.network.services import PaymentInput, Source, account_record, payment_record
from htms.persons.models import Person

NO_PAYER = _("Name who paid: a person of the register or an account.")
NO_BENEFICIARY = _("Name who received the money: a person of the register or an account.")
BOTH_ENDS = _("Give either a person or an account on each side, not both.")
SAME_ENDS = _("The payer and the beneficiary are the same.")
UNKNOWN_PERSON = _("No person you may see in the network has this register number.")
ACCOUNT_KIND_MISSING = _("Say what kind of account this is: bank, hawala or mobile wallet.")
BAD_AMOUNT = _("The amount is a number greater than zero, like 850000 or 1250.50.")
BAD_CURRENCY = _("The currency is a three-letter ISO code, such as PKR, USD, EUR or AED.")
BAD_CHANNEL = _("Choose how the money moved: hawala, bank transfer, mobile wallet or cash.")
DATE_MISSING = _("Give the date of the payment.")
FUTURE_DATE = _("The date of the payment cannot be in the future.")
BAD_SOURCE = _(
    "Name the source: case file, border interview, call-detail records, bank records, "
    "financial intelligence report or officer's report."
)
SOURCE_MISSING = _("Give the reference of the source record (file, report or record number).")
CASE_NEEDED = _("Give the reference of the case this payment belongs to, one of your part.")
REASON_MISSING = _("Say why the payment is removed.")
MAX_AMOUNT = Decimal("999999999999.99")


@dataclass(frozen=True)
class AccountRef:
    kind: str = ""
    number: str = ""
    institution: str = ""


@dataclass(frozen=True)
class PaymentEntry:
    """A payment as typed: a person's register number or an account on each side."""

    amount: str
    currency: str
    channel: str
    paid_on: date | None
    source_kind: str
    source_ref: str
    reliability: str
    credibility: str
    handling_code: str
    payer_id: int | None = None
    payer_account: AccountRef = AccountRef()
    beneficiary_id: int | None = None
    beneficiary_account: AccountRef = AccountRef()
    case_reference: str = ""


def _side_errors(scope: NetworkScope, person_id: int | None, account: AccountRef) -> list[object]:
    if person_id is not None and account.number.strip():
        return [BOTH_ENDS]
    if person_id is not None:
        known = Person.objects.filter(pk=person_id).exists()
        return [] if known and scope.persons_allowed([person_id]) else [UNKNOWN_PERSON]
    if account.number.strip() and account.kind not in AccountKind.values:
        return [ACCOUNT_KIND_MISSING]
    return []


def _ends_errors(scope: NetworkScope, data: PaymentEntry) -> dict[str, list[object]]:
    errors: dict[str, list[object]] = {}
    for side, person_id, account, missing in (
        ("payer", data.payer_id, data.payer_account, NO_PAYER),
        ("beneficiary", data.beneficiary_id, data.beneficiary_account, NO_BENEFICIARY),
    ):
        if person_id is None and not account.number.strip():
            errors[side] = [missing]
        elif found := _side_errors(scope, person_id, account):
            errors[side] = found
    same_person = data.payer_id is not None and data.payer_id == data.beneficiary_id
    same_account = data.payer_account.number.strip() and (
        data.payer_account == data.beneficiary_account
    )
    if not errors and (same_person or same_account):
        errors["beneficiary"] = [SAME_ENDS]
    return errors


def _amount(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", "").strip())
    except InvalidOperation:
        return None
    ok = value.is_finite() and Decimal(0) < value <= MAX_AMOUNT and value == round(value, 2)
    return value if ok else None


def _value_errors(data: PaymentEntry) -> dict[str, list[object]]:
    errors: dict[str, list[object]] = {}
    if _amount(data.amount) is None:
        errors["amount"] = [BAD_AMOUNT]
    if not re.fullmatch(CURRENCY_PATTERN, data.currency.strip().upper()):
        errors["currency"] = [BAD_CURRENCY]
    if data.channel not in Channel.values:
        errors["channel"] = [BAD_CHANNEL]
    if data.paid_on is None:
        errors["paid_on"] = [DATE_MISSING]
    elif data.paid_on > timezone.localdate():
        errors["paid_on"] = [FUTURE_DATE]
    if data.source_kind not in SourceKind.values:
        errors["source_kind"] = [BAD_SOURCE]
    if not data.source_ref.strip():
        errors["source_ref"] = [SOURCE_MISSING]
    for name, value, allowed, message in (
        ("reliability", data.reliability, Reliability.values, BAD_RELIABILITY),
        ("credibility", data.credibility, Credibility.values, BAD_CREDIBILITY),
        ("handling_code", data.handling_code, HandlingCode.values, BAD_HANDLING),
    ):
        if value not in allowed:
            errors[name] = [message]
    return errors


def _case_id(user: User, scope: NetworkScope, reference: str) -> tuple[int | None, list[object]]:
    """The case named by reference; an in-charge must name one of their part, so the payment
    stays in the part they can read."""
    if not reference.strip():
        return None, [] if scope.national else [CASE_NEEDED]
    case = case_queryset_for_user(user).filter(reference=reference.strip()).first()
    if case is None or not scope.case_allowed(case.pk):
        return None, [UNKNOWN_CASE]
    return case.pk, []


def _account_id(actor: User, account: AccountRef) -> int | None:
    if not account.number.strip():
        return None
    found: Account = account_record(actor=actor, kind=account.kind, number=account.number.strip(),
                                    institution=account.institution.strip())  # fmt: skip
    return found.pk


def _checked(actor: User, data: PaymentEntry) -> tuple[PaymentInput, Source]:
    """The payment to store, or ValidationError with every problem of the entry."""
    scope = network_write_scope(actor)
    errors = {**_ends_errors(scope, data), **_value_errors(data)}
    case_id, case_errors = _case_id(actor, scope, data.case_reference)
    if case_errors:
        errors["case_reference"] = case_errors
    if errors:
        raise ValidationError(errors)
    amount = _amount(data.amount)
    assert amount is not None and data.paid_on is not None
    payment = PaymentInput(
        amount, data.currency.strip().upper(), data.channel, payer_id=data.payer_id,
        payer_account_id=_account_id(actor, data.payer_account), beneficiary_id=data.beneficiary_id,
        beneficiary_account_id=_account_id(actor, data.beneficiary_account),
    )  # fmt: skip
    source = Source(data.source_kind, data.source_ref.strip(), start=data.paid_on,
                    case_id=case_id, reliability=data.reliability, credibility=data.credibility,
                    handling_code=data.handling_code)  # fmt: skip
    return payment, source


@transaction.atomic
def payment_enter(*, actor: User, data: PaymentEntry) -> Payment:
    """Records a payment an officer entered; ValidationError naming every problem, nothing
    written. Analysts, and circle in-charges for persons and a case of their part."""
    payment, source = _checked(actor, data)
    return payment_record(actor=actor, data=payment, source=source)


EDITABLE = (
    "payer_id", "payer_account_id", "beneficiary_id", "beneficiary_account_id", "amount",
    "currency", "channel", "source_kind", "source_ref", "start_date", "case_id", "reliability",
    "credibility", "handling_code",
)  # fmt: skip


def _values(payment: Payment) -> dict[str, object]:
    return {name: getattr(payment, name) for name in EDITABLE}


@transaction.atomic
def payment_edit(
    *, actor: User, payment_id: int, expected_version: int, data: PaymentEntry
) -> Payment:
    """Corrects a payment of the user's part; a stale form is refused (StaleEditError)."""
    payment_get_for_user(user=actor, payment_id=payment_id, write=True)
    payment = lock_at_version(Payment, pk=payment_id, expected_version=expected_version)
    old = _values(payment)
    given, source = _checked(actor, data)
    fields = {**given.__dict__, **source.fields()}
    fields.pop("is_synthetic")
    for name, value in fields.items():
        setattr(payment, name, value)
    payment.full_clean()
    payment.save(update_fields=[*fields, "version"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, object_type=AuditObject.NETWORK,
        object_id=f"payment:{payment.pk}", changes={"old": old, "new": _values(payment)},
    )  # fmt: skip
    return payment


@transaction.atomic
def payment_remove(*, actor: User, payment_id: int, expected_version: int, reason: str) -> None:
    """Removes a payment recorded in error; the audit row keeps its values and the reason."""
    payment_get_for_user(user=actor, payment_id=payment_id, write=True)
    if not reason.strip():
        raise ValidationError({"reason": [REASON_MISSING]})
    payment = lock_at_version(Payment, pk=payment_id, expected_version=expected_version)
    old = _values(payment)
    payment.delete()
    audit_record(
        actor=actor, action=AuditAction.DELETE, object_type=AuditObject.NETWORK,
        object_id=f"payment:{payment_id}", changes={"old": old, "reason": reason.strip()},
    )  # fmt: skip


def payment_entry_of(payment: Payment) -> PaymentEntry:
    """The entry that would record this payment again: the edit form's initial values."""

    def account(pk: int | None) -> AccountRef:
        found = Account.objects.filter(pk=pk).first() if pk else None
        return AccountRef(found.kind, found.number, found.institution) if found else AccountRef()

    entry = PaymentEntry(
        amount=str(payment.amount), currency=payment.currency, channel=payment.channel,
        paid_on=payment.start_date, source_kind=payment.source_kind, source_ref=payment.source_ref,
        reliability=payment.reliability, credibility=payment.credibility,
        handling_code=payment.handling_code, payer_id=payment.payer_id,
        payer_account=account(payment.payer_account_id), beneficiary_id=payment.beneficiary_id,
        beneficiary_account=account(payment.beneficiary_account_id),
    )  # fmt: skip
    case_ref = payment.case.reference if payment.case_id and payment.case else ""
    return replace(entry, case_reference=case_ref)
