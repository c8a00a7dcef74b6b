"""Errors that services raise, with messages an officer understands."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

STALE_EDIT = _(
    "Someone else changed this record after you opened it. Nothing was saved. Reload the page "
    "to see their changes, then make yours again."
)
NOT_ALLOWED = _("Your role does not allow this action on this record.")


class StaleEditError(Exception):
    """A save based on an old version of the record: refused, never silently applied."""

    def __init__(self) -> None:
        super().__init__(str(STALE_EDIT))


class NotAllowedError(PermissionDenied):
    """The user may see the record but not do this to it."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or str(NOT_ALLOWED))
