"""Who may see and change which case: the one chokepoint every view, list, export and API
call goes through.

- Case writers (data-entry officer, investigating officer, circle in-charge) see and change
  the cases of their own unit.
- Writers posted at a zonal directorate see the cases of every unit in their zone.
- The ATU monitoring cell, analysts, and writers posted at headquarters read every case.
- Administrators and caseworkers see no case through this function.
- A victim's or smuggled migrant's identity is need-to-know: see ``htms/persons/access.py``.
"""

from django.db.models import QuerySet
from django.http import Http404

from htms.accounts.models import CASE_WRITER_ROLES, Role, User
from htms.cases.models import Case, StageChange
from htms.common.errors import NotAllowedError


def case_queryset_for_user(user: User) -> QuerySet[Case]:
    """Every case the user may know exists."""
    cases = Case.objects.all()
    if not user.is_authenticated or not user.is_active:
        return cases.none()
    if user.reads_nationally:
        return cases
    if user.unit_id is None or user.role not in CASE_WRITER_ROLES:
        return cases.none()
    if user.supervises_zone:
        return cases.filter(unit__zone_id=user.unit_id) | cases.filter(unit_id=user.unit_id)
    return cases.filter(unit_id=user.unit_id)


def case_may_write(user: User, case: Case) -> bool:
    return (
        user.is_active
        and user.role in CASE_WRITER_ROLES
        and user.unit_id is not None
        and case.unit_id == user.unit_id
    )


def case_may_approve(user: User, case: Case) -> bool:
    """Challan and closure are approved by the circle in-charge of the case's unit."""
    return case_may_write(user, case) and user.role == Role.CIRCLE_INCHARGE


def case_get_for_user(*, user: User, case_id: int, write: bool = False) -> Case:
    """The case, or 404 if the user may not know it exists; NotAllowedError if they may see
    it but ``write`` is asked and they may not change it."""
    try:
        case = case_queryset_for_user(user).select_related("unit").get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404("No such case.") from None
    if write and not case_may_write(user, case):
        raise NotAllowedError()
    return case


def approval_get_for_user(*, user: User, change_id: int) -> StageChange:
    """A stage change (request) of a case the user may see, with its case; 404 otherwise."""
    change = (
        StageChange.objects.filter(pk=change_id, case__in=case_queryset_for_user(user))
        .select_related("case", "requested_by", "decided_by", "court")
        .first()
    )
    if change is None:
        raise Http404("No such request.")
    return change
