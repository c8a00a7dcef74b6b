"""The API's JSON parser: bounded in size and in nesting, so that no body can exhaust the
server's memory or its stack. A body past the size limit is a 413, too deep a body a 400."""

import json
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers, status

TOO_DEEP = _("The JSON body is nested more than %(depth)d levels deep; no input of this API is.")
NOT_JSON = _("The body is not valid JSON: %(error)s")


class BodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The body is larger than %(limit)d bytes, the most this API accepts.")
    default_code = "too_large"


def _too_large(limit: int) -> BodyTooLarge:
    return BodyTooLarge(str(BodyTooLarge.default_detail) % {"limit": limit})


def _declared_length(context: Mapping[str, Any]) -> int:
    request = context.get("request")
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
    except ValueError:
        return 0


def depth(value: object) -> int:
    """How deeply lists and objects nest in a parsed value, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in item)
    return deepest


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with the limits of ``HTMS_API_MAX_BODY_BYTES`` and
    ``HTMS_API_MAX_JSON_DEPTH``."""

    limit_setting = "HTMS_API_MAX_BODY_BYTES"

    def parse(
        self,
        stream: IO[Any] | None,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        limit: int = getattr(settings, self.limit_setting)
        if _declared_length(parser_context or {}) > limit:
            raise _too_large(limit)
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise _too_large(limit)
        try:
            data = json.loads(body.decode(self._encoding(parser_context)))
        except RecursionError:
            raise exceptions.ParseError(TOO_DEEP % self._max_depth()) from None
        except ValueError as exc:
            raise exceptions.ParseError(NOT_JSON % {"error": exc}) from None
        if depth(data) > settings.HTMS_API_MAX_JSON_DEPTH:
            raise exceptions.ParseError(TOO_DEEP % self._max_depth())
        return data

    @staticmethod
    def _max_depth() -> dict[str, int]:
        return {"depth": settings.HTMS_API_MAX_JSON_DEPTH}

    @staticmethod
    def _encoding(context: Mapping[str, Any] | None) -> str:
        return str((context or {}).get("encoding", settings.DEFAULT_CHARSET))


class BulkJSONParser(JSONParser):
    """For the few bulk inputs (thousands of parties in one request): the larger limit of
    ``HTMS_API_MAX_BULK_BODY_BYTES``."""

    limit_setting = "HTMS_API_MAX_BULK_BODY_BYTES"
