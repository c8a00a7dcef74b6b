"""Batch identity resolution: records in, scored pairs and clusters out. No Django, no database.

``resolve`` is the one pipeline behind ``htms resolve`` (a CSV file), ``htms resolve_register``
(the national register) and the benchmarks:

1. features: canonical names, skeletons, date parts and identifier keys (``features``);
2. candidate pairs: the model's equi-join blocking rules;
3. Fellegi–Sunter model trained on the data itself: the prior from near-certain rules, u by
   random sampling, m by expectation maximisation over blocked pairs (seeded, deterministic);
4. scoring of every candidate pair on Splink's DuckDB (or Spark) backend;
5. decisions per pair: ``link`` from ``auto_link`` up when the names agree and no rule forbids
   it, ``review`` down to ``review_from``;
6. clusters from the links (``clustering``), respecting the supervisors' decisions.
"""

import logging
import math
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]
from splink import Linker, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.exceptions import SplinkException
from splink.internals.splink_dataframe import SplinkDataFrame

from htms.resolution import clustering
from htms.resolution.model import HTMS_SETTINGS, ModelSpec
from htms.resolution.reference import ReferenceModel, load_reference

logger = logging.getLogger(__name__)
Backend = Literal["duckdb", "spark"]
LINK, REVIEW = "link", "review"
TRUTH = "truth"
RECORDS_TABLE = "htms_resolution_records"
M_FLOOR, U_FLOOR = 1e-3, 1e-7


@dataclass(frozen=True)
class Constraints:
    """What the register knows beyond the records, as record positions."""

    protected: frozenset[int] = frozenset()  # victims and smuggled migrants
    accused: frozenset[int] = frozenset()
    together: tuple[tuple[int, int], ...] = ()  # decided "same" by a supervisor
    apart: tuple[tuple[int, int], ...] = ()  # decided "not the same" (or "unsure")


@dataclass
class Resolution:
    """``pairs``: ``left``, ``right`` (record positions, left < right), ``probability``,
    ``decision`` (link or review) and one ``gamma_<comparison>`` column per comparison.
    ``labels``: for each record, the position of the first record of its cluster."""

    records: int
    pairs: pd.DataFrame
    labels: np.ndarray
    candidate_pairs: int
    level_labels: dict[str, dict[int, str]]
    parameters: dict[str, Any]
    timings: dict[str, float] = field(default_factory=dict)
    blocked_true_pairs: int | None = None
    # What training could not learn from these records, and what it used instead.
    notes: list[str] = field(default_factory=list)

    def cluster_ids(self, record_ids: list[str]) -> list[str]:
        """Each record's cluster named after its first record."""
        return [record_ids[int(i)] for i in self.labels]


@contextmanager
def _timed(timings: dict[str, float], step: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    timings[step] = round(time.perf_counter() - started, 2)


def resolve(
    records: pd.DataFrame,
    *,
    settings: ModelSpec = HTMS_SETTINGS,
    backend: Backend = "duckdb",
    spark: Any = None,
    constraints: Constraints | None = None,
    truth: pd.Series | None = None,
    use_reference: bool = True,
) -> Resolution:
    """Resolves ``records`` (columns of ``features.INPUT_COLUMNS``; row order = position).

    ``truth`` (ground-truth labels, one per record) only serves to count how many true pairs
    the blocking rules found; it never reaches the model. Training starts from the reference
    parameters (``use_reference``) and is skipped below ``settings.train_from`` records.
    """
    timings: dict[str, float] = {}
    constraints = constraints or Constraints()
    if len(records) < 2:
        return _alone(len(records))
    with _timed(timings, "features"):
        table = settings.prepare(records)
        if truth is not None:
            table[TRUTH] = truth.fillna("").astype(str).to_numpy()
    reference = load_reference(settings.reference) if use_reference and settings.reference else None
    linker, frame = _linker(table, settings, backend, spark, truth is not None, reference)
    notes: list[str] = []
    with _timed(timings, "training"):
        if reference is None or len(table) >= settings.train_from:
            linker = _train(linker, frame, settings, table, notes, reference is not None)
        elif reference is not None:
            notes.append(UNTRAINED.format(records=len(table), least=settings.train_from))
        linker = _with_floors(linker, frame)
    with _timed(timings, "blocking"):
        blocked = linker.inference.compute_blocked_pairs_for_predict()
        candidates, blocked_true = _count_blocked(linker, blocked.physical_name, truth)
    model = linker.misc.save_model_to_json()
    levels = level_labels(model)
    with _timed(timings, "scoring"):
        scored = linker.inference.predict(
            threshold_match_probability=settings.review_from, warning_mode="never"
        )
        scored_frame = scored.as_pandas_dataframe()  # type: ignore[no-untyped-call]
        pairs = _pairs(scored_frame, settings, levels, constraints)
    with _timed(timings, "clustering"):
        if settings.constrained:
            labels = _cluster(len(table), pairs, table, constraints)
        else:
            links = pairs[pairs["decision"] == LINK]
            labels = clustering.connected_components(len(table), links["left"], links["right"])
    return Resolution(
        records=len(table),
        pairs=pairs,
        labels=labels,
        candidate_pairs=candidates,
        level_labels=levels,
        parameters=model,
        timings=timings,
        blocked_true_pairs=blocked_true,
        notes=notes,
    )


def _alone(records: int) -> Resolution:
    """Nothing to compare: each record is its own cluster."""
    pairs = pd.DataFrame({"left": [], "right": [], "probability": [], "decision": []})
    return Resolution(records, pairs, np.arange(records, dtype=np.int64), 0, {}, {})


def _linker(
    table: pd.DataFrame,
    settings: ModelSpec,
    backend: Backend,
    spark: Any,
    with_truth: bool,
    reference: ReferenceModel | None,
) -> tuple[Linker, SplinkDataFrame]:
    extra = (TRUTH,) if with_truth else ()
    model = settings.splink_settings(extra).create_settings_dict(backend)
    if reference is not None:
        model = reference.apply(model, len(table))
    if backend == "spark":
        from htms.resolution.spark import spark_api, to_spark

        db_api = spark_api(spark)
        frame = db_api.register(to_spark(spark, table), table_name=RECORDS_TABLE)
    else:
        import duckdb
        from splink import DuckDBAPI

        connection = duckdb.connect()
        connection.execute("SET enable_progress_bar = false")
        db_api = DuckDBAPI(connection)
        frame = db_api.register(table, table_name=RECORDS_TABLE)
    return Linker(frame, model, log_level=logging.ERROR), frame


def _with_floors(linker: Linker, frame: SplinkDataFrame) -> Linker:
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


def _learn_u(linker: Linker, *, settings: ModelSpec) -> None:
    linker.training.estimate_u_using_random_sampling(
        max_pairs=settings.u_max_pairs, seed=settings.seed
    )


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
    linker: Linker, table: pd.DataFrame, settings: ModelSpec, notes: list[str], reference: bool
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
    steps.append(("u", partial(_learn_u, settings=settings)))
    model = linker.misc.save_model_to_json()
    source = M_FROM_REFERENCE if reference else M_DEFAULT
    return steps + _m_steps(table, settings, model, notes, source)


def _train(
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
    for name, step in _steps(linker, table, settings, notes, from_reference):
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


def _count_blocked(
    linker: Linker, table_name: str, truth: pd.Series | None
) -> tuple[int, int | None]:
    """Candidate pairs, and how many of them are true pairs when the truth is known. The
    table names are Splink's and this module's own, never user input."""
    if truth is None:
        sql = f"SELECT count(*) AS n, 0 AS t FROM {table_name}"  # noqa: S608
    else:
        sql = (
            f"SELECT count(*) AS n, coalesce(sum(CASE WHEN l.{TRUTH} = r.{TRUTH} THEN 1 ELSE 0 "  # noqa: S608
            f"END), 0) AS t FROM {table_name} AS b "
            f"JOIN {RECORDS_TABLE} AS l ON l.unique_id = b.join_key_l "
            f"JOIN {RECORDS_TABLE} AS r ON r.unique_id = b.join_key_r"
        )
    counted = linker.misc.query_sql(sql, "pandas")  # type: ignore[no-untyped-call]
    blocked_true = int(counted["t"].iloc[0]) if truth is not None else None
    return int(counted["n"].iloc[0]), blocked_true


def _pairs(
    scored: pd.DataFrame,
    settings: ModelSpec,
    levels: dict[str, dict[int, str]],
    constraints: Constraints,
) -> pd.DataFrame:
    left = scored["unique_id_l"].astype(np.int64).to_numpy()
    right = scored["unique_id_r"].astype(np.int64).to_numpy()
    pairs = pd.DataFrame(
        {
            "left": np.minimum(left, right),
            "right": np.maximum(left, right),
            "probability": scored["match_probability"].astype(float).to_numpy(),
        }
    )
    for column in scored.columns:
        if column.startswith("gamma_"):
            pairs[column] = scored[column].astype(np.int64).to_numpy()
    linkable = _auto_linkable(pairs, settings, levels, constraints)
    if not settings.constrained:
        linkable = (pairs["probability"] >= settings.auto_link).to_numpy()
    pairs["decision"] = np.where(linkable, LINK, REVIEW)
    return pairs.sort_values(["left", "right"], ignore_index=True)


def _gamma_of(levels: dict[str, dict[int, str]], comparison: str, label: str) -> int:
    for gamma, level in levels[comparison].items():
        if level == label:
            return gamma
    raise ValueError(f"{comparison} has no level {label!r}")


def _auto_linkable(
    pairs: pd.DataFrame,
    settings: ModelSpec,
    levels: dict[str, dict[int, str]],
    constraints: Constraints,
) -> np.ndarray:
    """Above the threshold, every required comparison at its level, and never a victim or
    smuggled migrant with a person accused anywhere."""
    above = (pairs["probability"] >= settings.auto_link).to_numpy()
    ok = above.copy()
    for comparison, label in settings.auto_link_requires.items():
        if comparison not in levels:  # Splink drops a comparison whose column is all empty
            ok &= comparison not in settings.auto_link_needs
            continue
        lowest = _gamma_of(levels, comparison, label)
        gamma = pairs[f"gamma_{comparison}"].to_numpy()
        known = comparison in settings.auto_link_needs
        ok &= (gamma >= lowest) if known else (gamma >= lowest) | (gamma == -1)
    for group in settings.auto_link_waivers:
        if all(comparison in levels for comparison in group):
            full = [pairs[f"gamma_{c}"].to_numpy() == max(levels[c]) for c in group]
            ok |= above & np.logical_and.reduce(full)
    if constraints.protected and constraints.accused:
        protected = np.array(sorted(constraints.protected), dtype=np.int64)
        accused = np.array(sorted(constraints.accused), dtype=np.int64)
        left, right = pairs["left"].to_numpy(), pairs["right"].to_numpy()
        crossed = (np.isin(left, protected) & np.isin(right, accused)) | (
            np.isin(left, accused) & np.isin(right, protected)
        )
        ok &= ~crossed
    return np.asarray(ok, dtype=bool)


def _cluster(
    size: int, pairs: pd.DataFrame, table: pd.DataFrame, constraints: Constraints
) -> np.ndarray:
    links = pairs[pairs["decision"] == LINK]
    edges = [
        clustering.Edge(int(a), int(b), float(p))
        for a, b, p in zip(links["left"], links["right"], links["probability"], strict=True)
    ]
    return clustering.cluster(
        size,
        edges,
        cnics=table["cnic"].tolist() if "cnic" in table.columns else None,
        protected=constraints.protected,
        accused=constraints.accused,
        together=constraints.together,
        apart=constraints.apart,
    )


def level_labels(model: dict[str, Any]) -> dict[str, dict[int, str]]:
    """For each comparison of a trained model, what each gamma value means ("same CNIC").
    Splink numbers the levels after the null level from the highest down to 0."""
    labels: dict[str, dict[int, str]] = {}
    for comparison in model["comparisons"]:
        levels = comparison["comparison_levels"]
        named = labels[comparison["output_column_name"]] = {-1: "not known"}
        counted = [level for level in levels if not level.get("is_null_level")]
        for gamma, level in zip(range(len(counted) - 1, -1, -1), counted, strict=True):
            named[gamma] = level.get("label_for_charts", "")
    return labels
