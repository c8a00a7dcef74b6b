"""Logging in for API clients: a token for a username and password."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.accounts.services import login_attempt
from htms.api.errors import ErrorsMixin, error_responses


class CredentialsSerializer(serializers.Serializer[Any]):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class TokenSerializer(serializers.Serializer[Any]):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`")


class TokenView(ErrorsMixin, APIView):
    """The user's API token for a username and password; the same token on every call."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="auth_token_create",
        request=CredentialsSerializer,
        auth=[],
        responses={200: TokenSerializer, **error_responses(400, login=False)},
    )
    def post(self, request: Request) -> Response:
        serializer = CredentialsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # Same lockout and audit as the login page (htms/accounts/services.py).
        user = login_attempt(**serializer.validated_data, channel="api")
        token, _created = Token.objects.get_or_create(user=user)
        return Response(TokenSerializer({"token": token.key}).data)
