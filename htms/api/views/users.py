"""Accounts, for administrators: list, create, read, change role or unit, and the actions of
the account page (deactivate, reactivate, unlock, password and second-factor reset)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.accounts.administration import (
    ACCOUNT_ACTIONS,
    account_change,
    account_create,
    account_get,
    account_list,
    account_password_reset,
    administrator_check,
)
from htms.accounts.login import login_slowed_usernames
from htms.accounts.models import User
from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.serializers.users import (
    AccountActionSerializer,
    AccountChangeSerializer,
    AccountCreateSerializer,
    AccountQuery,
    AccountSerializer,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.reference.models import Unit

PASSWORD_NEEDED = _("Give the temporary password.")
USER_ID = path_id_parameter("user_id", "The account's id")


def _rows(accounts: list[User]) -> list[dict[str, Any]]:
    locked = login_slowed_usernames(usernames=[a.username for a in accounts])
    return [AccountSerializer(_row(a, a.username in locked)).data for a in accounts]


def _row(account: User, locked: bool) -> dict[str, Any]:
    fields = ("id", "username", "first_name", "last_name", "role", "is_active", "last_login")
    row = {name: getattr(account, name) for name in fields}
    row["must_change_password"] = account.must_change_password
    row["unit"] = account.unit.code if account.unit else None
    row["locked"] = locked
    return row


def _one(account: User) -> dict[str, Any]:
    return _rows([account])[0]


def _unit_id(code: str | None) -> int | None:
    if not code:
        return None
    return Unit.objects.filter(code=code).values_list("pk", flat=True).first() or 0


class AccountCollectionView(ErrorsMixin, GenericAPIView[Any]):
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="users_list",
        parameters=[AccountQuery],
        responses={200: AccountSerializer(many=True), **error_responses(400, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        """Every account, by username, filtered by role, unit and status. Administrators only."""
        user = actor(request)
        administrator_check(user)
        query = valid(AccountQuery, request.query_params)
        accounts = account_list(
            actor=user,
            role=query.get("role", ""),
            unit_id=_unit_id(query.get("unit")),
            status=query.get("status", ""),
        )
        page = self.paginate_queryset(accounts) or []
        return self.get_paginated_response(_rows(list(page)))

    @extend_schema(
        operation_id="users_create",
        request=AccountCreateSerializer,
        responses={201: AccountSerializer, **error_responses(400, 403)},
    )
    def post(self, request: Request) -> Response:
        """Creates an account whose initial password must be changed at first login."""
        user = actor(request)
        administrator_check(user)
        data = valid(AccountCreateSerializer, request.data)
        account = account_create(
            actor=user,
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            role=data["role"],
            unit_code=data["unit"],
            password=data["password"],
        )
        return Response(_one(account), status=status.HTTP_201_CREATED)


class AccountDetailView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="users_read",
        parameters=[USER_ID],
        responses={200: AccountSerializer, **error_responses(403, 404)},
    )
    def get(self, request: Request, user_id: str) -> Response:
        """One account. Administrators only."""
        account = account_get(actor=actor(request), user_id=path_id(user_id))
        return Response(_one(account))

    @extend_schema(
        operation_id="users_change",
        parameters=[USER_ID],
        request=AccountChangeSerializer,
        responses={200: AccountSerializer, **error_responses(400, 403, 404)},
    )
    def patch(self, request: Request, user_id: str) -> Response:
        """Changes the account's role or unit (not an administrator's own)."""
        user = actor(request)
        account = account_get(actor=user, user_id=path_id(user_id))
        data = valid(AccountChangeSerializer, request.data)
        unit = data.get("unit") or (account.unit.code if account.unit else "")
        changed = account_change(
            actor=user, user=account, role=data.get("role", account.role), unit_code=unit
        )
        return Response(_one(changed))


class AccountActionView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="users_action",
        parameters=[USER_ID],
        request=AccountActionSerializer,
        responses={200: AccountSerializer, **error_responses(400, 403, 404)},
    )
    def post(self, request: Request, user_id: str) -> Response:
        """Does one action to the account (not an administrator's own); answers the account."""
        user = actor(request)
        account = account_get(actor=user, user_id=path_id(user_id))
        data = valid(AccountActionSerializer, request.data)
        _act(user, account, data)
        return Response(_one(account_get(actor=user, user_id=account.pk)))


def _act(user: User, account: User, data: dict[str, Any]) -> None:
    action = data["action"]
    if action == "reset_password":
        if not data.get("password"):
            raise ValidationError({"password": PASSWORD_NEEDED})
        account_password_reset(
            actor=user,
            user=account,
            password=data["password"],
            second_factor=data["second_factor"],
        )
        return
    ACCOUNT_ACTIONS[action](actor=user, user=account)
