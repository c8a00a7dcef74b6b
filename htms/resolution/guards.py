"""Pairs a high probability must not link alone: families, namesakes and near-miss CNICs.

The probability adds up independent evidence, but a household shares much of it: siblings have
one father, one family name, one district, often one phone and CNICs of one locality. So, unless
a full CNIC or a passport number is the same (siblings never share one), a pair goes to the
review queue instead of being linked when:

- **family, other given name**: the father's name agrees (titles such as Haji or Late set aside
  by the name rules), or the phone is the same (a household phone is evidence of a household,
  not of a person), the names are only alike in spelling or sound, not part for part (Irfan
  Butt, Imran Butt), and the full dates of birth are not the same;
- **born years apart**: both birth years are known and more than two years apart (namesakes:
  cousins named after one grandfather);
- **thin**: no number in common (not even a partial CNIC, a passport with a slip or a phone),
  no date of birth on one side and no district in common: the name and the father's name
  alone, which namesakes share;
- **CNIC one digit apart**: a typo or another person; a person decides, unless the passport
  number is the same. Two CNICs further apart never share a cluster (``clustering``).

``review_rules`` names the rule that sent each pair (the first that applies, in the order
``RULES`` lists them), stored with the pair for the supervisor. Each rule reads the comparison
levels (``gamma_*``) of the scored pairs by their labels, and a comparison Splink dropped (no
record fills it) counts as not known.
"""

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]

Levels = dict[str, dict[int, str]]

PARTS_AGREE = "every name part agrees, allowing a typo"
FATHER_AGREES = "every name part agrees, allowing a typo"
SAME_DATE = "same date"
YEARS_APART = "different"
CNIC_SAME = "same CNIC"
CNIC_ONE_DIGIT = "CNIC differs by one digit"
CNIC_PARTIAL = "partial CNIC agrees"
PASSPORT_SLIP = "typo"
SAME = "same"

# Why a pair waits for a person: the rules above, then what ``pipeline`` decides.
NONE, ONE_DIGIT, FAMILY, APART, THIN = "", "cnic_one_digit", "family", "years_apart", "thin"
CROSSED, BELOW, UNLIKE, REFUSED = "victim_accused", "below_auto_link", "not_alike", "clustering"
RULES = (NONE, ONE_DIGIT, FAMILY, APART, THIN, CROSSED, BELOW, UNLIKE, REFUSED)


def _gamma(pairs: pd.DataFrame, comparison: str) -> np.ndarray:
    column = f"gamma_{comparison}"
    if column not in pairs.columns:
        return np.full(len(pairs), -1, dtype=np.int64)
    return np.asarray(pairs[column].to_numpy(), dtype=np.int64)


def _level(levels: Levels, comparison: str, label: str) -> int | None:
    return next((g for g, name in levels.get(comparison, {}).items() if name == label), None)


def _at(pairs: pd.DataFrame, levels: Levels, comparison: str, label: str) -> np.ndarray:
    """Whether each pair's comparison is exactly at the level ``label``."""
    level = _level(levels, comparison, label)
    if level is None:
        return np.zeros(len(pairs), dtype=bool)
    return np.asarray(_gamma(pairs, comparison) == level, dtype=bool)


def _at_least(pairs: pd.DataFrame, levels: Levels, comparison: str, label: str) -> np.ndarray:
    level = _level(levels, comparison, label)
    if level is None:
        return np.zeros(len(pairs), dtype=bool)
    return np.asarray(_gamma(pairs, comparison) >= level, dtype=bool)


def review_rules(pairs: pd.DataFrame, levels: Levels, *, cnic_one_digit: bool = True) -> np.ndarray:
    """For each pair, the position in ``RULES`` of the first rule above that sends it to
    review, ``NONE`` (0) where none does."""
    passport = _at(pairs, levels, "passport", SAME)
    documents = _at(pairs, levels, "cnic", CNIC_SAME) | passport
    household = _at_least(pairs, levels, "father", FATHER_AGREES) | _at(
        pairs, levels, "phone", SAME
    )
    given_agrees = _at_least(pairs, levels, "name", PARTS_AGREE)
    fired = {
        ONE_DIGIT: _at(pairs, levels, "cnic", CNIC_ONE_DIGIT) & ~passport & cnic_one_digit,
        FAMILY: household & ~given_agrees & ~_at(pairs, levels, "birth", SAME_DATE) & ~documents,
        APART: _at(pairs, levels, "birth", YEARS_APART) & ~documents,
        THIN: _thin(pairs, levels),
    }
    rules = np.zeros(len(pairs), dtype=np.int8)
    for rule in reversed(fired):
        rules[fired[rule]] = RULES.index(rule)
    return rules


def _thin(pairs: pd.DataFrame, levels: Levels) -> np.ndarray:
    """No number in common, no date of birth on one side, no district in common: the name and
    the father's name alone, which namesakes share."""
    number = (
        _at_least(pairs, levels, "cnic", CNIC_PARTIAL)
        | _at_least(pairs, levels, "passport", PASSPORT_SLIP)
        | _at(pairs, levels, "phone", SAME)
    )
    no_birth = _gamma(pairs, "birth") == -1
    return np.asarray(~number & no_birth & ~_at(pairs, levels, "district", SAME), dtype=bool)
