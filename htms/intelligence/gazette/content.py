"""What a month's Gazette says, read through the access rules of each source.

The Gazette is about agents and networks: a person is named only through ``identity_views``
(an agent who is also a victim elsewhere appears under the pseudonym, their facts as ``•••``),
and no victim, smuggled migrant or returnee is ever listed. Only analysts and the ATU monitoring
cell compose it; every source is still read through its own access rule.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from statistics import median

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import Role, User
from htms.audit.models import AuditAction, AuditEvent, AuditObject
from htms.cases.access import case_queryset_for_user
from htms.cases.models import (
    PROTECTED_ROLES,
    AccusedStatus,
    CaseParty,
    PartyRole,
    RouteEvent,
)
from htms.helpline.access import call_queryset_for_user
from htms.intake.access import border_event_queryset_for_user
from htms.intake.models import LeadAgent, LeadPayment, LeadRouteLeg
from htms.intelligence.access import agent_queryset_for_user, red_book_queryset_for_user
from htms.intelligence.black_book import convictions
from htms.intelligence.gazette.months import Month
from htms.intelligence.gazette.networks import most_active_networks
from htms.intelligence.models import DossierFact, FactKind
from htms.persons.models import Person
from htms.persons.presenters import IdentityView, identity_views
from htms.public.models import PublicReport, ReportKind

GAZETTE_ROLES = frozenset({Role.ANALYST, Role.MONITORING_CELL})
NOT_FOR_ROLE = _("Only analysts and the ATU monitoring cell compose the Gazette.")
MASK = "•••"


@dataclass(frozen=True)
class Item:
    title: str  # an agent's name (or pseudonym), a route, a phone number
    detail: str


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    items: list[Item] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Gazette:
    month: Month
    sections: list[Section]

    @property
    def is_empty(self) -> bool:
        return not any(section.items for section in self.sections)


def gazette_may_compose(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in GAZETTE_ROLES)


def _in_month(name: str, month: Month) -> Q:
    return Q(**{f"{name}__gte": month.start_at(), f"{name}__lt": month.end_at()})


def _days_in_month(name: str, month: Month) -> Q:
    return Q(**{f"{name}__gte": month.first, f"{name}__lt": month.after})


def _names(user: User, person_ids: Iterable[int]) -> dict[int, IdentityView]:
    """Identities as ``user`` may see them, except that a person who is a victim or smuggled
    migrant in any case is always under the pseudonym: a published issue goes to units without
    need-to-know."""
    ids = set(person_ids)
    views = identity_views(user, Person.objects.filter(pk__in=ids))
    protected = CaseParty.objects.filter(person_id__in=ids, role__in=PROTECTED_ROLES)
    for person_id in set(protected.values_list("person_id", flat=True)):
        view = views[person_id]
        views[person_id] = replace(view, visible=False, name=view.pseudonym, name_ur="")
    return views


def _red_book(user: User, month: Month) -> Section:
    changed = _in_month("nominated_at", month) | _in_month("decided_at", month)
    entries = list(
        red_book_queryset_for_user(user)
        .filter(changed | _in_month("withdrawn_at", month))
        .select_related("nominating_unit")
        .order_by("nominated_at", "id")
    )
    names = _names(user, [e.person_id for e in entries])
    items = [
        Item(names[e.person_id].name, f"{e.get_status_display()} · {e.nominating_unit}")
        for e in entries
    ]
    return Section("red_book", str(_("Red-book changes")), items)


def _arrested_party_ids(month: Month) -> set[int]:
    """Accused whose status was changed to arrested during the month, from the audit chain
    (the party keeps only its current status)."""
    rows = AuditEvent.objects.filter(
        _in_month("at", month),
        object_type=AuditObject.CASE_PARTY,
        action=AuditAction.UPDATE,
        changes__accused_status__new=AccusedStatus.ARRESTED,
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in rows if pk.isdigit()}


def _arrests(user: User, month: Month, agents: QuerySet[Person]) -> Section:
    registered = _in_month("case__registered_at", month)
    parties = list(
        CaseParty.objects.filter(
            registered | Q(pk__in=_arrested_party_ids(month)),
            role=PartyRole.ACCUSED,
            accused_status=AccusedStatus.ARRESTED,
            person__in=agents,
            case__in=case_queryset_for_user(user),
        )
        .select_related("case")
        .order_by("case__registered_at", "id")
    )
    names = _names(user, [p.person_id for p in parties])
    items = [Item(names[p.person_id].name, p.case.reference) for p in parties]
    return Section("arrests", str(_("Arrests")), items)


def _convictions(user: User, month: Month, agents: QuerySet[Person]) -> Section:
    found = [c for c in convictions() if month.first <= c.date < month.after]
    allowed = set(agents.filter(pk__in={c.person_id for c in found}).values_list("pk", flat=True))
    found = [c for c in found if c.person_id in allowed]
    names = _names(user, allowed)
    items = [
        Item(names[c.person_id].name, f"{c.offence} · {c.court} · {c.date:%Y-%m-%d}") for c in found
    ]
    return Section("convictions", str(_("Convictions")), items)


def _route_label(countries: list[str]) -> str:
    steps = [c for i, c in enumerate(countries) if i == 0 or countries[i - 1] != c]
    return " → ".join(steps)


def _case_routes(user: User, month: Month) -> dict[int, str]:
    """Case id -> its route as countries, for the cases registered this month."""
    cases = case_queryset_for_user(user).filter(_in_month("registered_at", month))
    legs: dict[int, list[str]] = defaultdict(list)
    events = RouteEvent.objects.filter(case__in=cases).order_by("case_id", "sequence", "date", "id")
    for case_id, country in events.values_list("case_id", "country__code"):
        legs[case_id].append(country)
    return {case_id: _route_label(countries) for case_id, countries in legs.items()}


def _routes(user: User, month: Month) -> Section:
    counts: dict[str, int] = defaultdict(int)
    for route in _case_routes(user, month).values():
        counts[route] += 1
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    items = [Item(route, str(_("%(count)d cases") % {"count": n})) for route, n in ranked]
    return Section("routes", str(_("Routes of the month's cases")), items)


def _networks(user: User, month: Month, agents: QuerySet[Person]) -> Section:
    rows = most_active_networks(user=user, month=month, agents=agents)
    names = _names(user, {pk for shown, _detail in rows for pk in shown})
    items = [Item(", ".join(names[pk].name for pk in shown), detail) for shown, detail in rows]
    return Section("networks", str(_("Most active networks")), items)


def _facts(user: User, month: Month, agents: QuerySet[Person], kind: str) -> list[Item]:
    facts = list(
        DossierFact.objects.filter(
            _in_month("recorded_at", month),
            kind=kind,
            withdrawn_at__isnull=True,
            person__in=agents,
        ).order_by("recorded_at", "id")
    )
    names = _names(user, [f.person_id for f in facts])
    return [
        Item(names[f.person_id].name, f.value if names[f.person_id].visible else MASK)
        for f in facts
    ]


def _modus_operandi(user: User, month: Month, agents: QuerySet[Person]) -> Section:
    items = _facts(user, month, agents, FactKind.MODUS_OPERANDI)
    return Section("modus_operandi", str(_("New modus operandi")), items)


def _lead_routes(event_ids: set[int]) -> dict[int, str]:
    legs: dict[int, list[str]] = defaultdict(list)
    rows = LeadRouteLeg.objects.filter(event_id__in=event_ids).order_by("event_id", "sequence")
    for event_id, country in rows.values_list("event_id", "country__code"):
        legs[event_id].append(country)
    return {event_id: _route_label(countries) for event_id, countries in legs.items()}


def _prices(user: User, month: Month) -> Section:
    """Prices paid to agents, by route and currency, from the leads of border interviews."""
    events = border_event_queryset_for_user(user).filter(_days_in_month("occurred_on", month))
    payments = list(
        LeadPayment.objects.filter(event__in=events).values_list(
            "event_id", "currency", "amount", "event__destination__code"
        )
    )
    routes = _lead_routes({p[0] for p in payments})
    amounts: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    for event_id, currency, amount, destination in payments:
        route = routes.get(event_id) or destination or str(_("route not recorded"))
        amounts[(route, currency)].append(amount)
    items = [
        Item(route, _price_line(currency, values))
        for (route, currency), values in sorted(amounts.items())
    ]
    return Section("prices", str(_("Prices by route")), items)


def _price_line(currency: str, values: list[Decimal]) -> str:
    return str(
        _("%(count)d payments, %(currency)s %(low)s to %(high)s, median %(median)s")
        % {
            "count": len(values),
            "currency": currency,
            "low": f"{min(values):,.0f}",
            "high": f"{max(values):,.0f}",
            "median": f"{median(values):,.0f}",
        }
    )


def _phones(user: User, month: Month, agents: QuerySet[Person]) -> Section:
    items = _facts(user, month, agents, FactKind.PHONE)
    events = border_event_queryset_for_user(user).filter(_days_in_month("occurred_on", month))
    named = LeadAgent.objects.filter(event__in=events).exclude(phone="").order_by("id")
    items += [Item(a.name, a.phone) for a in named]
    return Section("phones", str(_("New phone numbers of agents")), items)


def _fake_recruiters(user: User, month: Month) -> Section:
    """Agents reported on the public site: the reports whose help-line call the user may read
    (what was said about the agent, never the sender)."""
    reports = PublicReport.objects.filter(
        _in_month("received_at", month),
        kind=ReportKind.AGENT,
        call__in=call_queryset_for_user(user),
    )
    items = [
        Item(r.who or str(_("name not given")), " · ".join(x for x in (r.phone, r.where) if x))
        for r in reports.order_by("received_at", "id")
    ]
    return Section("fake_recruiters", str(_("Fake recruiters reported")), items)


def gazette_content(*, user: User, month: Month) -> Gazette:
    """The month's Gazette as ``user`` may read it. Analysts and the monitoring cell only
    (PermissionDenied otherwise); reads only, audited by whoever shows or prints it."""
    if not gazette_may_compose(user):
        raise PermissionDenied(str(NOT_FOR_ROLE))
    agents = agent_queryset_for_user(user)
    sections = [
        _red_book(user, month),
        _arrests(user, month, agents),
        _convictions(user, month, agents),
        _routes(user, month),
        _networks(user, month, agents),
        _modus_operandi(user, month, agents),
        _prices(user, month),
        _phones(user, month, agents),
        _fake_recruiters(user, month),
    ]
    return Gazette(month=month, sections=sections)
