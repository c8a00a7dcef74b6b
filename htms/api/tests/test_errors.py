"""The exception handler: each kind of error becomes its documented answer."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from rest_framework import exceptions

from htms.api.errors import api_exception_handler, flatten_errors
from htms.common.errors import NOT_ALLOWED, STALE_EDIT, NotAllowedError, StaleEditError


@pytest.mark.parametrize(
    ("detail", "flat"),
    [
        ({"origin": ["Bad."]}, {"origin": ["Bad."]}),
        (
            {"parties": [{}, {"person": {"full_name": ["Long."]}}]},
            {"parties[1].person.full_name": ["Long."]},
        ),
        (
            {"statutes": {0: ["Blank."], 3: ["Long."]}},
            {"statutes[0]": ["Blank."], "statutes[3]": ["Long."]},
        ),
        ({"parties": [["Null."]]}, {"parties[0]": ["Null."]}),
        ({"__all__": ["Both."]}, {"non_field_errors": ["Both."]}),
        (["Not a dict."], {"non_field_errors": ["Not a dict."]}),
        ("Plain.", {"non_field_errors": ["Plain."]}),
    ],
)
def test_it_flattens_nested_errors_to_the_services_keys(
    detail: Any, flat: dict[str, list[str]]
) -> None:
    assert flatten_errors(detail) == flat


@pytest.mark.parametrize(
    ("exc", "status", "body"),
    [
        (
            ValidationError({"parties[0].birth_date": ["Late."]}),
            400,
            {"parties[0].birth_date": ["Late."]},
        ),
        (ValidationError("No field."), 400, {"non_field_errors": ["No field."]}),
        (StaleEditError(), 409, {"detail": str(STALE_EDIT)}),
        (NotAllowedError(), 403, {"detail": str(NOT_ALLOWED)}),
        (Http404("No such case."), 404, {"detail": "No such case."}),
        (
            exceptions.ParseError("JSON parse error"),
            400,
            {"non_field_errors": ["JSON parse error"]},
        ),
        (
            exceptions.NotAuthenticated(),
            401,
            {"detail": str(exceptions.NotAuthenticated.default_detail)},
        ),
    ],
)
def test_it_answers_each_error_with_its_status(exc: Exception, status: int, body: Any) -> None:
    response = api_exception_handler(exc, {})
    assert response is not None
    assert response.status_code == status and response.data == body


def test_it_leaves_other_exceptions_to_django() -> None:
    assert api_exception_handler(KeyError("bug"), {}) is None
