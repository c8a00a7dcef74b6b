"""Logging in for API clients: a token for a username, password and second-factor code; the
caller's own tokens, listed and revoked."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.accounts.login import login_for_token
from htms.accounts.models import ApiToken
from htms.accounts.tokens import (
    api_token_get_for_user,
    api_token_issue,
    api_token_revoke,
    api_tokens_live,
)
from htms.api.errors import DetailErrorSerializer, ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.views.base import actor, path_id_parameter, valid


class TooManyAttempts(exceptions.APIException):
    """429 with a ``Retry-After`` header (DRF adds it for an exception with ``wait``)."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = _("Too many failed logins. Wait, then try again.")
    default_code = "throttled"

    def __init__(self, detail: str, *, wait: int | None) -> None:
        super().__init__(detail)
        self.wait = wait


class CredentialsSerializer(serializers.Serializer[Any]):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=4096, style={"input_type": "password"}, trim_whitespace=False
    )
    otp = serializers.CharField(
        max_length=32,
        required=False,
        allow_blank=True,
        default="",
        help_text="The six-digit code of the user's authenticator app, or one of their recovery "
        "codes. Required for every role (see docs/security.md).",
    )


class NewTokenSerializer(serializers.Serializer[Any]):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`; shown once.")
    expires_at = serializers.DateTimeField()


class TokenOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    prefix = serializers.CharField(help_text="The first characters of the key.")
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    current = serializers.BooleanField(help_text="The token this request was made with.")


class TokenView(ErrorsMixin, APIView):
    """A new API token for a username, password and second-factor code; it expires."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="auth_token_create",
        request=CredentialsSerializer,
        auth=[],
        responses={
            200: NewTokenSerializer,
            **error_responses(400, login=False),
            429: OpenApiResponse(
                DetailErrorSerializer, description="Too many failed logins; wait and retry."
            ),
        },
    )
    def post(self, request: Request) -> Response:
        data = valid(CredentialsSerializer, request.data)
        try:
            # Same throttling and audit as the login page (htms/accounts/login.py).
            user = login_for_token(
                username=data["username"],
                password=data["password"],
                code=data["otp"],
                address=request.META.get("REMOTE_ADDR"),
            )
        except ValidationError as exc:
            if exc.code == "throttled":
                wait = (exc.params or {}).get("seconds")
                raise TooManyAttempts(exc.messages[0], wait=wait) from None
            raise
        token, key = api_token_issue(user=user)
        return Response(NewTokenSerializer({"token": key, "expires_at": token.expires_at}).data)


def _token_row(token: ApiToken, request: Request) -> dict[str, Any]:
    current = isinstance(request.auth, ApiToken) and request.auth.pk == token.pk
    return {
        "id": token.pk,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "current": current,
    }


class TokenCollectionView(ErrorsMixin, APIView):
    """The caller's tokens that still work, newest first."""

    @extend_schema(
        operation_id="auth_tokens_list",
        responses={200: TokenOutputSerializer(many=True), **error_responses()},
    )
    def get(self, request: Request) -> Response:
        rows = [_token_row(t, request) for t in api_tokens_live(user=actor(request))]
        return Response(TokenOutputSerializer(rows, many=True).data)


class TokenDetailView(ErrorsMixin, APIView):
    """Revokes a token of the caller (the one in use too: that is logging out); administrators
    may revoke anyone's."""

    @extend_schema(
        operation_id="auth_token_revoke",
        parameters=[path_id_parameter("token_id", "The token's id, as listed.")],
        responses={204: None, **error_responses(404)},
    )
    def delete(self, request: Request, token_id: str) -> Response:
        user = actor(request)
        token = api_token_get_for_user(user=user, token_id=path_id(token_id))
        api_token_revoke(actor=user, token=token)
        return Response(status=status.HTTP_204_NO_CONTENT)
