"""Reading networks: derived and stored links, merges, scope and filters."""

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection

from htms.accounts.models import User
from htms.network.access import network_scope_for_user
from htms.network.graph import LinkFilter, neighbourhood
from htms.network.links import LinkKind
from htms.network.tests.support import two_circles
from htms.persons.models import Person, PersonAddress
from htms.reference.models import District
from htms.resolution.models import ClusterMember, PersonCluster

pytestmark = pytest.mark.django_db


def test_it_links_an_agent_to_his_case_phone_document_and_the_shared_account(
    alice: User, bob: User, hana: User
) -> None:
    case_a, _case_b, shared = two_circles(alice, bob)
    scope = network_scope_for_user(hana)
    network = neighbourhood(scope=scope, roots=[f"person:{shared.agent_a}"], depth=1)
    kinds = {link.kind for link in network.links}
    assert {LinkKind.PARTY, LinkKind.PHONE, LinkKind.DOCUMENT, LinkKind.ACCOUNT} <= kinds
    assert f"case:{case_a.pk}" in network.nodes
    assert f"account:{shared.account}" in network.nodes


def test_it_reaches_the_other_circles_agent_through_the_account_at_depth_two(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    scope = network_scope_for_user(hana)
    network = neighbourhood(scope=scope, roots=[f"person:{shared.agent_a}"], depth=2)
    assert f"person:{shared.agent_b}" in network.nodes
    assert network.nodes[f"person:{shared.agent_b}"] == 2


def test_it_keeps_only_the_link_kinds_asked_for(alice: User, bob: User, hana: User) -> None:
    _a, _b, shared = two_circles(alice, bob)
    only = LinkFilter(kinds=frozenset({LinkKind.ACCOUNT}))
    network = neighbourhood(
        scope=network_scope_for_user(hana), roots=[f"person:{shared.agent_a}"], depth=2, only=only
    )
    assert {link.kind for link in network.links} == {LinkKind.ACCOUNT}


def test_it_drops_links_outside_the_dates(alice: User, bob: User, hana: User) -> None:
    from datetime import date

    _a, _b, shared = two_circles(alice, bob)
    only = LinkFilter(until=date(2026, 1, 1))
    network = neighbourhood(
        scope=network_scope_for_user(hana), roots=[f"person:{shared.agent_a}"], depth=2, only=only
    )
    assert f"account:{shared.account}" not in network.nodes
    assert all(link.kind != LinkKind.PARTY for link in network.links)


def test_a_merge_joins_links_and_undoing_it_gives_them_back(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    scope = network_scope_for_user(hana)
    cluster = PersonCluster.objects.create()
    ClusterMember.objects.create(cluster=cluster, person_id=shared.agent_a)
    ClusterMember.objects.create(cluster=cluster, person_id=shared.agent_b)
    kept = min(shared.agent_a, shared.agent_b)
    merged = neighbourhood(scope=scope, roots=[f"person:{shared.agent_b}"], depth=1)
    assert merged.roots == [f"person:{kept}"]
    assert f"person:{max(shared.agent_a, shared.agent_b)}" not in merged.nodes
    assert merged.merged[kept] == sorted([shared.agent_a, shared.agent_b])
    cluster.delete()
    undone = neighbourhood(scope=network_scope_for_user(hana),
                           roots=[f"person:{shared.agent_b}"], depth=2)  # fmt: skip
    assert undone.roots == [f"person:{shared.agent_b}"]
    assert f"person:{shared.agent_a}" in undone.nodes


def test_a_circle_incharge_reads_only_what_his_cases_reach(
    alice: User, anne: User, bob: User
) -> None:
    case_a, case_b, shared = two_circles(alice, bob)
    network = neighbourhood(
        scope=network_scope_for_user(anne), roots=[f"person:{shared.agent_a}"], depth=3
    )
    assert f"account:{shared.account}" in network.nodes
    assert f"person:{shared.agent_b}" not in network.nodes
    assert f"case:{case_b.pk}" not in network.nodes


def test_persons_at_one_address_are_linked_however_it_was_typed(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    home, elsewhere = District.objects.order_by("pk")[:2]
    stranger = Person.objects.create(full_name="Nadeem Akhtar")
    for pk, text, district in [
        (shared.agent_a, "House 12, Street 4 Ichhra", home),
        (shared.agent_b, "house 12,  street 4 ICHHRA", home),
        (stranger.pk, "House 12, Street 4 Ichhra", elsewhere),
    ]:
        PersonAddress.objects.create(person_id=pk, text=text, district=district)
    only = LinkFilter(kinds=frozenset({LinkKind.ADDRESS}))
    network = neighbourhood(
        scope=network_scope_for_user(hana), roots=[f"person:{shared.agent_a}"], depth=2, only=only
    )
    assert network.nodes.get(f"person:{shared.agent_b}") == 2
    assert f"person:{stranger.pk}" not in network.nodes


def test_the_migration_indexes_addresses_written_before_it(alice: User, bob: User) -> None:
    _a, _b, shared = two_circles(alice, bob)
    address = PersonAddress.objects.create(person_id=shared.agent_a, text="Mohalla Islamabad")
    PersonAddress.objects.filter(pk=address.pk).update(match=None)
    migration = importlib.import_module("htms.persons.migrations.0004_address_match")
    migration.index_addresses(None, SimpleNamespace(connection=connection))
    assert PersonAddress.objects.filter(match="0:mohalla islamabad").get() == address
