"""The Gazette's "most active networks": the month's busiest communities of the network
(``htms.network.activity``), each shown as its most connected agents.

Only agents the composer may read are named, through the Gazette's own naming rule (a victim
or smuggled migrant anywhere appears under the pseudonym); a community with no such agent is
left out. Families who paid, victims and other persons are counted in the links, never listed.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.intelligence.gazette.months import Month
from htms.network.access import network_may_read, network_scope_for_user
from htms.network.activity import ActiveNetwork, active_networks
from htms.persons.models import Person

SHOWN_AGENTS = 3
SHOWN_NETWORKS = 5


def _detail(network: ActiveNetwork) -> str:
    """The month's links of a network; "at least" when the month held more links than
    ``htms.network.activity`` reads, so that a cut figure never reads as the whole."""
    text = (
        _(
            "Links this month: at least %(links)d (payments: %(payments)d, calls: %(calls)d, "
            "cases: %(cases)d; the month holds more links than were read)"
        )
        if network.at_least
        else _(
            "Links this month: %(links)d (payments: %(payments)d, calls: %(calls)d, "
            "cases: %(cases)d)"
        )
    )
    return str(
        text
        % {
            "links": network.links,
            "payments": network.payments,
            "calls": network.calls,
            "cases": network.cases,
        }
    )


def most_active_networks(
    *, user: User, month: Month, agents: QuerySet[Person]
) -> list[tuple[list[int], str]]:
    """The month's busiest networks, each as (the ids of its most connected agents among
    ``agents``, its links this month), busiest first; none for a user who may read no network."""
    if not network_may_read(user):
        return []
    scope = network_scope_for_user(user)
    found = active_networks(scope=scope, first=month.first, after=month.after, top=50)
    ids = {pk for network in found for pk in network.persons}
    readable = set(agents.filter(pk__in=ids).values_list("pk", flat=True))
    rows = []
    for network in found:
        shown = [pk for pk in network.persons if pk in readable][:SHOWN_AGENTS]
        if shown:
            rows.append((shown, _detail(network)))
    return rows[:SHOWN_NETWORKS]
