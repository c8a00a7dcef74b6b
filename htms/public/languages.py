"""The portal's languages. English and Urdu throughout; Punjabi (Shahmukhi), Sindhi and Pashto
on the key pages (the recruiter check, the report form, help lines), whose other pages are
served in Urdu, the written language these readers share.

The writing direction is decided here, per language: Django's table knows Punjabi only in
Gurmukhi (left to right), but the portal's Punjabi is Shahmukhi, written right to left. These
languages are not in ``settings.LANGUAGES``: the officer site stays in English and Urdu.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PublicLanguage:
    code: str
    name: str  # in the language itself, as the switch shows it
    rtl: bool
    key_pages_only: bool


LANGUAGES = (
    PublicLanguage("en", "English", rtl=False, key_pages_only=False),
    PublicLanguage("ur", "اردو", rtl=True, key_pages_only=False),
    PublicLanguage("pa", "پنجابی", rtl=True, key_pages_only=True),
    PublicLanguage("sd", "سنڌي", rtl=True, key_pages_only=True),
    PublicLanguage("ps", "پښتو", rtl=True, key_pages_only=True),
)
BY_CODE = {language.code: language for language in LANGUAGES}
DEFAULT = "en"
# Where a page exists in English and Urdu only, readers of the key-page languages get Urdu.
FALLBACK = "ur"


def public_language(code: str) -> PublicLanguage | None:
    return BY_CODE.get(code)
