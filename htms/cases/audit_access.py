"""Who may read a case's audit trail: who read and changed the case, its parties, hearings and
stage changes.

The trail is for those who oversee the officers handling a case, not for those officers:
- the circle in-charge of the case's unit;
- case writers posted at the zonal directorate the case's unit reports to;
- the ATU monitoring cell, which monitors every case in the country.

Not the investigating or data-entry officers of the unit (whose own actions it records), not
analysts (who study cases, not officers), not case writers at headquarters, caseworkers or
administrators. The whole log stays available to ``htms verify`` and to database
administrators.
"""

from htms.accounts.models import Role, User
from htms.cases.models import Case


def case_audit_visible(user: User, case: Case) -> bool:
    """Whether the user may read this case's audit trail.

    ``case`` must come from the access chokepoint (``case_get_for_user`` or ``case_detail``),
    so that the user may see the case at all.
    """
    if not user.is_active:
        return False
    if user.role == Role.MONITORING_CELL:
        return True
    if user.role == Role.CIRCLE_INCHARGE and user.unit_id == case.unit_id:
        return True
    return user.supervises_zone and case.unit.zone_id == user.unit_id
