"""Migration audit 0003 re-signs an intact plain SHA-256 chain under the key, and refuses to
re-sign a chain that does not check out."""

import hashlib
import importlib

import pytest
from django.apps import apps

from htms.audit.models import AuditChainHead, AuditEvent
from htms.audit.verify import audit_verify
from htms.cases.models import Case

pytestmark = pytest.mark.django_db

# A module name starting with a digit can only be imported by name.
MIGRATION = importlib.import_module("htms.audit.migrations.0003_keyed_chain_seals_checkpoints")


def _as_before_the_key() -> None:
    """Rewrites the chain as the release before the key wrote it: plain SHA-256, no seals."""
    prev = "0" * 64
    for event in AuditEvent.objects.order_by("seq"):
        event.seals, event.prev_hash = {}, prev
        event.hash = hashlib.sha256(MIGRATION._body(event, False)).hexdigest()
        event.save(update_fields=["seals", "prev_hash", "hash"])
        prev = event.hash
    AuditChainHead.objects.filter(pk=1).update(last_hash=prev)


def test_it_signs_an_intact_old_chain_under_the_key(tip_case: Case) -> None:
    _as_before_the_key()
    assert audit_verify()  # the old hashes fail, and nothing is sealed
    MIGRATION.rekey_chain(apps, None)
    assert [p.message for p in audit_verify()][:1] == [
        f"case {tip_case.pk} has no audited write: added in the database"
    ]
    assert not [p for p in audit_verify() if p.seq is not None]


def test_it_refuses_to_sign_an_old_chain_that_was_tampered_with(tip_case: Case) -> None:
    _as_before_the_key()
    AuditEvent.objects.filter(seq=2).update(actor_label="mallory")
    with pytest.raises(RuntimeError, match="does not check out at row 2"):
        MIGRATION.rekey_chain(apps, None)
