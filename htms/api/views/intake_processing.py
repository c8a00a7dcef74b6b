"""Processing border intake through the API, as on the person's screen and the row page: the
decision on a border event, its referrals and the leads of its interview; a row of the
correction queue corrected, given its person or set aside.

Every view starts at the intake access chokepoint (``htms/intake/access.py``) and calls the
services the pages call; refusals come back as the API's usual 400, 403, 404 and 409.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.accounts.models import User
from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.parsers import JSONParser
from htms.api.serializers.intake import BorderEventSerializer
from htms.api.serializers.intake_processing import (
    AgentInputSerializer,
    AgentSerializer,
    ChoosePersonInputSerializer,
    CorrectionInputSerializer,
    LeadsSerializer,
    LegInputSerializer,
    LegSerializer,
    PaymentInputSerializer,
    PaymentSerializer,
    ReferralInputSerializer,
    ReferralSerializer,
    RowDetailSerializer,
    SetAsideInputSerializer,
    StatusInputSerializer,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.api.views.intake import SCREENING_CLOSED, events_body
from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.common.errors import NotAllowedError
from htms.intake.access import (
    border_event_get_for_user,
    manifest_row_cells_visible,
    manifest_row_get_for_user,
    screening_answers_visible,
)
from htms.intake.models import BorderEvent, ManifestRow
from htms.intake.presenters import row_view
from htms.intake.selectors import candidate_views
from htms.intake.services.leads import (
    AgentInput,
    LegInput,
    PaymentInput,
    lead_agent_add,
    lead_leg_add,
    lead_payment_add,
)
from htms.intake.services.processing import border_event_set_status
from htms.intake.services.rows import row_choose_person, row_correct, row_set_aside
from htms.intake.services.screening import referral_record

F = TypeVar("F", bound=Callable[..., Response])
EVENT_ID = path_id_parameter("event_id", "The border event's id")
ROW_ID = path_id_parameter("row_id", "The manifest row's id")


def _interview_event(user: User, event_id: str, *, write: bool = False) -> BorderEvent:
    """The event whose interview (referrals, leads) the user may read: a possible victim's
    stays with the recording post."""
    event = border_event_get_for_user(user=user, event_id=path_id(event_id), write=write)
    if not screening_answers_visible(user, event):
        raise NotAllowedError(str(SCREENING_CLOSED))
    return event


class EventStatusView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[EVENT_ID],
        request=StatusInputSerializer,
        responses={200: BorderEventSerializer, **error_responses(400, 403, 404, 409)},
    )
    def put(self, request: Request, event_id: str) -> Response:
        """Records the decision on the border event (interviewed, referred, released, arrested,
        handed to police) with the pages' rules. No status ever adds the person to a case.
        Writers of the event's post only."""
        user = actor(request)
        event = border_event_get_for_user(user=user, event_id=path_id(event_id), write=True)
        data = valid(StatusInputSerializer, request.data)
        done = border_event_set_status(
            actor=user,
            event_id=event.pk,
            expected_version=data["expected_version"],
            status=data["status"],
            note=data["status_note"],
        )
        return Response(events_body(user, [done])[0])


class EventReferralsView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[EVENT_ID],
        responses={200: ReferralSerializer(many=True), **error_responses(403, 404)},
    )
    def get(self, request: Request, event_id: str) -> Response:
        """The referrals of the person, oldest first; the read is audited."""
        user = actor(request)
        event = _interview_event(user, event_id)
        audit_view(actor=user, object_type=AuditObject.BORDER_EVENT, object_id=event.pk)
        return Response(ReferralSerializer(event.referrals.all(), many=True).data)

    @extend_schema(
        parameters=[EVENT_ID],
        request=ReferralInputSerializer,
        responses={201: ReferralSerializer, **error_responses(400, 403, 404)},
    )
    def post(self, request: Request, event_id: str) -> Response:
        """Records to whom and when the person was referred; the event becomes referred.
        Writers of the event's post only."""
        user = actor(request)
        event = _interview_event(user, event_id, write=True)
        data = valid(ReferralInputSerializer, request.data)
        referral = referral_record(actor=user, event_id=event.pk, **data)
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)


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
        event = _interview_event(user, event_id)
        audit_view(actor=user, object_type=AuditObject.BORDER_EVENT, object_id=event.pk)
        return Response(_leads_body(event))


class _LeadAddView(ErrorsMixin, APIView):
    """Adds one lead to the event's interview through its service; writers of the post only."""

    parser_classes = [JSONParser]
    input_class: type[serializers.Serializer[Any]]
    output_class: type[serializers.Serializer[Any]]

    def add(self, user: User, event: BorderEvent, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def post(self, request: Request, event_id: str) -> Response:
        user = actor(request)
        event = _interview_event(user, event_id, write=True)
        lead = self.add(user, event, valid(self.input_class, request.data))
        return Response(self.output_class(lead).data, status=status.HTTP_201_CREATED)


def _lead_schema(input_class: type, output_class: type) -> Callable[[F], F]:
    return extend_schema(
        parameters=[EVENT_ID],
        request=input_class,
        responses={201: output_class, **error_responses(400, 403, 404)},
    )


class EventAgentsView(_LeadAddView):
    input_class, output_class = AgentInputSerializer, AgentSerializer

    def add(self, user: User, event: BorderEvent, data: dict[str, Any]) -> Any:
        return lead_agent_add(actor=user, event_id=event.pk, data=AgentInput(**data))

    @_lead_schema(AgentInputSerializer, AgentSerializer)
    def post(self, request: Request, event_id: str) -> Response:
        """Names an agent of the interview (the phone kept in E.164)."""
        return super().post(request, event_id)


class EventPaymentsView(_LeadAddView):
    input_class, output_class = PaymentInputSerializer, PaymentSerializer

    def add(self, user: User, event: BorderEvent, data: dict[str, Any]) -> Any:
        payee = data.pop("payee")
        payment = PaymentInput(payee_id=payee, **data)
        return lead_payment_add(actor=user, event_id=event.pk, data=payment)

    @_lead_schema(PaymentInputSerializer, PaymentSerializer)
    def post(self, request: Request, event_id: str) -> Response:
        """Records money the person paid, and to which agent of the interview."""
        return super().post(request, event_id)


class EventLegsView(_LeadAddView):
    input_class, output_class = LegInputSerializer, LegSerializer

    def add(self, user: User, event: BorderEvent, data: dict[str, Any]) -> Any:
        leg = LegInput(country_code=data.pop("country"), **data)
        return lead_leg_add(actor=user, event_id=event.pk, data=leg)

    @_lead_schema(LegInputSerializer, LegSerializer)
    def post(self, request: Request, event_id: str) -> Response:
        """Adds the next leg of the route the person travelled."""
        return super().post(request, event_id)


def _row_body(user: User, row_id: int) -> Any:
    row = manifest_row_get_for_user(user=user, row_id=row_id)
    visible = manifest_row_cells_visible(user, row.manifest)
    detail = {
        "row": row_view(row, row.manifest.source.mapping, visible),
        "manifest": row.manifest_id,
        "version": row.version,
        "candidates": candidate_views(user=user, candidates=row.candidates),
    }
    return RowDetailSerializer(detail).data


class RowDetailView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[ROW_ID], responses={200: RowDetailSerializer, **error_responses(404)}
    )
    def get(self, request: Request, row_id: str) -> Response:
        """A row of a list: its cells (masked as on the pages), problems, the row it repeats,
        the persons it may be about, and its version; the read is audited."""
        user = actor(request)
        row = manifest_row_get_for_user(user=user, row_id=path_id(row_id))
        audit_view(actor=user, object_type=AuditObject.MANIFEST_ROW, object_id=row.pk)
        return Response(_row_body(user, row.pk))


class _RowActionView(ErrorsMixin, APIView):
    """One decision on a row through its service; writers of the list's post only."""

    parser_classes = [JSONParser]
    input_class: type[serializers.Serializer[Any]]

    def act(self, user: User, row: ManifestRow, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def post(self, request: Request, row_id: str) -> Response:
        user = actor(request)
        row = manifest_row_get_for_user(user=user, row_id=path_id(row_id), write=True)
        data = valid(self.input_class, request.data)
        self.act(user, row, data)
        return Response(_row_body(user, row.pk))


def _row_schema(input_class: type) -> Callable[[F], F]:
    return extend_schema(
        parameters=[ROW_ID],
        request=input_class,
        responses={200: RowDetailSerializer, **error_responses(400, 403, 404, 409)},
    )


class RowCorrectionView(_RowActionView):
    input_class = CorrectionInputSerializer

    def act(self, user: User, row: ManifestRow, data: dict[str, Any]) -> Any:
        return row_correct(actor=user, row_id=row.pk, **data)

    @_row_schema(CorrectionInputSerializer)
    def post(self, request: Request, row_id: str) -> Response:
        """Corrects the values of a row that needs correction and tries it again: it is
        imported, or stays in the queue with its new problems. The cells stay as read."""
        return super().post(request, row_id)


class RowPersonView(_RowActionView):
    input_class = ChoosePersonInputSerializer

    def act(self, user: User, row: ManifestRow, data: dict[str, Any]) -> Any:
        person = data["person"]
        version = data["expected_version"]
        return row_choose_person(
            actor=user, row_id=row.pk, expected_version=version, person_id=person
        )

    @_row_schema(ChoosePersonInputSerializer)
    def post(self, request: Request, row_id: str) -> Response:
        """For a row whose numbers several persons carry: records it for one of its
        candidates, or for a new person."""
        return super().post(request, row_id)


class RowSetAsideView(_RowActionView):
    input_class = SetAsideInputSerializer

    def act(self, user: User, row: ManifestRow, data: dict[str, Any]) -> Any:
        version = data["expected_version"]
        return row_set_aside(
            actor=user, row_id=row.pk, expected_version=version, reason=data["note"]
        )

    @_row_schema(SetAsideInputSerializer)
    def post(self, request: Request, row_id: str) -> Response:
        """Takes a row out of the queue with the reason; it is kept, records nobody and
        cannot be undone. An imported row cannot be set aside."""
        return super().post(request, row_id)
