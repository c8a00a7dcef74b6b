"""Who may see and change help-line calls and leads: the one chokepoint every page, list, API
answer and service of the help line goes through.

- Call-takers (role "Help-line call-taker") see and record the calls of their help-line unit,
  with the caller's name and number.
- Case writers of a circle see the calls escalated or handed to their circle, with the caller's
  name and number (they must call back), and register those handed to them as cases.
- National readers (ATU monitoring cell, analysts, writers posted at headquarters) see every
  call, but never the caller's name or number: a caller is protected like a victim.
- Everyone else sees no call (404).
- Leads: call-takers of the unit, national readers, and writers of the circle a lead concerns.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from htms.accounts.models import CASE_WRITER_ROLES, Role, User
from htms.helpline.models import Call, Lead
from htms.reference.models import UnitKind


def call_taker(user: User) -> bool:
    """An active call-taker posted at a help-line unit."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.CALL_TAKER
        and user.unit is not None
        and user.unit.kind == UnitKind.HELPLINE
    )


def circle_writer(user: User) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.role in CASE_WRITER_ROLES
        and user.unit is not None
        and user.unit.kind == UnitKind.CIRCLE
    )


def helpline_visible(user: User) -> bool:
    """Whether the help-line pages have anything for the user."""
    if not (user.is_authenticated and user.is_active):
        return False
    return call_taker(user) or circle_writer(user) or user.reads_nationally


def _scope(user: User, unit_field: str) -> Q | None:
    """The condition limiting what the user sees; None means everything."""
    if call_taker(user):
        return Q(**{unit_field: user.unit_id})
    if circle_writer(user):
        return Q(circle_id=user.unit_id)
    if user.is_authenticated and user.is_active and user.reads_nationally:
        return None
    return Q(pk__in=[])


def call_queryset_for_user(user: User) -> QuerySet[Call]:
    scope = _scope(user, "unit_id")
    calls = Call.objects.all()
    return calls if scope is None else calls.filter(scope)


def call_get_for_user(*, user: User, call_id: int) -> Call:
    """The call, or 404 if the user may not know it exists."""
    try:
        calls = call_queryset_for_user(user).select_related(
            "district", "circle", "case", "public_report"
        )
        return calls.get(pk=call_id)
    except (Call.DoesNotExist, ValueError, TypeError):
        raise Http404("No such call.") from None


def caller_identity_visible(user: User, call: Call) -> bool:
    """The caller's name and number: the call's help line and the circle that acts on it."""
    if call_taker(user):
        return user.unit_id == call.unit_id
    return circle_writer(user) and call.circle_id is not None and user.unit_id == call.circle_id


def call_may_write(user: User, call: Call) -> bool:
    """Call-takers of the call's help line change it (triage, call-backs, hand-over, leads)."""
    return call_taker(user) and user.unit_id == call.unit_id


def call_may_register(user: User, call: Call) -> bool:
    """Writers of the circle a call was handed to register it as a case."""
    return circle_writer(user) and call.circle_id == user.unit_id


def lead_queryset_for_user(user: User) -> QuerySet[Lead]:
    scope = _scope(user, "call__unit_id")
    leads = Lead.objects.all()
    return leads if scope is None else leads.filter(scope)
