from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from htms.audit.context import client_address


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
