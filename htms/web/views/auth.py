"""Logging in and out, and telling an officer that their session ran out.

A session ends after ``HTMS_SESSION_SECONDS`` without a request. To explain that on the login
page, a small cookie marks a browser that was logged in; it is removed on log-out, so a log-in
page reached with the marker and without a session means the session expired.
"""

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse

from htms.web.forms.auth import LoginForm

SESSION_MARKER = "htms_was_logged_in"
# Long enough to cover a working day; holds no secret, only "this browser had a session".
MARKER_SECONDS = 12 * 60 * 60


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = LoginForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        request = self.request
        context["session_expired"] = (
            request.method == "GET"
            and request.COOKIES.get(SESSION_MARKER) == "1"
            and not request.user.is_authenticated
        )
        return context

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        response.set_cookie(
            SESSION_MARKER, "1", max_age=MARKER_SECONDS, httponly=True, samesite="Lax"
        )
        return response


class LogoutView(auth_views.LogoutView):
    next_page = "login"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response.delete_cookie(SESSION_MARKER, samesite="Lax")
        return response
