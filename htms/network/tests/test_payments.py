"""Payments entered by officers: validation in officer words, audit, stale edits, access."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.common.errors import StaleEditError
from htms.network import payments
from htms.network.models import Account, Payment
from htms.network.payments import AccountRef, PaymentEntry, payment_edit, payment_enter
from htms.network.tests.support import two_circles

pytestmark = pytest.mark.django_db


def entry(**changes: object) -> PaymentEntry:
    given = PaymentEntry(
        amount="250,000", currency="pkr", channel="hawala", paid_on=date(2026, 10, 1),
        source_kind="case_file", source_ref="Statement of the victim's brother",
        reliability="B", credibility="2", handling_code="H2",
    )  # fmt: skip
    return replace(given, **changes)  # type: ignore[arg-type]


def test_it_records_a_payment_from_a_person_to_a_new_account_and_audits_it(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    wallet = AccountRef("wallet", "03001239876", "JazzCash")
    payment = payment_enter(actor=hana, data=entry(payer_id=shared.victim,
                                                   beneficiary_account=wallet))  # fmt: skip
    assert payment.amount == 250000 and payment.currency == "PKR"
    assert payment.beneficiary_account == Account.objects.get(number="03001239876")
    assert (payment.reliability, payment.credibility, payment.handling_code) == ("B", "2", "H2")
    audit = AuditEvent.objects.get(object_id=f"payment:{payment.pk}")
    assert audit.changes["new"]["currency"] == "PKR"


def test_it_names_every_problem_and_writes_nothing(alice: User, bob: User, hana: User) -> None:
    two_circles(alice, bob)
    before = Payment.objects.count()
    bad = entry(amount="-5", currency="rupees", channel="pigeon", source_ref=" ",
                paid_on=timezone.localdate() + timedelta(days=3), reliability="G",
                beneficiary_account=AccountRef("", "123"))  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        payment_enter(actor=hana, data=bad)
    errors = caught.value.message_dict
    assert errors["payer"] == [str(payments.NO_PAYER)]
    assert errors["beneficiary"] == [str(payments.ACCOUNT_KIND_MISSING)]
    assert errors["amount"] == [str(payments.BAD_AMOUNT)]
    assert errors["currency"] == [str(payments.BAD_CURRENCY)]
    assert errors["paid_on"] == [str(payments.FUTURE_DATE)]
    assert {"channel", "source_ref", "reliability"} <= errors.keys()
    assert Payment.objects.count() == before


def test_the_payer_and_the_beneficiary_differ(alice: User, bob: User, hana: User) -> None:
    _a, _b, shared = two_circles(alice, bob)
    with pytest.raises(ValidationError) as caught:
        payment_enter(actor=hana, data=entry(payer_id=shared.agent_a,
                                             beneficiary_id=shared.agent_a))  # fmt: skip
    assert caught.value.message_dict["beneficiary"] == [str(payments.SAME_ENDS)]


def test_a_correction_is_audited_with_old_and_new_values_and_a_stale_form_is_refused(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    data = entry(payer_id=shared.victim, beneficiary_id=shared.agent_a)
    payment = payment_enter(actor=hana, data=data)
    payment_edit(actor=hana, payment_id=payment.pk, expected_version=1,
                 data=replace(data, amount="300000"))  # fmt: skip
    audit = AuditEvent.objects.get(object_id=f"payment:{payment.pk}", action="update")
    assert Decimal(audit.changes["old"]["amount"]) == 250000
    assert Decimal(audit.changes["new"]["amount"]) == 300000
    with pytest.raises(StaleEditError):
        payment_edit(actor=hana, payment_id=payment.pk, expected_version=1, data=data)


def test_a_removal_needs_a_reason_and_keeps_the_values_in_the_audit(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    payment = payment_enter(actor=hana, data=entry(payer_id=shared.victim,
                                                   beneficiary_id=shared.agent_a))  # fmt: skip
    with pytest.raises(ValidationError):
        payments.payment_remove(actor=hana, payment_id=payment.pk, expected_version=1, reason="")
    payments.payment_remove(actor=hana, payment_id=payment.pk, expected_version=1,
                            reason="Entered twice")  # fmt: skip
    assert not Payment.objects.filter(pk=payment.pk).exists()
    audit = AuditEvent.objects.get(object_id=f"payment:{payment.pk}", action="delete")
    assert audit.changes["reason"] == "Entered twice"


def test_an_incharge_records_within_his_part_only(alice: User, bob: User, anne: User) -> None:
    case_a, case_b, shared = two_circles(alice, bob)
    mine = entry(payer_id=shared.victim, beneficiary_id=shared.agent_a,
                 case_reference=case_a.reference)  # fmt: skip
    assert payment_enter(actor=anne, data=mine).case_id == case_a.pk
    with pytest.raises(ValidationError) as caught:
        payment_enter(actor=anne, data=replace(mine, beneficiary_id=shared.agent_b,
                                               case_reference=case_b.reference))  # fmt: skip
    assert caught.value.message_dict["beneficiary"] == [str(payments.UNKNOWN_PERSON)]
    assert "case_reference" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        payment_enter(actor=anne, data=replace(mine, case_reference=""))
    assert caught.value.message_dict["case_reference"] == [str(payments.CASE_NEEDED)]


def test_readers_without_write_get_403_and_others_404(
    alice: User, bob: User, mona: User, carl: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    data = entry(payer_id=shared.victim, beneficiary_id=shared.agent_a)
    with pytest.raises(PermissionDenied):
        payment_enter(actor=mona, data=data)
    for user in (alice, carl):
        with pytest.raises(Http404):
            payment_enter(actor=user, data=data)
