"""Cases: list, register, read, move through stages, record hearings.

Every view starts at the access chokepoint, before it looks at the input, so that a user who
may not know a case exists gets the same 404 whatever they send.
"""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.accounts.models import User
from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.parsers import JSONParser
from htms.api.serializers.case_duplicates import DuplicateConflictSerializer
from htms.api.serializers.case_input import (
    CaseFilterSerializer,
    CaseRegisterSerializer,
    HearingInputSerializer,
    StageRequestSerializer,
    case_filters_from,
    case_input_from,
)
from htms.api.serializers.case_output import (
    CaseDetailSerializer,
    CaseListItemSerializer,
    HearingSerializer,
    StageChangeResultSerializer,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.audit.models import AuditObject
from htms.audit.services import audit_list, audit_view
from htms.cases.access import case_get_for_user
from htms.cases.selectors import case_detail, case_list
from htms.cases.services.court import hearing_record
from htms.cases.services.lifecycle import case_request_stage
from htms.cases.services.registration import (
    DUPLICATE_NEEDS_REASON,
    LikelyDuplicateError,
    case_duplicates_shown,
    case_register,
)
from htms.persons.access import identity_visibility
from htms.persons.models import Person

CASE_ID = path_id_parameter("case_id", "The case's id")


def case_detail_data(user: User, case_id: int) -> dict[str, Any]:
    """The case as CaseDetailSerializer shows it to this user.

    A protected person is masked in every row of the case (``htms/persons/access.py``).
    """
    case = case_detail(user=user, case_id=case_id)
    visible = identity_visibility(user, [p.person_id for p in case.parties.all()])

    def identity_visible(person: Person) -> bool:
        return visible[person.pk]

    return dict(CaseDetailSerializer(case, context={"identity_visible": identity_visible}).data)


DUPLICATE_CONFLICT = OpenApiResponse(
    response=DuplicateConflictSerializer,
    description=(
        "The case looks like cases already registered that the user may see; nothing was "
        "saved. Check them, then send the case again with a `duplicate_reason`."
    ),
)


def _duplicate_conflict(user: User, exc: LikelyDuplicateError) -> Response:
    """The 409 answer; showing the cases is a read of them, and audited as one."""
    case_duplicates_shown(actor=user, candidates=exc.candidates, where="api")
    body = {"detail": str(DUPLICATE_NEEDS_REASON), "candidates": exc.candidates}
    return Response(DuplicateConflictSerializer(body).data, status=status.HTTP_409_CONFLICT)


class CaseCollectionView(ErrorsMixin, GenericAPIView[Any]):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[CaseFilterSerializer],
        responses={200: CaseListItemSerializer(many=True), **error_responses(400, 404)},
    )
    def get(self, request: Request) -> Response:
        """The cases the user may see, newest first, filtered."""
        user = actor(request)
        filters = case_filters_from(valid(CaseFilterSerializer, request.query_params))
        page = self.paginate_queryset(case_list(user=user, filters=filters)) or []
        audit_list(
            actor=user,
            object_type=AuditObject.CASE_LIST,
            object_id="api",
            ids=[case.pk for case in page],
            filters=request.query_params.dict(),
        )
        return self.get_paginated_response(CaseListItemSerializer(page, many=True).data)

    @extend_schema(
        request=CaseRegisterSerializer,
        responses={
            201: CaseDetailSerializer,
            **error_responses(400, 403),
            409: DUPLICATE_CONFLICT,
        },
    )
    def post(self, request: Request) -> Response:
        """Registers a case in the user's unit, with its offences, parties and route.

        A case that looks like one the user may see is refused with 409 and the cases it looks
        like; sent again with a `duplicate_reason`, it is registered and the reason audited.
        """
        user = actor(request)
        data = valid(CaseRegisterSerializer, request.data)
        try:
            case = case_register(
                actor=user, data=case_input_from(data), duplicate_reason=data["duplicate_reason"]
            )
        except LikelyDuplicateError as exc:
            return _duplicate_conflict(user, exc)
        return Response(case_detail_data(user, case.pk), status=status.HTTP_201_CREATED)


class CaseDetailView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[CASE_ID], responses={200: CaseDetailSerializer, **error_responses(404)}
    )
    def get(self, request: Request, case_id: str) -> Response:
        """The whole case; the read is written to the audit log."""
        user = actor(request)
        case = case_get_for_user(user=user, case_id=path_id(case_id))
        data = case_detail_data(user, case.pk)
        audit_view(actor=user, object_type=AuditObject.CASE, object_id=case.pk)
        return Response(data)


class CaseStageView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[CASE_ID],
        request=StageRequestSerializer,
        responses={201: StageChangeResultSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, case_id: str) -> Response:
        """Moves the case to another stage as of `effective_on`, or asks the circle in-charge
        to approve it (challans and closures). A challan names its number and court; closing
        names the reason. The effective date cannot be in the future, nor before the case was
        opened or the current stage took effect; well in the past, it needs a `backdate_reason`.
        """
        user = actor(request)
        case = case_get_for_user(user=user, case_id=path_id(case_id), write=True)
        data = valid(StageRequestSerializer, request.data)
        change = case_request_stage(
            actor=user,
            case_id=case.pk,
            expected_version=data["expected_version"],
            to_stage=data["to_stage"],
            closure_reason=data["closure_reason"],
            court_id=data["court"],
            note=data["note"],
            effective_on=data["effective_on"],
            backdate_reason=data["backdate_reason"],
            challan_number=data["challan_number"],
        )
        case.refresh_from_db(fields=["stage", "version"])
        result = StageChangeResultSerializer({"change": change, "case": case})
        return Response(result.data, status=status.HTTP_201_CREATED)


class CaseHearingsView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[CASE_ID],
        request=HearingInputSerializer,
        responses={201: HearingSerializer, **error_responses(400, 403, 404)},
    )
    def post(self, request: Request, case_id: str) -> Response:
        """Records a hearing held on `date` and the next date; a date well in the past needs a
        `backdate_reason`."""
        user = actor(request)
        case = case_get_for_user(user=user, case_id=path_id(case_id), write=True)
        data = valid(HearingInputSerializer, request.data)
        hearing = hearing_record(
            actor=user,
            case_id=case.pk,
            court_id=data["court"],
            date=data["date"],
            purpose=data["purpose"],
            outcome=data["outcome"],
            next_date=data["next_date"],
            witness_party_ids=data["witnesses_due"],
            backdate_reason=data["backdate_reason"],
        )
        return Response(HearingSerializer(hearing).data, status=status.HTTP_201_CREATED)
