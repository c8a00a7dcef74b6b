"""Link analysis at national scale: neighbourhoods, shortest paths and communities.

Sizes: HTMS_BENCH_CASES (200000), HTMS_BENCH_PERSONS (1000000), HTMS_BENCH_AGENTS (3300),
HTMS_BENCH_LINKS (3000000: synthetic call records top the stored links up to it),
HTMS_BENCH_RUNS (50).

Loads the same data as the Case Monitoring suite and the agent networks, then times, as an
analyst (the whole network), what the network pages do: a person's neighbourhood to depth 2
(goal: p95 300 ms), the shortest path between two agents (goal: 1 s), and communities on a
subgraph of 10,000 nodes (goal: 10 s; its extraction from the database timed on its own line).
The database answers the rings, networkx works on the extracted subgraph (docs/network.md).
"""

import os
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.utils import timezone

from bench.case_monitoring import load_from_environment
from bench.statistics import _national
from bench.timing import Result, measure, results_table
from htms.accounts.models import Role, User
from htms.cases.models import CaseParty
from htms.intelligence.models import DossierFact, FactKind
from htms.network.access import network_scope_for_user
from htms.network.analysis import network_communities
from htms.network.graph import MAX_DEPTH, LinkFilter, Network, neighbourhood
from htms.network.links import node_key
from htms.network.models import Account, AccountHolder, Call, FamilyTie, Payment, SourceKind
from htms.network.selectors import path_between, person_network
from htms.persons.models import IdentityDocument, PersonAddress, PersonPhone
from htms.reference.models import Unit
from htms.synthetic.bulk import ROWS_PER_INSERT
from htms.synthetic.load import catalogue_from_db
from htms.synthetic.networks import plan_networks
from htms.synthetic.networks_load import networks_load

TITLE = "Link analysis"
SUBGRAPH = 10_000
# The agents the subgraph for communities is read from, to the network's depth limit.
SUBGRAPH_ROOTS = 500
CALLS_PER_BATCH = 50_000
# Each row of these tables is one stored link of the network (links.py); leads and travelling
# together are read from border intake and not counted here.
LINK_TABLES = (
    CaseParty, PersonPhone, IdentityDocument, PersonAddress, AccountHolder, Payment, Call,
    FamilyTie,
)  # fmt: skip


def load_networks(user: User, log: Callable[[str], None]) -> int:
    """Loads the agent networks unless a synthetic network is there already."""
    agents = int(os.environ.get("HTMS_BENCH_AGENTS", "3300"))
    if Account.objects.filter(is_synthetic=True, number__startswith="SYN-").exists():
        return agents
    log(f"Loading {agents} agents in networks...")
    today = timezone.localdate()
    plan = plan_networks(agents=agents, seed=33, today=today, catalogue=catalogue_from_db())
    networks_load(plan=plan, recorder=user, today=today)
    return agents


def stored_links() -> int:
    return sum(model.objects.count() for model in LINK_TABLES)


def _top_up_calls(goal: int, log: Callable[[str], None]) -> None:
    """Synthetic calls between phones of the register until ``goal`` links are stored."""
    missing = goal - stored_links()
    if missing <= 0:
        return
    log(f"adding {missing:,} synthetic calls")
    numbers = list(PersonPhone.objects.values_list("number", flat=True).order_by("pk"))
    rng = random.Random(11)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    while missing > 0:
        batch = min(missing, CALLS_PER_BATCH)
        calls = []
        for _i in range(batch):
            at = start + timedelta(minutes=rng.randrange(700_000))
            calls.append(
                Call(caller=rng.choice(numbers), receiver=rng.choice(numbers), started_at=at,
                     duration_seconds=rng.randrange(600), start_date=at.date(),
                     is_synthetic=True, source_kind=SourceKind.CALL_RECORDS,
                     source_ref="CDR-SYN-BENCH")
            )  # fmt: skip
        Call.objects.bulk_create(calls, batch_size=ROWS_PER_INSERT)
        missing -= batch
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE network_call")


def _analyst() -> User:
    user, _ = User.objects.get_or_create(
        username="bench-analyst",
        defaults={"unit": Unit.objects.get(code="FIA-HQ"), "role": Role.ANALYST},
    )
    return user


def _subgraph(user: User, roots: list[int]) -> Network:
    return neighbourhood(
        scope=network_scope_for_user(user),
        roots=[node_key("person", pk) for pk in roots],
        depth=MAX_DEPTH,
        max_nodes=SUBGRAPH,
    )


def run(log: Callable[[str], None]) -> str:
    size = load_from_environment(log)
    national = _national()
    agents = load_networks(national, log)
    _top_up_calls(int(os.environ.get("HTMS_BENCH_LINKS", "3000000")), log)
    size += f", {agents} agents in networks, {stored_links():,} stored links"
    log(size)
    runs = int(os.environ.get("HTMS_BENCH_RUNS", "50"))
    user = _analyst()
    rng = random.Random(5)
    agent_ids = sorted(
        set(
            DossierFact.objects.filter(kind=FactKind.NETWORK_ROLE, is_synthetic=True).values_list(
                "person_id", flat=True
            )
        )
    )
    persons = [rng.choice(agent_ids) for _ in range(runs)]
    pairs = [(rng.choice(agent_ids), rng.choice(agent_ids)) for _ in range(runs)]
    found_paths: list[int] = []
    everything = LinkFilter()

    def path(i: int) -> None:
        source, target = pairs[i % len(pairs)]
        page = path_between(user=user, source_id=source, target_id=target, depth=4, only=everything)
        found_paths.append(1 if page.hops else 0)

    subgraph = _subgraph(user, agent_ids[:SUBGRAPH_ROOTS])
    results: list[Result] = [
        measure(
            "an agent's neighbourhood to depth 2 (page data, audited)",
            lambda i: person_network(
                user=user, person_id=persons[i % len(persons)], depth=2, only=everything
            ),
            runs=runs,
            goal_ms=300,
        ),
        measure("shortest path between two agents (depth 4)", path, runs=runs, goal_ms=1000),
        measure(
            f"extract a subgraph of {len(subgraph.nodes):,} nodes from the database",
            lambda i: _subgraph(user, agent_ids[:SUBGRAPH_ROOTS]),
            runs=3,
            goal_ms=10_000,
            warmup=0,
        ),
        measure(
            f"communities (Louvain) on {len(subgraph.nodes):,} nodes, "
            f"{len(subgraph.links):,} links",
            lambda i: network_communities(subgraph),
            runs=3,
            goal_ms=10_000,
            warmup=0,
        ),
    ]
    missed = [r.name for r in results if not r.met]
    note = f"\nGoal missed: {'; '.join(missed)}.\n" if missed else ""
    shown = found_paths[-runs:]
    note += f"\nA path was found for {sum(shown)} of {len(shown)} pairs of agents.\n"
    return f"Data: {size}.\n\n{results_table(results)}\n{note}"
