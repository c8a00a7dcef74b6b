"""Organisations, vehicles and places from the agents register as nodes of the network: an
agent linked to the agency he works through, his vehicle and where he operates; shown in the
list view and the FollowTheMoney export, masked with the person."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from htms.accounts.models import User
from htms.intelligence.inputs import FactInput
from htms.intelligence.models import FactKind
from htms.intelligence.services import fact_create
from htms.network.access import network_scope_for_user
from htms.network.graph import LinkFilter, neighbourhood
from htms.network.links import LinkKind
from htms.network.tests.support import two_circles
from htms.network.tests.test_export import PURPOSE, _check_against_the_model
from htms.persons.models import Person
from htms.public.models import LicensedPromoter, PromoterStatus
from htms.reference.models import Country, District
from htms.synthetic.network import SharedHawala
from htms.web.tests.support import client_for

pytestmark = pytest.mark.django_db


def _fact(actor: User, person_id: int, kind: str, value: str = "", **place: str) -> None:
    data = FactInput(kind=kind, value=value, source_kind="manual", source_reference="LIST-3",
                     reliability="C", credibility="3", handling_code="H2", **place)  # fmt: skip
    fact_create(actor=actor, person=Person.objects.get(pk=person_id), data=data)


def _dossiers(hana: User, shared: SharedHawala) -> None:
    district = District.objects.order_by("pk").first()
    country = Country.objects.get(code="OM")
    assert district is not None
    LicensedPromoter.objects.create(
        licence_number="OEP-4410/LHR",
        name="Al Noor Manpower",
        status=PromoterStatus.CANCELLED,
        imported_at=timezone.now(),
    )
    for agent in (shared.agent_a, shared.agent_b):
        _fact(hana, agent, FactKind.ORGANISATION, "Green  Line Overseas")
        _fact(hana, agent, FactKind.AREA, district_code=district.code)
    _fact(hana, shared.agent_a, FactKind.LICENCE, "oep-4410/lhr")
    _fact(hana, shared.agent_a, FactKind.VEHICLE, "LEA-1234")
    _fact(hana, shared.agent_b, FactKind.VEHICLE, "lea 1234")
    _fact(hana, shared.agent_b, FactKind.AREA, country_code=country.code)


def test_an_agency_and_a_vehicle_in_two_dossiers_link_the_agents(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    _dossiers(hana, shared)
    scope = network_scope_for_user(hana)
    for kind, node in ((LinkKind.ORGANISATION, "organization:name:GREEN LINE OVERSEAS"),
                       (LinkKind.VEHICLE, "vehicle:LEA1234")):  # fmt: skip
        only = LinkFilter(kinds=frozenset({kind}))
        network = neighbourhood(scope=scope, roots=[f"person:{shared.agent_a}"], depth=2, only=only)
        assert network.nodes[node] == 1 and network.nodes[f"person:{shared.agent_b}"] == 2


def test_a_place_is_a_node_but_does_not_bring_in_every_agent_of_the_district(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    _dossiers(hana, shared)
    only = LinkFilter(kinds=frozenset({LinkKind.PLACE}))
    scope = network_scope_for_user(hana)
    network = neighbourhood(scope=scope, roots=[f"person:{shared.agent_a}"], depth=3, only=only)
    assert [k for k in network.nodes if k.startswith("place:")] != []
    assert f"person:{shared.agent_b}" not in network.nodes


def test_the_list_view_names_them_and_the_promoters_list_names_the_licence(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    _dossiers(hana, shared)
    page = client_for(hana).get(f"/network/persons/{shared.agent_a}/?depth=1").content.decode()
    assert "Licence OEP-4410/LHR: Al Noor Manpower (Licence cancelled)" in page
    assert "Shahid Gondal" not in page  # depth 1: the agency is there, the other agent is not
    assert "Imran Butt works through GREEN LINE OVERSEAS" in page
    assert "Imran Butt uses the vehicle LEA1234" in page
    data = client_for(hana).get(f"/network/data/?root=person:{shared.agent_a}&depth=1").json()
    kinds = {n["kind"] for n in data["nodes"]}
    assert {"organization", "vehicle", "place"} <= kinds
    assert "LEA1234" not in json.dumps([n["id"] for n in data["nodes"]])  # opaque keys


def test_the_followthemoney_export_holds_them_and_validates(
    alice: User, bob: User, hana: User, tmp_path: Path
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    _dossiers(hana, shared)
    output = tmp_path / "network.jsonl"
    call_command("export", "ftm", "--output", str(output), "--user", "hana", "--purpose", PURPOSE,
                 "--person", str(shared.agent_b), "--depth", "1")  # fmt: skip
    entities = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    _check_against_the_model(entities)
    schemas = {e["schema"] for e in entities}
    assert {"Organization", "Vehicle", "Membership", "UnknownLink"} <= schemas
    [vehicle] = [e for e in entities if e["schema"] == "Vehicle"]
    assert vehicle["properties"]["registrationNumber"] == ["LEA1234"]
    places = [e for e in entities if e["schema"] == "Address"]
    assert ["om"] in [p["properties"].get("country") for p in places]


def test_a_vehicle_of_a_person_shown_as_a_pseudonym_is_not_shown(
    alice: User, bob: User, hana: User
) -> None:
    case_a, _b, shared = two_circles(alice, bob)
    _fact(hana, shared.victim, FactKind.VEHICLE, "LXZ-9090")
    _fact(hana, shared.agent_a, FactKind.VEHICLE, "LXZ 9090")
    response = client_for(hana).get(f"/network/data/?root=case:{case_a.pk}&depth=2")
    text = response.content.decode()
    assert "LXZ" not in text
    vehicles = [n for n in response.json()["nodes"] if n["kind"] == "vehicle"]
    assert [v["label"] for v in vehicles] == ["Vehicle (hidden)"]
