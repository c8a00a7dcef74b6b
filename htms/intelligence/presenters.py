"""Dossier facts as one viewer may see them, decided here and not in templates.

When the agent's identity is hidden from the viewer (an agent who is a victim or smuggled
migrant in some case, seen by someone without need-to-know), every fact's value, place and
photograph is masked: aliases, phones and addresses would tie the pseudonym to a person. A
source case is named only to those who may see it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from htms.accounts.models import User
from htms.cases.access import case_queryset_for_user
from htms.intelligence.models import AgentStatus, DossierFact, FactKind

MASK = "•••"


@dataclass(frozen=True)
class FactView:
    pk: int
    kind: str
    kind_code: str
    value: str
    place: str
    source: str
    source_case_id: int | None
    reliability: str
    credibility: str
    handling_code: str
    grading: str
    recorded_by: str
    recorded_at: datetime
    withdrawn: bool
    withdraw_reason: str
    has_photo: bool


def _value(fact: DossierFact) -> str:
    if fact.kind == FactKind.STATUS:
        return str(dict(AgentStatus.choices).get(fact.value, fact.value))
    return fact.value


def _source(fact: DossierFact, visible_cases: set[int]) -> tuple[str, int | None]:
    kind = str(fact.get_source_kind_display())
    case_id = fact.source_case_id
    if case_id is None:
        return f"{kind} {fact.source_reference}", None
    if case_id in visible_cases:
        return f"{kind} {fact.source_reference}", case_id
    return kind, None


def fact_views(user: User, facts: Iterable[DossierFact], *, identity: bool) -> list[FactView]:
    """The facts in their order; ``identity`` is whether the viewer may see the agent's."""
    facts = list(facts)
    case_ids = {f.source_case_id for f in facts if f.source_case_id}
    visible = set(case_queryset_for_user(user).filter(pk__in=case_ids).values_list("pk", flat=True))
    views = []
    for fact in facts:
        source, case_id = _source(fact, visible)
        place = " · ".join(str(p) for p in (fact.district, fact.country) if p)
        views.append(
            FactView(
                pk=fact.pk,
                kind=str(fact.get_kind_display()),
                kind_code=fact.kind,
                value=_value(fact) if identity else MASK,
                place=place if identity else "",
                source=source,
                source_case_id=case_id,
                reliability=str(fact.get_reliability_display()),
                credibility=str(fact.get_credibility_display()),
                handling_code=str(fact.get_handling_code_display()),
                grading=fact.grading,
                recorded_by=f"{fact.recorded_by} ({fact.recorded_by_unit or '—'})",
                recorded_at=fact.recorded_at,
                withdrawn=fact.withdrawn_at is not None,
                withdraw_reason=fact.withdraw_reason,
                has_photo=bool(fact.photo) and identity,
            )
        )
    return views
