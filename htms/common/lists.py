"""Lists of names and labels joined for a page, with the comma of the page's language: Urdu
writes the Arabic comma "،" (U+060C), which reads right to left with the words around it."""

from collections.abc import Iterable

from django.utils import translation

URDU_COMMA = "\u060c"


def list_separator() -> str:
    """ ", " on English pages, "، " on Urdu pages (the active language decides)."""
    language = translation.get_language() or ""
    return f"{URDU_COMMA} " if language.split("-")[0] == "ur" else ", "


def join_list(items: Iterable[object]) -> str:
    """The items as text, joined for the active language: "Lahore, Pakistan" or "لاہور، پاکستان"."""
    return list_separator().join(str(item) for item in items)
