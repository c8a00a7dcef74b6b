"""Every link says how far it can be trusted: the grading and handling code of the fact or the
stored link it comes from, or that it is a case record; dossier facts are links of the network
for those who may read the dossier."""

import csv
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from htms.accounts.models import User
from htms.cases.models import Case
from htms.intelligence.inputs import FactInput
from htms.intelligence.models import DossierFact, FactKind
from htms.intelligence.services import fact_create, fact_withdraw
from htms.intelligence.tests.support import accused_of, convict
from htms.network.access import network_scope_for_user
from htms.network.graph import LinkFilter, neighbourhood
from htms.network.links import LinkKind, LinkSource
from htms.network.tests.support import two_circles
from htms.network.tests.test_export import PURPOSE, _check_against_the_model
from htms.persons.models import Person
from htms.synthetic.network import HAWALA_NUMBER, SharedHawala
from htms.web.tests.support import client_for

pytestmark = pytest.mark.django_db

PHONE = "+923451112233"


def _fact(actor: User, person_id: int, kind: str, value: str, grading: str) -> DossierFact:
    data = FactInput(
        kind=kind,
        value=value,
        source_kind="tip",
        source_reference="TIP-7",
        reliability=grading[0],
        credibility=grading[1],
        handling_code=grading[2:],
    )
    return fact_create(actor=actor, person=Person.objects.get(pk=person_id), data=data)


def _facts(hana: User, shared: SharedHawala) -> DossierFact:
    _fact(hana, shared.agent_b, FactKind.HAWALA, HAWALA_NUMBER, "C3H3")
    _fact(hana, shared.agent_b, FactKind.PHONE, "+92 345 1112233", "A1H1")
    return _fact(hana, shared.agent_a, FactKind.PHONE, "0345-1112233", "B2H2")


def _links(user: User, person_id: int) -> list[dict[str, object]]:
    response = client_for(user).get(f"/network/data/?root=person:{person_id}&depth=1")
    assert response.status_code == 200
    links: list[dict[str, object]] = response.json()["links"]
    return links


def test_it_shows_the_grading_of_a_fact_and_says_a_party_link_is_a_case_record(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    _facts(hana, shared)
    links = _links(hana, shared.agent_a)
    [phone] = [li for li in links if li["kind"] == "phone" and li["grading"]]
    assert [phone["grading"], phone["handling_code"], phone["grading_text"]] == [
        "B2",
        "H2",
        "B2 H2",
    ]
    assert phone["source_text"] == "Agents register: tip TIP-7"
    assert {li["grading_text"] for li in links if li["kind"] == "party"} == {"Case record"}
    assert {li["grading_text"] for li in links if li["kind"] == "account"} == {"Not graded"}
    page = client_for(hana).get(f"/network/persons/{shared.agent_a}/?depth=1").content.decode()
    assert "B2 H2" in page and "Case record" in page


def test_a_phone_in_two_dossiers_links_the_agents_however_it_was_written(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    fact = _facts(hana, shared)
    only = LinkFilter(kinds=frozenset({LinkKind.PHONE}))
    scope = network_scope_for_user(hana)
    network = neighbourhood(scope=scope, roots=[f"person:{shared.agent_a}"], depth=2, only=only)
    assert network.nodes[f"phone:{PHONE}"] == 1 and network.nodes[f"person:{shared.agent_b}"] == 2
    hawala = [li for li in network.links if li.grading == "C3"]
    assert hawala == []  # kinds asked: phones only
    fact_withdraw(actor=hana, fact_id=fact.pk, reason="Number belonged to a relative")
    network = neighbourhood(scope=scope, roots=[f"person:{shared.agent_a}"], depth=2, only=only)
    assert f"phone:{PHONE}" not in network.nodes


def test_a_hawala_fact_links_the_agent_to_the_account_of_that_number(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    _facts(hana, shared)
    links = _links(hana, shared.agent_b)
    graded = [li for li in links if li["kind"] == "account" and li["grading"] == "C3"]
    assert len(graded) == 1 and graded[0]["handling_code"] == "H3"


def test_a_fact_the_reader_may_not_read_or_about_a_pseudonym_is_no_link(
    alice: User, anne: User, bob: User, hana: User
) -> None:
    """Anne may not read the dossier HQ keeps on case A's victim; to Hana the victim is a
    pseudonym. Both read the fact about the accused."""
    case_a, _b, shared = two_circles(alice, bob)
    _fact(hana, shared.victim, FactKind.PHONE, "0345 9998877", "B2H2")
    _fact(hana, shared.agent_a, FactKind.PHONE, "0345 1112233", "B2H2")
    root = [f"case:{case_a.pk}"]
    for user in (anne, hana):
        network = neighbourhood(scope=network_scope_for_user(user), roots=root, depth=2)
        dossier = [li for li in network.links if li.source_kind == LinkSource.DOSSIER]
        assert [li.source for li in dossier] == [f"person:{shared.agent_a}"]
    assert "+923459998877" not in json.dumps(_links(hana, shared.victim))


def test_both_exports_carry_the_grading(alice: User, bob: User, hana: User, tmp_path: Path) -> None:
    _a, _b, shared = two_circles(alice, bob)
    _facts(hana, shared)
    for kind in ("ftm", "i2"):
        call_command(
            "export",
            kind,
            "--output",
            str(tmp_path / kind),
            "--user",
            "hana",
            "--purpose",
            PURPOSE,
            "--person",
            str(shared.agent_b),
            "--depth",
            "1",
        )
    entities = [json.loads(line) for line in (tmp_path / "ftm").read_text().splitlines()]
    _check_against_the_model(entities)
    described = [d for e in entities for d in e["properties"].get("description", [])]
    assert any(d.endswith("grading: Case record") for d in described)
    assert any(d.endswith("grading: C3 H3") for d in described)
    rows = list(csv.DictReader((tmp_path / "i2").open(encoding="utf-8")))
    assert {(r["link_grading"], r["link_handling_code"]) for r in rows if r["link_type"] == "phone"
            } >= {("A1", "H1")}  # fmt: skip


def test_a_party_link_of_a_judged_accused_says_court_judgment(
    anne: User, hana: User, tip_case: Case
) -> None:
    convict(anne, tip_case)
    convicted = accused_of(tip_case).pk
    links = client_for(hana).get(f"/network/data/?root=case:{tip_case.pk}&depth=1").json()["links"]
    texts = {li["source"]: li["grading_text"] for li in links if li["kind"] == "party"}
    assert texts.pop(f"person:{convicted}") == "Court judgment"
    assert set(texts.values()) == {"Case record"}
