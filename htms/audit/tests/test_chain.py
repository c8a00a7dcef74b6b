import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from htms.accounts.models import User
from htms.audit.models import AuditEvent, AuditObject
from htms.audit.services import AuditEntry, audit_record, audit_records
from htms.audit.verify import audit_verify
from htms.cases.models import Case

pytestmark = pytest.mark.django_db


def test_it_verifies_an_untouched_chain(tip_case: Case) -> None:
    assert AuditEvent.objects.count() >= 4
    assert audit_verify() == []


def test_it_catches_an_edited_row(tip_case: Case) -> None:
    event = AuditEvent.objects.get(object_type="case")
    AuditEvent.objects.filter(pk=event.pk).update(changes={"reference": "forged"})
    problems = audit_verify()
    assert [p.seq for p in problems] == [event.seq]
    assert "changed after it was written" in problems[0].message


def test_it_catches_a_deleted_row_in_the_middle(tip_case: Case) -> None:
    middle = AuditEvent.objects.order_by("seq")[1]
    middle.delete()
    assert any("missing" in p.message for p in audit_verify())


def test_it_catches_deleted_newest_rows(tip_case: Case) -> None:
    AuditEvent.objects.order_by("-seq").first().delete()  # type: ignore[union-attr]
    assert any("newest rows" in p.message for p in audit_verify())


def test_verify_command_passes_and_fails(alice: User, tip_case: Case) -> None:
    call_command("verify")
    AuditEvent.objects.filter(seq=1).update(actor_label="mallory")
    with pytest.raises(CommandError):
        call_command("verify")


def test_it_records_views_with_the_actor(alice: User, tip_case: Case) -> None:
    event = audit_record(actor=alice, action="view", object_type="case", object_id=tip_case.pk)
    assert event.actor_label == "alice"
    assert event.prev_hash == AuditEvent.objects.get(seq=event.seq - 1).hash


def test_it_chains_rows_appended_in_bulk(alice: User, tip_case: Case) -> None:
    entries = [
        AuditEntry(action="view", object_type=AuditObject.CASE, object_id=tip_case.pk)
        for _ in range(5)
    ]
    last = AuditEvent.objects.order_by("-seq").first()
    assert last is not None
    assert audit_records(actor=alice, entries=entries) == 5
    after = audit_record(actor=alice, action="view", object_type="case", object_id=tip_case.pk)
    bulk = list(AuditEvent.objects.filter(seq__gt=last.seq, seq__lt=after.seq).order_by("seq"))
    assert [e.seq for e in bulk] == list(range(last.seq + 1, last.seq + 6))
    assert bulk[0].prev_hash == last.hash and after.prev_hash == bulk[-1].hash
    assert audit_verify() == []
    AuditEvent.objects.filter(pk=bulk[2].pk).update(object_id="999")
    assert [p.seq for p in audit_verify()] == [bulk[2].seq]


def test_it_refuses_an_unknown_kind_in_bulk_before_writing(alice: User, tip_case: Case) -> None:
    count = AuditEvent.objects.count()
    with pytest.raises(ValueError):
        audit_records(
            actor=alice,
            entries=[AuditEntry(action="peek", object_type=AuditObject.CASE, object_id=1)],
        )
    assert AuditEvent.objects.count() == count
