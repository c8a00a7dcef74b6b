"""The portal on its own host name (``HTMS_PUBLIC_HOST``): requests for that host are resolved
with a URLconf that holds the portal only, so no officer address answers there; and the officer
host can be told not to serve ``/public/`` (``HTMS_PUBLIC_ON_OFFICER_HOST=0``)."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound

PUBLIC_URLCONF = "htms.public.host_urls"
PUBLIC_PREFIX = "/public/"


class PublicHostMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        public_host = settings.HTMS_PUBLIC_HOST
        if public_host and request.get_host().split(":")[0].lower() == public_host:
            request.urlconf = PUBLIC_URLCONF
        elif request.path.startswith(PUBLIC_PREFIX) and not settings.HTMS_PUBLIC_ON_OFFICER_HOST:
            return HttpResponseNotFound()
        return self.get_response(request)
