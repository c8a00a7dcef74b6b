"""Values kept whole inside right-to-left pages.

``{{ case.reference|ltr }}`` for codes, numbers and Latin values that always read left to right
(case references, FIR numbers, CNICs, statute sections, phone numbers): on an Urdu page their
digits, slashes and dashes stay in their order and the sentence's punctuation stays outside them.
``{{ hearing.purpose|isolate }}`` for text as an officer typed it, in either script: the browser
takes its direction from its first letter (``dir="auto"``, which also tells the Urdu page checks
that this is typed text, not a reference label).
``{{ labels|join_list }}`` joins names and labels with the comma of the page's language ("،" on
Urdu pages); ``{% list_separator %}`` gives that comma to a script.
"""

import unicodedata
from collections.abc import Iterable

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from htms.common.lists import list_separator as _list_separator

register = template.Library()


@register.filter
def ltr(value: object) -> SafeString | str:
    if value in (None, ""):
        return ""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


@register.filter
def isolate(value: object) -> SafeString | str:
    if value in (None, ""):
        return ""
    return format_html('<bdi dir="auto">{}</bdi>', value)


@register.filter
def text_dir(value: object) -> str:
    """The direction ("rtl" or "ltr") of the first strong letter, as ``dir="auto"`` decides it;
    for the PDF, whose renderer ignores ``dir="auto"``."""
    for char in str(value or ""):
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


@register.filter
def join_list(value: Iterable[object] | None) -> SafeString | str:
    """The items, each escaped, joined with the comma of the page's language."""
    if not value:
        return ""
    return format_html_join(_list_separator(), "{}", ((item,) for item in value))


@register.simple_tag
def list_separator() -> str:
    return _list_separator()
