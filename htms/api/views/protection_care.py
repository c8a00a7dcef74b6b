"""The caseworker's records on a referral through the API: read as the referral page shows them
(``referral_care``), written through the pages' services (``services/care.py``, ``stays.py``,
``referral_court_record``), with the referral's access rule: 404 for anyone who may not see the
referral, 403 for the referring unit where only the organisation's caseworkers write. Each
write is one audit row (the services'); each read of the record one view row, and one list row
naming the notes it showed."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.accounts.models import User
from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.parsers import JSONParser
from htms.api.serializers.protection_care import (
    CareCourtInputSerializer,
    CareCourtSerializer,
    CareFollowUpDoneSerializer,
    CareFollowUpInputSerializer,
    CareFollowUpSerializer,
    CareNoteInputSerializer,
    CareNoteSerializer,
    CarePlanEndSerializer,
    CarePlanInputSerializer,
    CarePlanSerializer,
    CareRecordSerializer,
    CareRiskInputSerializer,
    CareRiskSerializer,
    CareStaySerializer,
    ShelterOccupancySerializer,
    StayAdmitSerializer,
    StayDischargeSerializer,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.audit.models import AuditObject
from htms.audit.services import audit_list, audit_view
from htms.protection.access import occupancy_may_see, referral_get_for_user, referral_is_server
from htms.protection.models import Referral, ShelterStay
from htms.protection.presenters import StayRow, referral_care
from htms.protection.selectors import shelter_occupancy, stay_days, stay_over_plan
from htms.protection.services.care import (
    PlanInput,
    case_note_add,
    follow_up_add,
    follow_up_done,
    risk_assess,
    support_plan_add,
    support_plan_end,
)
from htms.protection.services.referrals import referral_court_record
from htms.protection.services.stays import stay_admit, stay_discharge

REFERRAL_ID = path_id_parameter("referral_id", "The referral's id")
PLAN_ID = path_id_parameter("plan_id", "The support plan's id")
FOLLOW_UP_ID = path_id_parameter("follow_up_id", "The follow-up's id")
F = TypeVar("F", bound=Callable[..., Response])


def _referral(request: Request, referral_id: str) -> tuple[User, Referral]:
    """The caller and the referral, or 404 if the caller may not know it exists."""
    user = actor(request)
    return user, referral_get_for_user(user=user, referral_id=path_id(referral_id))


def _documented(
    schema: type[serializers.Serializer[Any]],
    answer: type[serializers.Serializer[Any]],
    *ids: OpenApiParameter,
    code: int = status.HTTP_201_CREATED,
    conflict: bool = False,
) -> Callable[[F], F]:
    errors = error_responses(400, 403, 404, *([409] if conflict else []))
    documented: Callable[[F], F] = extend_schema(
        parameters=[REFERRAL_ID, *ids], request=schema, responses={code: answer, **errors}
    )
    return documented


def _stay(stay: ShelterStay, code: int) -> Response:
    row = StayRow(stay, stay_days(stay), stay_over_plan(stay))
    return Response(CareStaySerializer(row).data, status=code)


class ReferralCareView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[REFERRAL_ID], responses={200: CareRecordSerializer, **error_responses(404)}
    )
    def get(self, request: Request, referral_id: str) -> Response:
        """The referral's care record as its page shows it to the caller: court measures and
        compensation, stays and follow-up dates for both sides; plans, risk assessments, notes
        and hearings for the organisation's caseworkers only. Audited."""
        user, referral = _referral(request, referral_id)
        care = referral_care(user, referral)
        audit_view(actor=user, object_type=AuditObject.PROTECTION_REFERRAL, object_id=referral.pk)
        if care.notes:
            audit_list(
                actor=user, object_type=AuditObject.CASE_NOTE, object_id=str(referral.pk),
                ids=[n.pk for n in care.notes],
            )  # fmt: skip
        return Response(CareRecordSerializer({"referral": referral, "care": care}).data)


class ReferralPlansView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @_documented(CarePlanInputSerializer, CarePlanSerializer)
    def post(self, request: Request, referral_id: str) -> Response:
        """Adds a support plan (type, objectives, actions, planned end): the organisation's
        caseworkers, on an accepted referral."""
        user, referral = _referral(request, referral_id)
        data = valid(CarePlanInputSerializer, request.data)
        plan = support_plan_add(actor=user, referral_id=referral.pk, data=PlanInput(**data))
        return Response(CarePlanSerializer(plan).data, status=status.HTTP_201_CREATED)


class ReferralPlanEndView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @_documented(CarePlanEndSerializer, CarePlanSerializer, PLAN_ID, code=200)
    def post(self, request: Request, referral_id: str, plan_id: str) -> Response:
        """Ends a support plan on a day (not in the future), with its outcome. Plans exist only
        for the organisation's caseworkers: for anyone else, 404."""
        user, referral = _referral(request, referral_id)
        if not referral_is_server(user, referral):
            raise Http404("No such plan.")
        plan = referral.plans.filter(pk=path_id(plan_id)).first()
        if plan is None:
            raise Http404("No such plan.")
        data = valid(CarePlanEndSerializer, request.data)
        ended = support_plan_end(
            actor=user, plan_id=plan.pk, ended_on=data["actual_end"], outcome=data["outcome"]
        )
        return Response(CarePlanSerializer(ended).data)


class ReferralFollowUpsView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @_documented(CareFollowUpInputSerializer, CareFollowUpSerializer)
    def post(self, request: Request, referral_id: str) -> Response:
        """Adds a follow-up due on a day (done on a day, with a note, if already done)."""
        user, referral = _referral(request, referral_id)
        data = valid(CareFollowUpInputSerializer, request.data)
        follow_up = follow_up_add(actor=user, referral_id=referral.pk, **data)
        return Response(CareFollowUpSerializer(follow_up).data, status=status.HTTP_201_CREATED)


class ReferralFollowUpDoneView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @_documented(CareFollowUpDoneSerializer, CareFollowUpSerializer, FOLLOW_UP_ID, code=200)
    def post(self, request: Request, referral_id: str, follow_up_id: str) -> Response:
        """Marks a follow-up done on a day (not in the future); the note is added to its note."""
        user, referral = _referral(request, referral_id)
        follow_up = referral.follow_ups.filter(pk=path_id(follow_up_id)).first()
        if follow_up is None:
            raise Http404("No such follow-up.")
        data = valid(CareFollowUpDoneSerializer, request.data)
        done = follow_up_done(actor=user, follow_up_id=follow_up.pk, **data)
        return Response(CareFollowUpSerializer(done).data)


class ReferralRisksView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @_documented(CareRiskInputSerializer, CareRiskSerializer)
    def post(self, request: Request, referral_id: str) -> Response:
        """Records an assessment of the risk that the person is trafficked again."""
        user, referral = _referral(request, referral_id)
        data = valid(CareRiskInputSerializer, request.data)
        risk = risk_assess(actor=user, referral_id=referral.pk, **data)
        return Response(CareRiskSerializer(risk).data, status=status.HTTP_201_CREATED)


class ReferralNotesView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @_documented(CareNoteInputSerializer, CareNoteSerializer)
    def post(self, request: Request, referral_id: str) -> Response:
        """Adds a caseworker's note, sealed at rest."""
        user, referral = _referral(request, referral_id)
        data = valid(CareNoteInputSerializer, request.data)
        note = case_note_add(actor=user, referral_id=referral.pk, text=data["text"])
        return Response(CareNoteSerializer(note).data, status=status.HTTP_201_CREATED)


class ReferralCourtView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @_documented(CareCourtInputSerializer, CareCourtSerializer, code=200, conflict=True)
    def put(self, request: Request, referral_id: str) -> Response:
        """Sets the victim-witness's protection in court (screen, in camera, video link) and
        the compensation ordered and paid: either side of the referral, with the referral's
        ``expected_version`` (a stale one answers 409)."""
        user, referral = _referral(request, referral_id)
        data = valid(CareCourtInputSerializer, request.data)
        saved = referral_court_record(
            actor=user, referral_id=referral.pk, measures=data["court_measures"],
            compensation_ordered=data["compensation_ordered"],
            compensation_paid=data["compensation_paid"],
            expected_version=data["expected_version"],
        )  # fmt: skip
        return Response(CareCourtSerializer(saved).data)


class ReferralAdmitView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @_documented(StayAdmitSerializer, CareStaySerializer)
    def post(self, request: Request, referral_id: str) -> Response:
        """Admits the person of an accepted referral to the shelter, which starts the service;
        refused when every bed is taken."""
        user, referral = _referral(request, referral_id)
        data = valid(StayAdmitSerializer, request.data)
        stay = stay_admit(actor=user, referral_id=referral.pk, admitted_on=data["admitted_on"])
        return _stay(stay, status.HTTP_201_CREATED)


class ReferralDischargeView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @_documented(StayDischargeSerializer, CareStaySerializer, code=200)
    def post(self, request: Request, referral_id: str) -> Response:
        """Discharges the person from the open stay, with the destination (absconded raises
        an alert on the referring unit's home page)."""
        user, referral = _referral(request, referral_id)
        data = valid(StayDischargeSerializer, request.data)
        stay = stay_discharge(actor=user, referral_id=referral.pk, **data)
        return _stay(stay, status.HTTP_200_OK)


class ShelterOccupancyView(ErrorsMixin, APIView):
    @extend_schema(responses={200: ShelterOccupancySerializer(many=True), **error_responses(403)})
    def get(self, request: Request) -> Response:
        """Live bed occupancy of every active shelter: counts only, no person. Case writers,
        caseworkers and administrators; audited."""
        user = actor(request)
        if not occupancy_may_see(user):
            raise PermissionDenied()
        rows = shelter_occupancy()
        audit_list(
            actor=user, object_type=AuditObject.ORGANISATION, object_id="occupancy-api",
            ids=[r.shelter.pk for r in rows],
        )  # fmt: skip
        return Response(ShelterOccupancySerializer(rows, many=True).data)
