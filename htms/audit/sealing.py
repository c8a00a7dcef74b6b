"""Sealing the records written before sealing existed (``htms audit_seal``)."""

from django.db import transaction

from htms.audit.models import AuditAction, AuditEvent, AuditObject
from htms.audit.seals import seals_of, unsealed_ids
from htms.audit.services import audit_record
from htms.cases.models import Case
from htms.persons.models import Person


def _sealed_keys() -> set[str]:
    sealed: set[str] = set()
    for seals in AuditEvent.objects.exclude(seals={}).values_list("seals", flat=True).iterator():
        sealed.update(seals)
    return sealed


def audit_seal_unsealed(*, batch_size: int = 1000) -> dict[str, int]:
    """Writes one audit row per batch of cases or persons that have no seal yet, carrying their
    seals. The command line only; records already sealed are left to ``verify``."""
    sealed = _sealed_keys()
    counts = {"case": 0, "person": 0}
    for kind, model in (("case", Case), ("person", Person)):
        for ids in unsealed_ids(model, kind, sealed, batch_size):
            seals = seals_of(**{f"{kind}_ids": ids})
            with transaction.atomic():
                audit_record(
                    actor=None,
                    action=AuditAction.UPDATE,
                    object_type=AuditObject.SEALS,
                    object_id=f"{kind}:{ids[0]}-{ids[-1]}",
                    changes={"kind": kind, "count": len(ids)},
                    seals=seals,
                )
            counts[kind] += len(ids)
    return counts
