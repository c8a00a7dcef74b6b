"""Statistics, the search before create and the network's rings read the replica; writes, and
reads inside a transaction of the primary, stay on the primary (``htms/common/replica.py``).

The tests marked ``replica`` run against a real streaming standby
(``HTMS_PG_REPLICA=1 scripts/with-postgres.sh``, as ``scripts/test.sh`` runs them) and are
skipped only when no replica is configured. In a test the replica alias mirrors the test
database: it connects to the standby's copy of it, which lags the primary by a moment.
"""

import time
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from htms.accounts.models import User
from htms.audit.models import AuditEvent, AuditObject
from htms.cases.selectors import CountRow, case_counts
from htms.cases.services.registration import case_register
from htms.common.replica import REPLICA, read_alias, replica_reads
from htms.conftest import _make_units, tip_case_input
from htms.identity.inputs import CandidateQuery
from htms.identity.search import Candidate
from htms.identity.services import candidate_search
from htms.identity.tests.conftest import person
from htms.network.graph import LinkFilter
from htms.network.links import node_key
from htms.network.selectors import person_network
from htms.persons.inputs import DocumentInput
from htms.persons.models import Person
from htms.reference.loader import reference_load
from htms.reference.models import Unit

T = TypeVar("T")
REPLAY_SECONDS = 15.0
CNIC = "35202-5550001-7"


needs_replica = pytest.mark.skipif(
    REPLICA not in settings.DATABASES,
    reason="no replica configured (HTMS_PG_REPLICA=1 scripts/with-postgres.sh starts one)",
)


def eventually(read: Callable[[], T], done: Callable[[T], bool]) -> T:
    """``read()`` again until ``done`` says the replica has replayed what it waits for, or the
    time is up; the last answer either way."""
    deadline = time.monotonic() + REPLAY_SECONDS
    while True:
        value = read()
        if done(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


def in_recovery(alias: str) -> bool:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        row = cursor.fetchone()
    return bool(row and row[0])


def cases_counted(user: User) -> int:
    rows: list[CountRow] = case_counts(user=user)
    return sum(row.cases for row in rows)


@pytest.fixture(scope="module")
def reference_data_restored(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest
) -> Iterator[None]:
    """A transactional test is flushed afterwards, reference data included: load it again for
    the tests that follow."""
    yield
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        reference_load()
        if not Unit.objects.filter(code="T-A").exists():
            _make_units()


@pytest.fixture
def reference_data(reference_data_restored: None) -> None:
    if not Unit.objects.filter(code="T-A").exists():
        reference_load()
        _make_units()


def test_it_reads_the_primary_when_no_replica_is_configured() -> None:
    with override_settings(HTMS_REPLICA_READS=False), replica_reads():
        assert read_alias() == DEFAULT_DB_ALIAS
        assert router.db_for_read(Person) == DEFAULT_DB_ALIAS
        assert router.db_for_write(Person) == DEFAULT_DB_ALIAS


def ali_recorded(alice: User) -> Person:
    return person(
        alice,
        full_name="Muhammad Ali",
        father_name="Ghulam Rasool",
        sex="M",
        documents=[DocumentInput(kind="cnic", number=CNIC)],
    )


def found_ids(candidates: list[Candidate]) -> list[int]:
    return [c.person.pk for c in candidates]


def test_the_search_reads_the_primary_when_no_replica_is_configured(alice: User) -> None:
    """Without a replica the search and its audit row are what they always were."""
    ali = ali_recorded(alice)
    with override_settings(HTMS_REPLICA_READS=False):
        found = candidate_search(user=alice, query=CandidateQuery(cnic=CNIC))
    assert found_ids(found) == [ali.pk]
    assert AuditEvent.objects.filter(object_type=AuditObject.PERSON_SEARCH).count() == 1


@needs_replica
@pytest.mark.replica
@pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPLICA])
@pytest.mark.usefixtures("reference_data")
def test_committed_figures_and_persons_are_read_from_the_replica(alice: User, hana: User) -> None:
    """What the primary committed is read from the standby once replayed; the search's audit
    row is written to the primary. One test: each transactional test reloads reference data."""
    case_register(actor=alice, data=tip_case_input())
    ali = ali_recorded(alice)
    assert in_recovery(REPLICA) and not in_recovery(DEFAULT_DB_ALIAS)
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        with replica_reads():
            counted = eventually(lambda: cases_counted(hana), lambda n: n == 1)
        query = CandidateQuery(cnic=CNIC)
        found = eventually(lambda: candidate_search(user=alice, query=query), bool)
        network = eventually(
            lambda: person_network(user=hana, person_id=ali.pk, depth=1, only=LinkFilter()),
            lambda page: bool(page.view.links),  # her CNIC, once replayed
        )
    assert counted == 1 and found_ids(found) == [ali.pk]
    assert node_key("person", ali.pk) in network.view.nodes and network.view.links
    read = " ".join(q["sql"] for q in on_replica.captured_queries)
    assert "cases_case" in read and "identity_personkey" in read and "audit" not in read
    assert "persons_personphone" in read  # the network's rings
    searches = AuditEvent.objects.filter(object_type=AuditObject.PERSON_SEARCH)
    assert searches.using(DEFAULT_DB_ALIAS).count() >= 1
    with CaptureQueriesContext(connections[REPLICA]) as outside:
        assert cases_counted(hana) == 1
    assert outside.captured_queries == []


@needs_replica
@pytest.mark.replica
@pytest.mark.django_db(databases=[DEFAULT_DB_ALIAS, REPLICA])
def test_writes_and_reads_inside_a_transaction_stay_on_the_primary(alice: User) -> None:
    """An officer's transaction reads what it has written, which the replica cannot have (the
    test runs inside a transaction of the primary, as a service does)."""
    with CaptureQueriesContext(connections[REPLICA]) as on_replica, replica_reads():
        assert router.db_for_write(Person) == DEFAULT_DB_ALIAS
        ali = ali_recorded(alice)
        assert read_alias() == DEFAULT_DB_ALIAS
        found = candidate_search(user=alice, query=CandidateQuery(cnic=CNIC))
    assert found_ids(found) == [ali.pk]
    assert on_replica.captured_queries == []
