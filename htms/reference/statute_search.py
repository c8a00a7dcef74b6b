"""Statute sections found by what an officer types: "PTPA 3", "PEO 17", "PPC 370", "s.371-A PPC",
"Foreigners Act 14". Pure functions over the few dozen sections of the reference data."""

import re
from collections.abc import Iterable

from htms.reference.models import Statute

# A section number with an optional letter: "370", "371-A", "371 A", "13A".
SECTION_RE = re.compile(r"(\d+)(?:\s*-?\s*([A-Z])(?![A-Z0-9.]))?(?![0-9])")
WORD_RE = re.compile(r"[A-Z]+")
# Words that say "section" or "act" and name no act in particular.
FILLER = frozenset({"S", "SEC", "SECTION", "U", "ACT", "OF", "THE"})
# Names officers use for an act besides its short name and its code: the Emigration Ordinance
# is known as the PEO (Pakistan Emigration Ordinance).
ALIASES: dict[str, tuple[str, ...]] = {"EO": ("PEO",)}


def _section_key(section: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", section.upper())


def _act_names(statute: Statute) -> set[str]:
    """The words a typed act name may start: words and initials of the short name, the code's
    letters, and the aliases."""
    words = WORD_RE.findall(statute.act_short.upper())
    names = set(words) | {"".join(w[0] for w in words)}
    code = WORD_RE.match(statute.code.upper())
    if code:
        names.add(code.group())
        names.update(ALIASES.get(code.group(), ()))
    return names


def _parse(text: str) -> tuple[list[str], list[str]]:
    """(act words, section keys) of a typed text."""
    upper = text.upper()
    sections = [digits + (letter or "") for digits, letter in SECTION_RE.findall(upper)]
    words = [w for w in WORD_RE.findall(SECTION_RE.sub(" ", upper)) if w not in FILLER]
    return words, sections


def statute_matches(text: str, statutes: Iterable[Statute]) -> list[Statute]:
    """The sections that fit every act word typed (a word starts one of the act's names) and
    the section number typed (a year of the act is allowed too: "PTPA 2018 s.3")."""
    words, sections = _parse(text)
    if not words and not sections:
        return []
    found = []
    for statute in statutes:
        names = _act_names(statute)
        if not all(any(name.startswith(word) for name in names) for word in words):
            continue
        numbers = [s for s in sections if s != str(statute.year)]
        if len(numbers) > 1 or (numbers and numbers[0] != _section_key(statute.section)):
            continue
        found.append(statute)
    return found
