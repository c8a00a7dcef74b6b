"""Values kept whole inside right-to-left pages.

``{{ case.reference|ltr }}`` for codes, numbers and Latin values that always read left to right
(case references, FIR numbers, CNICs, statute sections, phone numbers): on an Urdu page their
digits, slashes and dashes stay in their order and the sentence's punctuation stays outside them.
``{{ hearing.purpose|isolate }}`` for text as an officer typed it, in either script: the browser
takes its direction from its first letter (``dir="auto"``, which also tells the Urdu page checks
that this is typed text, not a reference label).
"""

import unicodedata

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

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
