"""The help line through the API: the calls the user may see (the caller withheld unless they
need to know), a call recorded by a call-taker, and the leads. Same access chokepoint
(``htms/helpline/access.py``), services and audit rows as the pages."""

from typing import Any

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.parsers import JSONParser
from htms.api.serializers.helpline import CallInputSerializer, CallSerializer, LeadSerializer
from htms.api.views.base import actor, path_id_parameter
from htms.audit.models import AuditObject
from htms.audit.services import audit_list, audit_view
from htms.helpline.access import call_get_for_user, call_taker
from htms.helpline.presenters import call_view, call_views
from htms.helpline.selectors import call_list, lead_list
from htms.helpline.services import call_record

CALL_ID = path_id_parameter("call_id", "The call's id")


class CallCollectionView(ErrorsMixin, GenericAPIView[Any]):
    parser_classes = [JSONParser]

    @extend_schema(responses={200: CallSerializer(many=True), **error_responses()})
    def get(self, request: Request) -> Response:
        """The calls the user may see, newest first; the page's ids are audited."""
        user = actor(request)
        page = self.paginate_queryset(call_list(user=user)) or []
        audit_list(
            actor=user,
            object_type=AuditObject.HELPLINE_CALL_LIST,
            object_id="api",
            ids=[c.pk for c in page],
        )
        shown: list[Any] = call_views(user, page)
        return self.get_paginated_response(CallSerializer(shown, many=True).data)

    @extend_schema(
        request=CallInputSerializer,
        responses={201: CallSerializer, **error_responses(400, 403)},
    )
    def post(self, request: Request) -> Response:
        """Records a call at the call-taker's help line; an emergency is escalated at once to
        the circle of the caller's district. Call-takers only."""
        user = actor(request)
        if not call_taker(user):
            raise PermissionDenied()
        serializer = CallInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call = call_record(actor=user, data=serializer.call_input())
        body = CallSerializer(call_view(user, call)).data
        return Response(body, status=status.HTTP_201_CREATED)


class CallDetailView(ErrorsMixin, APIView):
    @extend_schema(parameters=[CALL_ID], responses={200: CallSerializer, **error_responses(404)})
    def get(self, request: Request, call_id: str) -> Response:
        """One call; the read is audited."""
        user = actor(request)
        call = call_get_for_user(user=user, call_id=path_id(call_id))
        audit_view(actor=user, object_type=AuditObject.HELPLINE_CALL, object_id=call.pk)
        return Response(CallSerializer(call_view(user, call)).data)


class LeadCollectionView(ErrorsMixin, GenericAPIView[Any]):
    @extend_schema(responses={200: LeadSerializer(many=True), **error_responses()})
    def get(self, request: Request) -> Response:
        """The leads the user may see, newest first; the page's ids are audited."""
        user = actor(request)
        page = self.paginate_queryset(lead_list(user=user)) or []
        audit_list(
            actor=user,
            object_type=AuditObject.HELPLINE_LEAD_LIST,
            object_id="api",
            ids=[lead.pk for lead in page],
        )
        return self.get_paginated_response(LeadSerializer(page, many=True).data)
