"""Victim protection through the API: the service directory, referrals (listed, proposed, read
and moved), with the pages' access rule (``htms/protection/access.py``), services and audit."""

from typing import Any

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.accounts.models import User
from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.parsers import JSONParser
from htms.api.serializers.protection import (
    OrganisationSerializer,
    ReferralInputSerializer,
    ReferralMoveSerializer,
    ReferralSerializer,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.audit.models import AuditObject
from htms.audit.services import audit_list, audit_view
from htms.protection.access import referral_get_for_user, referral_refers, referral_serves
from htms.protection.models import Organisation, Referral
from htms.protection.presenters import referral_person_view, referral_rows
from htms.protection.selectors import referral_list
from htms.protection.services.referrals import (
    ReferralInput,
    called_person,
    referral_move,
    referral_propose,
)

REFERRAL_ID = path_id_parameter("referral_id", "The referral's id")


def _body(user: User, referral: Referral) -> dict[str, Any]:
    return {"referral": referral, "person": referral_person_view(user, referral)}


class OrganisationCollectionView(ErrorsMixin, GenericAPIView[Any]):
    @extend_schema(responses={200: OrganisationSerializer(many=True)})
    def get(self, request: Request) -> Response:
        """The service directory: organisations, their services, beds and contacts."""
        page = self.paginate_queryset(Organisation.objects.order_by("name")) or []
        return self.get_paginated_response(OrganisationSerializer(page, many=True).data)


class ReferralCollectionView(ErrorsMixin, GenericAPIView[Any]):
    parser_classes = [JSONParser]

    @extend_schema(responses={200: ReferralSerializer(many=True), **error_responses(403)})
    def get(self, request: Request) -> Response:
        """The referrals of the user's unit, or to the user's organisation; audited."""
        user = actor(request)
        if not (referral_refers(user) or referral_serves(user)):
            raise PermissionDenied()
        page = self.paginate_queryset(referral_list(user=user)) or []
        audit_list(
            actor=user, object_type=AuditObject.PROTECTION_REFERRAL_LIST, object_id="api",
            ids=[r.pk for r in page],
        )  # fmt: skip
        rows = [{"referral": r, "person": v} for r, v in referral_rows(user, page)]
        return self.get_paginated_response(ReferralSerializer(rows, many=True).data)

    @extend_schema(
        request=ReferralInputSerializer,
        responses={201: ReferralSerializer, **error_responses(400, 403, 404)},
    )
    def post(self, request: Request) -> Response:
        """Proposes (``send``: and sends) a referral with the person's consent; case writers of
        the unit that handles the person only."""
        user = actor(request)
        data = valid(ReferralInputSerializer, request.data)
        called = data.pop("called", None)
        data["called"] = called_person(**called) if called else None
        referral = referral_propose(actor=user, data=ReferralInput(**data))
        referral = referral_get_for_user(user=user, referral_id=referral.pk)
        return Response(
            ReferralSerializer(_body(user, referral)).data, status=status.HTTP_201_CREATED
        )


class ReferralDetailView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[REFERRAL_ID], responses={200: ReferralSerializer, **error_responses(404)}
    )
    def get(self, request: Request, referral_id: str) -> Response:
        """The referral and its person, as far as the caller may see; the read is audited."""
        user = actor(request)
        referral = referral_get_for_user(user=user, referral_id=path_id(referral_id))
        audit_view(actor=user, object_type=AuditObject.PROTECTION_REFERRAL, object_id=referral.pk)
        return Response(ReferralSerializer(_body(user, referral)).data)


class ReferralStateView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[REFERRAL_ID],
        request=ReferralMoveSerializer,
        responses={200: ReferralSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, referral_id: str) -> Response:
        """Moves the referral on (sent, accepted, declined, in service, completed, closed) for
        the side the caller acts for; declining and closing need a reason."""
        user = actor(request)
        referral = referral_get_for_user(user=user, referral_id=path_id(referral_id))
        data = valid(ReferralMoveSerializer, request.data)
        moved = referral_move(
            actor=user, referral_id=referral.pk, to_state=data["to_state"],
            reason=data["reason"], expected_version=data["expected_version"],
        )  # fmt: skip
        moved = referral_get_for_user(user=user, referral_id=moved.pk)
        return Response(ReferralSerializer(_body(user, moved)).data)
