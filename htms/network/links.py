"""Every link of the network, stored or derived, as one shape: ``Link`` between two node keys.

Node keys name what a node is: ``person:12``, ``case:7``, ``account:3``, ``phone:+923001234567``,
``document:cnic:3520212345671``, ``address:<district id>:<text>``; from dossier facts also
``vehicle:LEA1234``, ``organization:name:<NAME>`` or ``organization:licence:<number>`` and
``place:district:<id>`` (``dossier_links.py``). Keys that carry a number, an address, a
registration or a name never leave the server: presenters give them opaque public keys.

``links_of(nodes)`` reads, for a set of nodes, every link that touches one of them: stored links
(``models.py``) and links derived from cases, the person register and border intake. Person
ids are the records as entered; ``graph.py`` maps them to the record a merge keeps.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypedDict

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from htms.cases.models import CaseParty, Verdict
from htms.intake.models import BorderEvent, LeadAgent, LeadPayment
from htms.network.models import AccountHolder, Call, FamilyTie, Payment, Sourced
from htms.persons.models import IdentityDocument, PersonAddress, PersonPhone, address_value


class LinkKind(models.TextChoices):
    PARTY = "party", _("Party to a case")
    PHONE = "phone", _("Uses a phone")
    ACCOUNT = "account", _("Holds an account")
    ADDRESS = "address", _("Lives at an address")
    DOCUMENT = "document", _("Holds an identity document")
    PAYMENT = "payment", _("Payment")
    CALL = "call", _("Call")
    FAMILY = "family", _("Family")
    TRAVEL = "travel", _("Travelled together")
    LEAD = "lead", _("Named as agent at the border")
    ORGANISATION = "organisation", _("Works through an organisation")
    VEHICLE = "vehicle", _("Uses a vehicle")
    PLACE = "place", _("Operates in a place")


class LinkSource(models.TextChoices):
    """Where a derived link comes from; stored links carry ``models.SourceKind``."""

    CASE = "case", _("Case")
    REGISTER = "register", _("Person register")
    BORDER = "border", _("Border record")
    DOSSIER = "dossier", _("Agents register")


NODE_KINDS = ("person", "case", "account", "phone", "document", "address", "organization",
              "vehicle", "place")  # fmt: skip


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    kind: str
    source_kind: str
    source_ref: str
    start: date | None = None
    end: date | None = None
    case_id: int | None = None
    directed: bool = False
    detail: tuple[tuple[str, Any], ...] = field(default=())
    grading: str = ""  # source reliability and credibility, e.g. "B2"; blank: not graded
    handling: str = ""  # handling code, e.g. "H2"

    @property
    def facts(self) -> dict[str, Any]:
        return dict(self.detail)


def node_key(kind: str, *parts: object) -> str:
    return ":".join([kind, *(str(p) for p in parts)])


def split_key(key: str) -> tuple[str, str]:
    kind, _sep, rest = key.partition(":")
    return kind, rest


def _ids(keys: Iterable[str], kind: str) -> set[int]:
    found = set()
    for key in keys:
        node_kind, rest = split_key(key)
        if node_kind == kind and rest.isdigit():
            found.add(int(rest))
    return found


def _values(keys: Iterable[str], kind: str) -> set[str]:
    return {rest for node_kind, rest in map(split_key, keys) if node_kind == kind and rest}


def person(pk: int | None) -> str:
    return node_key("person", pk)


class Grading(TypedDict):
    grading: str
    handling: str


def graded(record: Sourced) -> Grading:
    """The grading of a stored link, as ``Link`` keeps it: blank when it was not graded."""
    both = record.reliability and record.credibility
    grading = f"{record.reliability}{record.credibility}" if both else ""
    return Grading(grading=grading, handling=record.handling_code)


def links_of(keys: set[str], *, person_ids: set[int]) -> list[Link]:
    """Every link touching one of ``keys``; ``person_ids`` are the person records behind the
    person keys (every record of a merged person)."""
    cases, accounts = _ids(keys, "case"), _ids(keys, "account")
    phones, documents = _values(keys, "phone"), _values(keys, "document")
    addresses = _values(keys, "address")
    found: list[Link] = []
    found += _party_links(Q(person_id__in=person_ids) | Q(case_id__in=cases))
    found += _phone_links(person_ids, phones)
    found += _document_links(person_ids, documents)
    found += _address_links(person_ids, addresses)
    found += _account_links(person_ids, accounts)
    found += _payment_links(person_ids, accounts)
    found += _call_links(phones)
    found += _family_links(person_ids)
    found += _lead_links(person_ids)
    found += _travel_links(person_ids)
    return found


def _party_links(condition: Q) -> list[Link]:
    """A party to a case; ``judged`` when a court gave a verdict on this accused there."""
    judged = Exists(Verdict.objects.filter(accused_id=OuterRef("pk")))
    rows = (
        CaseParty.objects.filter(condition)
        .annotate(judged=judged)
        .values_list(
            "person_id", "case_id", "role", "case__reference", "case__registered_at", "judged"
        )
    )
    return [
        Link(person(p), node_key("case", c), LinkKind.PARTY, LinkSource.CASE, ref,
             start=at.date(), case_id=c, detail=(("role", role), ("judged", judged)))
        for p, c, role, ref, at, judged in rows.order_by()
    ]  # fmt: skip


def _phone_links(person_ids: set[int], numbers: set[str]) -> list[Link]:
    rows = PersonPhone.objects.filter(Q(person_id__in=person_ids) | Q(number__in=numbers))
    return [
        Link(person(p), node_key("phone", n), LinkKind.PHONE, LinkSource.REGISTER, "")
        for p, n in rows.values_list("person_id", "number").order_by()
    ]


def documents_condition(documents: Iterable[str]) -> Q:
    """The identity documents of these ``kind:number`` values: one lookup per kind, which
    the database answers from its index however many numbers there are."""
    numbers: dict[str, set[str]] = {}
    for value in documents:
        kind, _sep, number = value.partition(":")
        numbers.setdefault(kind, set()).add(number)
    condition = Q(pk__in=[])
    for kind, found in sorted(numbers.items()):
        condition |= Q(kind=kind, number__in=sorted(found))
    return condition


def _document_links(person_ids: set[int], documents: set[str]) -> list[Link]:
    condition = Q(person_id__in=person_ids) | documents_condition(documents)
    rows = IdentityDocument.objects.filter(condition).values_list("person_id", "kind", "number")
    return [
        Link(person(p), node_key("document", k, n), LinkKind.DOCUMENT, LinkSource.REGISTER, "")
        for p, k, n in rows.order_by()
    ]


def _address_links(person_ids: set[int], addresses: set[str]) -> list[Link]:
    """The addresses of these persons, and the persons at these addresses, found by the
    address's blind index (its text is sealed at rest)."""
    condition = Q(person_id__in=person_ids) | Q(match__in=sorted(addresses))
    rows = PersonAddress.objects.filter(condition, match__isnull=False)
    return [
        Link(person(p), node_key("address", address_value(d, t)), LinkKind.ADDRESS,
             LinkSource.REGISTER, "")
        for p, d, t in rows.values_list("person_id", "district_id", "text").order_by()
    ]  # fmt: skip


def _account_links(person_ids: set[int], accounts: set[int]) -> list[Link]:
    rows = AccountHolder.objects.filter(Q(person_id__in=person_ids) | Q(account_id__in=accounts))
    return [
        Link(person(h.person_id), node_key("account", h.account_id), LinkKind.ACCOUNT,
             h.source_kind, h.source_ref, h.start_date, h.end_date, h.case_id, **graded(h))
        for h in rows.order_by()
    ]  # fmt: skip


def _payment_links(person_ids: set[int], accounts: set[int]) -> list[Link]:
    rows = Payment.objects.filter(
        Q(payer_id__in=person_ids) | Q(beneficiary_id__in=person_ids)
        | Q(payer_account_id__in=accounts) | Q(beneficiary_account_id__in=accounts)
    )  # fmt: skip
    return [_payment_link(p) for p in rows.order_by()]


def _payment_link(p: Payment) -> Link:
    payer = person(p.payer_id) if p.payer_id else node_key("account", p.payer_account_id)
    to = (
        person(p.beneficiary_id)
        if p.beneficiary_id
        else node_key("account", p.beneficiary_account_id)
    )
    detail = (("amount", p.amount), ("currency", p.currency), ("channel", p.channel))
    return Link(payer, to, LinkKind.PAYMENT, p.source_kind, p.source_ref, p.start_date,
                p.end_date, p.case_id, directed=True, detail=detail, **graded(p))  # fmt: skip


def _call_links(numbers: set[str]) -> list[Link]:
    if not numbers:
        return []
    rows = Call.objects.filter(Q(caller__in=numbers) | Q(receiver__in=numbers))
    return [
        Link(node_key("phone", c.caller), node_key("phone", c.receiver), LinkKind.CALL,
             c.source_kind, c.source_ref, c.started_at.date(), c.started_at.date(), c.case_id,
             directed=True, detail=(("duration", c.duration_seconds),), **graded(c))
        for c in rows.order_by()
    ]  # fmt: skip


def _family_links(person_ids: set[int]) -> list[Link]:
    rows = FamilyTie.objects.filter(Q(person_id__in=person_ids) | Q(relative_id__in=person_ids))
    return [
        Link(person(f.person_id), person(f.relative_id), LinkKind.FAMILY, f.source_kind,
             f.source_ref, f.start_date, f.end_date, f.case_id,
             detail=(("relationship", f.relationship),), **graded(f))
        for f in rows.order_by()
    ]  # fmt: skip


def _lead_links(person_ids: set[int]) -> list[Link]:
    """An interviewee who named an agent the register knows; a payment to that agent."""
    agents = LeadAgent.objects.filter(person__isnull=False).filter(
        Q(person_id__in=person_ids) | Q(event__person_id__in=person_ids)
    )
    rows = agents.values_list(
        "pk", "event_id", "event__person_id", "person_id", "event__occurred_on"
    )
    found = [
        Link(person(who), person(agent), LinkKind.LEAD, LinkSource.BORDER, f"#{event}", day,
             directed=True, detail=(("agent", pk),))
        for pk, event, who, agent, day in rows.order_by()
    ]  # fmt: skip
    payments = LeadPayment.objects.filter(payee_id__in=[pk for pk, *_ in rows])
    for pay in payments.select_related("event", "payee").order_by():
        detail = (("amount", pay.amount), ("currency", pay.currency), ("channel", pay.method))
        found.append(
            Link(person(pay.event.person_id), person(pay.payee.person_id if pay.payee else None),
                 LinkKind.PAYMENT, LinkSource.BORDER, f"#{pay.event_id}",
                 pay.paid_on or pay.event.occurred_on, directed=True, detail=detail)
        )  # fmt: skip
    return found


def _travel_links(person_ids: set[int]) -> list[Link]:
    """Persons returned or offloaded on the same flight or vessel on the same day."""
    mine = BorderEvent.objects.filter(person_id__in=person_ids).exclude(flight_or_vessel="")
    trips = set(mine.values_list("flight_or_vessel", "occurred_on").order_by())
    if not trips:
        return []
    flights, days = {f for f, _day in trips}, {day for _f, day in trips}
    on_them = BorderEvent.objects.filter(flight_or_vessel__in=flights, occurred_on__in=days)
    rows = [
        row
        for row in on_them.values_list(
            "person_id", "flight_or_vessel", "occurred_on", "pk"
        ).order_by("pk")
        if (row[1], row[2]) in trips
    ]
    found = []
    for p, flight, day, pk in rows:
        if p not in person_ids:
            continue
        for other, other_flight, other_day, _pk in rows:
            if other != p and (other_flight, other_day) == (flight, day):
                found.append(
                    Link(person(p), person(other), LinkKind.TRAVEL, LinkSource.BORDER, flight,
                         day, day, detail=(("event", pk),))
                )  # fmt: skip
    return found
