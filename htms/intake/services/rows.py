"""The correction queue: fixing a row, choosing who an ambiguous row is about, or setting a row
aside with a reason. A row is never deleted. Writers of the manifest's post only."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.sealing import sealed_values
from htms.common.versioning import lock_at_version
from htms.intake.access import manifest_row_get_for_user
from htms.intake.fields import FIELD_KEYS
from htms.intake.importer import RowImporter
from htms.intake.models import ManifestRow, MatchBasis, RowStatus

NOT_CORRECTABLE = _("Only a row that needs correction can be corrected.")
NOT_TO_CONFIRM = _("This row is not waiting for a choice of person.")
NOT_A_CANDIDATE = _("Choose one of the persons found for this row, or a new person.")
REASON_NEEDED = _("Say why the row is set aside (for example: not a person, listed twice).")
CANNOT_SET_ASIDE = _("An imported row cannot be set aside.")


def _locked(actor: User, row_id: int, expected_version: int) -> ManifestRow:
    row = manifest_row_get_for_user(user=actor, row_id=row_id, write=True)
    locked = lock_at_version(ManifestRow, pk=row.pk, expected_version=expected_version)
    locked.manifest = row.manifest
    locked.save(update_fields=["version"])
    return locked


def _audit(actor: User, row: ManifestRow, old_status: str, **extra: object) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.MANIFEST_ROW,
        object_id=row.pk,
        changes={"status": {"old": old_status, "new": row.status}, **extra},
    )


@transaction.atomic
def row_correct(
    *, actor: User, row_id: int, expected_version: int, corrections: dict[str, str]
) -> ManifestRow:
    """Applies the officer's values over the row's cells and tries the row again: it is
    imported, or stays in the queue with its new errors. The raw cells are kept as read."""
    row = _locked(actor, row_id, expected_version)
    if row.status != RowStatus.INVALID:
        raise ValidationError({"row": [str(NOT_CORRECTABLE)]})
    old = row.status
    row.corrections = {k: v.strip() for k, v in corrections.items() if k in FIELD_KEYS}
    row.save(update_fields=["corrections"])
    RowImporter(actor=actor, manifest=row.manifest).run([row])
    _audit(actor, row, old, corrections=sealed_values(row.corrections))
    return row


@transaction.atomic
def row_choose_person(
    *, actor: User, row_id: int, expected_version: int, person_id: int | None
) -> ManifestRow:
    """For a row whose numbers several persons carry: records it for the chosen person, or for
    a new person when ``person_id`` is None."""
    row = _locked(actor, row_id, expected_version)
    if row.status != RowStatus.TO_CONFIRM:
        raise ValidationError({"row": [str(NOT_TO_CONFIRM)]})
    if person_id is not None and person_id not in {c["person_id"] for c in row.candidates}:
        raise ValidationError({"person": [str(NOT_A_CANDIDATE)]})
    importer = RowImporter(actor=actor, manifest=row.manifest)
    basis = MatchBasis.OFFICER if person_id is not None else MatchBasis.NEW
    importer.record(row, importer.entry(row), person_id, basis)
    row.save(update_fields=["status", "errors", "border_event", "candidates"])
    _audit(actor, row, RowStatus.TO_CONFIRM, person=person_id)
    return row


@transaction.atomic
def row_set_aside(*, actor: User, row_id: int, expected_version: int, reason: str) -> ManifestRow:
    """Takes a row out of the queue, keeping it and the reason."""
    row = _locked(actor, row_id, expected_version)
    if row.status == RowStatus.IMPORTED:
        raise ValidationError({"row": [str(CANNOT_SET_ASIDE)]})
    if not reason.strip():
        raise ValidationError({"note": [str(REASON_NEEDED)]})
    old = row.status
    row.status, row.note = RowStatus.SET_ASIDE, reason.strip()[:300]
    row.save(update_fields=["status", "note"])
    _audit(actor, row, old, note=row.note)
    return row
