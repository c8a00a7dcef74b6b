"""Saved case-list searches: each officer keeps their own, nobody else sees them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, QueryDict
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.web.forms.filters import CaseFilterForm
from htms.web.models import SavedSearch

MAX_SAVED_SEARCHES = 50
NAME_MISSING = _("Give the search a name, for example “Overdue TIP cases”.")
NAME_TAKEN = _("You already have a search with this name. Choose another name.")
TOO_MANY = _("You have %(n)d saved searches, the most allowed. Delete one first.")


def saved_search_query(query: str) -> str:
    """The query string kept: only the list's filters, without the page number or empties."""
    params = QueryDict(query)
    kept = QueryDict(mutable=True)
    for name in CaseFilterForm.base_fields:
        values = [v for v in params.getlist(name) if v.strip()]
        if values:
            kept.setlist(name, values)
    return kept.urlencode()


@transaction.atomic
def saved_search_create(*, user: User, name: str, query: str) -> SavedSearch:
    """Keeps the user's current list filters under a name. Any logged-in user, for themself."""
    name = name.strip()
    mine = SavedSearch.objects.filter(user=user)
    if not name:
        raise ValidationError({"name": str(NAME_MISSING)})
    if mine.filter(name=name).exists():
        raise ValidationError({"name": str(NAME_TAKEN)})
    if mine.count() >= MAX_SAVED_SEARCHES:
        raise ValidationError({"name": str(TOO_MANY) % {"n": MAX_SAVED_SEARCHES}})
    search = SavedSearch(user=user, name=name, query=saved_search_query(query))
    search.full_clean()
    search.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type=AuditObject.SAVED_SEARCH,
        object_id=search.pk,
        changes={"name": search.name, "query": search.query},
    )
    return search


@transaction.atomic
def saved_search_delete(*, user: User, search_id: int) -> None:
    """Deletes one of the user's own saved searches; 404 for anyone else's."""
    search = SavedSearch.objects.filter(user=user, pk=search_id).first()
    if search is None:
        raise Http404("No such saved search.")
    audit_record(
        actor=user,
        action=AuditAction.DELETE,
        object_type=AuditObject.SAVED_SEARCH,
        object_id=search.pk,
        changes={"name": search.name, "query": search.query},
    )
    search.delete()
