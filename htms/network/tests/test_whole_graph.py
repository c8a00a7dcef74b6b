"""The whole register's links, read at once for whole-graph measures, are the links the pages
read one neighbourhood at a time; exporting the networks is for national readers only."""

from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from htms.accounts.models import User
from htms.common.errors import NotAllowedError
from htms.intake.models import BorderEvent, BorderEventKind, MatchBasis
from htms.intelligence.models import FactKind
from htms.network.access import network_scope_for_user
from htms.network.components import network_components_export
from htms.network.graph import neighbourhood
from htms.network.links import LinkKind
from htms.network.models import Account, Call
from htms.network.tests.support import two_circles
from htms.network.tests.test_grading import _fact, _facts
from htms.network.whole_graph import register_links
from htms.persons.models import Person
from htms.reference.models import Country, Unit
from htms.synthetic.load import catalogue_from_db
from htms.synthetic.networks import plan_networks
from htms.synthetic.networks_load import networks_load

pytestmark = pytest.mark.django_db


def _every_node() -> list[str]:
    persons = [f"person:{pk}" for pk in Person.objects.values_list("pk", flat=True)]
    accounts = [f"account:{pk}" for pk in Account.objects.values_list("pk", flat=True)]
    phones = {f"phone:{n}" for pair in Call.objects.values_list("caller", "receiver") for n in pair}
    return persons + accounts + sorted(phones)


def test_it_reads_the_links_the_pages_read(alice: User, bob: User, hana: User) -> None:
    _a, _b, shared = two_circles(alice, bob)
    _facts(hana, shared)
    _fact(hana, shared.agent_a, FactKind.VEHICLE, "LEA-1234", "B2H2")
    today = timezone.localdate()
    plan = plan_networks(agents=30, networks=3, seed=4, today=today,
                         catalogue=catalogue_from_db(unit_codes=["T-A", "T-B"]))  # fmt: skip
    networks_load(plan=plan, recorder=hana, today=today)
    pages = neighbourhood(scope=network_scope_for_user(hana), roots=_every_node(), depth=1,
                          max_nodes=10**9)  # fmt: skip
    read = {frozenset((link.source, link.target)) for link in pages.links
            if link.kind != LinkKind.PLACE}  # fmt: skip
    whole = {frozenset(pair) for pair in register_links()}
    kinds = {link.kind for link in pages.links}
    assert {LinkKind.PARTY, LinkKind.PAYMENT, LinkKind.CALL, LinkKind.VEHICLE} <= kinds
    assert len(read) > 100
    assert whole == read


def test_it_refuses_the_networks_to_an_officer(alice: User, tmp_path: Path) -> None:
    with pytest.raises(NotAllowedError):
        network_components_export(
            actor=alice, output=tmp_path / "n.csv", purpose="Networks of the register",
            spark=pytest.fail,
        )  # fmt: skip
    assert not (tmp_path / "n.csv").exists()


def test_the_command_refuses_an_officer(alice: User, tmp_path: Path) -> None:
    output = str(tmp_path / "n.csv")
    with pytest.raises(CommandError, match="Only those who read the whole network"):
        call_command("network_components", "--output", output, "--user", "alice",
                     "--purpose", "Networks of the register")  # fmt: skip


def test_it_asks_for_the_purpose(hana: User, tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        network_components_export(actor=hana, output=tmp_path / "n.csv", purpose="why",
                                  spark=pytest.fail)  # fmt: skip


def test_it_joins_fellow_travellers_through_the_first_of_them(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    post = Unit.objects.first()
    assert post is not None
    day, persons = date(2026, 10, 9), sorted([shared.agent_a, shared.agent_b, shared.victim])
    BorderEvent.objects.bulk_create(
        BorderEvent(person_id=pk, kind=BorderEventKind.DEPORTED, post=post,
                    deporting_country=Country.objects.first(), occurred_on=on,
                    flight_or_vessel="PK-214", match_basis=MatchBasis.NEW, recorded_by=hana)
        for pk, on in [*((pk, day) for pk in persons), (persons[0], date(2026, 10, 10))]
    )  # fmt: skip
    scope = network_scope_for_user(hana)
    pages = neighbourhood(scope=scope, roots=[f"person:{pk}" for pk in persons], depth=1)
    travelled = {frozenset((link.source, link.target)) for link in pages.links
                 if link.kind == LinkKind.TRAVEL}  # fmt: skip
    first, *others = (f"person:{pk}" for pk in persons)
    stars = {frozenset((first, other)) for other in others}
    assert len(travelled) == 3 and stars < travelled
    whole = {frozenset(pair) for pair in register_links()}
    assert stars <= whole and frozenset(others) not in whole
