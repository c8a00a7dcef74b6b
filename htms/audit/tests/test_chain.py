import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.audit.services import audit_record
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
