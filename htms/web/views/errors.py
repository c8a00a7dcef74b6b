"""The page shown when the server fails: plain words, and a reference the server log also has."""

import logging
import secrets

from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger("htms.errors")


def server_error(request: HttpRequest) -> HttpResponse:
    """Called by Django inside its handler of an uncaught exception, so the exception is still
    the current one: it is logged with the reference shown to the officer. The page is drawn
    without the request's context, which may be what failed (the database, the session)."""
    reference = secrets.token_hex(4).upper()
    logger.error("server error %s on %s %s", reference, request.method, request.path, exc_info=True)
    if request.path.startswith("/api/"):
        message = _(
            "Something went wrong on the server and your last action may not have been saved. "
            "Please try again. If it happens again, give this reference to your administrator: "
            "%(reference)s."
        ) % {"reference": reference}
        return JsonResponse({"detail": message, "reference": reference}, status=500)
    page = loader.get_template("500.html").render({"reference": reference})
    return HttpResponseServerError(page)
