"""Helpers every officer page uses: the logged-in user, and service errors shown on forms."""

from collections.abc import Callable, Mapping
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from htms.accounts.models import User
from htms.common.errors import StaleEditError

T = TypeVar("T")


def current_user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def error_dict(exc: ValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as ``{field key: [messages]}``; "" for the whole form."""
    if hasattr(exc, "error_dict"):
        return {key: list(messages) for key, messages in exc.message_dict.items()}
    return {"": list(exc.messages)}


def add_errors(
    form: forms.Form,
    errors: Mapping[str, list[str]],
    field_for: Mapping[str, str] | None = None,
) -> None:
    """Puts each message next to the form field it is about (``field_for`` maps a service key
    to a field name); messages about no field of the form go at the top of the form."""
    for key, messages in errors.items():
        name = (field_for or {}).get(key, key)
        target = name if name in form.fields else None
        for message in messages:
            form.add_error(target, message)


def run_service(
    form: forms.Form,
    call: Callable[[], T],
    field_for: Mapping[str, str] | None = None,
) -> T | None:
    """Calls a service; its refusals land on the form (field errors, or a stale version at the
    top, the officer's input kept) and None is returned."""
    try:
        return call()
    except ValidationError as exc:
        add_errors(form, error_dict(exc), field_for)
    except StaleEditError as exc:
        form.add_error(None, str(exc))
    return None
