"""Helpers the intake pages share: the user, service refusals on forms, audited list views."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.errors import StaleEditError

T = TypeVar("T")


def current_user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def run_service(
    form: forms.Form, call: Callable[[], T], field_for: dict[str, str] | None = None
) -> T | None:
    """Calls a service; its refusals land on the form next to their fields (or at the top),
    the officer's input kept, and None is returned."""
    try:
        return call()
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        for key, messages in errors.items():
            name = (field_for or {}).get(key, key)
            for message in messages:
                form.add_error(name if name in form.fields else None, message)
    except StaleEditError as exc:
        form.add_error(None, str(exc))
    return None


def audit_list(user: User, object_type: AuditObject, ids: Iterable[int], **context: object) -> None:
    """One view row naming the records a list page showed."""
    audit_record(
        actor=user,
        action=AuditAction.VIEW,
        object_type=object_type,
        object_id="page",
        changes={"ids": list(ids), **context},
    )
