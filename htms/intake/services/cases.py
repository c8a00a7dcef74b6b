"""Opening a case from a screening interview, in one action.

The interviewed person joins the case as a victim (possible victim of trafficking), a smuggled
migrant, or a witness (other irregular migrant): never as an accused. The agents named in the
interview join as accused at large; the route legs become the case's route. The case is
registered in the officer's post through ``case_register``, like any other case.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.cases.inputs import CaseInput, PartyInput, RouteInput
from htms.cases.models import (
    AccusedStatus,
    Case,
    DecidingOrganisation,
    Origin,
    PartyRole,
    RouteEventKind,
    TraffickingStatus,
)
from htms.cases.services.registration import case_register
from htms.intake.access import border_event_get_for_user
from htms.intake.models import BorderEvent, BorderEventKind, Classification, LeadAgent
from htms.persons.inputs import PersonInput

SCREEN_FIRST = gettext_lazy("Screen the person before opening a case from the interview.")
ALREADY_OPENED = gettext_lazy("A case was already opened from this interview: %s.")
PERSON_NOT_VISIBLE = gettext_lazy(
    "This person's earlier record belongs to another unit, so the case cannot name them yet. "
    "Ask that unit, or the ATU monitoring cell, to share the record."
)
# Default statute section by classification; the officer may choose others.
DEFAULT_STATUTES = {
    Classification.POSSIBLE_VICTIM: "PTPA2018-3",
    Classification.SMUGGLED_MIGRANT: "PSMA2018-3",
    Classification.OTHER_MIGRANT: "EO1979-18",
}
PERSON_ROLE = {
    Classification.POSSIBLE_VICTIM: PartyRole.VICTIM,
    Classification.SMUGGLED_MIGRANT: PartyRole.SMUGGLED_MIGRANT,
    Classification.OTHER_MIGRANT: PartyRole.WITNESS,
}


def _person_party(event: BorderEvent, classification: str) -> PartyInput:
    victim = classification == Classification.POSSIBLE_VICTIM
    return PartyInput(
        role=PERSON_ROLE[Classification(classification)],
        person_id=event.person_id,
        trafficking_status=TraffickingStatus.POSSIBLE if victim else "",
        status_decided_by=DecidingOrganisation.POLICE if victim else "",
    )


def _agent_party(agent: LeadAgent) -> PartyInput:
    if agent.person_id is not None:
        return PartyInput(
            role=PartyRole.ACCUSED, person_id=agent.person_id, accused_status=AccusedStatus.AT_LARGE
        )
    return PartyInput(
        role=PartyRole.ACCUSED,
        person=PersonInput(full_name=agent.name, phones=[agent.phone] if agent.phone else []),
        accused_status=AccusedStatus.AT_LARGE,
    )


def _route(event: BorderEvent) -> list[RouteInput]:
    legs = [
        RouteInput(
            kind=RouteEventKind.RECRUITMENT
            if i == 0 and leg.country.code == "PK"
            else RouteEventKind.TRANSIT,
            country_code=leg.country.code,
            place=leg.place,
            date=leg.date,
            date_precision=leg.date_precision,
        )
        for i, leg in enumerate(event.lead_legs.select_related("country"))
    ]
    where = event.deporting_country if event.kind == BorderEventKind.DEPORTED else None
    legs.append(
        RouteInput(
            kind=RouteEventKind.INTERCEPTION,
            country_code=where.code if where else "PK",
            place="" if where else event.post.name[:120],
            date=event.occurred_on,
        )
    )
    return legs


def _summary(event: BorderEvent, classification: str) -> str:
    return _(
        "Opened from the %(kind)s interview at %(post)s on %(date)s. Screening: %(class)s. "
        "%(agents)d agents, %(payments)d payments and %(legs)d route legs named."
    ) % {
        "kind": event.get_kind_display().lower(),
        "post": str(event.post),
        "date": date_format(event.occurred_on),
        "class": Classification(classification).label,
        "agents": event.lead_agents.count(),
        "payments": event.lead_payments.count(),
        "legs": event.lead_legs.count(),
    }


def _case_input(event: BorderEvent, classification: str, statute_codes: list[str]) -> CaseInput:
    agents = list(event.lead_agents.all())
    origin = (
        Origin.DEPORTEE_INTERVIEW
        if event.kind == BorderEventKind.DEPORTED
        else Origin.OFFLOADEE_INTERVIEW
    )
    return CaseInput(
        origin=origin,
        statute_codes=statute_codes or [DEFAULT_STATUTES[Classification(classification)]],
        parties=[_person_party(event, classification), *[_agent_party(a) for a in agents]],
        route=_route(event),
        summary=_summary(event, classification),
        occurred_on=event.occurred_on,
    )


def _registered(actor: User, data: CaseInput) -> Case:
    try:
        return case_register(actor=actor, data=data)
    except ValidationError as exc:
        errors = exc.message_dict
        if "parties[0].person_id" in errors:
            raise ValidationError({"person": [str(PERSON_NOT_VISIBLE)]}) from None
        raise


@transaction.atomic
def case_open_from_interview(
    *, actor: User, event_id: int, statute_codes: list[str] | None = None
) -> Case:
    """Registers a case from a screened border event and links the two. Writers of the event's
    post only; all or nothing."""
    event = border_event_get_for_user(user=actor, event_id=event_id, write=True)
    event = (
        BorderEvent.objects.select_for_update(of=("self",))
        .select_related("post", "screening")
        .get(pk=event.pk)
    )
    screening = getattr(event, "screening", None)
    if screening is None:
        raise ValidationError({"case": [str(SCREEN_FIRST)]})
    if event.case_id is not None:
        raise ValidationError({"case": [str(ALREADY_OPENED % event.case)]})
    case = _registered(actor, _case_input(event, screening.classification, statute_codes or []))
    event.case = case
    event.save(update_fields=["case"])
    # Parties are written in the order given: the agents' accused rows follow theirs.
    accused = case.parties.filter(role=PartyRole.ACCUSED).order_by("id")
    for agent, party in zip(event.lead_agents.all(), accused, strict=False):
        if agent.person_id is None:
            LeadAgent.objects.filter(pk=agent.pk).update(person_id=party.person_id)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.BORDER_EVENT,
        object_id=event.pk,
        changes={"case": {"old": None, "new": case.pk}, "reference": case.reference},
    )
    return case
