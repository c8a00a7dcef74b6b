"""Who may read the statistics pages: every role that reads cases. Caseworkers and
administrators read no case, so their statistics would be empty; they are refused."""

from django.utils.translation import gettext_noop

from htms.accounts.models import Role, User

STATISTICS_REFUSED = gettext_noop("Your role does not read case statistics.")


def statistics_may_view(user: User) -> bool:
    return user.role not in {Role.CASEWORKER, Role.ADMINISTRATOR}
