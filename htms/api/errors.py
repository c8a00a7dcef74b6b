"""How the API reports errors: one exception handler and the schemas of its error bodies.

- 400: ``{"field": ["message", ...]}``. Nested input is flattened to the same keys the services
  use, ``parties[0].birth_date``; errors that belong to no field are under ``non_field_errors``.
- 401, 403, 404, 405, 409, 415: ``{"detail": "message"}``.

Django's ``ValidationError``, ``Http404``, ``PermissionDenied`` (``NotAllowedError``) and the
services' ``StaleEditError`` are turned into these answers here, so views never catch them.
"""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from htms.common.errors import StaleEditError

FieldErrors = dict[str, list[str]]


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The record changed after you read it.")
    default_code = "conflict"


def _non_field_key() -> str:
    return str(api_settings.NON_FIELD_ERRORS_KEY)


def _join(prefix: str, key: object) -> str:
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    name = _non_field_key() if key == NON_FIELD_ERRORS else str(key)
    return f"{prefix}.{name}" if prefix else name


def flatten_errors(detail: Any, prefix: str = "", into: FieldErrors | None = None) -> FieldErrors:
    """Turns DRF's nested error detail into ``{"parties[0].person.full_name": [...]}``."""
    errors: FieldErrors = {} if into is None else into
    if isinstance(detail, dict):
        for key, value in detail.items():
            flatten_errors(value, _join(prefix, key), errors)
    elif isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        for index, item in enumerate(detail):
            flatten_errors(item, _join(prefix, index), errors)
    elif isinstance(detail, list):
        errors.setdefault(prefix or _non_field_key(), []).extend(str(m) for m in detail)
    else:
        errors.setdefault(prefix or _non_field_key(), []).append(str(detail))
    return errors


def _from_django(exc: DjangoValidationError) -> FieldErrors:
    if hasattr(exc, "error_dict"):
        return flatten_errors(exc.message_dict)
    return {_non_field_key(): list(exc.messages)}


def _translate(exc: Exception) -> Exception:
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(_from_django(exc))
    if isinstance(exc, StaleEditError):
        return Conflict(str(exc))
    if isinstance(exc, exceptions.ParseError):
        return exceptions.ValidationError({_non_field_key(): [str(exc.detail)]})
    return exc


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """The DRF exception handler of every HTMS API view."""
    exc = _translate(exc)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        response.data = flatten_errors(exc.detail)
    return response


class ErrorsMixin:
    """Gives a DRF view the HTMS exception handler without a project-wide setting."""

    def get_exception_handler(self) -> Any:
        return api_exception_handler


class FieldErrorsSerializer(serializers.Serializer[Any]):
    """Schema only: a 400 body. The real schema comes from FieldErrorsExtension."""


class DetailErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()


class FieldErrorsExtension(OpenApiSerializerExtension):  # type: ignore[no-untyped-call]
    target_class = FieldErrorsSerializer

    def get_name(self, auto_schema: AutoSchema, direction: Any) -> str:
        return "FieldErrors"

    def map_serializer(self, auto_schema: AutoSchema, direction: Any) -> dict[str, Any]:
        return {
            "type": "object",
            "description": "Messages per input field, e.g. `parties[0].birth_date`.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        }


_ERROR_TEXT = {
    400: "The input is not valid; messages per field.",
    401: "Not logged in, or the token is not valid.",
    403: "The record is visible but the user's role does not allow this action.",
    404: "No such record, or the user may not know it exists.",
    409: "Someone changed the record since the version given; nothing was saved.",
}


def error_responses(*codes: int, login: bool = True) -> dict[int, OpenApiResponse]:
    """The documented error answers of an operation; 401 too if it needs a login."""
    responses = {}
    for code in sorted({*codes, 401} if login else set(codes)):
        body = FieldErrorsSerializer if code == 400 else DetailErrorSerializer
        responses[code] = OpenApiResponse(response=body, description=_ERROR_TEXT[code])
    return responses
