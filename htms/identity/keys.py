"""The exact keys of a person in the search index, and the keys a search looks up.

Pure functions over ``PersonFacts``: the same code builds the index and the lookups, so a value
typed in a search form meets the value stored for the person.
"""

from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import combinations

from htms.identity.facts import PersonFacts
from htms.identity.models import KeyKind
from htms.identity.normalize import is_weak, name_tokens, skeleton, split_relation

Key = tuple[int, str]
MAX_VALUE = 64
# Names longer than this (rare) contribute their first tokens only: pairs grow as n².
MAX_TOKENS = 6


@lru_cache(maxsize=200_000)
def name_skeletons(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(all skeletons, skeletons of tokens that are not weak) of one name, first-seen order."""
    every: list[str] = []
    strong: list[str] = []
    for token in name_tokens(text)[:MAX_TOKENS]:
        value = skeleton(token)
        if value and value not in every:
            every.append(value)
            if not is_weak(token):
                strong.append(value)
    return tuple(every), tuple(strong)


def skeleton_pairs(skeletons: Sequence[str]) -> set[str]:
    return {" ".join(pair) for pair in combinations(sorted(skeletons), 2)}


def name_father_values(names: Iterable[str], fathers: Iterable[str]) -> set[str]:
    """ "Jamshed s/o Haroon": each strong name token with each strong father's name token, the
    way officers identify a person when both names alone are common."""
    return {f"{n}|{f}" for n in sorted(names)[:MAX_TOKENS] for f in sorted(fathers)[:MAX_TOKENS]}


def cnic_near_values(digits: str) -> list[str]:
    """The CNIC with each of three blocks left out: one wrong digit leaves one of them intact.

    Blocks are region and district (digits 1-5), the first four of the serial (6-9) and the
    rest (10-13). A swap of two digits across a block boundary is not caught.
    """
    return [f"1:{digits[5:]}", f"2:{digits[:5]}{digits[9:]}", f"3:{digits[:9]}"]


# The three blocks of a CNIC that ``cnic_near_values`` leaves out in turn, by digit index.
CNIC_BLOCKS = ((0, 5), (5, 9), (9, 13))


def cnic_mask_value(mask: str) -> str | None:
    """The CNIC-near key of every CNIC that fits ``mask`` ("?" for an unknown digit), when the
    unknown digits all lie in one block; None otherwise. The index holds digests, so no range
    or pattern of digits can be looked up: only a whole key."""
    unknown = {i for i, c in enumerate(mask) if c == "?"}
    for block, (start, end) in enumerate(CNIC_BLOCKS, start=1):
        if unknown <= set(range(start, end)):
            return cnic_near_values(mask.replace("?", "0"))[block - 1]
    return None


def _name_keys(texts: tuple[str, ...], single: int, pair: int) -> tuple[set[Key], set[str]]:
    keys: set[Key] = set()
    strong_all: set[str] = set()
    for text in texts:
        every, strong = name_skeletons(text)
        strong_all.update(strong)
        keys.update((pair, value) for value in skeleton_pairs(every))
    keys.update((single, value) for value in strong_all)
    return keys, strong_all


def person_keys(facts: PersonFacts) -> set[Key]:
    """Every key of one person. Weak tokens (Muhammad, Khan, Syed) only appear in pairs."""
    names = tuple(split_relation(n)[0] for n in facts.names)
    fathers = facts.father_names + tuple(
        f for f in (split_relation(n)[2] for n in facts.names) if f
    )
    keys, strong = _name_keys(names, KeyKind.NAME, KeyKind.NAME_PAIR)
    father_keys, father_strong = _name_keys(fathers, KeyKind.FATHER, KeyKind.FATHER_PAIR)
    keys |= father_keys
    keys.update((KeyKind.NAME_FATHER, value) for value in name_father_values(strong, father_strong))
    if facts.birth_date is not None:
        year = facts.birth_date.year
        keys.update((KeyKind.NAME_YEAR, f"{value}:{year}") for value in strong)
    for digits in facts.cnics:
        keys.add((KeyKind.CNIC, digits))
        keys.update((KeyKind.CNIC_NEAR, value) for value in cnic_near_values(digits))
    keys.update((KeyKind.PASSPORT, number) for number in facts.passports)
    keys.update((KeyKind.PHONE, number) for number in facts.phones)
    return {(kind, value[:MAX_VALUE]) for kind, value in keys}
