"""Who manages the portal from the officer site.

Administrators import the promoters' list and edit the awareness pages; administrators and the
ATU monitoring cell (headquarters) prepare notices for the public and approve them, a second
person approving what the first prepared. Reports from the public are help-line calls, read
under the help line's rules (``htms/helpline/access.py``).
"""

from htms.accounts.models import Role, User

NOTICE_ROLES = frozenset({Role.ADMINISTRATOR, Role.MONITORING_CELL})


def may_administer_portal(user: User) -> bool:
    return user.is_authenticated and user.role == Role.ADMINISTRATOR


def may_manage_notices(user: User) -> bool:
    return user.is_authenticated and user.role in NOTICE_ROLES


def may_manage_portal(user: User) -> bool:
    """Whether the officer site shows the user the portal's management page."""
    return may_administer_portal(user) or may_manage_notices(user)
