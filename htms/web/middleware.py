"""After an administrator's password reset, the user may do nothing but choose a new password."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from htms.accounts.models import User


class PasswordChangeRequiredMiddleware:
    """Sends a user whose ``must_change_password`` is set to the password page, from any page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if isinstance(user, User) and user.must_change_password and not self._open(request):
            messages.info(
                request, _("An administrator reset your password. Choose a new one to continue.")
            )
            return redirect("password_change")
        return self.get_response(request)

    @staticmethod
    def _open(request: HttpRequest) -> bool:
        """Pages open before the change: the change itself, log-out, the language switch."""
        allowed = (reverse("password_change"), reverse("logout"), reverse("set_language"))
        return request.path in allowed or request.path.startswith("/static/")
