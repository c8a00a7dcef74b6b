"""The analysis finds what the synthetic network generator planted: communities recover the
planted networks and the brokers include the planted bridges and kingpins."""

from collections import Counter
from math import comb

import pytest
from django.utils import timezone

from htms.accounts.models import User
from htms.network.access import network_scope_for_user
from htms.network.analysis import network_brokers, network_communities
from htms.network.graph import LinkFilter, Network, neighbourhood
from htms.network.links import LinkKind
from htms.synthetic.load import catalogue_from_db
from htms.synthetic.networks import plan_networks
from htms.synthetic.networks_load import GroundTruth, networks_load

pytestmark = pytest.mark.django_db

AGENTS, NETWORKS = 60, 4
BROKERS = 10
# Communities are pure (never two planted networks in one), but a large network often splits
# into its sub-agents' cells, which the adjusted Rand index counts against it (0 is chance;
# 0.5 to 0.9 measured over seeds).
MIN_ADJUSTED_RAND, MIN_PURITY = 0.45, 0.95
MONEY_AND_CALLS = LinkFilter(
    kinds=frozenset({LinkKind.PHONE, LinkKind.ACCOUNT, LinkKind.PAYMENT, LinkKind.CALL})
)


def adjusted_rand(truth: list[int], found: list[int]) -> float:
    """Agreement of two labellings of the same items, 1 when equal, about 0 by chance."""
    pairs = Counter(zip(truth, found, strict=True))
    index = sum(comb(n, 2) for n in pairs.values())
    rows = sum(comb(n, 2) for n in Counter(truth).values())
    cols = sum(comb(n, 2) for n in Counter(found).values())
    expected = rows * cols / comb(len(truth), 2)
    return (index - expected) / ((rows + cols) / 2 - expected)


def _planted(hana: User) -> tuple[GroundTruth, Network]:
    today = timezone.localdate()
    plan = plan_networks(agents=AGENTS, networks=NETWORKS, seed=12, today=today,
                         catalogue=catalogue_from_db(unit_codes=["T-A", "T-B"]))  # fmt: skip
    truth = networks_load(plan=plan, recorder=hana, today=today)
    roots = [f"person:{pk}" for pk in sorted(truth.network)]
    scope = network_scope_for_user(hana)
    return truth, neighbourhood(scope=scope, roots=roots, depth=1, only=MONEY_AND_CALLS)


def test_it_recovers_the_planted_networks_as_communities(hana: User) -> None:
    truth, network = _planted(hana)
    assert not network.truncated
    community = {key: i for i, group in enumerate(network_communities(network)) for key in group}
    agents = sorted(truth.network)
    found = [community.get(f"person:{pk}", -pk) for pk in agents]
    planted = [truth.network[pk] for pk in agents]
    score = adjusted_rand(planted, found)
    by_community = Counter(zip(found, planted, strict=True))
    purity = sum(max(n for (c, _p), n in by_community.items() if c == f) for f in set(found))
    assert score >= MIN_ADJUSTED_RAND
    assert purity / len(agents) >= MIN_PURITY


def _holders(network: Network) -> dict[str, set[str]]:
    """Phone or account node -> the persons who use or hold it; a person -> themselves."""
    found: dict[str, set[str]] = {key: {key} for key in network.nodes if key.startswith("person:")}
    for link in network.links:
        if link.kind in (LinkKind.PHONE, LinkKind.ACCOUNT):
            found.setdefault(link.target, set()).add(link.source)
    return found


def test_it_ranks_the_planted_bridges_and_kingpins_among_the_brokers(hana: User) -> None:
    """The ten nodes of highest betweenness, read as the persons behind them (a phone is its
    users, an account its holders), hold an end of every bridge and some kingpins."""
    truth, network = _planted(hana)
    holders = _holders(network)
    brokers = {p for m in network_brokers(network, top=BROKERS) for p in holders.get(m.key, ())}
    kingpins = {f"person:{pk}" for pk in truth.kingpins()}
    assert all({f"person:{a}", f"person:{b}"} & brokers for a, b in truth.bridges)
    assert len(brokers & kingpins) >= NETWORKS // 2
