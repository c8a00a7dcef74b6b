"""The networks of the whole register computed on Spark (local[2]) are networkx's connected
components of the same links, merges of persons applied; the export writes them and is audited.

Slow (a Spark session takes half a minute to start, one serves the module); needs PySpark (a
test dependency) and a Java runtime, which ``make test`` installs.
"""

import csv
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from django.core.management import call_command
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.network.components import network_components_export
from htms.network.tests.support import two_circles
from htms.network.tests.test_grading import _facts
from htms.network.whole_graph import register_links
from htms.resolution.models import ClusterMember, PersonCluster
from htms.synthetic.load import catalogue_from_db
from htms.synthetic.networks import plan_networks
from htms.synthetic.networks_load import GroundTruth, networks_load

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from htms.network.spark import graph_session

    session = graph_session(master="local[2]", memory="1g", partitions=2)
    yield session
    session.stop()


def _register(alice: User, bob: User, hana: User) -> tuple[GroundTruth, int, int]:
    """About 300 agents in 12 planted networks, three bridges, the two circles' cases with
    dossier facts, and a merge of two agents of networks no bridge joins."""
    _a, _b, shared = two_circles(alice, bob)
    _facts(hana, shared)
    today = timezone.localdate()
    plan = plan_networks(agents=300, networks=12, bridges=3, seed=7, today=today,
                         catalogue=catalogue_from_db(unit_codes=["T-A", "T-B"]))  # fmt: skip
    truth = networks_load(plan=plan, recorder=hana, today=today)
    first = {}
    for pk, network in sorted(truth.network.items()):
        first.setdefault(network, pk)
    a, b = first[10], first[11]
    cluster = PersonCluster.objects.create()
    ClusterMember.objects.bulk_create([ClusterMember(cluster=cluster, person_id=pk)
                                       for pk in (a, b)])  # fmt: skip
    return truth, a, b


def _networkx(kept: dict[str, str]) -> dict[int, frozenset[int]]:
    """Person id -> the persons of its connected component, by networkx, merges applied."""
    graph = nx.Graph()
    graph.add_edges_from((kept.get(a, a), kept.get(b, b)) for a, b in register_links())
    graph.remove_edges_from(nx.selfloop_edges(graph))
    found = {}
    for component in nx.connected_components(graph):
        persons = frozenset(int(k[7:]) for k in component if k.startswith("person:"))
        found.update(dict.fromkeys(persons, persons))
    return found


def test_it_finds_networkxs_components_on_spark(
    spark: Any, alice: User, bob: User, hana: User, tmp_path: Path
) -> None:
    truth, a, b = _register(alice, bob, hana)
    output = tmp_path / "networks.csv"
    done = network_components_export(actor=hana, output=output, purpose="Networks of the "
                                     "register for the annual threat assessment",
                                     spark=lambda: spark)  # fmt: skip
    with output.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    members: dict[int, set[int]] = {}
    for row in rows:
        members.setdefault(int(row["network"]), set()).add(int(row["person_id"]))
    on_spark = {pk: frozenset(members[int(r["network"])]) for r in rows
                for pk in [int(r["person_id"])]}  # fmt: skip
    assert on_spark == _networkx({f"person:{max(a, b)}": f"person:{min(a, b)}"})
    assert all(int(r["network"]) == min(on_spark[int(r["person_id"])]) for r in rows)
    assert all(int(r["network_persons"]) == len(on_spark[int(r["person_id"])]) for r in rows)
    apart = _networkx({})
    assert apart[a] != apart[b]
    assert on_spark[min(a, b)] == (apart[a] | apart[b]) - {max(a, b)}
    assert 8 <= done.networks < len(rows) and done.persons == len(rows)
    event = AuditEvent.objects.get(object_id="export:components")
    assert event.actor == hana and event.changes["persons"] == len(rows)


def test_the_command_writes_the_networks(spark: Any, alice: User, bob: User, hana: User,
                                         tmp_path: Path) -> None:  # fmt: skip
    """Last of the module: the command stops the session it was given (the module's)."""
    _a, _b, shared = two_circles(alice, bob)
    output = tmp_path / "networks.csv"
    out = StringIO()
    call_command("network_components", "--output", str(output), "--user", "hana",
                 "--purpose", "Networks of the register", "--memory", "1g", stdout=out)  # fmt: skip
    with output.open(encoding="utf-8") as f:
        rows = {int(r["person_id"]): int(r["network"]) for r in csv.DictReader(f)}
    assert rows[shared.agent_a] == rows[shared.agent_b] == rows[shared.victim]
    assert "networks written to" in out.getvalue()
