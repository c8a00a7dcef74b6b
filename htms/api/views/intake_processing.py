"""Processing border intake through the API, as on the person's screen: the decision on a
border event and its referrals (the leads are in ``intake_leads``, the correction queue in
``intake_rows``).

Every view starts at the intake access chokepoint (``htms/intake/access.py``) and calls the
services the pages call; refusals come back as the API's usual 400, 403, 404 and 409.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.accounts.models import User
from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.parsers import JSONParser
from htms.api.serializers.intake import BorderEventSerializer
from htms.api.serializers.intake_processing import (
    IntakeReferralInputSerializer,
    IntakeReferralSerializer,
    StatusInputSerializer,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.api.views.intake import SCREENING_CLOSED, events_body
from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.common.errors import NotAllowedError
from htms.intake.access import border_event_get_for_user, screening_answers_visible
from htms.intake.models import BorderEvent
from htms.intake.services.processing import border_event_set_status
from htms.intake.services.screening import referral_record

EVENT_ID = path_id_parameter("event_id", "The border event's id")


def interview_event(user: User, event_id: str, *, write: bool = False) -> BorderEvent:
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
        responses={200: IntakeReferralSerializer(many=True), **error_responses(403, 404)},
    )
    def get(self, request: Request, event_id: str) -> Response:
        """The referrals of the person, oldest first; the read is audited."""
        user = actor(request)
        event = interview_event(user, event_id)
        audit_view(actor=user, object_type=AuditObject.BORDER_EVENT, object_id=event.pk)
        return Response(IntakeReferralSerializer(event.referrals.all(), many=True).data)

    @extend_schema(
        parameters=[EVENT_ID],
        request=IntakeReferralInputSerializer,
        responses={201: IntakeReferralSerializer, **error_responses(400, 403, 404)},
    )
    def post(self, request: Request, event_id: str) -> Response:
        """Records to whom and when the person was referred; the event becomes referred.
        Writers of the event's post only."""
        user = actor(request)
        event = interview_event(user, event_id, write=True)
        data = valid(IntakeReferralInputSerializer, request.data)
        referral = referral_record(actor=user, event_id=event.pk, **data)
        return Response(IntakeReferralSerializer(referral).data, status=status.HTTP_201_CREATED)
