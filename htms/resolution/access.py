"""Who may see and decide which pair of records: the one chokepoint of the review queue.

- Reviewers are circle in-charges (for their unit, their zone if posted at a zonal
  directorate, every unit if posted at headquarters) and the ATU monitoring cell (national).
- A reviewer sees a pair only if they may see both persons (``person_queryset_for_user``)
  **and both identities**: a pair is judged on names, dates and numbers, and a page that
  showed a pseudonym next to a name with "same CNIC" would tie the pseudonym to that name. So
  the monitoring cell reviews pairs of unprotected persons (the agents' register) and pairs
  of victims or smuggled migrants are reviewed by the in-charge of the unit handling them.
- An in-charge's queue holds only pairs touching their own work: at least one person in a
  case they may see or recorded by their unit (every circle sees the national suspects; the
  queue would otherwise be the whole country's).
- Everyone else, and a pair not in the user's queue, gets 404.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from htms.accounts.models import Role, User
from htms.cases.access import case_queryset_for_user
from htms.cases.models import CaseParty
from htms.persons.access import identity_visible_condition, person_queryset_for_user
from htms.persons.models import Person
from htms.resolution.models import MatchLink

REVIEWER_ROLES = frozenset({Role.CIRCLE_INCHARGE, Role.MONITORING_CELL})


def may_review(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.role in REVIEWER_ROLES


def _judgeable_persons(user: User) -> QuerySet[Person]:
    """Persons the user may see, with their identity."""
    return person_queryset_for_user(user).filter(identity_visible_condition(user))


def _own_work(user: User) -> Q:
    """Persons in a case the user may see, or recorded by the user's unit."""
    in_case = Exists(
        CaseParty.objects.filter(person=OuterRef("pk"), case__in=case_queryset_for_user(user))
    )
    return Q(in_case) | Q(created_by_unit_id=user.unit_id)


def links_for_user(user: User) -> QuerySet[MatchLink]:
    """Every pair the user may see and decide."""
    links = MatchLink.objects.all()
    if not may_review(user):
        return links.none()
    judgeable = _judgeable_persons(user)
    links = links.filter(person_a__in=judgeable, person_b__in=judgeable)
    if user.reads_nationally:
        return links
    own = Person.objects.filter(_own_work(user))
    return links.filter(Q(person_a__in=own) | Q(person_b__in=own))


def link_get_for_user(*, user: User, link_id: int) -> MatchLink:
    """The pair, or 404 if the user may not know it exists."""
    try:
        return links_for_user(user).select_related("person_a", "person_b").get(pk=link_id)
    except (MatchLink.DoesNotExist, ValueError, TypeError):
        raise Http404("No such pair.") from None
