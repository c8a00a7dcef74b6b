"""Reading the agents register: the list with its current status, and one agent's dossier.
Both go through ``htms/intelligence/access.py``; names through ``htms.persons.presenters``."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from htms.accounts.models import User
from htms.audit.models import AuditObject
from htms.audit.services import audit_list, audit_view
from htms.cases.access import case_queryset_for_user
from htms.cases.models import CaseParty, PartyRole
from htms.intelligence.access import (
    agent_get_for_user,
    agent_queryset_for_user,
    red_book_queryset_for_user,
)
from htms.intelligence.black_book import Conviction, convictions
from htms.intelligence.models import DossierFact, FactKind, RedBookEntry, RedBookStatus
from htms.persons.models import Person

AGENT_LIST_LIMIT = 200


def current_status() -> Subquery:
    """The agent's latest standing status fact, as a subquery on Person."""
    latest = DossierFact.objects.filter(
        person=OuterRef("pk"), kind=FactKind.STATUS, withdrawn_at__isnull=True
    ).order_by("-recorded_at", "-id")
    return Subquery(latest.values("value")[:1])


def agent_list(
    *, user: User, person_ids: Iterable[int] | None = None, status: str = ""
) -> QuerySet[Person]:
    """The agents whose dossier the user may read, with their current status, the number of
    standing facts and whether they are in the red book; only ``person_ids`` when a search
    chose them; only those of ``status`` when given."""
    agents = agent_queryset_for_user(user).annotate(
        status=current_status(),
        fact_count=Count("dossier_facts", filter=Q(dossier_facts__withdrawn_at__isnull=True)),
    )
    if person_ids is not None:
        agents = agents.filter(pk__in=set(person_ids))
    if status:
        agents = agents.filter(status=status)
    return agents.order_by("-id")


def agent_list_shown(*, user: User, agents: list[Person], **context: object) -> None:
    """One audit row for a page of the register: the ids shown and what was asked for."""
    audit_list(
        actor=user,
        object_type=AuditObject.AGENT_LIST,
        object_id="list",
        ids=[a.pk for a in agents],
        **context,
    )


def wanted_among(person_ids: Iterable[int]) -> set[int]:
    """Which of these persons are in the red book now."""
    open_entries = RedBookEntry.objects.filter(
        person_id__in=set(person_ids), status=RedBookStatus.APPROVED
    )
    return set(open_entries.values_list("person_id", flat=True))


@dataclass(frozen=True)
class Dossier:
    person: Person
    roles: list[CaseParty]
    facts: list[DossierFact]
    red_book: list[RedBookEntry]
    convictions: list[Conviction]


def agent_dossier(*, user: User, person_id: int) -> Dossier:
    """An agent's dossier for a user who may read it (404 otherwise); the read is audited."""
    person = agent_get_for_user(user=user, person_id=person_id)
    audit_view(actor=user, object_type=AuditObject.AGENT, object_id=person.pk)
    roles = (
        CaseParty.objects.filter(
            person=person, role=PartyRole.ACCUSED, case__in=case_queryset_for_user(user)
        )
        .select_related("case", "case__unit", "network_role")
        .order_by("-case__registered_at")
    )
    facts = DossierFact.objects.filter(person=person).select_related(
        "source_case", "district", "country", "recorded_by", "recorded_by_unit"
    )
    entries = (
        red_book_queryset_for_user(user).filter(person=person).select_related("nominating_unit")
    )
    return Dossier(person, list(roles), list(facts), list(entries), convictions([person.pk]))
