"""Judgments and the circle in-charge's approvals, with the same services as the pages."""

from typing import Any

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.api.errors import Conflict, ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.parsers import JSONParser
from htms.api.serializers.case_court import (
    ApprovalSerializer,
    ApproveInputSerializer,
    DeclineInputSerializer,
    JudgmentInputSerializer,
    JudgmentResultSerializer,
    OffenceTimePlaceInputSerializer,
    verdict_inputs_from,
)
from htms.api.serializers.case_output import OffenceSerializer
from htms.api.views.base import actor, path_id_parameter, valid
from htms.api.views.cases import CASE_ID
from htms.audit.models import AuditObject
from htms.audit.services import audit_list
from htms.cases.access import approval_get_for_user, case_get_for_user
from htms.cases.models import StageChange, TransitionStatus
from htms.cases.selectors import pending_approvals
from htms.cases.services.court import case_record_judgment
from htms.cases.services.lifecycle import case_decide_stage_change
from htms.cases.services.offence_place import offence_set_time_place

CHANGE_ID = path_id_parameter("change_id", "The stage change's id")
OFFENCE_ID = path_id_parameter("offence_id", "The offence's id")
ALREADY_DECIDED = gettext_lazy("This request was already decided.")


class CaseJudgmentView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[CASE_ID],
        request=JudgmentInputSerializer,
        responses={201: JudgmentResultSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, case_id: str) -> Response:
        """Records a judgment. At trial: one verdict per accused on trial per offence (at a
        retrial, per offence remanded). On appeal (the case at stage `appeal`): a verdict per
        accused and offence appealed, in a court above the one that judged, after its judgment;
        its level is the next above the last verdict. A term is given in years and months; an
        upheld conviction keeps its sentence unless one is given. The case moves to judgment as
        of `date` (back to trial when a verdict remands), which cannot be in the future nor
        before the current stage took effect; well in the past, it needs a `backdate_reason`."""
        user = actor(request)
        case = case_get_for_user(user=user, case_id=path_id(case_id), write=True)
        data = valid(JudgmentInputSerializer, request.data)
        rows = case_record_judgment(
            actor=user,
            case_id=case.pk,
            expected_version=data["expected_version"],
            court_id=data["court"],
            date=data["date"],
            verdicts=verdict_inputs_from(data),
            backdate_reason=data["backdate_reason"],
        )
        case.refresh_from_db(fields=["stage", "version"])
        result = JudgmentResultSerializer({"case": case, "verdicts": rows})
        return Response(result.data, status=status.HTTP_201_CREATED)


class CaseOffenceView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[CASE_ID, OFFENCE_ID],
        request=OffenceTimePlaceInputSerializer,
        responses={200: OffenceSerializer, **error_responses(400, 403, 404, 409)},
    )
    def put(self, request: Request, case_id: str, offence_id: str) -> Response:
        """Sets when an offence was committed (to the day, month or year) and where: a district
        of Pakistan or a country abroad. Fields left out are cleared."""
        user = actor(request)
        case = case_get_for_user(user=user, case_id=path_id(case_id), write=True)
        data = valid(OffenceTimePlaceInputSerializer, request.data)
        offence = offence_set_time_place(
            actor=user,
            case_id=case.pk,
            expected_version=data["expected_version"],
            offence_id=path_id(offence_id),
            date=data["date"],
            date_precision=data["date_precision"],
            district_code=data["district"],
            country_code=data["country"],
        )
        return Response(OffenceSerializer(offence).data)


class ApprovalCollectionView(ErrorsMixin, GenericAPIView[Any]):
    @extend_schema(responses={200: ApprovalSerializer(many=True)})
    def get(self, request: Request) -> Response:
        """Challans and closures waiting for the user, a circle in-charge, oldest first; empty
        for every other role."""
        user = actor(request)
        changes = pending_approvals(user=user).select_related("court", "decided_by")
        page = self.paginate_queryset(changes.order_by("requested_at", "id")) or []
        audit_list(
            actor=user,
            object_type=AuditObject.APPROVAL_LIST,
            object_id="api",
            ids=[change.pk for change in page],
            cases=[change.case_id for change in page],
        )
        return self.get_paginated_response(ApprovalSerializer(page, many=True).data)


def _pending(request: Request, change_id: str) -> StageChange:
    change = approval_get_for_user(user=actor(request), change_id=path_id(change_id))
    if change.status != TransitionStatus.PENDING:
        raise Conflict(str(ALREADY_DECIDED))
    return change


class ApprovalApproveView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[CHANGE_ID],
        request=ApproveInputSerializer,
        responses={200: ApprovalSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, change_id: str) -> Response:
        """Approves a pending challan or closure: the case moves as of the requested effective
        date. Circle in-charge of the case's unit; every rule of the step is checked again."""
        change = _pending(request, change_id)
        data = valid(ApproveInputSerializer, request.data)
        change = case_decide_stage_change(
            actor=actor(request), change_id=change.pk, approve=True, note=data["note"]
        )
        return Response(ApprovalSerializer(change).data)


class ApprovalDeclineView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[CHANGE_ID],
        request=DeclineInputSerializer,
        responses={200: ApprovalSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, change_id: str) -> Response:
        """Declines a pending challan or closure with a reason, kept on the request and shown on
        the case's timeline. Circle in-charge of the case's unit."""
        change = _pending(request, change_id)
        data = valid(DeclineInputSerializer, request.data)
        change = case_decide_stage_change(
            actor=actor(request), change_id=change.pk, approve=False, reason=data["reason"]
        )
        return Response(ApprovalSerializer(change).data)
