"""The synthetic agent networks: hierarchies, shared phones and accounts, re-entries, bridges,
written in bulk, marked synthetic and sealed in the audit chain."""

from collections import Counter
from datetime import date

import pytest

from htms.accounts.models import Role, User
from htms.audit.models import AuditEvent
from htms.audit.verify import audit_verify
from htms.cases.models import Case, CaseParty
from htms.cases.services.registration import case_register
from htms.conftest import tip_case_input
from htms.intelligence.models import DossierFact
from htms.network.models import Account, AccountHolder, Call, Payment
from htms.persons.models import Person, PersonPhone
from htms.synthetic.networks import KINGPIN, RECRUITER, SUB_AGENT, plan_networks
from htms.synthetic.networks_cases import networks_in_cases
from htms.synthetic.networks_load import networks_load
from htms.synthetic.records import Catalogue

pytestmark = pytest.mark.django_db


def test_it_plans_hierarchies_with_shared_phones_reentries_and_bridges(
    catalogue: Catalogue, today: date
) -> None:
    plan = plan_networks(agents=90, networks=3, seed=4, today=today, catalogue=catalogue)
    assert plan == plan_networks(agents=90, networks=3, seed=4, today=today, catalogue=catalogue)
    assert len(plan.agents) == 90
    roles = Counter((a.network, a.role) for a in plan.agents.values())
    assert all(roles[(n, KINGPIN)] == 1 and roles[(n, SUB_AGENT)] >= 1 for n in range(3))
    for agent in plan.agents.values():
        boss = plan.agents[agent.boss] if agent.boss is not None else None
        expected = {KINGPIN: None, SUB_AGENT: KINGPIN, RECRUITER: SUB_AGENT}[agent.role]
        assert (boss.role if boss else None) == expected
        assert boss is None or boss.network == agent.network
    phones = Counter(n for p in plan.persons for n in p.phones)
    assert sum(1 for count in phones.values() if count > 1) >= 3  # shared within networks
    for copy, first in plan.same_as.items():
        assert plan.persons[copy].phones[0] in plan.persons[first].phones
        assert plan.units[copy] != plan.units[first] or len(catalogue.units) == 1
    assert len(plan.bridges) == 2
    assert all(plan.network_of(a) != plan.network_of(b) for a, b in plan.bridges)


def test_it_writes_everything_synthetic_and_sealed(
    catalogue: Catalogue, today: date, hana: User
) -> None:
    plan = plan_networks(agents=40, networks=2, seed=8, today=today, catalogue=catalogue)
    truth = networks_load(plan=plan, recorder=hana, today=today)
    assert Person.objects.filter(is_synthetic=True).count() == len(plan.persons)
    assert Account.objects.filter(is_synthetic=True).count() == len(plan.accounts)
    assert Payment.objects.filter(is_synthetic=True).count() == len(plan.payments)
    assert Call.objects.filter(is_synthetic=True).count() == len(plan.calls)
    assert AccountHolder.objects.filter(is_synthetic=True).exists()
    assert DossierFact.objects.filter(is_synthetic=True).count() == len(truth.network)
    assert set(truth.network.values()) == {0, 1} and len(truth.kingpins()) == 2
    for copy, first in truth.same_as.items():
        numbers = set(PersonPhone.objects.filter(person_id=first).values_list("number", flat=True))
        assert PersonPhone.objects.filter(person_id=copy, number__in=numbers).exists()
    event = AuditEvent.objects.get(object_type="synthetic_batch")
    assert event.changes["persons"] == len(plan.persons)
    assert audit_verify() == []


def test_planted_agents_become_co_accused_in_synthetic_cases_of_the_kingpins_circle(
    catalogue: Catalogue, today: date, alice: User, hana: User
) -> None:
    plan = plan_networks(agents=40, networks=2, seed=8, today=today, catalogue=catalogue)
    truth = networks_load(plan=plan, recorder=hana, today=today)
    units = Person.objects.filter(pk__in=sorted(truth.kingpins())).values_list(
        "created_by_unit_id", flat=True
    )
    officers = [
        User.objects.create_user(username=f"io-{n}", unit_id=unit, role=Role.INVESTIGATING_OFFICER)
        for n, unit in enumerate(units)
    ]
    cases = [case_register(actor=officer, data=tip_case_input()) for officer in officers]
    real = case_register(actor=alice, data=tip_case_input())
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(is_synthetic=True)
    tied = networks_in_cases(truth=truth)
    assert sorted(tied.values()) == sorted(c.pk for c in cases)
    assert not CaseParty.objects.filter(case=real, person_id__in=truth.network).exists()
    for network, case_id in tied.items():
        accused = CaseParty.objects.filter(case_id=case_id, person_id__in=truth.network)
        assert accused.count() == 3 and all(truth.network[p.person_id] == network for p in accused)
        assert {truth.role[p.person_id] for p in accused} == {SUB_AGENT, RECRUITER}
    assert audit_verify() == []
