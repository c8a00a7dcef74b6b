"""The portal's pages that read only: home, help lines, the recruiter check, a notice's
photograph."""

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone

from htms.public.forms import CheckForm
from htms.public.helplines import HELP_LINES
from htms.public.languages import PublicLanguage
from htms.public.selectors import Verdict, published_notice_photo, recruiter_check
from htms.public.views.frame import public_not_found, public_page, public_render


@public_page(key_page=True, cached=True)
def home(request: HttpRequest, language: PublicLanguage) -> HttpResponse:
    return public_render(
        request, language, "public/home.html", {"form": CheckForm(), "helplines": HELP_LINES}
    )


@public_page(key_page=True, cached=True)
def helplines(request: HttpRequest, language: PublicLanguage) -> HttpResponse:
    return public_render(request, language, "public/helplines.html", {"helplines": HELP_LINES})


@public_page(key_page=True, cached=True)
def check(request: HttpRequest, language: PublicLanguage) -> HttpResponse:
    """The answer is public data, the same for everyone who asks: it may be cached too."""
    form = CheckForm(request.GET or None)
    result = None
    if form.is_valid():
        result = recruiter_check(query=form.cleaned_data["q"], today=timezone.localdate())
    context = {"form": form, "result": result, "verdicts": Verdict, "helplines": HELP_LINES}
    return public_render(request, language, "public/check.html", context)


@public_page(key_page=True, cached=True)
def notice_photo(
    request: HttpRequest, language: PublicLanguage, notice_id: int
) -> HttpResponseBase:
    notice = published_notice_photo(notice_id=notice_id)
    if notice is None:
        return public_not_found(request)
    kind = "image/png" if (notice.photo.name or "").endswith(".png") else "image/jpeg"
    return FileResponse(notice.photo.open("rb"), content_type=kind)
