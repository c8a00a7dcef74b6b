"""One normal form per name, number and date, so that records typed by different officers in
different scripts can be compared. Pure functions: no Django, no database, no network.

Public functions (all total: bad input gives ``None`` or an empty result, never an exception;
those on numbers and dates live in ``numbers.py`` and are re-exported here):

- ``split_relation(text) -> (name, relation, father)``: "Ali s/o Ghulam Rasool" ->
  ("Ali", "s/o", "Ghulam Rasool"). Relation is "s/o", "d/o", "w/o" or "" (also read: "son of",
  "bin", "binte", "wife of", Urdu ولد, بن, بنت, دختر, زوجہ).
- ``clean_text(text) -> str``: casefolded, Latin accents removed, Urdu letters in one form
  (Arabic yeh, kaf, heh to Urdu ی, ک, ہ; no vowel signs), Urdu and Arabic digits to ASCII.
- ``name_tokens(text) -> list[str]``: the name part (anything after s/o, d/o, w/o is dropped),
  casefolded, Latin letters without accents, Urdu letters in one form, honorifics (Mr, Dr, Haji,
  Hafiz, Mst., Maulana, جناب...) and particles (ul, ur, ud) removed, compounds split
  (Abdulrehman -> abdul rehman, Rahmatullah -> rahmat ullah). Caste and lineage names (Syed,
  Chaudhry, Malik, Rana, Mian...) are KEPT: see ``variants.WEAK_TOKENS``.
- ``canonical_token(token) -> str``: the canonical spelling of a known name in either script
  (Mohd, Mohammed, محمد -> muhammad), else the token itself.
- ``skeleton(token) -> str``: a consonant skeleton equal for Latin and Urdu spellings of one
  name (محمد, Muhammad -> "mhmd"; علی, Ali -> "li"; عالیہ, Aliya -> "la"). A blocking key: it
  is lenient on purpose and groups some different names (Hassan, Hussain -> "hsn").
- ``name_key(text) -> frozenset[str]``: the skeletons of a name's tokens, order-independent.
- ``is_weak(token) -> bool``: whether a canonical token is a caste, lineage or courtesy name.
- ``ascii_digits(text) -> str``: Urdu and Arabic-Indic digits written as ASCII digits (every
  number below goes through it first: ۳۵۲۰۲ is 35202).
- ``cnic_compact(text) -> str``: a CNIC as typed, in ASCII digits, without spaces and dashes.
- ``cnic_digits(text) -> str | None``: a full CNIC as 13 digits (region digit 1-8 first).
- ``cnic_partial(text) -> str | None``: a partly known CNIC as a 13-character mask, "?" for an
  unknown digit ("35202-XXXXXXX-1" -> "35202???????1", "35202" -> "35202????????"); at least 5
  digits must be known. ``None`` for a full CNIC or anything that is not one.
- ``cnic_fits(digits, mask) -> bool``: whether a full CNIC fits a mask.
- ``cnic_distance(a, b) -> int``: digits that differ between two full CNICs (an adjacent swap
  counts as one).
- ``passport_key(text) -> str | None``: upper case letters and digits, 5 to 20 of them.
- ``phone_key(text, region="PK") -> str | None``: E.164 (+923001234567), or None if invalid.
- ``parse_partial_date(text) -> (date, precision) | None``: "1984", "1984-03", "03/1984",
  "1984-03-12", "12/03/1984"; precision "year", "month" or "day".
- ``birth_year_range(birth_date, precision) -> (low, high) | None``: the birth years a date of
  any precision allows.
- ``age_birth_years(age, on) -> (low, high)``: the birth years an age on a given day allows.
"""

import re
import unicodedata
from functools import lru_cache

from htms.identity.numbers import (
    CNIC_LENGTH,
    CNIC_REGION_DIGITS,
    age_birth_years,
    ascii_digits,
    birth_year_range,
    cnic_compact,
    cnic_digits,
    cnic_distance,
    cnic_fits,
    cnic_partial,
    parse_partial_date,
    passport_key,
    phone_key,
)
from htms.identity.variants import CANONICAL, HONORIFICS, PARTICLES, WEAK_TOKENS

__all__ = [
    "CNIC_LENGTH",
    "CNIC_REGION_DIGITS",
    "age_birth_years",
    "ascii_digits",
    "birth_year_range",
    "canonical_token",
    "clean_text",
    "cnic_compact",
    "cnic_digits",
    "cnic_distance",
    "cnic_fits",
    "cnic_partial",
    "is_urdu",
    "is_weak",
    "name_key",
    "name_tokens",
    "parse_partial_date",
    "passport_key",
    "phone_key",
    "skeleton",
    "split_relation",
]

# --- relations -----------------------------------------------------------------------------

_RELATION_WORDS = (
    (r"s\s*/\s*o|s\.\s*o\.?|son\s+of|bin|walad|ibn", "s/o"),
    (r"d\s*/\s*o|d\.\s*o\.?|daughter\s+of|binte?|bint", "d/o"),
    (r"w\s*/\s*o|w\.\s*o\.?|wife\s+of|zoja|zauja", "w/o"),
    ("ولد|بن|پسر", "s/o"),
    ("بنت|دختر", "d/o"),
    ("زوجہ|زوجة", "w/o"),
)
_RELATION_RE = re.compile(
    "|".join(
        rf"(?P<r{i}>(?<![^\s,.;:(])(?:{p})(?=[\s,.;:]|$))"
        for i, (p, _) in enumerate(_RELATION_WORDS)
    ),
    re.IGNORECASE,
)


def split_relation(text: str) -> tuple[str, str, str]:
    """Splits "NAME s/o FATHER" into (name, relation, father); relation "" if there is none."""
    text = (text or "").strip()
    match = _RELATION_RE.search(text)
    if match is None or match.lastgroup is None:
        return text, "", ""
    relation = _RELATION_WORDS[int(match.lastgroup[1:])][1]
    name = text[: match.start()].strip(" ,.;:-")
    father = text[match.end() :].strip(" ,.;:-")
    return name, relation, father


# --- letters -------------------------------------------------------------------------------

_URDU_FORMS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ې": "ی",
        "ك": "ک",
        "ه": "ہ",
        "ة": "ہ",
        "ۃ": "ہ",
        "ۀ": "ہ",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ۓ": "ے",
        "۰": "0",
        "۱": "1",
        "۲": "2",
        "۳": "3",
        "۴": "4",
        "۵": "5",
        "۶": "6",
        "۷": "7",
        "۸": "8",
        "۹": "9",
        "٠": "0",
        "١": "1",
        "٢": "2",
        "٣": "3",
        "٤": "4",
        "٥": "5",
        "٦": "6",
        "٧": "7",
        "٨": "8",
        "٩": "9",
    }
)
# Short-vowel signs, tanween, shadda, superscript alif, Quranic marks, tatweel, joiners.
_URDU_MARKS_RE = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d\u200e\u200f]")
_URDU_LETTER_RE = re.compile("[\u0600-\u06ff]")
_TOKEN_SPLIT_RE = re.compile(r"[^0-9a-z\u0600-\u06ff']+")


def is_urdu(token: str) -> bool:
    """Whether a token is written in Urdu (Arabic) script."""
    return bool(_URDU_LETTER_RE.search(token))


def clean_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    if text.isascii():
        return text
    text = text.translate(_URDU_FORMS)
    # A final "یٰ" (Mustafa, Bushra, Uzma) is pronounced and romanised as "a".
    text = re.sub("یٰ(?=\\s|$)", "ا", text)
    text = _URDU_MARKS_RE.sub("", text)
    # Latin letters lose their accents; Urdu letters (ئ, آ) must not be decomposed.
    return "".join(c if c.isascii() or _URDU_LETTER_RE.match(c) else _unaccent(c) for c in text)


def _unaccent(char: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


# --- tokens --------------------------------------------------------------------------------

_LATIN_PREFIXES = ("abdul", "abdur", "abdus", "abduz", "abdun")
_NOT_SPLIT = frozenset({"abdullah", "abdulla"})
_SUFFIXES = (("ullah", "allah"), ("uddin", "din"), ("uddeen", "din"))


def _split_compound(token: str) -> list[str]:
    """Abdulrehman -> abdul rehman; Rahmatullah -> rahmat allah; عبدالرحمن -> عبد رحمن."""
    if token in CANONICAL or token in _NOT_SPLIT:
        return [token]
    if token.startswith("عبدال") and len(token) > 6 and token[5:] not in ("لہ", "لا"):
        return ["عبد", token[5:]]
    for prefix in _LATIN_PREFIXES:
        if token.startswith(prefix) and len(token) >= len(prefix) + 3:
            return ["abdul", token[len(prefix) :]]
    if token.startswith("allah") and len(token) >= 8:
        return ["allah", token[5:]]
    if token.startswith("alla") and len(token) >= 7:
        return ["allah", token[4:]]
    for suffix, word in _SUFFIXES:
        if token.endswith(suffix) and len(token) >= len(suffix) + 3:
            return [token[: -len(suffix)], word]
    return [token]


def name_tokens(text: str) -> list[str]:
    """The tokens of the name part of ``text``, cleaned, without honorifics or particles."""
    return list(_name_tokens(text))


# Names repeat a great deal (a few thousand tokens make most of a register): cache the work.
@lru_cache(maxsize=200_000)
def _name_tokens(text: str) -> tuple[str, ...]:
    name = split_relation(text)[0]
    cleaned = clean_text(name)
    cleaned = re.sub(r"\bbi\s+bi\b", "bibi", cleaned)
    cleaned = re.sub("(?<![\u0600-\u06ff])بی\\s+بی(?![\u0600-\u06ff])", "بیبی", cleaned)
    raw = [t.replace("'", "") for t in _TOKEN_SPLIT_RE.split(cleaned)]
    tokens = [part for t in raw if t and not t.isdigit() for part in _split_compound(t)]
    tokens = [_after_abd(t, tokens[i - 1] if i else "") for i, t in enumerate(tokens)]
    kept = [t for t in tokens if _is_name_part(t)]
    return tuple(kept or [t for t in tokens if t not in PARTICLES])


def _after_abd(word: str, previous: str) -> str:
    """عبد الرحمن: the article of the word after عبد is not part of the name."""
    if previous == "عبد" and word.startswith("ال") and len(word) > 3 and word != "اللہ":
        return word[2:]
    return word


def _is_name_part(word: str) -> bool:
    if word in HONORIFICS or word in PARTICLES:
        return False
    # Initials other than "M." (Muhammad) cannot be compared with a name.
    return len(word) > 1 or word == "m"


@lru_cache(maxsize=200_000)
def canonical_token(token: str) -> str:
    """The canonical spelling of a known name, in either script; otherwise the token."""
    token = clean_text(token).replace("'", "").strip(" .")
    return CANONICAL.get(token, token)


def is_weak(token: str) -> bool:
    """Caste, lineage or courtesy names and "Muhammad": never a name match on their own."""
    return canonical_token(token) in WEAK_TOKENS


# --- skeletons -----------------------------------------------------------------------------

# Letters written with two Latin letters; placeholders in upper case until the end.
_LATIN_DIGRAPHS = (("kh", "K"), ("gh", "G"), ("sh", "X"), ("ch", "C"), ("ck", "K"))
_LATIN_SINGLE = str.maketrans({"q": "k", "c": "k", "v": "w", "x": "ks"})
_LATIN_FINAL_RE = re.compile(r"(?<=[^aeiouy])[aeiouy]+[wh]?$|^[aeiouy]+[wh]?$")
_FINAL_MARK = {"a": "a", "e": "i", "i": "i", "y": "i", "o": "u", "u": "u"}

# Aspirated k, g, ch are romanised "kh", "gh", "ch" like خ, غ, چ; other aspirates (بھ, تھ, دھ)
# keep their "h" in both scripts (Bhatti, Lodhi, Sandhu).
_URDU_DIGRAPHS = (("کھ", "ک"), ("گھ", "گ"), ("چھ", "چ"))
_URDU_LETTERS = {
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ٹ": "t",
    "ث": "s",
    "ج": "j",
    "چ": "c",
    "ح": "h",
    "خ": "k",
    "د": "d",
    "ڈ": "d",
    "ذ": "z",
    "ر": "r",
    "ڑ": "r",
    "ز": "z",
    "ژ": "z",
    "س": "s",
    "ش": "x",
    "ص": "s",
    "ض": "z",
    "ط": "t",
    "ظ": "z",
    "غ": "g",
    "ف": "f",
    "ق": "k",
    "ک": "k",
    "گ": "g",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ں": "n",
    "ہ": "h",
    "ھ": "h",
}
_URDU_FINAL = {"ا": "a", "ہ": "a", "ی": "i", "ے": "i", "و": "u"}


def _latin_skeleton(token: str) -> str:
    token = re.sub(r"[^a-z]", "", token)
    token = re.sub(r"(.)\1+", r"\1", token)
    final = _LATIN_FINAL_RE.search(token)
    mark = ""
    if final is not None and final.start() > 0:
        mark = _FINAL_MARK[final.group().rstrip("wh")[-1]]
        token = token[: final.start()]
    for digraph, symbol in _LATIN_DIGRAPHS:
        token = token.replace(digraph, symbol)
    token = token.translate(_LATIN_SINGLE).lower()
    head = token[:1] if token[:1] in ("y", "w") else ""
    body = re.sub("[aeiouyw]", "", token[len(head) :])
    return head + body + mark


def _urdu_skeleton(token: str) -> str:
    for digraph, letter in _URDU_DIGRAPHS:
        token = token.replace(digraph, letter)
    token = token.rstrip("ءئ")
    mark = ""
    if len(token) > 1 and token[-1] in _URDU_FINAL:
        mark = _URDU_FINAL[token[-1]]
        token = token[:-1]
    head = {"ی": "y", "و": "w"}.get(token[:1], "")
    body = "".join(_URDU_LETTERS.get(c, "") for c in token[len(head) :])
    return head + body + mark


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """The consonant skeleton of one name token, equal across Latin and Urdu spellings.

    Vowels are dropped (Urdu writes no short vowels) except a word-final one, kept as a, i or u
    so that Ali and Alia differ; doubled Latin letters count once; y and w count only at the
    start of a word; k, q, kh, خ, ق, ک, کھ fall together, as do g, gh, غ, گ and the four z;
    sh, ش is "x", ch, چ is "c".
    Known names are first brought to their canonical spelling.
    """
    canonical = canonical_token(token)
    if is_urdu(canonical):
        return _urdu_skeleton(canonical)
    return _latin_skeleton(canonical)


def name_key(text: str) -> frozenset[str]:
    """The skeletons of the tokens of a name: order-independent, script-independent."""
    return frozenset(s for s in (skeleton(t) for t in name_tokens(text)) if s)
