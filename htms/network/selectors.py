"""The network reads that pages, the API and exports call: each checks access
(``access.py``), reads within the user's scope (the neighbourhoods and paths from the read
replica, when there is one: ``htms/common/replica.py``), presents for the user, and writes one
audit row, on the primary, naming the query, its filters and the persons and cases it showed."""

from dataclasses import dataclass, field
from typing import Any

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.replica import replica_reads
from htms.identity.numbers import phone_key
from htms.network.access import (
    NetworkScope,
    network_case_get,
    network_person_get,
    network_scope_for_user,
)
from htms.network.analysis import (
    Measure,
    betweenness_sampled,
    network_communities,
    network_measures,
    network_timeline,
    shortest_path,
)
from htms.network.graph import LinkFilter, Network, neighbourhood
from htms.network.links import LinkKind, node_key, split_key
from htms.network.models import Account
from htms.network.presenters import LinkView, NetworkView, NodeView, link_views, network_view


@dataclass
class NetworkPage:
    view: NetworkView
    root: NodeView
    measures: list[tuple[NodeView, Measure]] = field(default_factory=list)
    communities: list[list[NodeView]] = field(default_factory=list)
    timeline: list[LinkView] = field(default_factory=list)
    sampled: bool = False  # betweenness estimated from a sample of the nodes


def _audit(user: User, query: str, object_id: str, network: Network, **extra: Any) -> None:
    ids = [split_key(k) for k in network.nodes]
    audit_record(
        actor=user,
        action=AuditAction.VIEW,
        object_type=AuditObject.NETWORK,
        object_id=object_id[:40],
        changes={
            "query": query,
            **extra,
            "persons": sorted(int(r) for kind, r in ids if kind == "person"),
            "cases": sorted(int(r) for kind, r in ids if kind == "case"),
        },
    )


def _filters(only: LinkFilter) -> dict[str, Any]:
    return {"kinds": sorted(only.kinds), "since": only.since, "until": only.until}


def _page(user: User, network: Network, root: str) -> NetworkPage:
    view = network_view(user, network)
    nodes = view.nodes
    page = NetworkPage(view, nodes[root])
    page.measures = [(nodes[m.key], m) for m in network_measures(network) if m.key in nodes]
    page.communities = [
        [nodes[k] for k in group if k in nodes] for group in network_communities(network)
    ]
    page.timeline = link_views(network_timeline(network), nodes)
    page.sampled = betweenness_sampled(network)
    return page


def _network_page(
    user: User, scope: NetworkScope, root: str, depth: int, only: LinkFilter
) -> NetworkPage:
    with replica_reads():
        network = neighbourhood(scope=scope, roots=[root], depth=depth, only=only)
    _audit(user, "neighbourhood", root, network, depth=network.depth, **_filters(only))
    return _page(user, network, network.roots[0])


def person_network(*, user: User, person_id: int, depth: int, only: LinkFilter) -> NetworkPage:
    """The neighbourhood of a person (a merged person is one node); 404 outside the user's
    part of the network."""
    scope, person = network_person_get(user=user, person_id=person_id)
    return _network_page(user, scope, node_key("person", person.pk), depth, only)


def case_network(*, user: User, case_id: int, depth: int, only: LinkFilter) -> NetworkPage:
    """The neighbourhood of a case; 404 for a case the user may not see."""
    scope, case = network_case_get(user=user, case_id=case_id)
    return _network_page(user, scope, node_key("case", case.pk), depth, only)


@dataclass
class PathPage:
    view: NetworkView
    source: NodeView
    target: NodeView
    hops: list[tuple[NodeView, NodeView, list[LinkView]]]
    truncated: bool = False  # the search stopped at the node limit: a path may be missed


def path_between(
    *, user: User, source_id: int, target_id: int, depth: int, only: LinkFilter
) -> PathPage:
    """The shortest path between two persons, each hop with every link that makes it."""
    scope, source = network_person_get(user=user, person_id=source_id)
    _scope, target = network_person_get(user=user, person_id=target_id)
    with replica_reads():
        found = shortest_path(
            scope=scope, source=node_key("person", source.pk),
            target=node_key("person", target.pk), depth=depth, only=only,
        )  # fmt: skip
    network = found.network
    path = [node_key("person", source.pk), node_key("person", target.pk)]
    _audit(user, "path", "~".join(path), network, hops=len(found.hops), **_filters(only))
    view = network_view(user, network)
    nodes = view.nodes
    return PathPage(
        view, nodes[network.roots[0]], nodes[network.roots[-1]],
        [(nodes[h.source], nodes[h.target], link_views(h.links, nodes))
         for h in found.hops], network.truncated,
    )  # fmt: skip


@dataclass(frozen=True)
class Users:
    number: str  # as looked up: a phone in E.164, an account number as typed
    persons: list[NodeView]
    truncated: bool  # more persons use it than a network holds: the list is a part


def who_else_uses(*, user: User, number: str) -> Users:
    """The persons who use a phone or hold an account with this number, among those whose
    identity the user may see: a search by number never ties a number to a pseudonym."""
    scope = network_scope_for_user(user)
    phone = phone_key(number)
    roots = [node_key("phone", phone)] if phone else []
    roots += [node_key("account", pk) for pk in Account.objects.filter(number=number.strip())
              .values_list("pk", flat=True).order_by()]  # fmt: skip
    kinds = frozenset({LinkKind.PHONE, LinkKind.ACCOUNT})
    persons: list[NodeView] = []
    truncated = False
    if roots:
        network = neighbourhood(scope=scope, roots=roots, depth=1, only=LinkFilter(kinds=kinds))
        view = network_view(user, network)
        persons = [n for n in view.nodes.values() if n.kind == "person" and not n.hidden]
        truncated = network.truncated
    shown = [int(split_key(n.key)[1]) for n in persons]
    audit_record(
        actor=user, action=AuditAction.VIEW, object_type=AuditObject.NETWORK,
        object_id="who_else_uses", changes={"query": "who_else_uses", "number": number,
                                            "persons": shown},
    )  # fmt: skip
    return Users(phone or number.strip(), persons, truncated)
