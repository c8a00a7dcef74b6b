"""A small synthetic network for the demo and the tests: two agents of different circles who
share a hawala account, a victim's family paying into it, and calls between the agents.

Everything is marked synthetic; the numbers and references are invented.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from django.db import transaction

from htms.accounts.models import User
from htms.cases.models import Case, CaseParty, PartyRole
from htms.network.models import AccountKind, Channel, SourceKind
from htms.network.services import (
    PaymentInput,
    Source,
    account_holder_record,
    account_record,
    call_record,
    payment_record,
)
from htms.persons.models import PersonPhone

HAWALA_NUMBER = "HWL-SYN-0451"
HAWALA_DEALER = "Synthetic hawala dealer, Gujrat"
FMU_REPORT = "FMU-SYN-2026-014"


@dataclass(frozen=True)
class SharedHawala:
    agent_a: int
    agent_b: int
    victim: int
    account: int


@transaction.atomic
def shared_hawala_network(
    *, actor: User | None, case_a: Case, case_b: Case, day: date
) -> SharedHawala:
    """The first accused of each case hold one hawala account; the first victim of ``case_a``
    pays into it and the account pays the second agent; the agents call each other."""
    agent_a, agent_b = _first(case_a, PartyRole.ACCUSED), _first(case_b, PartyRole.ACCUSED)
    victim = _first(case_a, PartyRole.VICTIM)
    account = account_record(actor=actor, kind=AccountKind.HAWALA, number=HAWALA_NUMBER,
                             institution=HAWALA_DEALER, is_synthetic=True)  # fmt: skip
    report = Source(SourceKind.FINANCIAL_INTELLIGENCE, FMU_REPORT, start=day, is_synthetic=True)
    for agent, case in ((agent_a, case_a), (agent_b, case_b)):
        account_holder_record(actor=actor, account=account, person_id=agent,
                              source=Source(**{**report.__dict__, "case_id": case.pk}))  # fmt: skip
    payment_record(
        actor=actor,
        data=PaymentInput(Decimal("850000"), "PKR", Channel.HAWALA, payer_id=victim,
                          beneficiary_account_id=account.pk),
        source=Source(SourceKind.CASE_FILE, case_a.reference, start=day, case_id=case_a.pk,
                      is_synthetic=True),
    )  # fmt: skip
    payment_record(
        actor=actor,
        data=PaymentInput(Decimal("600000"), "PKR", Channel.HAWALA,
                          payer_account_id=account.pk, beneficiary_id=agent_b),
        source=Source(SourceKind.FINANCIAL_INTELLIGENCE, FMU_REPORT, start=day, is_synthetic=True),
    )  # fmt: skip
    _calls(actor, agent_a, agent_b, day)
    return SharedHawala(agent_a, agent_b, victim, account.pk)


def _first(case: Case, role: str) -> int:
    party = CaseParty.objects.filter(case=case, role=role).order_by("pk").first()
    if party is None:
        raise ValueError(f"Case {case.reference} has no {role}.")
    return party.person_id


def _calls(actor: User | None, agent_a: int, agent_b: int, day: date) -> None:
    phones = {
        p.person_id: p.number for p in PersonPhone.objects.filter(person_id__in=[agent_a, agent_b])
    }
    if len(phones) < 2:
        return
    source = Source(SourceKind.CALL_RECORDS, "CDR-SYN-2026-3", start=day, is_synthetic=True)
    for hour in (9, 21):
        at = datetime(day.year, day.month, day.day, hour, 5, tzinfo=UTC)
        call_record(actor=actor, caller=phones[agent_a], receiver=phones[agent_b],
                    started_at=at, seconds=140 + hour, source=source)  # fmt: skip


def demo_network_seed(*, actor: User | None, day: date) -> SharedHawala | None:
    """The shared-hawala network between the first Lahore and Gujranwala cases that have an
    accused (the Lahore one with a victim too); nothing when the demo has no such cases."""
    with_accused = Case.objects.filter(parties__role=PartyRole.ACCUSED, is_synthetic=True)
    case_a = (
        with_accused.filter(unit__code="AHTC-LHR", parties__role=PartyRole.VICTIM)
        .order_by("pk").first()
    )  # fmt: skip
    case_b = with_accused.filter(unit__code="AHTC-GRW").order_by("pk").first()
    if case_a is None or case_b is None:
        return None
    return shared_hawala_network(actor=actor, case_a=case_a, case_b=case_b, day=day)
