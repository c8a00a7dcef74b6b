"""A network as FollowTheMoney entities (``{"id", "schema", "properties"}``), masked as the
network view is: hidden persons carry only their pseudonym, hidden phones, documents,
addresses and accounts are left out. Field names follow the FtM model (checked against the
``followthemoney`` package in the tests; the package is not needed at run time)."""

import hashlib
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from htms.accounts.models import User
from htms.cases.models import Case, PartyRole
from htms.network.graph import Network
from htms.network.links import Link, LinkKind, split_key
from htms.network.models import Account, Channel
from htms.network.presenters import NetworkView, NodeView, link_shown, link_view
from htms.persons.models import DatePrecision, Person
from htms.reference.models import Country

GENDER = {"M": "male", "F": "female", "X": "other"}
ISO_LENGTH: dict[str, int] = {DatePrecision.YEAR: 4, DatePrecision.MONTH: 7}
Entity = dict[str, Any]


def entity_id(public_key: str) -> str:
    return "htms-" + public_key.replace(":", "-")


def _entity(schema: str, eid: str, **properties: Any) -> Entity:
    props = {}
    for name, value in properties.items():
        values = value if isinstance(value, list) else [value]
        values = [str(v) for v in values if v not in (None, "")]
        if values:
            props[name] = values
    return {"id": eid, "schema": schema, "properties": props}


def _iso(person: Person) -> str:
    if person.birth_date is None:
        return ""
    return person.birth_date.isoformat()[: ISO_LENGTH.get(person.birth_date_precision, 10)]


def _persons(view: NetworkView, extra: dict[str, dict[str, list[str]]]) -> Iterator[Entity]:
    shown = [n for n in view.nodes.values() if n.kind == "person"]
    ids = [int(split_key(n.key)[1]) for n in shown if not n.hidden]
    persons = Person.objects.in_bulk(ids)
    for node in shown:
        pid = int(split_key(node.key)[1])
        if node.hidden or pid not in persons:
            yield _entity("Person", entity_id(node.key), name=node.label)
            continue
        person = persons[pid]
        yield _entity(
            "Person", entity_id(node.key),
            name=[person.full_name, person.full_name_ur], fatherName=person.father_name,
            birthDate=_iso(person), gender=GENDER.get(person.sex, ""),
            nationality=(person.nationality.code.lower() if person.nationality else ""),
            **extra.get(node.key, {}),
        )  # fmt: skip


def _things(view: NetworkView) -> Iterator[Entity]:
    cases = {n.key: n for n in view.nodes.values() if n.kind == "case"}
    rows = Case.objects.in_bulk([int(split_key(k)[1]) for k in cases])
    for key, node in cases.items():
        case = rows.get(int(split_key(key)[1]))
        yield _entity("CourtCase", entity_id(key), name=node.label,
                      caseNumber=case.fir_number if case else "",
                      fileDate=case.registered_at.date().isoformat() if case else "")  # fmt: skip
    accounts = [n for n in view.nodes.values() if n.kind == "account" and not n.hidden]
    found = Account.objects.in_bulk([int(split_key(n.key)[1]) for n in accounts])
    for node in accounts:
        account = found[int(split_key(node.key)[1])]
        yield _entity(
            "BankAccount", entity_id(node.key), accountNumber=account.number,
            bankName=account.institution, accountType=account.get_kind_display(),
        )  # fmt: skip
    for node in view.nodes.values():
        if node.kind == "address" and not node.hidden:
            yield _entity("Address", entity_id(node.key), full=node.label)
    yield from _fact_things(view)


def _fact_things(view: NetworkView) -> Iterator[Entity]:
    """Organisations, vehicles and places, which only dossier facts name; the number or name
    is read from the internal key, never from the public one."""
    for key, node in view.nodes.items():
        kind, rest = split_key(key)
        if node.hidden or kind not in ("organization", "vehicle", "place"):
            continue
        eid = entity_id(node.key)
        if kind == "organization":
            how, _sep, value = rest.partition(":")
            yield _entity("Organization", eid, name=node.label,
                          licenseNumber=value if how == "licence" else "")  # fmt: skip
        elif kind == "vehicle":
            yield _entity("Vehicle", eid, name=node.label, registrationNumber=rest)
        else:
            yield _entity("Address", eid, full=node.label, country=_place_country(rest))


def _place_country(rest: str) -> str:
    kind, _sep, value = rest.partition(":")
    if kind == "district":
        return "pk"
    if kind == "country" and value.isdigit():
        country = Country.objects.filter(pk=int(value)).values_list("code", flat=True).first()
        return (country or "").lower()
    return ""


def _link_id(link: Link) -> str:
    digest = hashlib.sha256(repr(link).encode()).hexdigest()[:24]
    return f"htms-{link.kind}-{digest}"


def _common(link: Link, reason: str) -> dict[str, Any]:
    return {"startDate": link.start.isoformat() if link.start else "",
            "endDate": link.end.isoformat() if link.end else "", "summary": reason}  # fmt: skip


def _link_entity(link: Link, a: NodeView, b: NodeView, reason: str, source: str) -> Entity | None:
    eid, common, facts = _link_id(link), _common(link, reason), link.facts
    common["description"] = source
    if link.kind == LinkKind.PARTY:
        role = str(dict(PartyRole.choices).get(facts.get("role", ""), ""))
        return _entity("CourtCaseParty", eid, party=entity_id(a.key), case=entity_id(b.key),
                       role=role, **common)  # fmt: skip
    if link.kind == LinkKind.ACCOUNT and not b.hidden:
        return _entity("Ownership", eid, owner=entity_id(a.key), asset=entity_id(b.key),
                       role="holder", **common)  # fmt: skip
    if link.kind == LinkKind.DOCUMENT and not b.hidden:
        kind, _sep, number = split_key(link.target)[1].partition(":")
        schema = "Passport" if kind == "passport" else "Identification"
        return _entity(schema, eid, holder=entity_id(a.key), number=number, type=kind.upper(),
                       country="pk" if kind == "cnic" else "", **common)  # fmt: skip
    if link.kind == LinkKind.PAYMENT:
        return _payment(eid, link, a, b, common)
    if link.kind == LinkKind.CALL and not (a.hidden or b.hidden):
        return _entity("Call", eid, callerNumber=split_key(link.source)[1],
                       receiverNumber=split_key(link.target)[1],
                       duration=facts.get("duration", 0), **common)  # fmt: skip
    if link.kind == LinkKind.FAMILY:
        return _entity("Family", eid, person=entity_id(a.key), relative=entity_id(b.key),
                       relationship=facts.get("relationship", ""), **common)  # fmt: skip
    if link.kind == LinkKind.ORGANISATION and not b.hidden:
        return _entity("Membership", eid, member=entity_id(a.key), organization=entity_id(b.key),
                       role=_("works through"), **common)  # fmt: skip
    if link.kind == LinkKind.VEHICLE and not b.hidden:
        return _entity("Ownership", eid, owner=entity_id(a.key), asset=entity_id(b.key),
                       role=_("uses"), **common)  # fmt: skip
    if link.kind == LinkKind.PLACE:
        return _entity("UnknownLink", eid, subject=entity_id(a.key), object=entity_id(b.key),
                       role=_("area of operation"), **common)  # fmt: skip
    if link.kind in (LinkKind.TRAVEL, LinkKind.LEAD):
        return _entity("Associate", eid, person=entity_id(a.key), associate=entity_id(b.key),
                       relationship=str(LinkKind(link.kind).label), **common)  # fmt: skip
    return None


def _payment(eid: str, link: Link, a: NodeView, b: NodeView, common: dict[str, Any]) -> Entity:
    """FtM wants a payer and a beneficiary: an account's side is "the holder of" the account
    (``_account_parties``), with the account itself unless it is hidden."""
    facts = link.facts
    sides: dict[str, Any] = {}
    for node, person_prop, account_prop in ((a, "payer", "payerAccount"),
                                            (b, "beneficiary", "beneficiaryAccount")):  # fmt: skip
        sides[person_prop] = entity_id(node.key) + ("" if node.kind == "person" else "-holder")
        if node.kind != "person" and not node.hidden:
            sides[account_prop] = entity_id(node.key)
    channel = str(dict(Channel.choices).get(facts.get("channel") or "", facts.get("channel") or ""))
    return _entity("Payment", eid, amount=facts["amount"], currency=facts["currency"],
                   date=common["startDate"], purpose=channel, **sides, **common)  # fmt: skip


def _account_parties(network: Network, view: NetworkView) -> Iterator[Entity]:
    """The unnamed holder of each account that pays or is paid."""
    paying = {
        key for link in network.links if link.kind == LinkKind.PAYMENT
        for key in (link.source, link.target) if view.nodes[key].kind == "account"
    }  # fmt: skip
    for key in sorted(paying):
        node = view.nodes[key]
        yield _entity("LegalEntity", entity_id(node.key) + "-holder",
                      name=_("Holder of %(account)s") % {"account": node.label})  # fmt: skip


def _person_extras(network: Network, view: NetworkView) -> dict[str, dict[str, list[str]]]:
    """Phones and addresses of the visible persons, as properties of the person."""
    extra: dict[str, dict[str, list[str]]] = {}
    for link in network.links:
        person, thing = view.nodes[link.source], view.nodes[link.target]
        if person.hidden or thing.hidden or person.kind != "person":
            continue
        props = extra.setdefault(person.key, {})
        if link.kind == LinkKind.PHONE:
            props.setdefault("phone", []).append(split_key(link.target)[1])
        elif link.kind == LinkKind.ADDRESS:
            props.setdefault("addressEntity", []).append(entity_id(thing.key))
    return extra


def ftm_entities(user: User, network: Network, view: NetworkView) -> Iterator[Entity]:
    """The nodes, then the links, of ``network`` as ``view`` shows it to ``user``."""
    yield from _persons(view, _person_extras(network, view))
    yield from _things(view)
    yield from _account_parties(network, view)
    for link in network.links:
        a, b = view.nodes.get(link.source), view.nodes.get(link.target)
        if a is None or b is None or not link_shown(link, view.nodes):
            continue
        explained = link_view(link, view.nodes)
        source = _("%(source)s; grading: %(grading)s") % {
            "source": explained.source_text, "grading": explained.grading_text}  # fmt: skip
        entity = _link_entity(link, a, b, explained.reason, source)
        if entity:
            yield entity
