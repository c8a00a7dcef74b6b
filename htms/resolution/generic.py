"""A generic Splink configuration, the yardstick HTMS's own model is measured against.

What a careful newcomer to Splink would write for these columns: the values lower-cased and
stripped of punctuation, exact and Jaro-Winkler levels on the names, exact levels elsewhere,
blocking on the full name, the date of birth and each identifier, the same training recipe,
and Splink's usual connected components at a fixed threshold. No Pakistani spellings, no
skeletons, no cross-script keys, no clustering rules.
"""

from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]
import splink.comparison_library as cl
from splink import block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

from htms.resolution.model import ModelSpec

PLAIN_COLUMNS = ("sex", "nationality", "district")


def _clean(series: pd.Series) -> pd.Series:
    cleaned = series.fillna("").astype(str).str.lower().str.replace(r"[^\w\s]", "", regex=True)
    cleaned = cleaned.str.split().str.join(" ")
    return cleaned.where(cleaned != "", None)


def _digits(series: pd.Series) -> pd.Series:
    digits = series.fillna("").astype(str).str.replace(r"\D", "", regex=True)
    return digits.where(digits != "", None)


def generic_prepare(records: pd.DataFrame) -> pd.DataFrame:
    frame = records.reset_index(drop=True)
    columns: dict[str, Any] = {"unique_id": np.arange(len(frame), dtype=np.int64)}
    for name in ("full_name", "father_name", "dob", "passport", *PLAIN_COLUMNS):
        columns[name] = _clean(frame[name]) if name in frame else None
    for name in ("cnic", "phone"):
        columns[name] = _digits(frame[name]) if name in frame else None
    return pd.DataFrame(columns)


def generic_comparisons() -> list[ComparisonCreator]:
    return [
        cl.JaroWinklerAtThresholds("full_name", [0.92, 0.8]),
        cl.JaroWinklerAtThresholds("father_name", [0.92, 0.8]),
        cl.ExactMatch("dob"),
        cl.ExactMatch("cnic"),
        cl.ExactMatch("passport"),
        cl.ExactMatch("phone"),
        *(cl.ExactMatch(name) for name in PLAIN_COLUMNS),
    ]


def generic_blocking_rules() -> list[BlockingRuleCreator]:
    return [
        block_on("full_name"),
        block_on("dob"),
        block_on("cnic"),
        block_on("passport"),
        block_on("phone"),
    ]


GENERIC_SETTINGS = ModelSpec(
    name="generic",
    prepare=generic_prepare,
    comparisons=generic_comparisons,
    blocking_rules=generic_blocking_rules,
    training_keys=(("full_name",), ("dob",)),
    prior_keys=("cnic", "passport"),
    prior_recall=0.7,
    auto_link=0.95,
    review_from=0.5,
    constrained=False,
    train_from=0,
)
