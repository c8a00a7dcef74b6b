"""Who may see and change which referral: the one chokepoint of victim protection.

A referral is seen by the case writers of the unit that made it (``from_unit``) and, once it
is sent, by the caseworkers posted at the unit of the organisation it was made to. Nobody else:
not the zone, headquarters, the monitoring cell, analysts, administrators or another
organisation; for them the referral does not exist (404). What a caseworker sees of the
person is decided by consent (``htms/protection/presenters.py``), never by the identity rule
of case writers.

The directory of organisations is public within HTMS: every logged-in user may read it; only
administrators change it.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from htms.accounts.models import CASE_WRITER_ROLES, Role, User
from htms.helpline.access import call_taker
from htms.protection.models import Referral, Return


def referral_refers(user: User) -> bool:
    """Whether the user may propose referrals: case writers posted at a unit, and help-line
    call-takers (from the calls of their help line)."""
    writer = user.is_active and user.role in CASE_WRITER_ROLES and user.unit_id is not None
    return writer or call_taker(user)


def referral_serves(user: User) -> bool:
    """Whether the user is a caseworker posted at a unit (that of an organisation)."""
    return user.is_active and user.role == Role.CASEWORKER and user.unit_id is not None


def referral_queryset_for_user(user: User) -> QuerySet[Referral]:
    referrals = Referral.objects.all()
    if not user.is_authenticated:
        return referrals.none()
    if referral_refers(user):
        return referrals.filter(from_unit_id=user.unit_id)
    if referral_serves(user):
        # A referral still being prepared has not reached the organisation.
        unit_id = user.unit_id or 0
        return referrals.filter(organisation__unit_id=unit_id, sent_at__isnull=False)
    return referrals.none()


def referral_get_for_user(*, user: User, referral_id: int) -> Referral:
    """The referral, or 404 if the user may not know it exists."""
    try:
        found = referral_queryset_for_user(user).select_related(
            "person", "organisation", "from_unit", "case", "call"
        )
        return found.get(pk=referral_id)
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise Http404("No such referral.") from None


def referral_is_referrer(user: User, referral: Referral) -> bool:
    return referral_refers(user) and user.unit_id == referral.from_unit_id


def referral_is_server(user: User, referral: Referral) -> bool:
    return referral_serves(user) and user.unit_id == referral.organisation.unit_id


def directory_may_edit(user: User) -> bool:
    return user.is_active and user.role == Role.ADMINISTRATOR


def occupancy_may_see(user: User) -> bool:
    """Bed counts identify nobody: case writers, caseworkers and administrators see them."""
    return referral_refers(user) or referral_serves(user) or directory_may_edit(user)


def referral_visible_condition(user: User) -> Q:
    """For joins from other records (stays, plans): the referral's visibility as a condition."""
    ids = referral_queryset_for_user(user).values("pk")
    return Q(referral_id__in=ids)


def return_queryset_for_user(user: User) -> QuerySet[Return]:
    """Returns hang from a referral: seen by whoever may see it, by nobody else."""
    return Return.objects.filter(referral__in=referral_queryset_for_user(user).values("pk"))


def return_get_for_user(*, user: User, return_id: int) -> Return:
    """The return, or 404 if the user may not know it exists."""
    try:
        found = return_queryset_for_user(user).select_related(
            "referral__person", "referral__organisation", "country", "embassy"
        )
        return found.get(pk=return_id)
    except (Return.DoesNotExist, ValueError, TypeError):
        raise Http404("No such return.") from None


def figures_may_see(user: User) -> bool:
    """The protection figures go where the statistics go: case writers and national readers
    (counts of people, withheld below k for everyone)."""
    return user.is_active and (user.role in CASE_WRITER_ROLES or user.reads_nationally)
