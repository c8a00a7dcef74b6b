"""Taking the next person of a batch: one officer per person, a lapsed hold passes on, and
every new hold is audited. On PostgreSQL, officers claiming at the same moment in threads."""

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from htms.accounts.models import Role, User
from htms.audit.models import AuditEvent
from htms.audit.verify import audit_verify
from htms.conftest import _make_units
from htms.intake.models import BorderEvent, IntakeStatus
from htms.intake.services.processing import CLAIM_MINUTES, border_event_claim_next
from htms.intake.tests.conftest import KARACHI_AIRPORT, deportee, record
from htms.reference.loader import reference_load
from htms.reference.models import Unit


def _events(officer: User, count: int) -> list[BorderEvent]:
    return [
        record(officer, deportee(name=f"Person {n}", cnic=f"42101-{n:07d}-1"))
        for n in range(1, count + 1)
    ]


def _claims(event_id: int) -> list[AuditEvent]:
    rows = AuditEvent.objects.filter(object_type="border_event", object_id=str(event_id))
    return [row for row in rows if "claimed_by" in row.changes]


@pytest.mark.django_db
def test_two_officers_get_different_people_and_keep_their_own(ivan: User, dina: User) -> None:
    first, second = _events(ivan, 2)
    assert border_event_claim_next(actor=ivan) == first
    assert border_event_claim_next(actor=dina) == second
    assert border_event_claim_next(actor=ivan) == first
    assert border_event_claim_next(actor=dina) == second
    first.refresh_from_db()
    assert first.claimed_by == ivan


@pytest.mark.django_db
def test_it_audits_a_new_hold_once(ivan: User) -> None:
    (event,) = _events(ivan, 1)
    border_event_claim_next(actor=ivan)
    border_event_claim_next(actor=ivan)
    (claim,) = _claims(event.pk)
    assert (claim.actor, claim.action) == (ivan, "update")
    assert claim.changes == {"claimed_by": {"old": None, "new": ivan.pk}}


@pytest.mark.django_db
def test_a_lapsed_hold_passes_to_the_next_officer(ivan: User, dina: User) -> None:
    (event,) = _events(ivan, 1)
    border_event_claim_next(actor=ivan)
    assert border_event_claim_next(actor=dina) is None
    lapsed = timezone.now() - timedelta(minutes=CLAIM_MINUTES + 1)
    BorderEvent.objects.filter(pk=event.pk).update(claimed_at=lapsed)
    assert border_event_claim_next(actor=dina) == event
    assert _claims(event.pk)[-1].changes == {"claimed_by": {"old": ivan.pk, "new": dina.pk}}


@pytest.mark.django_db
def test_an_officer_of_another_post_gets_nobody(ivan: User, tariq: User, hana: User) -> None:
    _events(ivan, 1)
    assert border_event_claim_next(actor=tariq) is None
    assert border_event_claim_next(actor=hana) is None


OFFICERS, ROUNDS = 4, 5


@pytest.fixture
def reference_data(django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """The transactional test below starts from the session's reference data and is flushed
    afterwards, reference data included: load it again for the tests that follow."""
    if not Unit.objects.filter(code="T-A").exists():
        reference_load()
        _make_units()
    yield


@pytest.fixture(scope="module")
def reference_data_restored(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest
) -> Iterator[None]:
    yield
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        reference_load()
        if not Unit.objects.filter(code="T-A").exists():
            _make_units()


@pytest.mark.skipif(
    not connection.features.has_select_for_update_skip_locked,
    reason="needs a database with SELECT ... FOR UPDATE SKIP LOCKED (PostgreSQL)",
)
@pytest.mark.django_db(transaction=True)
def test_officers_claiming_at_the_same_moment_never_share_a_person(
    reference_data_restored: None, reference_data: None
) -> None:
    post = Unit.objects.get(code=KARACHI_AIRPORT)
    officers = [
        User.objects.create_user(username=f"officer{n}", unit=post, role=Role.DATA_ENTRY)
        for n in range(OFFICERS)
    ]
    _events(officers[0], OFFICERS * ROUNDS)
    taken: list[int | None] = []
    for _round in range(ROUNDS):
        taken += _claim_together(officers)
        BorderEvent.objects.filter(claimed_by__isnull=False).update(status=IntakeStatus.RELEASED)
    assert None not in taken and len(set(taken)) == OFFICERS * ROUNDS
    assert audit_verify() == []


def _claim_together(officers: list[User]) -> list[int | None]:
    start = threading.Barrier(len(officers))
    results: list[int | None] = []

    def claim(officer: User) -> None:
        try:
            start.wait()
            event = border_event_claim_next(actor=officer)
            results.append(event.pk if event else None)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(officer,)) for officer in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
