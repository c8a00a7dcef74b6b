"""Reads the officer pages own: saved searches, case documents, a case's audit trail."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from htms.accounts.models import User
from htms.audit.models import AuditEvent, AuditObject
from htms.cases.audit_access import case_audit_visible
from htms.cases.models import Case
from htms.common.errors import NotAllowedError
from htms.web.models import CaseDocument, SavedSearch

AUDIT_TRAIL_ROWS = 200


def _ids(pks: Iterable[int]) -> list[str]:
    return [str(pk) for pk in pks]


def saved_searches_for(*, user: User) -> QuerySet[SavedSearch]:
    """Only the user's own saved searches."""
    return SavedSearch.objects.filter(user=user)


def case_documents(*, case: Case) -> QuerySet[CaseDocument]:
    """The documents of a case the caller got from the access chokepoint."""
    return CaseDocument.objects.filter(case=case).select_related("added_by")


def case_audit_trail(*, user: User, case: Case, limit: int = AUDIT_TRAIL_ROWS) -> list[AuditEvent]:
    """The newest audit rows about the case, its parties, hearings, stage changes and
    documents. ``case`` comes from ``case_detail`` (prefetched); only users that
    ``case_audit_visible`` allows."""
    if not case_audit_visible(user, case):
        raise NotAllowedError()
    related = {
        AuditObject.CASE_PARTY: _ids(p.pk for p in case.parties.all()),
        AuditObject.HEARING: _ids(h.pk for h in case.hearings.all()),
        AuditObject.STAGE_CHANGE: _ids(c.pk for c in case.stage_changes.all()),
        AuditObject.CASE_DOCUMENT: _ids(case_documents(case=case).values_list("pk", flat=True)),
    }
    about = Q(object_type=AuditObject.CASE, object_id=str(case.pk))
    for object_type, object_ids in related.items():
        about |= Q(object_type=object_type, object_id__in=object_ids)
    return list(AuditEvent.objects.filter(about).select_related("actor").order_by("-seq")[:limit])
