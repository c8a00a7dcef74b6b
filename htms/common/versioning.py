"""Optimistic locking: every editable record carries a version number."""

from typing import TypeVar

from django.db import models

from htms.common.errors import StaleEditError

M = TypeVar("M", bound=models.Model)


def lock_at_version(model: type[M], *, pk: int, expected_version: int) -> M:
    """Locks the row for this transaction and checks nobody saved it since ``expected_version``.

    Call inside ``transaction.atomic``; raises StaleEditError when the row moved on.
    """
    obj = model._default_manager.select_for_update().get(pk=pk)
    if obj.version != expected_version:  # type: ignore[attr-defined]
        raise StaleEditError()
    obj.version = expected_version + 1  # type: ignore[attr-defined]
    return obj
