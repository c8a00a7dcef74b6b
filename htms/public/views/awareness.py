"""Awareness pages (English and Urdu) and their printable posters."""

from django.http import HttpRequest, HttpResponse

from htms.public.awareness import awareness_index, awareness_page
from htms.public.helplines import HELP_LINES
from htms.public.languages import PublicLanguage
from htms.public.views.frame import public_not_found, public_page, public_render


@public_page(key_page=False, cached=True)
def learn(request: HttpRequest, language: PublicLanguage) -> HttpResponse:
    pages = awareness_index(language=language.code)
    return public_render(request, language, "public/learn.html", {"pages": pages})


def _page(request: HttpRequest, language: PublicLanguage, slug: str, template: str) -> HttpResponse:
    page = awareness_page(slug=slug, language=language.code)
    if page is None:
        return public_not_found(request)
    context = {"page": page, "helplines": HELP_LINES}
    return public_render(request, language, template, context)


@public_page(key_page=False, cached=True)
def learn_page(request: HttpRequest, language: PublicLanguage, slug: str) -> HttpResponse:
    return _page(request, language, slug, "public/learn_page.html")


@public_page(key_page=False, cached=True)
def poster(request: HttpRequest, language: PublicLanguage, slug: str) -> HttpResponse:
    return _page(request, language, slug, "public/poster.html")
