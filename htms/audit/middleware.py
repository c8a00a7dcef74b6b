from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

from htms.audit.context import client_address
from htms.audit.refusals import (
    Block,
    is_refusal,
    refusal_block,
    refusal_record,
    too_many_message,
)


class ClientAddressMiddleware:
    """Remembers the caller's address so every audit row of this request records it.

    Behind a reverse proxy, set ``REMOTE_ADDR`` from the proxy's header in the proxy itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = client_address.set(request.META.get("REMOTE_ADDR"))
        try:
            return self.get_response(request)
        finally:
            client_address.reset(token)


class RefusalMiddleware:
    """Audits refused requests and answers 429 to a caller past the limit (refusals.py).

    Placed after authentication, so the account is known for pages; for the API, DRF puts
    the token's user on the request as the view runs, so it is known when the answer is."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        address = request.META.get("REMOTE_ADDR")
        block = refusal_block(user=request.user, address=address)
        if block is None:
            response = self.get_response(request)
            if not is_refusal(request, response.status_code):
                return response
            refusal_record(request, response.status_code)
            block = refusal_block(user=request.user, address=address)
            if block is None:
                return response
        return _too_many(request, block)


def _too_many(request: HttpRequest, block: Block) -> HttpResponse:
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": too_many_message(block)}, status=429)
    else:
        # The portal's pages have their own frame, without the officer site's links.
        name = "public/429.html" if request.path.startswith("/public/") else "429.html"
        page = loader.get_template(name).render({"minutes": block.minutes_left}, request)
        response = HttpResponse(page, status=429)
    response["Retry-After"] = str(block.seconds_left)
    return response
