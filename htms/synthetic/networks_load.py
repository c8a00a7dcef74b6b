"""Writing a plan of synthetic agent networks (``networks.py``) with bulk inserts, all or
nothing, and giving back its ground truth in database ids.

As in ``bulk.py``, the rows bypass the per-row services (too slow for thousands of links) and
the audit chain gets one ``synthetic_batch`` event naming the counts and sealing the persons
written. Each agent gets a "network role" dossier fact, so the agents register and the Gazette
know them as agents; the role names no network.
"""

from array import array
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.seals import seals_of
from htms.audit.services import audit_record
from htms.intelligence.models import DossierFact, FactKind
from htms.network.models import Account, AccountHolder, Call, Payment, SourceKind
from htms.reference.models import Unit
from htms.synthetic.bulk import ROWS_PER_INSERT, BatchWriter
from htms.synthetic.bulk_support import Refs, e164
from htms.synthetic.load import catalogue_from_db
from htms.synthetic.networks import DAYS, ROLE_LABELS, NetworkPlan, plan_networks
from htms.synthetic.records import SyntheticData


@dataclass(frozen=True)
class GroundTruth:
    """What was planted, by person id: the network and role of each agent record (re-entries
    included), the first record of each re-entry, the bridges between networks and how many
    links (payments and calls) each network has in each month."""

    network: dict[int, int]
    role: dict[int, str]
    same_as: dict[int, int]
    bridges: list[tuple[int, int]]
    activity: Counter[tuple[int, str]]

    def kingpins(self) -> set[int]:
        return {pk for pk, role in self.role.items() if role == "kingpin"}


class _PersonWriter(BatchWriter):
    """The bulk loader's person rows, recorded by the unit each plan names."""

    def __init__(self, plan: NetworkPlan, refs: Refs, pks: "array[int]") -> None:
        super().__init__(SyntheticData(persons=plan.persons), refs, pks)
        units = dict(Unit.objects.values_list("code", "id"))
        self.units = {key: units[code] for key, code in plan.units.items() if code in units}

    def _person_units(self) -> dict[int, int]:
        return self.units


def _accounts(plan: NetworkPlan, pks: "array[int]", start: date) -> list[int]:
    rows = [
        Account(kind=a.kind, number=a.number, institution=a.institution, is_synthetic=True)
        for a in plan.accounts
    ]
    Account.objects.bulk_create(rows, batch_size=ROWS_PER_INSERT)
    holders = [
        AccountHolder(account_id=row.pk, person_id=pks[holder], is_synthetic=True,
                      source_kind=SourceKind.FINANCIAL_INTELLIGENCE,
                      source_ref=f"FMU-SYN-NET-{a.key:05d}", start_date=start)
        for a, row in zip(plan.accounts, rows, strict=True) for holder in a.holders
    ]  # fmt: skip
    AccountHolder.objects.bulk_create(holders, batch_size=ROWS_PER_INSERT)
    return [row.pk for row in rows]


def _payments(plan: NetworkPlan, pks: "array[int]", accounts: list[int]) -> int:
    def person(key: int | None) -> int | None:
        return None if key is None else pks[key]

    def account(key: int | None) -> int | None:
        return None if key is None else accounts[key]

    rows = [
        Payment(
            payer_id=person(p.payer), payer_account_id=account(p.payer_account),
            beneficiary_id=person(p.beneficiary),
            beneficiary_account_id=account(p.beneficiary_account),
            amount=p.amount, currency="PKR", channel=p.channel, start_date=p.day,
            source_kind=SourceKind.BANK_RECORDS if p.channel == "wallet" else SourceKind.OFFICER,
            source_ref=f"SYN-NET-{p.network:03d}", is_synthetic=True,
        )
        for p in plan.payments
    ]  # fmt: skip
    Payment.objects.bulk_create(rows, batch_size=ROWS_PER_INSERT)
    return len(rows)


def _calls(plan: NetworkPlan) -> int:
    rows = [
        Call(caller=e164(c.caller), receiver=e164(c.receiver), started_at=c.at,
             duration_seconds=c.seconds, start_date=c.at.date(), is_synthetic=True,
             source_kind=SourceKind.CALL_RECORDS, source_ref=f"CDR-SYN-NET-{c.network:03d}")
        for c in plan.calls
    ]  # fmt: skip
    Call.objects.bulk_create(rows, batch_size=ROWS_PER_INSERT)
    return len(rows)


def _roles(plan: NetworkPlan, pks: "array[int]", recorder: User) -> int:
    now = timezone.now()
    rows = [
        DossierFact(
            person_id=pks[key], kind=FactKind.NETWORK_ROLE,
            value=ROLE_LABELS[plan.agents[plan.same_as.get(key, key)].role],
            source_kind="manual", source_reference="SYN-NET", reliability="C",
            credibility="3", handling_code="H2", recorded_by=recorder,
            recorded_by_unit_id=recorder.unit_id, recorded_at=now, is_synthetic=True,
        )
        for key in [*plan.agents, *plan.same_as]
    ]  # fmt: skip
    DossierFact.objects.bulk_create(rows, batch_size=ROWS_PER_INSERT)
    return len(rows)


def _truth(plan: NetworkPlan, pks: "array[int]") -> GroundTruth:
    keys = [*plan.agents, *plan.same_as]
    activity: Counter[tuple[int, str]] = Counter()
    activity.update((p.network, f"{p.day:%Y-%m}") for p in plan.payments)
    activity.update((c.network, f"{c.at:%Y-%m}") for c in plan.calls)
    return GroundTruth(
        network={pks[k]: plan.network_of(k) for k in keys},
        role={pks[k]: plan.agents[plan.same_as.get(k, k)].role for k in keys},
        same_as={pks[k]: pks[first] for k, first in plan.same_as.items()},
        bridges=[(pks[a], pks[b]) for a, b in plan.bridges],
        activity=activity,
    )


@transaction.atomic
def networks_load(*, plan: NetworkPlan, recorder: User, today: date) -> GroundTruth:
    """Writes the plan's persons, accounts, holders, payments, calls and role facts (recorded
    by ``recorder``), all or nothing, with one audit event; returns the ground truth."""
    pks: array[int] = array("q")
    writer = _PersonWriter(plan, Refs.from_db({}), pks)
    writer._persons()
    accounts = _accounts(plan, pks, today - timedelta(days=DAYS))
    counts = {
        "persons": len(pks),
        "accounts": len(accounts),
        "payments": _payments(plan, pks, accounts),
        "calls": _calls(plan),
        "facts": _roles(plan, pks, recorder),
        "bridges": len(plan.bridges),
    }
    audit_record(
        actor=None,
        action=AuditAction.CREATE,
        object_type=AuditObject.SYNTHETIC_BATCH,
        object_id=f"networks#{pks[0] if pks else 0}",
        changes=counts,
        seals=seals_of(person_ids=pks),
    )
    return _truth(plan, pks)


DEMO_AGENTS = 200


def demo_networks_seed(*, recorder: User, today: date, seed: int) -> GroundTruth:
    """The demo's agent networks (``DEMO_AGENTS`` agents in the circles of the reference data),
    their role facts recorded by ``recorder``."""
    plan = plan_networks(agents=DEMO_AGENTS, seed=seed, today=today, catalogue=catalogue_from_db())
    return networks_load(plan=plan, recorder=recorder, today=today)
