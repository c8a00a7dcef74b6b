"""Match keys for one value: the only door from resolution to the normalisation rules.

The rules themselves (canonical Pakistani spellings, the Latin/Urdu consonant skeleton, CNIC,
passport and phone forms) live in :mod:`htms.identity.normalize`, shared with search and
intake. This adapter gives them the shape the feature table wants (empty strings instead of
None, tuples that can be cached) and caches per distinct value: a national register repeats
the same names hundreds of thousands of times.
"""

import re
from functools import lru_cache

from htms.identity import normalize
from htms.identity.variants import HONORIFICS, PARTICLES

CACHE = 500_000
# Words whose reading in ``normalize.name_tokens`` depends on their neighbours (relations,
# "Bi Bi", عبد followed by an article); a name holding one is read whole.
CONTEXT_WORDS = frozenset(
    {
        "s/o", "d/o", "w/o", "son", "daughter", "wife", "of", "bin", "binte", "bint", "walad",
        "ibn", "zoja", "zauja", "bi", "ولد", "بن", "پسر", "بنت", "دختر", "زوجہ", "زوجة", "بی",
    }
)  # fmt: skip
PLAIN_WORD = re.compile(r"^(?:[a-z]+|[\u0600-\u06ff]+)$")
PHONE_PK_MOBILE = re.compile(r"^(?:\+92|0092|92|0)[\s-]*(3\d{2})[\s-]*(\d{7})$")


@lru_cache(maxsize=CACHE)
def name_tokens(text: str) -> tuple[str, ...]:
    """Canonical tokens of a name in written order (Mohd Yusuf -> muhammad yousaf)."""
    return tuple(canonical_token(t) for t in _tokens(text))


@lru_cache(maxsize=CACHE)
def canonical_token(token: str) -> str:
    return normalize.canonical_token(token)


def _tokens(text: str) -> tuple[str, ...]:
    """``normalize.name_tokens``, read word by word when no word depends on its neighbours:
    a register holds a few thousand distinct words but hundreds of thousands of names."""
    words = text.casefold().split()
    if words and all(_context_free(w) for w in words):
        parts = [_word_tokens(w) for w in words]
        if all(parts):
            return tuple(t for part in parts for t in part)
    return tuple(normalize.name_tokens(text))


def _context_free(word: str) -> bool:
    return bool(PLAIN_WORD.match(word)) and word not in CONTEXT_WORDS and not word.startswith("عبد")


@lru_cache(maxsize=CACHE)
def _word_tokens(word: str) -> tuple[str, ...]:
    """The tokens of one word, or () if the word is not a name part on its own (an honorific
    or particle, which ``name_tokens`` keeps only when nothing else is left)."""
    tokens = tuple(normalize.name_tokens(word))
    if any(t in HONORIFICS or t in PARTICLES or (len(t) < 2 and t != "m") for t in tokens):
        return ()
    return tokens


@lru_cache(maxsize=CACHE)
def skeleton(token: str) -> str:
    """The consonant skeleton of one token, equal across Latin and Urdu spellings."""
    return normalize.skeleton(token)


@lru_cache(maxsize=CACHE)
def is_weak(token: str) -> bool:
    """Muhammad, caste and lineage names: shared by millions, never a match on their own."""
    return normalize.is_weak(token)


def is_urdu(text: str) -> bool:
    return normalize.is_urdu(text)


def name_key(tokens: tuple[str, ...]) -> str:
    """Order-free key of a name: its canonical tokens sorted."""
    return " ".join(sorted(tokens))


def cnic_digits(text: str) -> str:
    """The 13 ASCII digits of a full CNIC (typed in any digits), else ""."""
    return normalize.cnic_digits(text) or ""


def cnic_prefix(text: str) -> str:
    """The leading known digits of a partial CNIC (at least five, the locality), else ""."""
    mask = normalize.cnic_partial(text) or ""
    known = mask.split("?", 1)[0]
    return known if len(known) >= 5 else ""


def cnic_distance(a: str, b: str) -> int:
    """Digits that differ between two CNICs in normal form (a swap of neighbours is one)."""
    return normalize.cnic_distance(a, b)


def passport_key(text: str) -> str:
    return normalize.passport_key(text) or ""


def phone_key(text: str) -> str:
    """A phone number in E.164 (+923001234567), else "". A Pakistani mobile number in one of
    the usual forms is rewritten directly once its operator prefix is known to be valid."""
    mobile = PHONE_PK_MOBILE.match(text.strip())
    if mobile:
        operator, subscriber = mobile.groups()
        if _mobile_prefix_valid(operator):
            return f"+92{operator}{subscriber}"
    return normalize.phone_key(text) or ""


@lru_cache(maxsize=100)
def _mobile_prefix_valid(operator: str) -> bool:
    return normalize.phone_key(f"0{operator}1234567") == f"+92{operator}1234567"
