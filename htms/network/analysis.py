"""Link analysis with networkx on a neighbourhood already read within the user's scope.

Measures run on the extracted subgraph only, never on the whole register: exact betweenness
up to ``EXACT_BETWEENNESS`` nodes, sampled (fixed seed) beyond. Links are leads, not findings:
a path says how two nodes are linked and by which sources, not that they acted together.
"""

from dataclasses import dataclass
from datetime import date

import networkx as nx

from htms.network.access import NetworkScope
from htms.network.graph import MAX_DEPTH, LinkFilter, Network, neighbourhood
from htms.network.links import Link

EXACT_BETWEENNESS = 300
TOP = 10


def network_graph(network: Network) -> "nx.MultiGraph[str]":
    graph: nx.MultiGraph[str] = nx.MultiGraph()
    graph.add_nodes_from(network.nodes)
    for index, link in enumerate(network.links):
        graph.add_edge(link.source, link.target, key=index)
    return graph


@dataclass(frozen=True)
class Measure:
    key: str
    degree: int
    betweenness: float


def betweenness_sampled(network: Network) -> bool:
    """Whether betweenness is estimated from a sample of ``EXACT_BETWEENNESS`` nodes."""
    return len(network.nodes) > EXACT_BETWEENNESS


def _measures(network: Network) -> list[Measure]:
    multi = network_graph(network)
    simple = nx.Graph(multi)
    sample = None if simple.number_of_nodes() <= EXACT_BETWEENNESS else EXACT_BETWEENNESS
    between = nx.betweenness_centrality(simple, k=sample, seed=7)
    return [Measure(k, int(multi.degree(k)), round(between[k], 3)) for k in simple.nodes]


def network_measures(network: Network) -> list[Measure]:
    """The most connected nodes: by number of links, then by betweenness."""
    measures = _measures(network)
    measures.sort(key=lambda m: (-m.degree, -m.betweenness, m.key))
    return measures[:TOP]


def network_brokers(network: Network, top: int = TOP) -> list[Measure]:
    """The nodes most often on the shortest paths between others (betweenness): brokers and
    bridges between groups, who may have few links of their own."""
    measures = _measures(network)
    measures.sort(key=lambda m: (-m.betweenness, -m.degree, m.key))
    return measures[:top]


def network_communities(network: Network) -> list[list[str]]:
    """Groups more linked inside than outside (Louvain, fixed seed), largest first; single
    nodes are left out."""
    simple = nx.Graph(network_graph(network))
    if simple.number_of_edges() == 0:
        return []
    groups = nx.community.louvain_communities(simple, seed=7)
    found = [sorted(group) for group in groups if len(group) > 1]
    return sorted(found, key=lambda g: (-len(g), g))


def network_timeline(network: Network) -> list[Link]:
    """The dated links, oldest first."""
    dated = [link for link in network.links if link.start or link.end]
    return sorted(dated, key=lambda link: (link.start or link.end or date.min, link.kind))


@dataclass(frozen=True)
class Hop:
    source: str
    target: str
    links: list[Link]  # every link between the two nodes: each is a reason for the hop


@dataclass(frozen=True)
class PathResult:
    network: Network
    hops: list[Hop]


def shortest_path(
    *, scope: NetworkScope, source: str, target: str, depth: int = MAX_DEPTH,
    only: LinkFilter | None = None,
) -> PathResult:  # fmt: skip
    """The shortest path between two nodes within ``2 * depth`` links, read from both ends at
    once; no hops when there is none in the user's part of the network."""
    half = max(1, (min(depth, MAX_DEPTH) + 1) // 2)
    network = neighbourhood(scope=scope, roots=[source, target], depth=half, only=only)
    graph = nx.Graph(network_graph(network))
    ends = [network.roots[0], network.roots[-1]]
    if ends[0] == ends[1] or not nx.has_path(graph, *ends):
        return PathResult(network, [])
    nodes = nx.shortest_path(graph, *ends)
    hops = []
    for a, b in zip(nodes, nodes[1:], strict=False):
        between = [li for li in network.links if {li.source, li.target} == {a, b}]
        hops.append(Hop(a, b, between))
    return PathResult(network, hops)
