"""Whom a user may find by a search.

``searchable_persons`` states the rule as a queryset, on the persons chokepoint.
``searchable_ids`` applies it to a bounded list of candidate ids: on PostgreSQL, filtering a
candidate list through the queryset makes the planner hash every case party in the country for
each search, so it evaluates the same rule on the candidates' own case parties, with the cases
chokepoint (``case_queryset_for_user``) and ``identity_visibility``. A test checks that both
agree for every member of the test cast.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from htms.accounts.models import CASE_WRITER_ROLES, User
from htms.cases.access import case_queryset_for_user
from htms.cases.models import PROTECTED_ROLES, CaseParty, PartyRole
from htms.persons.access import (
    identity_visibility,
    identity_visible_condition,
    person_queryset_for_user,
    suspect_condition,
)
from htms.persons.models import Person


def searchable_persons(user: User) -> QuerySet[Person]:
    """Whom ``user`` may find by a search. Case writers: the persons they may see whose
    identity they may see (their unit's persons, and the national register of suspects).
    National readers who write no case (monitoring cell, analysts): suspects only, since a
    search by name must not reach victims or witnesses they have no need to know. Everyone
    else: nobody."""
    if not user.is_authenticated or not user.is_active:
        return Person.objects.none()
    if user.role in CASE_WRITER_ROLES:
        return person_queryset_for_user(user).filter(identity_visible_condition(user))
    if user.reads_nationally:
        return Person.objects.filter(suspect_condition())
    return Person.objects.none()


def searchable_ids(user: User, person_ids: Iterable[int]) -> set[int]:
    """The ids among ``person_ids`` that ``user`` may find by a search. At most four queries."""
    ids = set(person_ids)
    if not ids or not user.is_authenticated or not user.is_active:
        return set()
    writer = user.role in CASE_WRITER_ROLES
    if not writer and not user.reads_nationally:
        return set()
    parties = list(
        CaseParty.objects.filter(person_id__in=ids)
        .values_list("person_id", "role", "case_id")
        .order_by()
    )
    accused = {p for p, role, _ in parties if role == PartyRole.ACCUSED}
    protected = {p for p, role, _ in parties if role in PROTECTED_ROLES}
    suspects = (accused - protected) & ids
    if not writer:
        return suspects
    visible = ids if user.reads_nationally else _visible_to_writer(user, ids, parties, suspects)
    shown = identity_visibility(user, visible)
    return {pk for pk in visible if shown[pk]}


def _visible_to_writer(
    user: User, ids: set[int], parties: list[tuple[int, str, int]], suspects: set[int]
) -> set[int]:
    """``person_queryset_for_user`` for a case writer who does not read nationally."""
    case_ids = {case_id for _, _, case_id in parties}
    seen_cases = case_queryset_for_user(user).filter(pk__in=case_ids).order_by()
    seen = set(seen_cases.values_list("pk", flat=True))
    in_seen_case = {p for p, _, case_id in parties if case_id in seen}
    if user.unit_id is None:
        return in_seen_case
    recorded = Person.objects.filter(pk__in=ids, created_by_unit_id=user.unit_id)
    return in_seen_case | set(recorded.values_list("pk", flat=True)) | suspects
