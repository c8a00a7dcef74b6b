"""Reads the API needs that have no selector in their own app yet."""

from django.db.models import BooleanField, ExpressionWrapper, QuerySet

from htms.accounts.models import User
from htms.cases.access import case_queryset_for_user
from htms.cases.models import CaseParty
from htms.identity.search import persons_named
from htms.persons.access import identity_visible_condition, person_queryset_for_user
from htms.persons.models import Person


def person_search(*, user: User, q: str = "", cnic: str = "") -> QuerySet[Person]:
    """The persons the user may see, each marked ``identity_visible``.

    ``q`` (name words, each found whole in any spelling the index knows) and ``cnic`` (13
    digits) match only persons whose identity the user
    may see: a match on a masked person would tie the pseudonym to the name searched for.
    """
    persons = person_queryset_for_user(user).annotate(
        identity_visible=ExpressionWrapper(
            identity_visible_condition(user), output_field=BooleanField()
        )
    )
    if q or cnic:
        persons = persons.filter(identity_visible=True)
    if q:
        # Names are sealed at rest: they are found through the search index's name keys.
        named = persons_named(q)
        persons = persons.none() if named is None else persons.filter(pk__in=named)
    if cnic:
        persons = persons.filter(documents__kind="cnic", documents__number=cnic).distinct()
    return persons.select_related("nationality").prefetch_related("documents__country", "phones")


def person_roles(*, user: User, person: Person) -> QuerySet[CaseParty]:
    """The person's roles in the cases the user may see."""
    return (
        CaseParty.objects.filter(person=person, case__in=case_queryset_for_user(user))
        .select_related("case")
        .order_by("case_id", "role")
    )
