"""Who may see which person, and whose identity.

A person is visible to a user who may see a case the person is party to, or who works in the
unit that recorded the person, or at whose border post the person was intercepted, deported or
offloaded. National readers see every person. Case writers also see every
**suspect**: a person accused in some case and protected in none. That is the national register
of agents, which every circle must be able to search before it records an agent again; the
suspect's cases stay as visible as before.

A person who is a victim or a smuggled migrant in any case is **protected**. Their identity is
need-to-know: it is shown only to case writers of a unit that holds one of the person's cases
(in any role). Everyone else sees the pseudonym, in every case and on every page, so that no
page ties a pseudonym to a name.
"""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from htms.accounts.models import CASE_WRITER_ROLES, User
from htms.cases.access import case_queryset_for_user
from htms.cases.models import PROTECTED_ROLES, CaseParty, PartyRole
from htms.intake.models import BorderEvent
from htms.persons.models import Person


def person_queryset_for_user(user: User) -> QuerySet[Person]:
    persons = Person.objects.all()
    if not user.is_authenticated or not user.is_active:
        return persons.none()
    if user.reads_nationally:
        return persons
    visible_cases = case_queryset_for_user(user)
    in_visible_case = Exists(
        CaseParty.objects.filter(person=OuterRef("pk"), case__in=visible_cases)
    )
    if user.role in CASE_WRITER_ROLES and user.unit_id is not None:
        at_my_post = Exists(BorderEvent.objects.filter(person=OuterRef("pk"), post_id=user.unit_id))
        return persons.filter(
            in_visible_case | Q(created_by_unit_id=user.unit_id) | at_my_post | suspect_condition()
        )
    return persons.filter(in_visible_case)


def suspect_condition() -> Q:
    """Accused in some case, victim or smuggled migrant in none."""
    accused = CaseParty.objects.filter(person=OuterRef("pk"), role=PartyRole.ACCUSED)
    protected = CaseParty.objects.filter(person=OuterRef("pk"), role__in=PROTECTED_ROLES)
    return Q(Exists(accused)) & ~Q(Exists(protected))


def person_get_for_user(*, user: User, person_id: int) -> Person:
    """The person, or 404 if the user may not know they exist."""
    try:
        return person_queryset_for_user(user).get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404("No such person.") from None


def _handling_unit(user: User) -> int | None:
    """The unit whose cases give this user need-to-know, if any."""
    if user.is_active and user.role in CASE_WRITER_ROLES:
        return user.unit_id
    return None


def identity_visibility(user: User, person_ids: Iterable[int]) -> dict[int, bool]:
    """For each person id, whether the user may see that person's identity. One query."""
    ids = set(person_ids)
    unit_id = _handling_unit(user)
    protected, handled = set(), set()
    links = CaseParty.objects.filter(person_id__in=ids).values_list(
        "person_id", "role", "case__unit_id"
    )
    for person_id, role, case_unit_id in links:
        if role in PROTECTED_ROLES:
            protected.add(person_id)
        if unit_id is not None and case_unit_id == unit_id:
            handled.add(person_id)
    return {pid: pid not in protected or pid in handled for pid in ids}


def person_identity_visible(user: User, person: Person) -> bool:
    return identity_visibility(user, [person.pk])[person.pk]


def identity_visible_condition(user: User) -> Q:
    """``identity_visibility`` as a query condition, for lists and searches."""
    protected = CaseParty.objects.filter(person=OuterRef("pk"), role__in=PROTECTED_ROLES)
    condition = ~Q(Exists(protected))
    unit_id = _handling_unit(user)
    if unit_id is not None:
        handled = CaseParty.objects.filter(person=OuterRef("pk"), case__unit_id=unit_id)
        condition |= Q(Exists(handled))
    return condition
