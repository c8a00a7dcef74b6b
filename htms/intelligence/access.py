"""Who may read the agents register and dossiers, record graded facts, and run the red book.

Intelligence is need-to-know. The dossier of an agent (graded facts, red-book history) is read:

- nationally by the ATU monitoring cell and analysts;
- by a circle in-charge for agents accused in a case of any unit of their zone (their own unit
  when it reports to no zone);
- by other case writers for agents accused in a case they may see (``case_queryset_for_user``:
  their own unit's cases; the zone's at a zonal directorate; every case at headquarters);
- by the writers of a unit for agents it recorded facts about itself (a tip, a manual entry).

Everyone else (caseworkers, administrators, officers of another zone) gets 404. The agent's
person page keeps the rule of ``htms/persons/access.py`` (every case writer finds suspects);
names are always shown through ``htms.persons.presenters``, so an agent who is also a victim
elsewhere appears under the pseudonym to whoever may not see that identity.

Facts are recorded by case writers and analysts who may read the dossier. Red-book entries are
nominated by case writers posted at a circle, approved or declined by the ATU monitoring cell at
headquarters, and withdrawn by the monitoring cell or the nominating unit's writers. The approved
red book and the black book are read by every case writer and national reader.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from htms.accounts.models import CASE_WRITER_ROLES, NATIONAL_READ_ROLES, Role, User
from htms.cases.access import case_queryset_for_user
from htms.cases.models import Case, CaseParty, PartyRole
from htms.common.errors import NotAllowedError
from htms.intelligence.models import DossierFact, RedBookEntry, RedBookStatus
from htms.persons.models import Person
from htms.reference.models import UnitKind


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def intelligence_may_use(user: User) -> bool:
    """Whether the register, the red book and the black book have anything for this user:
    case writers and national readers. Pages and the menu offer them to these roles only."""
    if not _active(user):
        return False
    return user.role in NATIONAL_READ_ROLES or (
        user.role in CASE_WRITER_ROLES and user.unit_id is not None
    )


def _zone_cases(user: User) -> QuerySet[Case]:
    """The cases of every unit of the in-charge's zone (their own unit without a zone)."""
    unit = user.unit
    assert unit is not None
    zone_id = unit.pk if unit.kind == UnitKind.ZONAL_DIRECTORATE else unit.zone_id
    if zone_id is None:
        return case_queryset_for_user(user)
    return Case.objects.filter(Q(unit__zone_id=zone_id) | Q(unit_id=zone_id))


def _dossier_cases(user: User) -> QuerySet[Case]:
    if user.role == Role.CIRCLE_INCHARGE:
        return _zone_cases(user)
    return case_queryset_for_user(user)


def agent_condition() -> Q:
    """An agent: accused in some case, or the subject of a dossier fact."""
    accused = CaseParty.objects.filter(person=OuterRef("pk"), role=PartyRole.ACCUSED)
    facts = DossierFact.objects.filter(person=OuterRef("pk"))
    return Q(Exists(accused)) | Q(Exists(facts))


def agent_queryset_for_user(user: User) -> QuerySet[Person]:
    """Every agent whose dossier the user may read."""
    persons = Person.objects.all()
    if not _active(user):
        return persons.none()
    if user.role in NATIONAL_READ_ROLES:
        return persons.filter(agent_condition())
    if user.role not in CASE_WRITER_ROLES or user.unit_id is None:
        return persons.none()
    tied = CaseParty.objects.filter(
        person=OuterRef("pk"), role=PartyRole.ACCUSED, case__in=_dossier_cases(user)
    )
    own = DossierFact.objects.filter(person=OuterRef("pk"), recorded_by_unit_id=user.unit_id)
    return persons.filter(Q(Exists(tied)) | Q(Exists(own)))


def agent_get_for_user(*, user: User, person_id: int) -> Person:
    """The agent, or 404 if the user may not read their dossier."""
    try:
        return agent_queryset_for_user(user).get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404("No such agent.") from None


def fact_may_write(user: User) -> bool:
    """Case writers and analysts record facts in the dossiers they may read."""
    return _active(user) and (user.role in CASE_WRITER_ROLES or user.role == Role.ANALYST)


def fact_get_for_user(*, user: User, fact_id: int, write: bool = False) -> DossierFact:
    """A fact of a dossier the user may read (404 otherwise); with ``write``, NotAllowedError
    unless the user may withdraw it: an analyst, or a writer of the unit that recorded it."""
    fact = (
        DossierFact.objects.filter(pk=fact_id, person__in=agent_queryset_for_user(user))
        .select_related("person")
        .first()
    )
    if fact is None:
        raise Http404("No such fact.")
    if write and not _may_withdraw_fact(user, fact):
        raise NotAllowedError()
    return fact


def _may_withdraw_fact(user: User, fact: DossierFact) -> bool:
    if user.role == Role.ANALYST:
        return True
    return fact_may_write(user) and fact.recorded_by_unit_id == user.unit_id


def red_book_may_nominate(user: User) -> bool:
    """Case writers posted at a circle nominate (for agents whose dossier they may read)."""
    unit = user.unit if _active(user) else None
    return unit is not None and user.role in CASE_WRITER_ROLES and unit.kind == UnitKind.CIRCLE


def red_book_may_decide(user: User) -> bool:
    """Headquarters approves or declines a nomination: the ATU monitoring cell."""
    return _active(user) and user.role == Role.MONITORING_CELL


def red_book_may_withdraw(user: User, entry: RedBookEntry) -> bool:
    if red_book_may_decide(user):
        return True
    writer = _active(user) and user.role in CASE_WRITER_ROLES
    return writer and user.unit_id == entry.nominating_unit_id


def red_book_queryset_for_user(user: User) -> QuerySet[RedBookEntry]:
    """The approved red book for every user of intelligence; nominations, declined and withdrawn
    entries for those who may read the agent's dossier."""
    entries = RedBookEntry.objects.all()
    if not intelligence_may_use(user):
        return entries.none()
    if user.role in NATIONAL_READ_ROLES:
        return entries
    return entries.filter(
        Q(status=RedBookStatus.APPROVED) | Q(person__in=agent_queryset_for_user(user))
    )


def red_book_entry_get_for_user(*, user: User, entry_id: int) -> RedBookEntry:
    try:
        return red_book_queryset_for_user(user).select_related("person").get(pk=entry_id)
    except (RedBookEntry.DoesNotExist, ValueError, TypeError):
        raise Http404("No such red-book entry.") from None
