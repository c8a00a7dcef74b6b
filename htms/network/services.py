"""Recording the links that cannot be derived: accounts and their holders, payments, calls and
family ties. Each write is validated whole, atomic, and audited with its values; importers of
call-detail or bank records and the synthetic demo call these."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Model

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.network.models import Account, AccountHolder, Call, FamilyTie, Payment


@dataclass(frozen=True)
class Source:
    kind: str
    ref: str
    start: date | None = None
    end: date | None = None
    case_id: int | None = None
    is_synthetic: bool = False
    reliability: str = ""
    credibility: str = ""
    handling_code: str = ""

    def fields(self) -> dict[str, object]:
        return {
            "source_kind": self.kind, "source_ref": self.ref, "start_date": self.start,
            "end_date": self.end, "case_id": self.case_id, "is_synthetic": self.is_synthetic,
            "reliability": self.reliability, "credibility": self.credibility,
            "handling_code": self.handling_code,
        }  # fmt: skip


def _save(actor: User | None, row: Model, label: str, values: dict[str, object]) -> None:
    row.full_clean()
    row.save()
    audit_record(
        actor=actor, action=AuditAction.CREATE, object_type=AuditObject.NETWORK,
        object_id=f"{label}:{row.pk}", changes={"new": values},
    )  # fmt: skip


@transaction.atomic
def account_record(
    *, actor: User | None, kind: str, number: str, institution: str = "", is_synthetic: bool = False
) -> Account:
    """The account with this kind, institution and number, created if new."""
    found = Account.objects.filter(kind=kind, institution=institution, number=number).first()
    if found:
        return found
    account = Account(kind=kind, number=number, institution=institution, is_synthetic=is_synthetic)
    _save(actor, account, "account", {"kind": kind, "number": number, "institution": institution})
    return account


@transaction.atomic
def account_holder_record(
    *, actor: User | None, account: Account, person_id: int, source: Source
) -> AccountHolder:
    holder = AccountHolder(account=account, person_id=person_id, **source.fields())
    _save(actor, holder, "account_holder", {"account": account.pk, "person": person_id,
                                            **source.fields()})  # fmt: skip
    return holder


@dataclass(frozen=True)
class PaymentInput:
    amount: Decimal
    currency: str
    channel: str
    payer_id: int | None = None
    payer_account_id: int | None = None
    beneficiary_id: int | None = None
    beneficiary_account_id: int | None = None


@transaction.atomic
def payment_record(*, actor: User | None, data: PaymentInput, source: Source) -> Payment:
    payment = Payment(**data.__dict__, **source.fields())
    _save(actor, payment, "payment", {**data.__dict__, **source.fields()})
    return payment


@transaction.atomic
def call_record(
    *, actor: User | None, caller: str, receiver: str, started_at: datetime, seconds: int,
    source: Source,
) -> Call:  # fmt: skip
    call = Call(caller=caller, receiver=receiver, started_at=started_at,
                duration_seconds=seconds, **source.fields())  # fmt: skip
    _save(actor, call, "call", {"caller": caller, "receiver": receiver,
                                "started_at": started_at, "seconds": seconds})  # fmt: skip
    return call


@transaction.atomic
def family_tie_record(
    *, actor: User | None, person_id: int, relative_id: int, relationship: str, source: Source
) -> FamilyTie:
    tie = FamilyTie(person_id=person_id, relative_id=relative_id, relationship=relationship,
                    **source.fields())  # fmt: skip
    _save(actor, tie, "family", {"person": person_id, "relative": relative_id,
                                 "relationship": relationship})  # fmt: skip
    return tie
