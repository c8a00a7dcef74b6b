"""Every link of the register at once, as pairs of node keys, for whole-graph measures.

The pages read the network one neighbourhood at a time (``graph.py``); a measure over the whole
register (its connected components, ``spark.py``) reads every link instead. ``register_links``
gives the same links as ``links.links_of`` and ``dossier_links.dossier_links`` would for every
node, with the same node keys, as plain pairs: rows are streamed from the database in chunks,
as tuples, never as model objects. Two exceptions keep the whole graph the one the pages walk:

- persons who travelled together are joined through the first of them (a star, not every
  pair): the same networks with one link a traveller;
- a place of operation links nothing: the pages never read on from a place (every agent of a
  district would otherwise be one network), so it joins no one here either.

Merges of persons (``htms.resolution``) are given apart (``merged_records``) and applied by the
engine, as ``graph.Merges`` does for a neighbourhood.
"""

from collections.abc import Iterator
from itertools import groupby
from typing import Any

from django.db.models import QuerySet

from htms.cases.models import CaseParty
from htms.intake.models import BorderEvent, LeadAgent, LeadPayment
from htms.intelligence.models import DossierFact, FactKind
from htms.network.dossier_links import ACCOUNT_FACTS, LINK_OF_FACT, _fact_nodes
from htms.network.links import node_key, person
from htms.network.models import Account, AccountHolder, Call, FamilyTie, Payment
from htms.persons.models import IdentityDocument, PersonAddress, PersonPhone, address_value
from htms.resolution.models import ClusterMember

CHUNK = 5000
Pair = tuple[str, str]


def _rows(queryset: QuerySet[Any], *fields: str) -> Iterator[tuple[Any, ...]]:
    return queryset.values_list(*fields).order_by().iterator(chunk_size=CHUNK)


def _held() -> Iterator[Pair]:
    """Parties, and the phones, documents, addresses and accounts persons hold."""
    for p, c in _rows(CaseParty.objects.all(), "person_id", "case_id"):
        yield person(p), node_key("case", c)
    for p, n in _rows(PersonPhone.objects.all(), "person_id", "number"):
        yield person(p), node_key("phone", n)
    for p, k, n in _rows(IdentityDocument.objects.all(), "person_id", "kind", "number"):
        yield person(p), node_key("document", k, n)
    addresses = PersonAddress.objects.filter(match__isnull=False)
    for p, d, t in _rows(addresses, "person_id", "district_id", "text"):
        yield person(p), node_key("address", address_value(d, t))
    for p, a in _rows(AccountHolder.objects.all(), "person_id", "account_id"):
        yield person(p), node_key("account", a)


def _end(person_id: int | None, account_id: int | None) -> str:
    return person(person_id) if person_id else node_key("account", account_id)


def _between() -> Iterator[Pair]:
    """Payments, calls, family ties and agents named at the border."""
    fields = ("payer_id", "payer_account_id", "beneficiary_id", "beneficiary_account_id")
    for payer, payer_account, to, to_account in _rows(Payment.objects.all(), *fields):
        yield _end(payer, payer_account), _end(to, to_account)
    for caller, receiver in _rows(Call.objects.all(), "caller", "receiver"):
        yield node_key("phone", caller), node_key("phone", receiver)
    for p, r in _rows(FamilyTie.objects.all(), "person_id", "relative_id"):
        yield person(p), person(r)
    agents = LeadAgent.objects.filter(person__isnull=False)
    for who, agent in _rows(agents, "event__person_id", "person_id"):
        yield person(who), person(agent)
    paid = LeadPayment.objects.filter(payee__person__isnull=False)
    for who, agent in _rows(paid, "event__person_id", "payee__person_id"):
        yield person(who), person(agent)


def _travel() -> Iterator[Pair]:
    """Each traveller to the first person of the same flight or vessel on the same day."""
    trips = BorderEvent.objects.exclude(flight_or_vessel="").filter(person__isnull=False)
    rows = (
        trips.values_list("flight_or_vessel", "occurred_on", "person_id")
        .order_by("flight_or_vessel", "occurred_on", "person_id")
        .iterator(chunk_size=CHUNK)
    )
    for _trip, group in groupby(rows, key=lambda row: row[:2]):
        first, *others = {row[2]: None for row in group}
        for other in others:
            yield person(first), person(other)


def _account_numbers(numbers: set[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    ordered = sorted(numbers)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        for number, pk in _rows(Account.objects.filter(number__in=chunk), "number", "pk"):
            found.setdefault(number, []).append(pk)
    return found


def _dossier() -> Iterator[Pair]:
    """The standing facts of the agents register that name a node, places left out."""
    kinds = [kind for kind in LINK_OF_FACT if kind != FactKind.AREA]
    facts = DossierFact.objects.filter(withdrawn_at__isnull=True, kind__in=kinds)
    numbers = {number for (number,) in _rows(facts.filter(kind__in=ACCOUNT_FACTS), "value")}
    accounts = _account_numbers(numbers)
    fields = ("person_id", "kind", "value", "district_id")
    for person_id, kind, value, district_id in _rows(facts, *fields):
        # An unsaved fact, so that what a fact names is decided in one place (dossier_links).
        fact = DossierFact(person_id=person_id, kind=kind, value=value, district_id=district_id)
        for node in _fact_nodes(fact, accounts):
            yield person(person_id), node


def register_links() -> Iterator[Pair]:
    """Every link of the register as (one end, other end), person records as entered; a link
    stored twice comes twice."""
    yield from _held()
    yield from _between()
    yield from _travel()
    yield from _dossier()


def merged_records() -> Iterator[tuple[int, int]]:
    """(person record, cluster) of every record a merge of persons joined."""
    yield from _rows(ClusterMember.objects.all(), "person_id", "cluster_id")
