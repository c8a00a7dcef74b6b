"""The leads of a border event's interview through the API: the agents named, the money paid
and the route travelled, listed, added, changed and removed with the services of
``htms/intake/services/leads.py``.

Like the interview, the leads of a possible victim stay with the recording post (403 for
everyone else who sees the event); only writers of the event's post change them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.parsers import JSONParser
from htms.api.serializers.intake_processing import (
    LeadAgentInputSerializer,
    LeadAgentSerializer,
    LeadLegInputSerializer,
    LeadLegSerializer,
    LeadPaymentInputSerializer,
    LeadPaymentSerializer,
    LeadsSerializer,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.api.views.intake_processing import EVENT_ID, interview_event
from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.intake.models import BorderEvent
from htms.intake.services.leads import (
    AgentInput,
    LegInput,
    PaymentInput,
    lead_agent_add,
    lead_agent_change,
    lead_leg_add,
    lead_leg_change,
    lead_payment_add,
    lead_payment_change,
    lead_remove,
)

LEAD_ID = path_id_parameter("lead_id", "The lead's id")
V = TypeVar("V", bound=type[APIView])


@dataclass(frozen=True)
class LeadKind:
    """One kind of lead: its audit type, API input and output, and its services."""

    kind: AuditObject
    input_class: type[serializers.Serializer[Any]]
    output_class: type[serializers.Serializer[Any]]
    add: Callable[..., Any]  # (actor, event_id, data) -> the lead
    change: Callable[..., Any]  # (actor, event_id, lead_id, data) -> the lead
    to_input: Callable[[dict[str, Any]], Any]


def _payment(data: dict[str, Any]) -> PaymentInput:
    return PaymentInput(payee_id=data.pop("payee"), **data)


def _leg(data: dict[str, Any]) -> LegInput:
    return LegInput(country_code=data.pop("country"), **data)


AGENT = LeadKind(
    AuditObject.LEAD_AGENT,
    LeadAgentInputSerializer,
    LeadAgentSerializer,
    lead_agent_add,
    lambda lead_id, **kw: lead_agent_change(agent_id=lead_id, **kw),
    lambda data: AgentInput(**data),
)
PAYMENT = LeadKind(
    AuditObject.LEAD_PAYMENT,
    LeadPaymentInputSerializer,
    LeadPaymentSerializer,
    lead_payment_add,
    lambda lead_id, **kw: lead_payment_change(payment_id=lead_id, **kw),
    _payment,
)
LEG = LeadKind(
    AuditObject.LEAD_ROUTE_LEG,
    LeadLegInputSerializer,
    LeadLegSerializer,
    lead_leg_add,
    lambda lead_id, **kw: lead_leg_change(leg_id=lead_id, **kw),
    _leg,
)


def _leads_body(event: BorderEvent) -> Any:
    leads = {
        "agents": event.lead_agents.all(),
        "payments": event.lead_payments.all(),
        "legs": event.lead_legs.select_related("country"),
    }
    return LeadsSerializer(leads).data


class EventLeadsView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[EVENT_ID],
        responses={200: LeadsSerializer, **error_responses(403, 404)},
    )
    def get(self, request: Request, event_id: str) -> Response:
        """The agents, payments and route legs named in the interview; the read is audited."""
        user = actor(request)
        event = interview_event(user, event_id)
        audit_view(actor=user, object_type=AuditObject.BORDER_EVENT, object_id=event.pk)
        return Response(_leads_body(event))


class _LeadsView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]
    lead: LeadKind

    def post(self, request: Request, event_id: str) -> Response:
        user = actor(request)
        event = interview_event(user, event_id, write=True)
        data = self.lead.to_input(valid(self.lead.input_class, request.data))
        added = self.lead.add(actor=user, event_id=event.pk, data=data)
        return Response(self.lead.output_class(added).data, status=status.HTTP_201_CREATED)


class _LeadView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]
    lead: LeadKind

    def put(self, request: Request, event_id: str, lead_id: str) -> Response:
        user = actor(request)
        event = interview_event(user, event_id, write=True)
        data = self.lead.to_input(valid(self.lead.input_class, request.data))
        changed = self.lead.change(path_id(lead_id), actor=user, event_id=event.pk, data=data)
        return Response(self.lead.output_class(changed).data)

    def delete(self, request: Request, event_id: str, lead_id: str) -> Response:
        user = actor(request)
        event = interview_event(user, event_id, write=True)
        lead_remove(actor=user, event_id=event.pk, kind=self.lead.kind, lead_id=path_id(lead_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


def _added(lead: LeadKind, what: str) -> Callable[[V], V]:
    return extend_schema_view(
        post=extend_schema(
            summary=f"Adds {what} to the interview",
            parameters=[EVENT_ID],
            request=lead.input_class,
            responses={201: lead.output_class, **error_responses(400, 403, 404)},
        )
    )


def _changed(lead: LeadKind, what: str) -> Callable[[V], V]:
    return extend_schema_view(
        put=extend_schema(
            summary=f"Changes {what} of the interview",
            parameters=[EVENT_ID, LEAD_ID],
            request=lead.input_class,
            responses={200: lead.output_class, **error_responses(400, 403, 404)},
        ),
        delete=extend_schema(
            summary=f"Removes {what} named by mistake; the audit keeps what it said",
            parameters=[EVENT_ID, LEAD_ID],
            responses={204: None, **error_responses(403, 404)},
        ),
    )


def _views(lead: LeadKind, what: str) -> tuple[type[_LeadsView], type[_LeadView]]:
    """The two views of a kind of lead: its collection (add) and one lead (change, remove)."""
    name = lead.kind.name.title().replace("_", "")
    collection = type(f"{name}sView", (_LeadsView,), {"lead": lead})
    single = type(f"{name}View", (_LeadView,), {"lead": lead})
    return _added(lead, what)(collection), _changed(lead, what)(single)


AgentsView, AgentView = _views(AGENT, "an agent (the phone kept in E.164)")
PaymentsView, PaymentView = _views(PAYMENT, "a payment (to an agent of the interview)")
LegsView, LegView = _views(LEG, "a leg of the route travelled")
