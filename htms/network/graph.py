"""Reading a neighbourhood of the network out of the database, within one user's scope.

The database answers "which links touch these nodes" (``links.links_of``), one ring at a time,
to depth N; networkx then works on the extracted subgraph only (``analysis.py``). A merged
person is one node, keyed by the lowest record id of their cluster (``htms.resolution``): the
links of every record of the cluster meet there, and undoing the merge (the cluster formed again
without a record) gives each record its own links back, since nothing stored was rewritten.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from htms.network.access import NetworkScope
from htms.network.dossier_links import dossier_links
from htms.network.links import Link, links_of, node_key, split_key
from htms.resolution.models import ClusterMember

MAX_DEPTH = 4
MAX_NODES = 400
PERSON_ENDS = ("person", "case")


@dataclass(frozen=True)
class LinkFilter:
    kinds: frozenset[str] = frozenset()  # empty: every kind
    since: date | None = None
    until: date | None = None

    def keeps(self, link: Link) -> bool:
        if self.kinds and link.kind not in self.kinds:
            return False
        last, first = link.end or link.start, link.start or link.end
        if self.since and last and last < self.since:
            return False
        return not (self.until and first and first > self.until)


@dataclass
class Network:
    roots: list[str]
    depth: int
    nodes: dict[str, int] = field(default_factory=dict)  # key -> ring it was reached in
    links: list[Link] = field(default_factory=list)
    truncated: bool = False
    merged: dict[int, list[int]] = field(default_factory=dict)  # kept id -> every record id


class Merges:
    """Person record -> the record a merge keeps, read from the clusters as they are now."""

    def __init__(self) -> None:
        self.kept: dict[int, int] = {}
        self.members: dict[int, set[int]] = {}

    def load(self, person_ids: Iterable[int]) -> None:
        ids = set(person_ids) - self.kept.keys()
        if not ids:
            return
        clusters = ClusterMember.objects.filter(person_id__in=ids).values("cluster_id")
        rows = ClusterMember.objects.filter(cluster_id__in=clusters).values_list(
            "cluster_id", "person_id"
        )
        by_cluster: dict[int, set[int]] = {}
        for cluster, pid in rows.order_by():
            by_cluster.setdefault(cluster, set()).add(pid)
        for members in by_cluster.values():
            kept = min(members)
            self.members[kept] = members
            self.kept.update(dict.fromkeys(members, kept))
        self.kept.update({pid: pid for pid in ids if pid not in self.kept})

    def records(self, kept_ids: Iterable[int]) -> set[int]:
        return {pid for kept in kept_ids for pid in self.members.get(kept, {kept})}

    def key(self, key: str) -> str:
        kind, rest = split_key(key)
        if kind != "person" or not rest.isdigit():
            return key
        return node_key("person", self.kept.get(int(rest), int(rest)))


def _person_ids(keys: Iterable[str]) -> set[int]:
    return {int(rest) for kind, rest in map(split_key, keys) if kind == "person" and rest.isdigit()}


def _allowed(scope: NetworkScope, link: Link, nodes: dict[str, int]) -> bool:
    if scope.national:
        return True
    ends = [split_key(link.source), split_key(link.target)]
    if all(kind not in PERSON_ENDS for kind, _rest in ends):
        return link.source in nodes and link.target in nodes
    for kind, rest in ends:
        if kind == "person" and not scope.persons_allowed([int(rest)]):
            return False
        if kind == "case" and not scope.case_allowed(int(rest)):
            return False
    return True


def _dossier(scope: NetworkScope, keys: set[str], records: set[int]) -> list[Link]:
    """The dossier facts' links, of the persons whose dossier the user may read."""
    found = dossier_links(keys, person_ids=records)
    allowed = scope.dossier_allowed(_person_ids(link.source for link in found))
    return [link for link in found if int(split_key(link.source)[1]) in allowed]


def _ring(scope: NetworkScope, merges: Merges, frontier: set[str]) -> list[Link]:
    records = merges.records(_person_ids(frontier))
    found = links_of(frontier, person_ids=records) + _dossier(scope, frontier, records)
    merges.load(_person_ids(k for link in found for k in (link.source, link.target)))
    merged = []
    for link in found:
        source, target = merges.key(link.source), merges.key(link.target)
        if source == target:
            continue
        changed = (source, target) != (link.source, link.target)
        merged.append(replace(link, source=source, target=target) if changed else link)
    return merged


def neighbourhood(
    *,
    scope: NetworkScope,
    roots: list[str],
    depth: int,
    only: LinkFilter | None = None,
    max_nodes: int | None = None,
) -> Network:
    """The nodes within ``depth`` links of ``roots`` (at most ``MAX_NODES``) that ``scope``
    allows, and the links between them that pass ``only``. The roots are checked by the
    caller (``access.py``). ``truncated`` says when the limit left links out."""
    only = only or LinkFilter()
    max_nodes = MAX_NODES if max_nodes is None else max_nodes
    depth = max(1, min(depth, MAX_DEPTH))
    merges = Merges()
    merges.load(_person_ids(roots))
    roots = [merges.key(r) for r in roots]
    network = Network(roots=roots, depth=depth, nodes=dict.fromkeys(roots, 0))
    seen: set[Link] = set()
    frontier = set(roots)
    for ring in range(1, depth + 1):
        reached: set[str] = set()
        for link in _ring(scope, merges, frontier):
            # Cheapest test first: once the limit is reached, most links of a ring lead out.
            new = {link.source, link.target} - network.nodes.keys()
            if new and len(network.nodes) + len(new) > max_nodes:
                network.truncated = network.truncated or _kept(scope, link, network, only)
                continue
            if link in seen or not _kept(scope, link, network, only):
                continue
            seen.add(link)
            network.links.append(link)
            for key in new:
                network.nodes[key] = ring
                reached.add(key)
        frontier = reached
        if not frontier:
            break
    network.links += _links_among(scope, merges, network, seen, only)
    network.merged = {
        k: sorted(v) for k, v in merges.members.items() if node_key("person", k) in network.nodes
    }
    return network


def _kept(scope: NetworkScope, link: Link, network: Network, only: LinkFilter) -> bool:
    return only.keeps(link) and _allowed(scope, link, network.nodes)


def _links_among(
    scope: NetworkScope, merges: Merges, network: Network, seen: set[Link], only: LinkFilter
) -> list[Link]:
    """Links between nodes of the last ring, which the ring walk did not read."""
    last = {key for key, ring in network.nodes.items() if ring == network.depth}
    extra = []
    for link in _ring(scope, merges, last) if last else []:
        inside = link.source in network.nodes and link.target in network.nodes
        if (
            inside
            and link not in seen
            and only.keeps(link)
            and _allowed(scope, link, network.nodes)
        ):
            seen.add(link)
            extra.append(link)
    return extra
