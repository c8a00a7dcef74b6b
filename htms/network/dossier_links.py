"""Links from the agents register: the standing facts of a dossier that name a phone, an address
or an account, read as links of the network with the fact's grading and handling code.

A phone fact links the agent to the phone of that number (E.164, as the register keys phones),
an address fact to the address of that text and district, an account or hawala fact to every
account recorded with that number. A withdrawn fact links nothing. Who may read which dossier
is decided by the caller (``graph.py``, with ``NetworkScope.dossier_allowed``), since a fact is
need-to-know even where the person is not.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from htms.identity.numbers import phone_key
from htms.intelligence.models import DossierFact, FactKind
from htms.network.links import (
    Link,
    LinkKind,
    LinkSource,
    address_value,
    node_key,
    person,
    split_key,
)
from htms.network.models import Account

ACCOUNT_FACTS = (FactKind.ACCOUNT, FactKind.HAWALA)
LINK_OF_FACT = {
    FactKind.PHONE: LinkKind.PHONE,
    FactKind.ADDRESS: LinkKind.ADDRESS,
    FactKind.ACCOUNT: LinkKind.ACCOUNT,
    FactKind.HAWALA: LinkKind.ACCOUNT,
}


@dataclass(frozen=True)
class _Wanted:
    """The nodes asked for, by kind."""

    phones: set[str]
    addresses: set[str]
    accounts: dict[int, str]  # account id -> its number

    @classmethod
    def of(cls, keys: Iterable[str]) -> "_Wanted":
        split = [split_key(key) for key in keys]
        phones = {rest for kind, rest in split if kind == "phone" and rest}
        addresses = {rest for kind, rest in split if kind == "address" and rest}
        ids = {int(rest) for kind, rest in split if kind == "account" and rest.isdigit()}
        rows = Account.objects.filter(pk__in=ids).values_list("pk", "number").order_by()
        return cls(phones, addresses, dict(rows))


def _condition(wanted: _Wanted) -> Q:
    """Facts that may name one of the nodes wanted; phones are confirmed by their key after
    reading, as a fact keeps the number as the officer wrote it (its last digits are kept)."""
    condition = Q(pk__in=[])
    for number in wanted.phones:
        condition |= Q(kind=FactKind.PHONE, value__endswith=number[-4:])
    for value in wanted.addresses:
        district, _sep, text = value.partition(":")
        place = Q(district_id=int(district)) if int(district) else Q(district__isnull=True)
        condition |= Q(kind=FactKind.ADDRESS, value__iexact=text) & place
    if wanted.accounts:
        condition |= Q(kind__in=ACCOUNT_FACTS, value__in=set(wanted.accounts.values()))
    return condition


def _standing(condition: Q) -> QuerySet[DossierFact]:
    facts = DossierFact.objects.filter(condition, withdrawn_at__isnull=True)
    return facts.filter(kind__in=list(LINK_OF_FACT)).order_by("id")


def _fact_nodes(fact: DossierFact, accounts: dict[str, list[int]]) -> list[str]:
    """The nodes a fact names."""
    if fact.kind == FactKind.PHONE:
        number = phone_key(fact.value)
        return [node_key("phone", number)] if number else []
    if fact.kind == FactKind.ADDRESS:
        return [node_key("address", address_value(fact.district_id, fact.value))]
    return [node_key("account", pk) for pk in accounts.get(fact.value, [])]


def _accounts(facts: list[DossierFact]) -> dict[str, list[int]]:
    numbers = {f.value for f in facts if f.kind in ACCOUNT_FACTS}
    found: dict[str, list[int]] = {}
    rows = Account.objects.filter(number__in=numbers).values_list("number", "pk").order_by("pk")
    for number, pk in rows:
        found.setdefault(number, []).append(pk)
    return found


def _link(fact: DossierFact, node: str) -> Link:
    return Link(
        person(fact.person_id), node, LINK_OF_FACT[FactKind(fact.kind)], LinkSource.DOSSIER,
        fact.source_reference, start=fact.recorded_at.date(), case_id=fact.source_case_id,
        detail=(("fact", fact.pk), ("via", fact.source_kind)),
        grading=f"{fact.reliability}{fact.credibility}", handling=fact.handling_code,
    )  # fmt: skip


def dossier_links(keys: set[str], *, person_ids: set[int]) -> list[Link]:
    """The links of the standing facts about ``person_ids`` and of the facts naming one of
    ``keys`` (a phone, an address, an account)."""
    wanted = _Wanted.of(keys)
    facts = list(_standing(Q(person_id__in=person_ids) | _condition(wanted)))
    accounts = _accounts(facts)
    found = []
    for fact in facts:
        for node in _fact_nodes(fact, accounts):
            if fact.person_id in person_ids or node in keys:
                found.append(_link(fact, node))
    return found


def fact_holders(keys: Iterable[str]) -> dict[str, set[int]]:
    """Node key -> the persons whose standing facts name it: they hold it as much as the
    register's holders do, for masking (``presenters.py``)."""
    keys = set(keys)
    holders: dict[str, set[int]] = {}
    for link in dossier_links(keys, person_ids=set()):
        holders.setdefault(link.target, set()).add(int(split_key(link.source)[1]))
    return holders
