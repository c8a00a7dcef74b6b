"""Who may see which person, and whose identity: the one identity rule of HTMS.

A person is visible to a user who may see a case the person is party to, or who works in the
unit that recorded the person, or at whose border post the person was intercepted, deported or
offloaded. National readers see every person. Case writers also see every **suspect**: a person
accused in some case and protected in none. That is the national register of agents, which
every circle must be able to search before it records an agent again; the suspect's cases stay
as visible as before.

A person is **protected** if they are a victim or a smuggled migrant in any case, if a border
screening found them a possible victim of trafficking or a minor, or if they were referred to a
protection service. Their identity (names, father's name, CNIC, passport, phones, address, date
of birth) is need-to-know: it is shown only to the case writers of a unit that **handles** the
person, that is a unit holding one of the person's cases (in any role), the border post where
the person was intercepted, or the unit that referred them (for a help line, its call-takers).
Everyone else sees the pseudonym, in every case and on every page, so that no page ties a
pseudonym to a name.

Identity data not yet tied to a person (the cells of a manifest row) belongs to the post that
received it: only that post's writers see it (``unit_identity_visible``).

Each ground of the rule is written twice, side by side in this file: as a query condition for
lists and searches, and as sets over a bounded list of ids for pages and search candidates
(``identity_visibility``, ``persons_visible_among``). Tests check that both agree for the whole
test cast; every other module calls these functions rather than restating the rule.
"""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from htms.accounts.models import CASE_WRITER_ROLES, Role, User
from htms.cases.access import case_queryset_for_user
from htms.cases.models import PROTECTED_ROLES, CaseParty, PartyRole
from htms.intake.models import BorderEvent, Classification, Screening
from htms.persons.models import Person
from htms.protection.models import Referral

# What a border screening finds that makes the person protected.
SCREENED_PROTECTED = Q(classification=Classification.POSSIBLE_VICTIM) | Q(minor=True)


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


def persons_visible_among(user: User, person_ids: Iterable[int]) -> set[int]:
    """``person_queryset_for_user`` applied to a bounded list of ids. At most four queries.

    On PostgreSQL, filtering a candidate list through the queryset makes the planner hash every
    case party in the country; this evaluates the same grounds on the candidates' own rows."""
    ids = set(person_ids)
    if not ids or not user.is_authenticated or not user.is_active:
        return set()
    if user.reads_nationally:
        return set(Person.objects.filter(pk__in=ids).values_list("pk", flat=True))
    parties = list(
        CaseParty.objects.filter(person_id__in=ids)
        .values_list("person_id", "case_id", "role")
        .order_by()
    )
    seen_cases = set(
        case_queryset_for_user(user)
        .filter(pk__in={case_id for _, case_id, _ in parties})
        .order_by()
        .values_list("pk", flat=True)
    )
    visible = {p for p, case_id, _ in parties if case_id in seen_cases}
    if user.role not in CASE_WRITER_ROLES or user.unit_id is None:
        return visible
    at_my_post = Exists(BorderEvent.objects.filter(person=OuterRef("pk"), post_id=user.unit_id))
    own = Person.objects.filter(Q(created_by_unit_id=user.unit_id) | Q(at_my_post), pk__in=ids)
    accused = {p for p, _, role in parties if role == PartyRole.ACCUSED}
    suspects = accused - protected_among(accused)
    return visible | set(own.values_list("pk", flat=True)) | suspects


def protected_condition() -> Q:
    """Victim or smuggled migrant in some case, screened at the border as a possible victim
    or a minor, or referred to a protection service."""
    in_case = CaseParty.objects.filter(person=OuterRef("pk"), role__in=PROTECTED_ROLES)
    screened = Screening.objects.filter(SCREENED_PROTECTED, event__person=OuterRef("pk"))
    referred = Referral.objects.filter(person=OuterRef("pk"))
    return Q(Exists(in_case)) | Q(Exists(screened)) | Q(Exists(referred))


def protected_among(person_ids: Iterable[int]) -> set[int]:
    """``protected_condition`` applied to a bounded list of ids. One query."""
    ids = set(person_ids)
    if not ids:
        return set()
    protected = Person.objects.filter(protected_condition(), pk__in=ids)
    return set(protected.values_list("pk", flat=True))


def suspect_condition() -> Q:
    """Accused in some case, and not protected."""
    accused = CaseParty.objects.filter(person=OuterRef("pk"), role=PartyRole.ACCUSED)
    return Q(Exists(accused)) & ~protected_condition()


def suspects_among(person_ids: Iterable[int]) -> set[int]:
    """``suspect_condition`` applied to a bounded list of ids. Two queries."""
    accused = CaseParty.objects.filter(person_id__in=set(person_ids), role=PartyRole.ACCUSED)
    candidates = set(accused.values_list("person_id", flat=True))
    return candidates - protected_among(candidates)


def person_get_for_user(*, user: User, person_id: int) -> Person:
    """The person, or 404 if the user may not know they exist."""
    try:
        return person_queryset_for_user(user).get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404("No such person.") from None


def _handling_unit(user: User) -> int | None:
    """The unit whose cases, border events and referrals give this user need-to-know, if any.
    A help line's call-takers handle the persons their help line referred."""
    if user.is_authenticated and user.is_active and user.role in CASE_WRITER_ROLES:
        return user.unit_id
    if user.is_authenticated and user.is_active and user.role == Role.CALL_TAKER:
        return user.unit_id
    return None


def unit_identity_visible(user: User, unit_id: int | None) -> bool:
    """Whether the user may see identity data held by the unit ``unit_id`` before it is tied
    to a person (the cells of a manifest row the post received): its writers only."""
    handling = _handling_unit(user)
    return handling is not None and handling == unit_id


def _handled_among(unit_id: int | None, ids: set[int]) -> set[int]:
    if unit_id is None or not ids:
        return set()
    handled = Person.objects.filter(_handled_condition(unit_id), pk__in=ids)
    return set(handled.values_list("pk", flat=True))


def _handled_condition(unit_id: int) -> Q:
    """Party to a case of the unit (in any role), intercepted at the unit's post, or referred by
    the unit to a protection service."""
    in_case = CaseParty.objects.filter(person=OuterRef("pk"), case__unit_id=unit_id)
    at_post = BorderEvent.objects.filter(person=OuterRef("pk"), post_id=unit_id)
    referred = Referral.objects.filter(person=OuterRef("pk"), from_unit_id=unit_id)
    return Q(Exists(in_case)) | Q(Exists(at_post)) | Q(Exists(referred))


def identity_visibility(user: User, person_ids: Iterable[int]) -> dict[int, bool]:
    """For each person id, whether the user may see that person's identity. At most two
    queries."""
    ids = set(person_ids)
    if not ids:
        return {}
    protected = protected_among(ids)
    handled = _handled_among(_handling_unit(user), protected)
    return {pid: pid not in protected or pid in handled for pid in ids}


def person_identity_visible(user: User, person: Person) -> bool:
    return identity_visibility(user, [person.pk])[person.pk]


def identity_visible_condition(user: User) -> Q:
    """``identity_visibility`` as a query condition, for lists and searches."""
    condition = ~protected_condition()
    unit_id = _handling_unit(user)
    if unit_id is not None:
        condition |= _handled_condition(unit_id)
    return condition
