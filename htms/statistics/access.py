"""Who may read the statistics pages: every role that reads cases. Caseworkers and
administrators read no case, so their statistics would be empty; they are refused."""

from django.utils.translation import gettext_noop

from htms.accounts.models import Role, User

STATISTICS_REFUSED = gettext_noop("Your role does not read case statistics.")


def statistics_may_view(user: User) -> bool:
    return user.role not in {Role.CASEWORKER, Role.ADMINISTRATOR}


LEDGER_IMPORT_REFUSED = gettext_noop(
    "Only the ATU monitoring cell imports the ledgers of historical cases."
)


def ledger_may_import(user: User) -> bool:
    """Historical ledgers are imported by headquarters' statistics role, the ATU monitoring
    cell, into the circle each row names (``docs/permissions.md``)."""
    return user.role == Role.MONITORING_CELL
