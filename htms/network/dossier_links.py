"""Links from the agents register: the standing facts of a dossier that name something the network
can hold as a node, read as links with the fact's grading and handling code.

- a phone fact: the phone of that number (E.164, as the register keys phones);
- an address fact: the address of that text and district;
- an account or hawala fact: every account recorded with that number;
- a vehicle fact: the vehicle of that registration (letters and digits, upper case);
- an organisation fact, or a promoter licence: the organisation (an agency by its name, a
  promoter by its licence number, named from the Bureau's list when it is there);
- an area of operation: the place (a district, a country, or the place as written).

A withdrawn fact links nothing. A place is a node but is not read further: every agent of a
district would otherwise join the network; two agents of one network who operate in the same
district meet at it. Who may read which dossier is decided by the caller (``graph.py``, with
``NetworkScope.dossier_allowed``), since a fact is need-to-know even where the person is not.
"""

import re
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.db.models.functions import Right
from django.db.models.lookups import In

from htms.identity.numbers import phone_key
from htms.intelligence.models import DossierFact, FactKind
from htms.network.links import Link, LinkKind, LinkSource, node_key, person
from htms.network.links import split_key as split
from htms.network.models import Account
from htms.persons.models import address_value

ACCOUNT_FACTS = (FactKind.ACCOUNT, FactKind.HAWALA)
LINK_OF_FACT = {
    FactKind.PHONE: LinkKind.PHONE,
    FactKind.ADDRESS: LinkKind.ADDRESS,
    FactKind.ACCOUNT: LinkKind.ACCOUNT,
    FactKind.HAWALA: LinkKind.ACCOUNT,
    FactKind.VEHICLE: LinkKind.VEHICLE,
    FactKind.ORGANISATION: LinkKind.ORGANISATION,
    FactKind.LICENCE: LinkKind.ORGANISATION,
    FactKind.AREA: LinkKind.PLACE,
}
LICENCE, NAME = "licence", "name"
MANY_NAMES = 20


_PLATE = re.compile(r"\b([A-Z]{1,4})[ -]*(\d{1,5})\b")  # LEB-2131, ICT 553, RIK 12


def vehicle_key(text: str) -> str:
    """The registration of a vehicle fact in letters and digits: "White Corolla LEB-2131" and
    "leb 2131" are one vehicle; without a plate, the whole text."""
    value = text.upper()
    plate = _PLATE.search(value)
    return "".join(plate.groups()) if plate else re.sub(r"[^0-9A-Z]", "", value)


def organisation_key(kind: str, text: str) -> str:
    if kind == FactKind.LICENCE:
        return f"{LICENCE}:{re.sub(r'[^0-9A-Z/-]', '', text.upper())}"
    return f"{NAME}:{' '.join(text.upper().split())}"


def _place(fact: DossierFact) -> str | None:
    if fact.district_id:
        return node_key("place", "district", fact.district_id)
    if fact.country_id:
        return node_key("place", "country", fact.country_id)
    text = " ".join(fact.value.split())
    return node_key("place", "text", text.title()) if text else None


def _fact_nodes(fact: DossierFact, accounts: dict[str, list[int]]) -> list[str]:
    """The nodes a fact names."""
    kind, value = fact.kind, fact.value
    if kind == FactKind.PHONE:
        number = phone_key(value)
        return [node_key("phone", number)] if number else []
    if kind == FactKind.ADDRESS:
        return [node_key("address", address_value(fact.district_id, value))]
    if kind in ACCOUNT_FACTS:
        return [node_key("account", pk) for pk in accounts.get(value, [])]
    if kind == FactKind.VEHICLE:
        return [node_key("vehicle", vehicle_key(value))] if vehicle_key(value) else []
    if kind in (FactKind.ORGANISATION, FactKind.LICENCE):
        return [node_key("organization", organisation_key(kind, value))]
    place = _place(fact)
    return [place] if place else []


def _tail(text: str) -> str:
    """The last characters of a number, found in it however it was written."""
    return text[-3:]


def _condition(keys: Iterable[str]) -> Q:
    """Facts that may name one of ``keys``; each is confirmed against the key after reading,
    as a fact keeps a number or name as the officer wrote it (a phone's last four digits are
    the same however it was written). Places are not looked up."""
    condition = Q(pk__in=[])
    accounts, phones, districts = set(), set(), set()
    named: dict[str, set[str]] = {}  # vehicle and organisation facts: kind -> tails
    for kind, rest in map(split, keys):
        if kind == "phone" and rest:
            phones.add(rest[-4:])
        elif kind == "address" and rest:
            districts.add(int(rest.partition(":")[0]))
        elif kind == "account" and rest.isdigit():
            accounts.add(int(rest))
        elif kind == "vehicle" and rest:
            named.setdefault(FactKind.VEHICLE, set()).add(_tail(rest))
        elif kind == "organization" and rest:
            how, _sep, text = rest.partition(":")
            of = FactKind.LICENCE if how == LICENCE else FactKind.ORGANISATION
            named.setdefault(of, set()).add(_tail(text))
    for fact, tails in named.items():
        # A few names are looked up one by one; many would make one condition per name, so
        # every fact of that kind (the agents register's, a few per agent) is read instead.
        if len(tails) > MANY_NAMES:
            condition |= Q(kind=fact)
            continue
        for tail in sorted(tails):
            condition |= Q(kind=fact, value__icontains=tail)
    if phones:  # one set lookup a row, however many phones the ring holds
        condition |= Q(kind=FactKind.PHONE) & Q(In(Right("value", 4), sorted(phones)))
    if districts:  # the address facts of these districts, not one condition per address
        places = Q(district_id__in=sorted(districts - {0}))
        if 0 in districts:
            places |= Q(district__isnull=True)
        condition |= Q(kind=FactKind.ADDRESS) & places
    if accounts:
        numbers = Account.objects.filter(pk__in=accounts).values("number")
        condition |= Q(kind__in=ACCOUNT_FACTS, value__in=numbers)
    return condition


def _standing(condition: Q) -> QuerySet[DossierFact]:
    facts = DossierFact.objects.filter(condition, withdrawn_at__isnull=True)
    return facts.filter(kind__in=list(LINK_OF_FACT)).order_by("id")


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
    ``keys`` (a phone, an address, an account, a vehicle, an organisation)."""
    facts = list(_standing(Q(person_id__in=person_ids) | _condition(keys)))
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
        holders.setdefault(link.target, set()).add(int(split(link.source)[1]))
    return holders
