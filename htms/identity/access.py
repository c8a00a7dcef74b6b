"""Whom a user may find by a search, derived from the identity rule of
``htms/persons/access.py``: the persons the user may see whose identity the user may see.

``searchable_persons`` states it as a queryset; ``searchable_ids`` applies it to a bounded list
of candidate ids with the same module's id-list functions (``persons_visible_among``,
``identity_visibility``, ``suspects_among``), which are kept next to their query conditions.
A test checks that both agree for every member of the test cast.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from htms.accounts.models import CASE_WRITER_ROLES, User
from htms.persons.access import (
    identity_visibility,
    identity_visible_condition,
    person_queryset_for_user,
    persons_visible_among,
    suspect_condition,
    suspects_among,
)
from htms.persons.models import Person


def searchable_persons(user: User) -> QuerySet[Person]:
    """Whom ``user`` may find by a search. Case writers: the persons they may see whose
    identity they may see (their unit's persons, persons seen at their post, and the national
    register of suspects). National readers who write no case (monitoring cell, analysts):
    suspects only, since a search by name must not reach victims or witnesses they have no need
    to know. Everyone else: nobody."""
    if not user.is_authenticated or not user.is_active:
        return Person.objects.none()
    if user.role in CASE_WRITER_ROLES:
        return person_queryset_for_user(user).filter(identity_visible_condition(user))
    if user.reads_nationally:
        return Person.objects.filter(suspect_condition())
    return Person.objects.none()


def may_search_register(user: User) -> bool:
    """Whether ``searchable_persons`` can find anyone at all for this user: case writers and
    national readers. Pages offer the person search to these roles only."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.role in CASE_WRITER_ROLES or user.reads_nationally


def searchable_ids(user: User, person_ids: Iterable[int]) -> set[int]:
    """The ids among ``person_ids`` that ``user`` may find by a search."""
    ids = set(person_ids)
    if not ids or not user.is_authenticated or not user.is_active:
        return set()
    if user.role in CASE_WRITER_ROLES:
        visible = persons_visible_among(user, ids)
        shown = identity_visibility(user, visible)
        return {pk for pk in visible if shown[pk]}
    if user.reads_nationally:
        return suspects_among(ids)
    return set()
