"""``verify`` reports what a direct database edit did to the protected records and to the
chain: a case's stage or FIR number, a person's name or document, a victim's case-party row,
a record added or removed, a chain recomputed with or without the key."""

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError

from htms.accounts.models import User
from htms.audit.chain import event_hash
from htms.audit.checkpoints import audit_checkpoint_create, checkpoint_line
from htms.audit.keys import DEVELOPMENT_KEY, audit_key
from htms.audit.models import AuditChainHead, AuditEvent
from htms.audit.sealing import audit_seal_unsealed
from htms.audit.seals import SEALED_COLUMNS
from htms.audit.verify import audit_verify
from htms.cases.models import Case, CaseParty, Stage
from htms.cases.services.lifecycle import case_request_stage
from htms.conftest import victim_input
from htms.persons.models import IdentityDocument, Person
from htms.persons.services import person_create, person_update

pytestmark = pytest.mark.django_db


def _messages() -> list[str]:
    return [problem.message for problem in audit_verify()]


def _victim(case: Case) -> Person:
    return case.parties.get(role="victim").person


def test_legitimate_writes_leave_nothing_to_report(alice: User, tip_case: Case) -> None:
    case_request_stage(
        actor=alice, case_id=tip_case.pk, expected_version=1, to_stage=Stage.INVESTIGATION
    )
    victim = _victim(tip_case)
    data = replace(victim_input(), full_name="Sajida Bibi Khan")
    person_update(actor=alice, person_id=victim.pk, expected_version=victim.version, data=data)
    assert audit_verify() == []


@pytest.mark.parametrize(
    ("field", "value"), [("stage", Stage.TRIAL), ("fir_number", "TAMPERED/2026"), ("summary", "")]
)
def test_it_reports_a_case_changed_in_the_database(tip_case: Case, field: str, value: str) -> None:
    Case.objects.filter(pk=tip_case.pk).update(**{field: value})
    assert _messages() == [
        f"case {tip_case.pk} differs from its last audited write "
        f"(row {_last_seal_row('case', tip_case.pk)}): changed in the database directly"
    ]


def test_it_reports_a_deleted_victim_party_row(tip_case: Case) -> None:
    CaseParty.objects.filter(case=tip_case, role="victim").delete()
    assert any(f"case {tip_case.pk} differs" in message for message in _messages())


def test_it_reports_a_person_renamed_in_the_database(tip_case: Case) -> None:
    victim = _victim(tip_case)
    Person.objects.filter(pk=victim.pk).update(full_name="Someone Else")
    assert _messages() == [
        f"person {victim.pk} differs from its last audited write "
        f"(row {_last_seal_row('person', victim.pk)}): changed in the database directly"
    ]


def test_it_reports_a_changed_identity_document(tip_case: Case) -> None:
    victim = _victim(tip_case)
    IdentityDocument.objects.filter(person=victim).update(number="3410199999999")
    assert [m for m in _messages() if f"person {victim.pk} differs" in m]


def test_it_reports_a_person_added_or_deleted_in_the_database(alice: User) -> None:
    kept = person_create(actor=alice, data=victim_input())
    ghost = Person.objects.create(full_name="Inserted by hand")
    Person.objects.filter(pk=kept.pk).delete()
    assert _messages() == [
        f"person {ghost.pk} has no audited write: added in the database",
        f"person {kept.pk} is missing: deleted in the database directly",
    ]


def test_it_reports_rows_rewritten_without_the_key(tip_case: Case) -> None:
    """The old chain (plain SHA-256) could be recomputed by anyone after editing a row."""
    events = list(AuditEvent.objects.order_by("seq"))
    events[0].changes = {"reference": "forged"}
    prev = events[0].prev_hash
    for event in events:
        event.prev_hash = prev
        body = json.dumps({"seq": event.seq, "changes": event.changes, "prev": prev})
        event.hash = hashlib.sha256(body.encode()).hexdigest()
        event.save(update_fields=["changes", "prev_hash", "hash"])
        prev = event.hash
    AuditChainHead.objects.filter(pk=1).update(last_hash=prev)
    assert {p.message for p in audit_verify()} == {"was changed after it was written"}


def _rewrite_with_the_key(seq: int) -> None:
    """What someone holding the key could do: change a row and recompute every hash after it."""
    event = AuditEvent.objects.get(seq=seq)
    event.changes = {"reference": "forged"}
    prev = event.prev_hash
    for later in AuditEvent.objects.filter(seq__gte=seq).order_by("seq"):
        if later.seq == seq:
            later.changes = event.changes
        later.prev_hash = prev
        later.hash = event_hash(later)
        later.save(update_fields=["changes", "prev_hash", "hash"])
        prev = later.hash
    AuditChainHead.objects.filter(pk=1).update(last_hash=prev)


def test_a_chain_rewritten_with_the_key_differs_from_the_exported_checkpoint(
    tip_case: Case,
) -> None:
    lines = [checkpoint_line(audit_checkpoint_create())]
    first_case_row = AuditEvent.objects.get(object_type="case").seq
    _rewrite_with_the_key(first_case_row)
    assert audit_verify() == []  # the key alone cannot tell
    head = AuditChainHead.objects.get(pk=1).last_seq
    (problem,) = audit_verify(checkpoint_lines=lines)
    assert problem.seq == head
    assert problem.message.startswith(f"the chain was rewritten: row {head} differs")


def test_it_reports_a_forged_or_unreadable_checkpoint(tip_case: Case) -> None:
    line = json.loads(checkpoint_line(audit_checkpoint_create()))
    forged = json.dumps({**line, "hash": "f" * 64})
    messages = [p.message for p in audit_verify(checkpoint_lines=[forged, "not json", ""])]
    assert messages == [
        "checkpoint line 1 is not signed with this key",
        "checkpoint line 2 is not a checkpoint",
    ]


def test_it_reports_newest_rows_deleted_after_a_checkpoint(tip_case: Case) -> None:
    lines = [checkpoint_line(audit_checkpoint_create())]
    newest = AuditEvent.objects.order_by("-seq").first()
    assert newest is not None
    AuditEvent.objects.filter(pk=newest.pk).delete()
    previous = AuditEvent.objects.order_by("-seq").first()
    assert previous is not None
    AuditChainHead.objects.filter(pk=1).update(last_seq=previous.seq, last_hash=previous.hash)
    messages = [p.message for p in audit_verify(checkpoint_lines=lines)]
    assert any(m.startswith(f"row {newest.seq}, exported in the checkpoint") for m in messages)


def test_the_commands_export_checkpoints_and_verify_against_them(
    tmp_path: Path, tip_case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "checkpoints.jsonl"
    call_command("audit_checkpoint", output=exported)
    call_command("audit_checkpoint", output=exported)
    assert len(exported.read_text().splitlines()) == 2
    call_command("verify", checkpoints=exported)
    _rewrite_with_the_key(AuditEvent.objects.get(object_type="case").seq)
    call_command("verify")
    with pytest.raises(CommandError, match="problem"):
        call_command("verify", checkpoints=exported)
    assert "the chain was rewritten" in capsys.readouterr().err


def test_sealing_seals_only_records_never_sealed(alice: User, tip_case: Case) -> None:
    ghost = Person.objects.create(full_name="Written before sealing")
    victim = _victim(tip_case)
    Person.objects.filter(pk=victim.pk).update(full_name="Changed by hand")
    assert audit_seal_unsealed() == {"case": 0, "person": 1}
    messages = _messages()
    assert not [m for m in messages if f"person {ghost.pk}" in m]
    assert [m for m in messages if f"person {victim.pk} differs" in m]


def _last_seal_row(kind: str, pk: int) -> int:
    key = f"{kind}:{pk}"
    return max(e.seq for e in AuditEvent.objects.all() if key in e.seals)


def test_production_refuses_a_missing_or_development_key(settings: object) -> None:
    settings.HTMS_ENV = "production"  # type: ignore[attr-defined]
    for key in ("", DEVELOPMENT_KEY, "short"):
        settings.HTMS_AUDIT_KEY = key  # type: ignore[attr-defined]
        with pytest.raises(ImproperlyConfigured):
            audit_key()
    settings.HTMS_AUDIT_KEY = "k" * 40  # type: ignore[attr-defined]
    assert audit_key() == b"k" * 40


def test_another_key_fails_the_whole_chain(settings: object, tip_case: Case) -> None:
    settings.HTMS_AUDIT_KEY = "another-key-" * 4  # type: ignore[attr-defined]
    problems = audit_verify()
    assert problems and all(
        "changed after it was written" in p.message or "differs" in p.message for p in problems
    )


def test_every_sealed_column_exists() -> None:
    """A column renamed or dropped from a protected table must not surprise ``verify``."""
    for model, columns in SEALED_COLUMNS.items():
        assert set(columns) <= {f.attname for f in model._meta.concrete_fields}, model
