"""Headers every response carries."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    """Tells browsers and proxies to keep no copy of an answer: a page or API answer may show
    a person's identity, and a copy in a shared computer's cache outlives the session.

    Every answer to a logged-in user (pages, and API calls, whose token DRF puts on the
    request as it authenticates) gets ``no-store``; other answers get it unless the view set
    a cache policy of its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response
