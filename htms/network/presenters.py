"""A network as one user may see it: labels, masking and the reason of every link, decided here.

A protected person whose identity the user may not see is their pseudonym. A phone, document,
address or account that such a person holds is shown as "hidden" (to everyone but those with
need-to-know on every holder), and its key is an opaque digest, so that no label, reason, key or
URL ties a pseudonym to a number. Reasons are written from the labels as shown.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from htms.accounts.models import User
from htms.cases.models import Case, PartyRole
from htms.intelligence.models import SourceKind as FactSource
from htms.network.dossier_links import fact_holders
from htms.network.fact_nodes import fact_node_labels
from htms.network.graph import Network
from htms.network.links import (
    Link,
    LinkKind,
    LinkSource,
    documents_condition,
    split_key,
)
from htms.network.models import Account, AccountHolder, Channel, FamilyRelation, SourceKind
from htms.persons.access import identity_visibility
from htms.persons.models import (
    IdentityDocument,
    Person,
    PersonAddress,
    PersonPhone,
    address_value,
)
from htms.persons.presenters import identity_views
from htms.reference.models import District

OPAQUE = ("phone", "document", "address", "vehicle", "organization")
FACT_HELD = ("phone", "address", "account", "vehicle", "organization")  # held through facts
THINGS = ("phone", "document", "address", "account", "vehicle", "organization", "place")
FACT_ONLY = ("vehicle", "organization", "place")  # nodes no record but a dossier fact names
NODE_KINDS = {
    "person": gettext_lazy("Person"),
    "case": gettext_lazy("Case"),
    "account": gettext_lazy("Account"),
    "phone": gettext_lazy("Phone"),
    "document": gettext_lazy("Identity document"),
    "address": gettext_lazy("Address"),
    "organization": gettext_lazy("Organisation"),
    "vehicle": gettext_lazy("Vehicle"),
    "place": gettext_lazy("Place"),
}


@dataclass(frozen=True)
class NodeView:
    key: str  # public: never a number or an address
    kind: str
    label: str
    hidden: bool
    ring: int
    is_synthetic: bool = False

    @property
    def kind_label(self) -> str:
        return str(NODE_KINDS.get(self.kind, self.kind))

    @property
    def url(self) -> str:
        """The network page of a person or a case (pages only: the API names no page)."""
        if self.kind not in ("person", "case"):
            return ""
        return reverse(f"network:{self.kind}", args=[int(split_key(self.key)[1])])


@dataclass(frozen=True)
class LinkView:
    source: str
    target: str
    kind: str
    kind_label: str
    reason: str
    source_text: str
    start: date | None
    end: date | None
    directed: bool
    grading: str = ""  # e.g. "B2", blank when not graded
    handling_code: str = ""
    grading_text: str = ""  # "B2 H2", or where an ungraded link comes from


@dataclass
class NetworkView:
    nodes: dict[str, NodeView]  # by internal key
    links: list[LinkView]
    truncated: bool
    merged: dict[str, list[int]] = field(default_factory=dict)

    def public(self, key: str) -> str:
        return self.nodes[key].key


def public_key(kind: str, rest: str) -> str:
    if kind not in OPAQUE:
        return f"{kind}:{rest}"
    digest = salted_hmac("htms.network.node", f"{kind}:{rest}").hexdigest()[:20]
    return f"{kind}:h{digest}"


def _by_kind(keys: list[str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for key in keys:
        kind, rest = split_key(key)
        grouped.setdefault(kind, []).append(rest)
    return grouped


def _holders(grouped: dict[str, list[str]]) -> dict[str, set[int]]:
    """Internal key -> the persons who hold that phone, document, address or account."""
    holders: dict[str, set[int]] = {}

    def add(key: str, pid: int) -> None:
        holders.setdefault(key, set()).add(pid)

    phones = PersonPhone.objects.filter(number__in=grouped.get("phone", []))
    for number, pid in phones.values_list("number", "person_id").order_by():
        add(f"phone:{number}", pid)
    documents = documents_condition(grouped.get("document", []))
    rows = IdentityDocument.objects.filter(documents).values_list("kind", "number", "person_id")
    for kind, number, pid in rows.order_by():
        add(f"document:{kind}:{number}", pid)
    addresses = PersonAddress.objects.filter(match__in=grouped.get("address", []))
    for district, text, pid in addresses.values_list("district_id", "text", "person_id").order_by():
        add(f"address:{address_value(district, text)}", pid)
    accounts = AccountHolder.objects.filter(
        account_id__in=[int(a) for a in grouped.get("account", []) if a.isdigit()]
    )
    for account, pid in accounts.values_list("account_id", "person_id").order_by():
        add(f"account:{account}", pid)
    wanted = [f"{kind}:{rest}" for kind in FACT_HELD for rest in grouped.get(kind, [])]
    for key, pids in fact_holders(wanted).items():
        for pid in pids:
            add(key, pid)
    return holders


def _person_nodes(user: User, ids: list[str], rings: dict[str, int]) -> dict[str, NodeView]:
    persons = Person.objects.filter(pk__in=[int(i) for i in ids])
    views = identity_views(user, persons)
    return {
        f"person:{pid}": NodeView(
            f"person:{pid}", "person", v.name, not v.visible, rings[f"person:{pid}"],
            v.is_synthetic,
        )
        for pid, v in views.items()
    }  # fmt: skip


def _case_nodes(ids: list[str], rings: dict[str, int]) -> dict[str, NodeView]:
    rows = Case.objects.filter(pk__in=[int(i) for i in ids]).values_list(
        "pk", "reference", "is_synthetic"
    )
    return {
        f"case:{pk}": NodeView(f"case:{pk}", "case", ref, False, rings[f"case:{pk}"], synthetic)
        for pk, ref, synthetic in rows.order_by()
    }  # fmt: skip


def _thing_label(
    kind: str, rest: str, accounts: dict[int, Account], districts: dict[int, District]
) -> str:
    if kind == "phone":
        return rest
    if kind == "document":
        doc_kind, _sep, number = rest.partition(":")
        return f"{doc_kind.upper()} {number}"
    if kind == "address":
        district, _sep, text = rest.partition(":")
        place = districts.get(int(district))
        return f"{text} ({place})" if place else text
    account = accounts.get(int(rest)) if rest.isdigit() else None
    if account is None:
        return _("Account")
    return f"{account} {account.institution}".strip()


HIDDEN = {  # translated where shown
    "phone": gettext_noop("Phone (hidden)"),
    "document": gettext_noop("Identity document (hidden)"),
    "address": gettext_noop("Address (hidden)"),
    "account": gettext_noop("Account (hidden)"),
    "vehicle": gettext_noop("Vehicle (hidden)"),
    "organization": gettext_noop("Organisation (hidden)"),
    "place": gettext_noop("Place (hidden)"),
}


def _thing_nodes(
    user: User, grouped: dict[str, list[str]], rings: dict[str, int]
) -> dict[str, NodeView]:
    holders = _holders(grouped)
    visible = identity_visibility(user, {pid for ids in holders.values() for pid in ids})
    account_ids = [int(a) for a in grouped.get("account", []) if a.isdigit()]
    accounts = Account.objects.in_bulk(account_ids)
    district_ids = {int(a.partition(":")[0]) for a in grouped.get("address", [])}
    districts = District.objects.in_bulk(district_ids - {0})
    labels = fact_node_labels(grouped)
    nodes = {}
    for kind in THINGS:
        for rest in grouped.get(kind, []):
            key = f"{kind}:{rest}"
            hidden = not all(visible[pid] for pid in holders.get(key, ()))
            label = labels.get(key) or _thing_label(kind, rest, accounts, districts)
            label = _(HIDDEN[kind]) if hidden else label
            account = accounts.get(int(rest)) if kind == "account" and rest.isdigit() else None
            synthetic = bool(account and account.is_synthetic)
            nodes[key] = NodeView(
                public_key(kind, rest), kind, label, hidden, rings[key], synthetic
            )
    return nodes


def _source_text(link: Link) -> str:
    labels = {**dict(SourceKind.choices), **dict(LinkSource.choices)}
    text = str(labels.get(link.source_kind, link.source_kind))
    if link.source_kind == LinkSource.DOSSIER:
        via = str(dict(FactSource.choices).get(link.facts.get("via", ""), ""))
        return _("%(register)s: %(source)s %(reference)s") % {
            "register": text, "source": via.lower(), "reference": link.source_ref}  # fmt: skip
    return f"{text} {link.source_ref}".strip()


def grading_text(link: Link) -> str:
    """The grading and handling code of a graded link ("B2 H2"); a link from a case or a
    judgment says so, as it is a record of the case or the court, not graded information."""
    if link.grading:
        return f"{link.grading} {link.handling}".strip()
    if link.kind == LinkKind.PARTY:
        return _("Court judgment") if link.facts.get("judged") else _("Case record")
    return _("Not graded")


def _reason(link: Link, nodes: dict[str, NodeView]) -> str:
    a, b = nodes[link.source].label, nodes[link.target].label
    facts = link.facts
    if link.kind == LinkKind.PARTY:
        role = str(dict(PartyRole.choices).get(facts.get("role", ""), ""))
        return _("%(person)s is %(role)s in case %(case)s") % {
            "person": a,
            "role": role.lower(),
            "case": b,
        }
    if link.kind == LinkKind.PAYMENT:
        channel = str(
            dict(Channel.choices).get(facts.get("channel") or "", facts.get("channel") or "—")
        )
        return _("%(payer)s paid %(amount)s %(currency)s to %(beneficiary)s (%(channel)s)") % {
            "payer": a, "beneficiary": b, "amount": facts["amount"],
            "currency": facts["currency"], "channel": channel,
        }  # fmt: skip
    if link.kind == LinkKind.CALL:
        return _("%(caller)s called %(receiver)s (%(seconds)s seconds)") % {
            "caller": a,
            "receiver": b,
            "seconds": facts.get("duration", 0),
        }
    if link.kind == LinkKind.FAMILY:
        relation = str(dict(FamilyRelation.choices).get(facts.get("relationship", ""), ""))
        return _("%(relative)s is family of %(person)s: %(relationship)s") % {
            "relative": b,
            "person": a,
            "relationship": relation.lower(),
        }
    if link.kind == LinkKind.TRAVEL:
        return _("%(a)s and %(b)s travelled on %(flight)s on the same day") % {
            "a": a,
            "b": b,
            "flight": link.source_ref,
        }
    if link.kind == LinkKind.LEAD:
        return _("%(person)s named %(agent)s as an agent in a border interview") % {
            "person": a,
            "agent": b,
        }
    templates = {
        LinkKind.ORGANISATION: _("%(person)s works through %(thing)s"),
        LinkKind.VEHICLE: _("%(person)s uses the vehicle %(thing)s"),
        LinkKind.PLACE: _("%(person)s operates in %(thing)s"),
        LinkKind.PHONE: _("%(person)s uses %(thing)s"),
        LinkKind.ACCOUNT: _("%(person)s holds %(thing)s"),
        LinkKind.ADDRESS: _("%(person)s lives at %(thing)s"),
        LinkKind.DOCUMENT: _("%(person)s holds %(thing)s"),
    }
    return templates[LinkKind(link.kind)] % {"person": a, "thing": b}


def link_shown(link: Link, nodes: dict[str, NodeView]) -> bool:
    """A dossier fact about a person shown as a pseudonym is not shown: the dossier itself
    shows such a fact as •••."""
    return link.source_kind != LinkSource.DOSSIER or not nodes[link.source].hidden


def link_view(link: Link, nodes: dict[str, NodeView]) -> LinkView:
    return LinkView(
        nodes[link.source].key, nodes[link.target].key, link.kind, str(LinkKind(link.kind).label),
        _reason(link, nodes), _source_text(link), link.start, link.end, link.directed,
        link.grading, link.handling, grading_text(link),
    )  # fmt: skip


def link_views(links: list[Link], nodes: dict[str, NodeView]) -> list[LinkView]:
    return [link_view(link, nodes) for link in links if link_shown(link, nodes)]


def network_view(user: User, network: Network) -> NetworkView:
    """The network with every node labelled and masked for ``user`` and every link explained."""
    grouped = _by_kind(list(network.nodes))
    nodes = _person_nodes(user, grouped.get("person", []), network.nodes)
    nodes.update(_case_nodes(grouped.get("case", []), network.nodes))
    nodes.update(_thing_nodes(user, grouped, network.nodes))
    links = [
        link_view(link, nodes)
        for link in network.links
        if link.source in nodes and link.target in nodes and link_shown(link, nodes)
    ]
    ends = {end for link in links for end in (link.source, link.target)}
    nodes = {
        k: n for k, n in nodes.items() if n.kind not in FACT_ONLY or n.key in ends or n.ring == 0
    }  # a node only a fact shown as ••• names is left out with the fact
    merged = {
        f"person:{kept}": records for kept, records in network.merged.items()
        if not nodes[f"person:{kept}"].hidden
    }  # fmt: skip
    return NetworkView(nodes, links, network.truncated, merged)


def node_json(node: NodeView) -> dict[str, Any]:
    return {"id": node.key, "kind": node.kind, "label": node.label, "hidden": node.hidden,
            "ring": node.ring, "synthetic": node.is_synthetic}  # fmt: skip


def link_json(link: LinkView) -> dict[str, Any]:
    return {
        "source": link.source, "target": link.target, "kind": link.kind,
        "kind_label": link.kind_label, "reason": link.reason, "source_text": link.source_text,
        "directed": link.directed, "start": link.start.isoformat() if link.start else None,
        "end": link.end.isoformat() if link.end else None, "grading": link.grading,
        "handling_code": link.handling_code, "grading_text": link.grading_text,
    }  # fmt: skip


def network_json(view: NetworkView) -> dict[str, Any]:
    """The data the graph view draws and the JSON export: public keys only."""
    return {
        "nodes": [node_json(n) for n in view.nodes.values()],
        "links": [link_json(link) for link in view.links],
        "truncated": view.truncated,
    }
