"""Who may see which person, and whose identity.

A person is visible to a user who may see a case the person is party to, or who works in the
unit that recorded the person. National readers see every person. A person who is a victim or
smuggled migrant in any case shows their identity only if the user has need-to-know on one of
those cases, or knows the person in another, unprotected role (a witness, a complainant, an
accused) in a case they may see; otherwise the user sees the pseudonym.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from htms.accounts.models import CASE_WRITER_ROLES, User
from htms.cases.access import case_queryset_for_user
from htms.cases.models import PROTECTED_ROLES, CaseParty
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
    recorded_here = Q(created_by_unit_id=user.unit_id) if user.unit_id else Q(pk__in=[])
    if user.role not in CASE_WRITER_ROLES:
        recorded_here = Q(pk__in=[])
    return persons.filter(in_visible_case | recorded_here)


def person_get_for_user(*, user: User, person_id: int) -> Person:
    """The person, or 404 if the user may not know they exist."""
    try:
        return person_queryset_for_user(user).get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404("No such person.") from None


def person_identity_visible(user: User, person: Person) -> bool:
    links = list(CaseParty.objects.filter(person=person).values_list("role", "case__unit_id"))
    protected_units = {unit for role, unit in links if role in PROTECTED_ROLES}
    if not protected_units:
        return True
    if user.role in CASE_WRITER_ROLES and user.unit_id in protected_units:
        return True
    return (
        CaseParty.objects.filter(person=person, case__in=case_queryset_for_user(user))
        .exclude(role__in=PROTECTED_ROLES)
        .exists()
    )
