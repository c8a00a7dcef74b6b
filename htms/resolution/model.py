"""HTMS's Fellegi–Sunter model: what is compared, how candidate pairs are found, how it learns.

Every comparison reads the columns of :mod:`htms.resolution.features`. Blocking rules are
equi-joins only (an array of name skeletons is exploded first), so the pairs scored grow with
the number of records that really share a key, never with the square of the register.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd  # type: ignore[import-untyped, unused-ignore]
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator

from htms.resolution import features
from htms.resolution.levels import NamePartsAgreeLevel
from htms.resolution.reference import REFERENCE_PATH


@dataclass(frozen=True)
class ModelSpec:
    """One way of resolving: features, comparisons, blocking, training and thresholds.

    ``auto_link`` is the match probability from which a pair is linked without a person;
    pairs from ``review_from`` up to it go to the review queue.
    """

    name: str
    prepare: Callable[[pd.DataFrame], pd.DataFrame]
    comparisons: Callable[[], list[ComparisonCreator]]
    blocking_rules: Callable[[], list[BlockingRuleCreator]]
    # EM sessions, each blocked on equal values of these columns (plain columns, not arrays).
    # A session whose columns no two records share (a file without phone numbers) is skipped.
    training_keys: tuple[tuple[str, ...], ...]
    # The prior: pairs sharing any of these columns are taken as matches, found with recall
    # ``prior_recall``. Without such a pair the prior stays where training started.
    prior_keys: tuple[str, ...]
    prior_recall: float
    # EM sessions for records none of ``training_keys`` can teach (a list without identity
    # numbers or phones): run only when no session of ``training_keys`` could run.
    training_fallback: tuple[tuple[str, ...], ...] = ()
    auto_link: float = 0.98
    review_from: float = 0.5
    u_max_pairs: float = 5e5
    em_max_pairs: float = 1e6
    seed: int = 5
    # Comparison -> the lowest level (by its label) a pair needs, where known, to be linked
    # without a person; comparisons in ``auto_link_needs`` must also be known.
    auto_link_requires: Mapping[str, str] = field(default_factory=dict)
    auto_link_needs: frozenset[str] = frozenset()
    # Groups of comparisons that, all agreeing fully, waive those requirements: a CNIC and
    # the full date of birth both the same outweigh a name written quite differently.
    auto_link_waivers: tuple[tuple[str, ...], ...] = ()
    # Requirements eased to a lower level when a pair has the same number on one of
    # ``auto_link_documents`` (a passport or CNIC is one person's, siblings never share one)
    # and none of ``auto_link_documents_against`` is at its lowest level: a given name
    # replaced or mistyped beyond recognition still leaves a family name.
    auto_link_eased: Mapping[str, str] = field(default_factory=dict)
    auto_link_documents: tuple[str, ...] = ()
    auto_link_documents_against: tuple[str, ...] = ()
    # A pair whose CNICs are one digit apart waits for a person (``guards``); False links it
    # like any other pair (a typo), the clustering rules still apply.
    review_cnic_one_digit: bool = True
    # Columns copied to the scored pairs.
    retain: tuple[str, ...] = ()

    # False: Splink's usual connected components of the links, no clustering rules.
    constrained: bool = True
    # Inputs with fewer records are resolved with the reference parameters, untrained.
    train_from: int = 1000
    reference: Path | None = None

    def splink_settings(self) -> SettingsCreator:
        return SettingsCreator(
            link_type="dedupe_only",
            unique_id_column_name="unique_id",
            comparisons=list[ComparisonCreator | dict[str, Any]](self.comparisons()),
            blocking_rules_to_generate_predictions=list[BlockingRuleCreator | dict[str, Any]](
                self.blocking_rules()
            ),
            # Splink keeps the gamma levels only with the compared columns; ``pipeline`` reads
            # back the levels alone.
            retain_matching_columns=True,
            retain_intermediate_calculation_columns=False,
            additional_columns_to_retain=list(self.retain),
        )


def _name(prefix: str, label: str) -> ComparisonCreator:
    """Name agreement, strongest first. Muhammad and caste names are weak: sharing them alone
    is no agreement, and exact agreement weighs less for common names."""
    return cl.CustomComparison(
        output_column_name=label,
        comparison_levels=[
            cll.NullLevel(f"{prefix}_skel_key"),
            cll.ExactMatchLevel(f"{prefix}_key").configure(
                tf_adjustment_column=f"{prefix}_key", label_for_charts="same name"
            ),
            cll.Or(
                cll.ExactMatchLevel(f"{prefix}_skel_key"),
                cll.ExactMatchLevel(f"{prefix}_compact"),
            ).configure(label_for_charts="same name, other spelling or script"),
            cll.ExactMatchLevel(f"{prefix}_strong_key").configure(
                label_for_charts="same name but for Muhammad or a caste name"
            ),
            NamePartsAgreeLevel(
                f"{prefix}_strong", 0.88, "every name part agrees, allowing a typo"
            ),
            cll.JaroWinklerLevel(f"{prefix}_text", 0.94).configure(
                label_for_charts="nearly the same spelling"
            ),
            cll.JaroWinklerLevel(f"{prefix}_compact", 0.88).configure(
                label_for_charts="similar sounding"
            ),
            cll.ArrayIntersectLevel(f"{prefix}_strong", 1).configure(
                label_for_charts="one name part agrees"
            ),
            cll.ElseLevel().configure(label_for_charts="different"),
        ],
    )


def _birth() -> ComparisonCreator:
    same_year = "birth_year_l = birth_year_r"
    return cl.CustomComparison(
        output_column_name="birth",
        comparison_levels=[
            cll.NullLevel("birth_year"),
            cll.ExactMatchLevel("dob_full").configure(label_for_charts="same date"),
            cll.CustomLevel(
                f"{same_year} AND birth_month_l = birth_day_r AND birth_day_l = birth_month_r",
                "day and month swapped",
            ),
            cll.CustomLevel(
                f"{same_year} AND (birth_month_l IS NULL OR birth_month_r IS NULL "
                "OR (birth_month_l = birth_month_r "
                "AND (birth_day_l IS NULL OR birth_day_r IS NULL)))",
                "same year, rest not known",
            ),
            cll.CustomLevel(
                "birth_month_l = birth_month_r AND birth_day_l = birth_day_r",
                "same day and month, other year",
            ),
            cll.CustomLevel(same_year, "same year, other day"),
            cll.AbsoluteDifferenceLevel("birth_year", 2).configure(
                label_for_charts="within two years"
            ),
            cll.ElseLevel().configure(label_for_charts="different"),
        ],
    )


def _cnic() -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name="cnic",
        comparison_levels=[
            cll.NullLevel("cnic5"),
            cll.ExactMatchLevel("cnic").configure(label_for_charts="same CNIC"),
            cll.DamerauLevenshteinLevel("cnic", 1).configure(
                label_for_charts="CNIC differs by one digit"
            ),
            cll.CustomLevel(
                "cnic5_l = cnic5_r AND (cnic_l IS NULL OR cnic_r IS NULL)",
                "partial CNIC agrees",
            ),
            cll.ElseLevel().configure(label_for_charts="different CNIC"),
        ],
    )


def _exact(column: str, label: str, typo: bool = False) -> ComparisonCreator:
    levels: list[ComparisonLevelCreator | dict[str, Any]] = [
        cll.NullLevel(column),
        cll.ExactMatchLevel(column).configure(label_for_charts="same"),
    ]
    if typo:
        levels.append(cll.DamerauLevenshteinLevel(column, 1).configure(label_for_charts="typo"))
    levels.append(cll.ElseLevel().configure(label_for_charts="different"))
    return cl.CustomComparison(output_column_name=label, comparison_levels=levels)


def _address() -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name="address",
        comparison_levels=[
            cll.NullLevel("address_text"),
            cll.ExactMatchLevel("address_text").configure(label_for_charts="same address"),
            cll.JaroWinklerLevel("address_text", 0.9).configure(
                label_for_charts="nearly the same address"
            ),
            cll.ArrayIntersectLevel("address_words", 2).configure(
                label_for_charts="two address words agree"
            ),
            cll.ArrayIntersectLevel("address_words", 1).configure(
                label_for_charts="one address word agrees"
            ),
            cll.ElseLevel().configure(label_for_charts="different"),
        ],
    )


def htms_comparisons() -> list[ComparisonCreator]:
    return [
        _name("name", "name"),
        _name("father", "father"),
        _birth(),
        _cnic(),
        _exact("passport", "passport", typo=True),
        _exact("phone", "phone"),
        _exact("sex", "sex"),
        _exact("nationality", "nationality"),
        _exact("district", "district"),
        _address(),
    ]


def htms_blocking_rules() -> list[BlockingRuleCreator]:
    """Candidate pairs: any identifier in common (a CNIC with one wrong digit keeps one half),
    or the name with the birth year, the father's name, the district or the locality of the
    CNIC; the name's and the father's strong parts (a title or caste name added or dropped)
    with the district or the birth year; the father's name with the birth year and the
    district (a name keyed with a slip); the full date of birth with the father's name or the
    district (a name spelt quite differently); or one strong name part with the full date of
    birth, or with a father's name part, the birth year and the district.

    Without the district or the birth year, the strong parts and the father's name with the
    birth year alone grew with the square of the register (0.70 and 0.50 pairs per record at
    50,000 records, 1.19 and 0.79 at 150,000); with them, 0.30 to 0.33 and 0.24 to 0.25."""
    return [
        block_on("cnic"),
        block_on("cnic_head", "birth_year"),
        block_on("cnic_tail"),
        block_on("passport"),
        block_on("phone"),
        block_on("name_skel_key", "birth_year"),
        block_on("name_skel_key", "father_skel_key"),
        block_on("name_skel_key", "district"),
        block_on("name_compact", "cnic5"),
        block_on("name_strong_key", "father_strong_key", "district"),
        block_on("name_strong_key", "father_strong_key", "birth_year"),
        block_on("father_skel_key", "birth_year", "district"),
        block_on("father_skel_key", "dob_full"),
        block_on("dob_full", "district"),
        block_on("name_strong", "dob_full", arrays_to_explode=["name_strong"]),
        block_on(
            "name_strong",
            "father_strong",
            "birth_year",
            "district",
            arrays_to_explode=["name_strong", "father_strong"],
        ),
    ]


HTMS_SETTINGS = ModelSpec(
    name="htms",
    prepare=features.prepare,
    comparisons=htms_comparisons,
    blocking_rules=htms_blocking_rules,
    # Each session fixes some fields by its blocking and learns the others' m: the CNIC's
    # teaches the names and dates, the name's the numbers, the phone's both.
    training_keys=(("cnic",), ("name_skel_key", "birth_year"), ("phone",)),
    # Without numbers, the full date of birth: it teaches the names and the district.
    training_fallback=(("dob_full",),),
    prior_keys=("cnic", "passport"),
    prior_recall=0.7,
    # The names must at least sound alike; a different CNIC or sex stops a link.
    auto_link_requires={
        "name": "similar sounding",
        "cnic": "partial CNIC agrees",
        "sex": "same",
    },
    auto_link_needs=frozenset({"name"}),
    auto_link_waivers=(("cnic", "birth"), ("passport", "birth")),
    # With the same CNIC or passport, one strong name part in common is enough, unless the
    # fathers' names differ: a parent's CNIC written on a child's record, whose father's name
    # is the parent's own, not the grandfather's.
    auto_link_eased={"name": "one name part agrees"},
    auto_link_documents=("cnic", "passport"),
    auto_link_documents_against=("father",),
    reference=REFERENCE_PATH,
)
