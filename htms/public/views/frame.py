"""The portal's frame: the language of each page from its address, the navigation and the
language switch, and the headers every portal page carries.

The language is part of the address (``/public/ur/check/``), not a cookie or a session: a page
needs neither, so the portal sets no cookie at all, and a cached page is the same for everyone.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from htms.public.languages import BY_CODE, DEFAULT, FALLBACK, LANGUAGES, PublicLanguage

PublicView = Callable[..., HttpResponseBase]
# Nothing the portal does needs the camera, the microphone or the visitor's position.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: Promise
    key_page: bool


NAVIGATION = (
    NavEntry("public:home", _("Home"), True),
    NavEntry("public:check", _("Check a recruiter"), True),
    NavEntry("public:report", _("Report or ask for help"), True),
    NavEntry("public:helplines", _("Help lines"), True),
    NavEntry("public:learn", _("Stay safe"), False),
    NavEntry("public:statistics", _("Figures"), False),
)


def _links(request: HttpRequest, language: PublicLanguage) -> dict[str, Any]:
    match = request.resolver_match
    url_name = f"public:{match.url_name}" if match else "public:home"
    kwargs = dict(match.kwargs) if match else {}
    switch = [
        (other, reverse(url_name, kwargs={**kwargs, "lang": other.code})) for other in LANGUAGES
    ]
    nav = [
        (entry, reverse(entry.url_name, kwargs={"lang": language.code}), entry.url_name == url_name)
        for entry in NAVIGATION
        if entry.key_page or not language.key_pages_only
    ]
    return {"lang": language, "switch": switch, "nav": nav}


def public_render(
    request: HttpRequest,
    language: PublicLanguage,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    return render(
        request, template, {**_links(request, language), **(context or {})}, status=status
    )


def _headers(
    response: HttpResponseBase, language: PublicLanguage, cached: bool
) -> HttpResponseBase:
    response["Content-Language"] = language.code
    response["Permissions-Policy"] = PERMISSIONS_POLICY
    if cached and response.status_code == 200:
        patch_cache_control(response, public=True, max_age=settings.HTMS_PUBLIC_CACHE_SECONDS)
    return response


def public_page(*, key_page: bool, cached: bool = False) -> Callable[[PublicView], PublicView]:
    """A portal page in the language of its address. A page that is not a key page redirects
    readers of the key-page languages to its Urdu version; ``cached`` pages (the same for
    everyone, no one's input) may be kept by browsers and proxies."""

    def decorate(view: PublicView) -> PublicView:
        @wraps(view)
        def wrapped(request: HttpRequest, lang: str, **kwargs: Any) -> HttpResponseBase:
            language = BY_CODE.get(lang)
            if language is None:
                return public_not_found(request)
            if language.key_pages_only and not key_page:
                match = request.resolver_match
                name = f"public:{match.url_name}" if match else "public:home"
                return HttpResponseRedirect(reverse(name, kwargs={**kwargs, "lang": FALLBACK}))
            with translation.override(language.code):
                response = view(request, language, **kwargs)
            return _headers(response, language, cached)

        # The portal's forms are anonymous and need no cookie: the proof of work and the rate
        # limits stand where a CSRF token would, and there is no session to ride on.
        return csrf_exempt(wrapped)

    return decorate


def public_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    language = BY_CODE[DEFAULT]
    with translation.override(language.code):
        return render(
            request,
            "public/not_found.html",
            {"lang": language, "switch": [], "nav": _plain_nav(language)},
            status=404,
        )


def public_server_error(request: HttpRequest) -> HttpResponse:
    language = BY_CODE[DEFAULT]
    with translation.override(language.code):
        return render(
            request,
            "public/server_error.html",
            {"lang": language, "switch": [], "nav": _plain_nav(language)},
            status=500,
        )


def _plain_nav(language: PublicLanguage) -> list[tuple[NavEntry, str, bool]]:
    return [(e, reverse(e.url_name, kwargs={"lang": language.code}), False) for e in NAVIGATION]


def public_root(request: HttpRequest) -> HttpResponse:
    """``/public/``: the home page in the visitor's language if the portal has it."""
    wanted = translation.get_language_from_request(request)
    code = wanted if wanted in BY_CODE else DEFAULT
    return HttpResponseRedirect(reverse("public:home", kwargs={"lang": code}))
