"""The network's activity over a period: the links dated in it (payments, calls, parties to the
cases registered then), grouped into communities, busiest first. The Gazette's "most active
networks" reads it.

Each dated link comes with what ties its ends to persons (the users of a called phone, the
holders of a paying account), so a community is a group of persons with their phones, accounts
and cases. Communities are Louvain's (fixed seed) on that graph only, never on the whole
register; at most ``MAX_LINKS`` dated links of each kind, the latest, are read. When a period
holds more, the counts are marked ``at_least``: the figure is a floor, never silently short.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import networkx as nx
from django.db.models import Q, QuerySet
from django.utils import timezone

from htms.cases.models import CaseParty
from htms.network.access import NetworkScope
from htms.network.graph import Merges
from htms.network.links import node_key, split_key
from htms.network.models import AccountHolder, Call, Payment
from htms.persons.models import PersonPhone

MAX_LINKS = 20_000
PAYMENT, CALL, CASE = "payment", "call", "case"


@dataclass(frozen=True)
class ActiveNetwork:
    persons: list[int]  # person ids (the record a merge keeps), most links first
    payments: int
    calls: int
    cases: int
    at_least: bool = False  # the period held more links than were read: the counts are floors

    @property
    def links(self) -> int:
        return self.payments + self.calls + self.cases


Edge = tuple[str, str, str]  # two node keys and what the link is (PAYMENT, CALL, CASE or "")


def _end(person_id: int | None, account_id: int | None) -> str:
    return node_key("person", person_id) if person_id else node_key("account", account_id)


class _Capped:
    """Reads at most ``MAX_LINKS`` rows of each query, and remembers whether there were more."""

    def __init__(self) -> None:
        self.reached = False

    def rows(self, query: "QuerySet[Any, tuple[Any, ...]]") -> list[tuple[Any, ...]]:
        rows = list(query[: MAX_LINKS + 1])
        self.reached |= len(rows) > MAX_LINKS
        return rows[:MAX_LINKS]


def _dated(first: date, after: date, cap: _Capped) -> list[Edge]:
    """Payments and calls dated in [first, after), the latest first, and the parties of the
    cases registered then."""
    days = Q(start_date__gte=first, start_date__lt=after)
    payments = Payment.objects.filter(days).order_by("-start_date", "-id")
    edges = [
        (_end(p, pa), _end(b, ba), PAYMENT)
        for p, pa, b, ba in cap.rows(payments.values_list(
            "payer_id", "payer_account_id", "beneficiary_id", "beneficiary_account_id"
        ))
    ]  # fmt: skip
    calls = Call.objects.filter(days).order_by("-start_date", "-id")
    edges += [
        (node_key("phone", a), node_key("phone", b), CALL)
        for a, b in cap.rows(calls.values_list("caller", "receiver"))
    ]
    registered = (timezone.make_aware(datetime.combine(day, time.min)) for day in (first, after))
    parties = CaseParty.objects.filter(
        case__registered_at__gte=next(registered), case__registered_at__lt=next(registered)
    ).order_by("-case_id")
    edges += [
        (node_key("person", p), node_key("case", c), CASE)
        for p, c in cap.rows(parties.values_list("person_id", "case_id"))
    ]
    return edges


def _ties(edges: list[Edge]) -> list[Edge]:
    """Who uses the phones and holds the accounts at the ends of the dated links."""
    ends = {key for a, b, _k in edges for key in (a, b)}
    phones = {rest for kind, rest in map(split_key, ends) if kind == "phone"}
    accounts = {int(rest) for kind, rest in map(split_key, ends) if kind == "account"}
    rows = PersonPhone.objects.filter(number__in=phones).values_list("person_id", "number")
    ties = [(node_key("person", p), node_key("phone", n), "") for p, n in rows.order_by()]
    holders = AccountHolder.objects.filter(account_id__in=accounts)
    ties += [
        (node_key("person", p), node_key("account", a), "")
        for p, a in holders.values_list("person_id", "account_id").order_by()
    ]
    return ties


def _scoped(scope: NetworkScope, merges: Merges, edges: list[Edge]) -> list[Edge]:
    """Edges with persons as a merge keeps them, within the user's part of the network."""
    ends = (split_key(key) for a, b, _k in edges for key in (a, b))
    persons = {int(rest) for kind, rest in ends if kind == "person"}
    merges.load(persons)
    allowed = scope.persons_allowed(persons)

    def keeps(key: str) -> bool:
        kind, rest = split_key(key)
        if kind == "person":
            return int(rest) in allowed
        return kind != "case" or scope.case_allowed(int(rest))

    return [
        (merges.key(a), merges.key(b), k)
        for a, b, k in edges
        if keeps(a) and keeps(b) and merges.key(a) != merges.key(b)
    ]


def _summary(graph: "nx.MultiGraph[str]", group: set[str], at_least: bool) -> ActiveNetwork:
    kinds: Counter[str] = Counter()
    cases = set()
    for a, b, kind in graph.subgraph(group).edges(data="kind"):
        kinds[kind] += 1
        if kind == CASE:
            cases.add(a if a.startswith("case:") else b)
    persons = [key for key in group if key.startswith("person:")]
    persons.sort(key=lambda key: (-graph.degree(key), key))
    return ActiveNetwork(
        persons=[int(split_key(key)[1]) for key in persons],
        payments=kinds[PAYMENT], calls=kinds[CALL], cases=len(cases), at_least=at_least,
    )  # fmt: skip


def active_networks(
    *, scope: NetworkScope, first: date, after: date, top: int = 5
) -> list[ActiveNetwork]:
    """The ``top`` communities with the most payments, calls and case parties dated in
    [first, after), within ``scope``. Reads only; whoever shows them audits."""
    cap = _Capped()
    dated = _dated(first, after, cap)
    merges = Merges()
    edges = _scoped(scope, merges, dated + _ties(dated))
    graph: nx.MultiGraph[str] = nx.MultiGraph()
    for a, b, kind in edges:
        graph.add_edge(a, b, kind=kind)
    if graph.number_of_edges() == 0:
        return []
    groups = nx.community.louvain_communities(nx.Graph(graph), seed=7)
    found = [_summary(graph, set(group), cap.reached) for group in groups]
    found = [network for network in found if network.links and network.persons]
    found.sort(key=lambda n: (-n.links, -n.payments, n.persons))
    return found[:top]
