"""Logging in (password, then second factor), out, and telling an officer their session ran out.

Between the two steps the session holds only the id of the user whose password was right, for
``PENDING_SECONDS``; the user is logged in (Django's ``login``, a new session key) only after
the second factor. A user without an authenticator app yet sets one up in that step.

A session ends after ``HTMS_SESSION_SECONDS`` without a request. To explain that on the login
page, a small cookie marks a browser that was logged in; it is removed on log-out, so a log-in
page reached with the marker and without a session means the session expired.
"""

import time
from typing import Any

import django_otp
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.models import Device

from htms.accounts.login import login_second_factor
from htms.accounts.mfa import (
    mfa_enrolled,
    mfa_enrolment_confirm,
    mfa_enrolment_start,
    mfa_required,
    otpauth_uri,
    qr_svg,
    secret_text,
)
from htms.accounts.models import TokenEnd, User
from htms.accounts.tokens import api_tokens_revoke_all
from htms.web.forms.auth import CodeForm, LoginForm
from htms.web.views.common import run_service

SESSION_MARKER = "htms_was_logged_in"
# Long enough to cover a working day; holds no secret, only "this browser had a session".
MARKER_SECONDS = 12 * 60 * 60
PENDING_KEY = "htms_login_pending"
PENDING_SECONDS = 5 * 60
BACKEND = "django.contrib.auth.backends.ModelBackend"


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
        user = form.get_user()
        assert isinstance(user, User)
        if not mfa_required(user):
            return _marked(super().form_valid(form))
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "at": time.time(),
            "next": self.get_redirect_url(),
        }
        return redirect("login_code" if mfa_enrolled(user) else "login_enrol")


def _marked(response: HttpResponse) -> HttpResponse:
    response.set_cookie(SESSION_MARKER, "1", max_age=MARKER_SECONDS, httponly=True, samesite="Lax")
    return response


def _pending_user(request: HttpRequest) -> User | None:
    """The user who passed the password step in this browser in the last five minutes."""
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None
    if time.time() - pending.get("at", 0) > PENDING_SECONDS:
        del request.session[PENDING_KEY]
        messages.info(request, _("More than five minutes passed. Enter your password again."))
        return None
    user_id = pending.get("user")
    if not isinstance(user_id, int):
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def _next_url(request: HttpRequest) -> str:
    target = str(request.session.get(PENDING_KEY, {}).get("next") or "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _complete(request: HttpRequest, user: User, device: Device) -> str:
    """Logs the user in with the device that passed; returns where to go next."""
    target = _next_url(request)
    request.session.pop(PENDING_KEY, None)
    auth_login(request, user, backend=BACKEND)
    django_otp.login(request, device)
    return target


def _address(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


@sensitive_post_parameters("code")
def login_code(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return redirect("login")
    if not mfa_enrolled(user):
        return redirect("login_enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = run_service(
            form,
            lambda: login_second_factor(
                user=user, code=form.cleaned_data["code"], address=_address(request)
            ),
        )
        if device is not None:
            return _marked(redirect(_complete(request, user, device)))
    return render(request, "web/login_code.html", {"form": form, "pending": user})


@sensitive_post_parameters("code")
def login_enrol(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return redirect("login")
    if mfa_enrolled(user):
        return redirect("login_code")
    device = mfa_enrolment_start(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = run_service(
            form, lambda: mfa_enrolment_confirm(user=user, code=form.cleaned_data["code"])
        )
        if codes is not None:
            device.refresh_from_db()
            target = _complete(request, user, device)
            context = {"codes": codes, "continue_to": target, "first_time": True}
            return _marked(render(request, "web/recovery_codes.html", context))
    uri = otpauth_uri(device)
    context = {"form": form, "qr": qr_svg(uri), "secret": secret_text(device), "uri": uri}
    return render(request, "web/login_enrol.html", context)


class LogoutView(auth_views.LogoutView):
    """Logs out of the pages and stops every API token of the user."""

    next_page = "login"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if isinstance(request.user, User):
            api_tokens_revoke_all(actor=request.user, user=request.user, reason=TokenEnd.LOGOUT)
        response = super().post(request, *args, **kwargs)
        response.delete_cookie(SESSION_MARKER, samesite="Lax")
        return response
