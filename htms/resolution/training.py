"""How the model learns from the records at hand: each training step runs only if the records
allow it, and says in words what it could not learn (``notes``). No Django, no database.

- the prior (the share of pairs that match) from pairs sharing a CNIC or passport;
- u by random sampling;
- m by expectation maximisation, one session per set of blocking keys, run only when a pair
  shares the keys and at least two other comparisons have data to learn from; a fallback
  session when none could run;
- then floors: no probability at zero, a level nobody reaches made neutral.
"""

import logging
import math
import re
from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd  # type: ignore[import-untyped, unused-ignore]
from splink import Linker, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.exceptions import SplinkException
from splink.internals.splink_dataframe import SplinkDataFrame

from htms.resolution.model import ModelSpec

logger = logging.getLogger(__name__)
M_FLOOR, U_FLOOR = 1e-3, 1e-7
U_CHUNKS = 10  # Splink's default


def with_floors(linker: Linker, frame: SplinkDataFrame) -> Linker:
    """The linker with no probability at zero: an event the training data never showed (a
    wrong day of birth in the right year, say) is rare, not impossible, and must not weigh
    minus a hundred bits against a pair. A level seen neither among matches nor among random
    pairs (an address level where no record has an address) says nothing: it is made neutral,
    m = u, not the floors' ratio of ten thousand to one in its favour."""
    model = linker.misc.save_model_to_json()
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if not level.get("is_null_level"):
                _floor(level)
    return Linker(frame, model, log_level=logging.ERROR)


def _floor(level: dict[str, Any]) -> None:
    m, u = level.get("m_probability"), level.get("u_probability")
    m_seen = m is not None and math.isfinite(m) and m > 0
    u_seen = u is not None and math.isfinite(u) and u > 0
    if not m_seen and not u_seen:
        level["m_probability"] = level["u_probability"] = M_FLOOR
        return
    for key, floor in (("m_probability", M_FLOOR), ("u_probability", U_FLOOR)):
        value = level.get(key)
        if value is None or not value > floor:
            level[key] = floor


TRAINING_FAILURES = (ValueError, ZeroDivisionError, SplinkException)
# Notes on what training could not learn, for the person running the resolution.
UNTRAINED = (
    "{records} records are too few to learn from (at least {least} are needed): the reference "
    "parameters are used as they are."
)
NO_PRIOR_PAIRS = (
    "No two records share a {keys}: the share of pairs that match is not learned from the file "
    "but taken from {source}."
)
PRIOR_FROM_REFERENCE = "the reference parameters, scaled to the number of records"
PRIOR_DEFAULT = "the default, one pair in ten thousand"
NO_TRAINING_PAIRS = (
    "No two records share a {keys}: the training step that compares such records is skipped, "
    "and what it would learn is taken from {source}."
)
TOO_FEW_FIELDS = (
    "Records sharing a {keys} have fewer than two other fields filled in to learn from: the "
    "training step that compares them is skipped, and what it would learn is taken from "
    "{source}."
)
FALLBACK = "The model learned instead from records sharing a {keys}."
M_FROM_REFERENCE = "the reference parameters"
M_DEFAULT = "the other steps"
# The feature columns that name training steps, in words.
KEY_WORDS = {
    "cnic": "CNIC",
    "passport": "passport number",
    "phone": "phone number",
    "name_skel_key": "name",
    "birth_year": "year of birth",
    "dob_full": "full date of birth",
    "district": "district",
}
# Columns named in a comparison's SQL: "name_key_l" = "name_key_r".
COLUMN_IN_SQL = re.compile(r"\b(\w+)_l\b")
STEP_KEPT = "Training step {step} could not run on this file ({error}); it is skipped."


def _learn_prior(linker: Linker, *, keys: tuple[str, ...], recall: float) -> None:
    rules = list[str | BlockingRuleCreator]([block_on(key) for key in keys])
    linker.training.estimate_probability_two_random_records_match(rules, recall=recall)


def _learn_u(linker: Linker, *, settings: ModelSpec, chunks: int) -> None:
    linker.training.estimate_u_using_random_sampling(
        max_pairs=settings.u_max_pairs, seed=settings.seed, num_chunks=chunks
    )


def _u_chunks(frame: SplinkDataFrame) -> int:
    """Splink samples u in ten chunks, stopping once every level is seen often enough. On
    Spark each chunk is a job of a second or more whatever its size (about 110 jobs for ten
    comparisons): there the whole sample is counted in one job per comparison."""
    return 1 if frame.db_api.sql_dialect.sql_dialect_str == "spark" else U_CHUNKS


def _learn_m(linker: Linker, *, settings: ModelSpec, keys: tuple[str, ...]) -> None:
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on(*keys), max_pairs=settings.em_max_pairs
    )


def _shared(table: pd.DataFrame, keys: tuple[str, ...]) -> bool:
    """Whether two records have the same known value in every one of ``keys``: whether a
    training step blocked on them has a pair to learn from."""
    if not all(key in table.columns for key in keys):
        return False
    known = table[list(keys)].dropna()
    return bool(known.duplicated().any())


def _words(keys: tuple[str, ...], joiner: str) -> str:
    return joiner.join(KEY_WORDS.get(key, key) for key in keys)


def _learnable(table: pd.DataFrame, model: dict[str, Any], keys: tuple[str, ...]) -> bool:
    """Whether an EM session blocked on ``keys`` has at least two comparisons to learn from,
    not fixed by its blocking and filled in for some records. With one, EM cannot tell
    matches from non-matches: it calls every pair that differs there a non-match (m = 0; a
    postcode typo would then weigh minus ten bits)."""
    free = 0
    for comparison in model["comparisons"]:
        sql = " ".join(level["sql_condition"] for level in comparison["comparison_levels"])
        columns = set(COLUMN_IN_SQL.findall(sql)) & set(table.columns)
        if columns & set(keys):
            continue
        free += any(int(table[column].notna().sum()) >= 2 for column in columns)
    return free >= 2


def _m_steps(
    table: pd.DataFrame, settings: ModelSpec, model: dict[str, Any], notes: list[str], source: str
) -> list[tuple[str, Callable[[Linker], object]]]:
    steps: list[tuple[str, Callable[[Linker], object]]] = []
    for keys in settings.training_keys:
        named = _words(keys, " and ")
        if not _shared(table, keys):
            notes.append(NO_TRAINING_PAIRS.format(keys=named, source=source))
        elif not _learnable(table, model, keys):
            notes.append(TOO_FEW_FIELDS.format(keys=named, source=source))
        else:
            steps.append((named, partial(_learn_m, settings=settings, keys=keys)))
    if not steps:
        for keys in settings.training_fallback:
            if _shared(table, keys) and _learnable(table, model, keys):
                named = _words(keys, " and ")
                notes.append(FALLBACK.format(keys=named))
                steps.append((named, partial(_learn_m, settings=settings, keys=keys)))
    return steps


def _steps(
    linker: Linker,
    frame: SplinkDataFrame,
    table: pd.DataFrame,
    settings: ModelSpec,
    notes: list[str],
    reference: bool,
) -> list[tuple[str, Callable[[Linker], object]]]:
    """The training steps these records allow; a note for each one left out."""
    steps: list[tuple[str, Callable[[Linker], object]]] = []
    prior_keys = tuple(key for key in settings.prior_keys if _shared(table, (key,)))
    if prior_keys:
        steps.append(
            ("prior", partial(_learn_prior, keys=prior_keys, recall=settings.prior_recall))
        )
    elif settings.prior_keys:
        source = PRIOR_FROM_REFERENCE if reference else PRIOR_DEFAULT
        keys = _words(settings.prior_keys, " or ")
        notes.append(NO_PRIOR_PAIRS.format(keys=keys, source=source))
    steps.append(("u", partial(_learn_u, settings=settings, chunks=_u_chunks(frame))))
    model = linker.misc.save_model_to_json()
    source = M_FROM_REFERENCE if reference else M_DEFAULT
    return steps + _m_steps(table, settings, model, notes, source)


def train(
    linker: Linker,
    frame: SplinkDataFrame,
    settings: ModelSpec,
    table: pd.DataFrame,
    notes: list[str],
    from_reference: bool,
) -> Linker:
    """Each step learns what the data allows. A step that cannot run, or that leaves a
    probability outside (0, 1), keeps the values the model had before it: a failed Splink
    training session leaves its linker half changed, so the linker is rebuilt from the model
    saved before."""
    for name, step in _steps(linker, frame, table, settings, notes, from_reference):
        before = linker.misc.save_model_to_json()
        try:
            step(linker)
            _check_prior(linker.misc.save_model_to_json())
        except TRAINING_FAILURES as error:
            logger.info("%s kept: %s", name, error)
            notes.append(STEP_KEPT.format(step=name, error=error))
            linker = Linker(frame, before, log_level=logging.ERROR)
    return linker


def _check_prior(model: dict[str, Any]) -> None:
    """A prior of 0 (no pair found by the prior's rules) or 1 has no match weight: Splink's
    scoring would fail on log2(0) ("math domain error")."""
    prior = model["probability_two_random_records_match"]
    if not (math.isfinite(prior) and 0 < prior < 1):
        raise ValueError(f"the share of matching pairs came out as {prior}")
