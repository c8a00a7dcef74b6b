"""The demonstration set-up: one demo user per role and a few hundred synthetic cases.

Every demo login has a simple, documented password; the data is synthetic and marked so.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.db import transaction

from htms.accounts.models import Role, User
from htms.accounts.services import user_create
from htms.cases.selectors import case_deadlines, hearings_between, pending_approvals
from htms.reference.models import Unit
from htms.synthetic import plans
from htms.synthetic.agents import demo_agents_seed
from htms.synthetic.generator import generate
from htms.synthetic.helpline_demo import helpline_demo_seed
from htms.synthetic.load import catalogue_from_db, synthetic_actors, synthetic_load
from htms.synthetic.network import demo_network_seed
from htms.synthetic.networks_cases import networks_in_cases
from htms.synthetic.networks_load import demo_networks_seed
from htms.synthetic.records import SynCase, SyntheticData
from htms.synthetic.second_factor import demo_second_factor
from htms.synthetic.walker import LoadCounts, UnitActors

LAHORE, GUJRANWALA = "AHTC-LHR", "AHTC-GRW"
HELPLINE = "HELPLINE-NATIONAL"
# One public password for every demo login; like every password, it passes the validators.
DEMO_PASSWORD = "synthetic-2026"  # noqa: S105


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    unit_code: str
    password: str


DEMO_USERS = (
    DemoUser("demo-dataentry", Role.DATA_ENTRY, LAHORE, DEMO_PASSWORD),
    DemoUser("demo-io", Role.INVESTIGATING_OFFICER, LAHORE, DEMO_PASSWORD),
    DemoUser("demo-incharge", Role.CIRCLE_INCHARGE, LAHORE, DEMO_PASSWORD),
    DemoUser("demo-io-grw", Role.INVESTIGATING_OFFICER, GUJRANWALA, DEMO_PASSWORD),
    DemoUser("demo-monitoring", Role.MONITORING_CELL, "ATU-CMC", DEMO_PASSWORD),
    DemoUser("demo-analyst", Role.ANALYST, "FIA-HQ", DEMO_PASSWORD),
    DemoUser("demo-caseworker", Role.CASEWORKER, "SHL-DUA-LHR", DEMO_PASSWORD),
    DemoUser("demo-admin", Role.ADMINISTRATOR, "FIA-HQ", DEMO_PASSWORD),
    DemoUser("demo-calltaker", Role.CALL_TAKER, HELPLINE, DEMO_PASSWORD),
)
# How much more often the demo circles get a case than other circles.
DEMO_UNIT_WEIGHTS = {LAHORE: 8.0, GUJRANWALA: 3.0}


@dataclass
class Highlights:
    overdue_challans: int
    hearings_this_week: int
    pending_approvals: int


def demo_seeded() -> bool:
    return User.objects.filter(username__in=[u.username for u in DEMO_USERS]).exists()


def missing_units() -> list[str]:
    codes = {u.unit_code for u in DEMO_USERS}
    return sorted(codes - set(Unit.objects.filter(code__in=codes).values_list("code", flat=True)))


@transaction.atomic
def demo_seed(*, cases: int, seed: int, today: date) -> tuple[LoadCounts, Highlights]:
    """Creates the demo users and registers ``cases`` synthetic cases, all or nothing."""
    users = {
        u.username: user_create(
            actor=None,
            username=u.username,
            password=u.password,
            unit_code=u.unit_code,
            role=u.role,
            first_name="Demo",
            last_name=str(Role(u.role).label),
        )
        for u in DEMO_USERS
    }
    for user in users.values():
        demo_second_factor(user)
    catalogue = catalogue_from_db(unit_weights=DEMO_UNIT_WEIGHTS)
    data = generate(cases=cases, seed=seed, today=today, catalogue=catalogue)
    make_highlights(data, unit_code=LAHORE, today=today, seed=seed)
    actors = synthetic_actors([u.code for u in catalogue.units])
    actors[LAHORE] = UnitActors(users["demo-io"], users["demo-incharge"])
    if GUJRANWALA in actors:
        actors[GUJRANWALA] = replace(actors[GUJRANWALA], io=users["demo-io-grw"])
    counts = synthetic_load(data=data, actors_by_unit=actors)
    demo_network_seed(actor=None, day=today)
    truth = demo_networks_seed(recorder=users["demo-analyst"], today=today, seed=seed)
    networks_in_cases(truth=truth)
    demo_agents_seed(
        io=users["demo-io"],
        incharge=users["demo-incharge"],
        monitoring=users["demo-monitoring"],
        today=today,
        seed=seed,
    )
    helpline_demo_seed(call_taker=users["demo-calltaker"], incharge=users["demo-incharge"])
    return counts, highlights(io=users["demo-io"], incharge=users["demo-incharge"], today=today)


def make_highlights(data: SyntheticData, *, unit_code: str, today: date, seed: int) -> None:
    """Makes sure the demo circle has challans awaiting approval and hearings this week."""
    mine = [c for c in data.cases if c.unit_code == unit_code]
    waiting = [c for c in mine if c.pending_stage]
    for case in [c for c in mine if _may_ask_for_challan(c)][: max(0, 3 - len(waiting))]:
        case.pending_stage = plans.INTERIM
    week_start = today - timedelta(days=today.weekday())
    this_week = [c for c in mine if any(h.date >= week_start for h in c.hearings)]
    at_trial = [c for c in mine if c.final_stage == plans.TRIAL and c not in this_week]
    for case in at_trial[: max(0, 3 - len(this_week))]:
        _hearing_this_week(case, today=today, rng=random.Random(seed * 100_003 + case.key))


def _may_ask_for_challan(case: SynCase) -> bool:
    return (
        case.final_stage == plans.INVESTIGATION
        and not case.pending_stage
        and any(p.final_status in plans.CHALLAN_READY for p in case.parties if p.role == "accused")
    )


def _hearing_this_week(case: SynCase, *, today: date, rng: random.Random) -> None:
    assert case.fir_date is not None
    witnesses = tuple(i for i, p in enumerate(case.parties) if p.role in ("witness", "victim"))
    case.hearings = plans.plan_hearings(
        rng,
        fir_date=case.fir_date,
        today=today,
        plan=plans.Plan(True, case.stage_path),
        judgment_date=None,
        this_week=True,
        witnesses=witnesses,
    )


def highlights(*, io: User, incharge: User, today: date) -> Highlights:
    week_start = today - timedelta(days=today.weekday())
    return Highlights(
        overdue_challans=case_deadlines(user=io, today=today).overdue.count(),
        hearings_this_week=hearings_between(
            user=io, start=week_start, end=week_start + timedelta(days=6)
        ).count(),
        pending_approvals=pending_approvals(user=incharge).count(),
    )
