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
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]
from splink import Linker
from splink.internals.splink_dataframe import SplinkDataFrame

from htms.resolution import clustering, guards
from htms.resolution.model import HTMS_SETTINGS, ModelSpec
from htms.resolution.reference import ReferenceModel, load_reference
from htms.resolution.training import UNTRAINED, train, with_floors

Backend = Literal["duckdb", "spark"]
LINK, REVIEW = "link", "review"
TRUTH = "truth"
RECORDS_TABLE = "htms_resolution_records"
# DuckDB's own memory (joins, sorts, its copy of the features), beside the pandas frames.
DUCKDB_MEMORY = "1GB"


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
    ``decision`` (link or review), ``review_rule`` (why a pair waits for a person: a position
    in ``guards.RULES``, 0 for a link) and one ``gamma_<comparison>`` column per comparison.
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
    linker, frame = _linker(table, settings, backend, spark, reference)
    notes: list[str] = []
    with _timed(timings, "training"):
        if reference is None or len(table) >= settings.train_from:
            linker = train(linker, frame, settings, table, notes, reference is not None)
        elif reference is not None:
            notes.append(UNTRAINED.format(records=len(table), least=settings.train_from))
        linker = with_floors(linker, frame)
    # The backend holds its own copy of the features: only the CNICs are needed further on.
    size, cnics = len(table), _cnics(table)
    del table, frame
    with _timed(timings, "blocking"):
        blocked = linker.inference.compute_blocked_pairs_for_predict()
        candidates, blocked_true = _count_blocked(linker, blocked.physical_name, truth)
    model = linker.misc.save_model_to_json()
    levels = level_labels(model)
    with _timed(timings, "scoring"):
        scored = linker.inference.predict(
            threshold_match_probability=settings.review_from, warning_mode="never"
        )
        pairs = _pairs(_scored_frame(linker, scored, levels), settings, levels, constraints)
    del linker, scored  # the backend's tables, before clustering adds its own memory
    with _timed(timings, "clustering"):
        if settings.constrained:
            labels = _cluster(size, pairs, cnics, constraints)
            _review_refused(pairs, labels)
        else:
            links = pairs[pairs["decision"] == LINK]
            labels = clustering.connected_components(size, links["left"], links["right"])
    return Resolution(
        records=size,
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
    pairs = pd.DataFrame(
        {"left": [], "right": [], "probability": [], "decision": [], "review_rule": []}
    )
    return Resolution(records, pairs, np.arange(records, dtype=np.int64), 0, {}, {})


def _linker(
    table: pd.DataFrame,
    settings: ModelSpec,
    backend: Backend,
    spark: Any,
    reference: ReferenceModel | None,
) -> tuple[Linker, SplinkDataFrame]:
    model = settings.splink_settings().create_settings_dict(backend)
    if reference is not None:
        model = reference.apply(model, len(table))
    if backend == "spark":
        from htms.resolution.spark import spark_api, to_spark

        db_api = spark_api(spark)
        # A session outlives a resolution: the records of the one before make way.
        spark.catalog.dropTempView(RECORDS_TABLE)
        frame = db_api.register(to_spark(spark, table), table_name=RECORDS_TABLE)
    else:
        import duckdb
        from splink import DuckDBAPI

        connection = duckdb.connect()
        connection.execute("SET enable_progress_bar = false")
        _bound_memory(connection)
        # A table of DuckDB's own, not a view of the pandas frame: each query of training and
        # blocking would convert the frame's Python strings again, and the frame can go.
        connection.register("htms_resolution_input", table)
        copy = f"CREATE TABLE {RECORDS_TABLE} AS SELECT * FROM htms_resolution_input"  # noqa: S608
        connection.execute(copy)
        connection.unregister("htms_resolution_input")
        db_api = DuckDBAPI(connection)
        frame = db_api.register(RECORDS_TABLE, table_name=RECORDS_TABLE)
    return Linker(frame, model, log_level=logging.ERROR), frame


def _bound_memory(connection: Any) -> None:
    """DuckDB would take up to 80% of the machine before spilling: past ``DUCKDB_MEMORY`` its
    joins and sorts spill to a temporary directory instead (never the working directory)."""
    spill = Path(tempfile.gettempdir()) / "htms-resolution-duckdb"
    connection.execute(f"SET memory_limit = '{DUCKDB_MEMORY}'")
    connection.execute("SET temp_directory = ?", [str(spill)])


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


def _scored_frame(
    linker: Linker, scored: SplinkDataFrame, levels: dict[str, dict[int, str]]
) -> pd.DataFrame:
    """Only what the decisions read: the compared columns Splink keeps beside the levels would
    weigh gigabytes in pandas at 500,000 records, and a level fits in one byte (-1 to a few).
    Splink's own table names, never user input."""
    gammas = [f"CAST(gamma_{c} AS TINYINT) AS gamma_{c}" for c in levels]
    columns = ", ".join(["unique_id_l", "unique_id_r", "match_probability", *gammas])
    sql = f"SELECT {columns} FROM {scored.physical_name}"  # noqa: S608
    frame = linker.misc.query_sql(sql, "pandas")  # type: ignore[no-untyped-call]
    scored.drop_table_from_database_and_remove_from_cache()
    return frame


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
            pairs[column] = scored[column].astype(np.int8).to_numpy()
    above = (pairs["probability"] >= settings.auto_link).to_numpy()
    crossed = _crossed(pairs, constraints)
    rules = np.zeros(len(pairs), dtype=np.int8)
    linkable = above
    if settings.constrained:
        rules = guards.review_rules(pairs, levels, cnic_one_digit=settings.review_cnic_one_digit)
        linkable = _auto_linkable(pairs, settings, levels, above & ~crossed) & (rules == 0)
    pairs["decision"] = np.where(linkable, LINK, REVIEW)
    pairs["review_rule"] = _review_rules(rules, linkable, above, crossed)
    return pairs.sort_values(["left", "right"], ignore_index=True)


def _review_rules(
    rules: np.ndarray, linkable: np.ndarray, above: np.ndarray, crossed: np.ndarray
) -> np.ndarray:
    """Why each pair waits for a person (``guards.RULES``): a guard's rule, else a victim with
    an accused, else too low a probability, else a requirement unmet; 0 for a link."""
    unexplained = ~linkable & (rules == 0)
    for rule, applies in (
        (guards.CROSSED, crossed),
        (guards.BELOW, ~above),
        (guards.UNLIKE, np.ones(len(rules), dtype=bool)),
    ):
        rules[unexplained & applies] = guards.RULES.index(rule)
        unexplained &= ~applies
    return rules


def _gamma_of(levels: dict[str, dict[int, str]], comparison: str, label: str) -> int:
    for gamma, level in levels[comparison].items():
        if level == label:
            return gamma
    raise ValueError(f"{comparison} has no level {label!r}")


def _auto_linkable(
    pairs: pd.DataFrame,
    settings: ModelSpec,
    levels: dict[str, dict[int, str]],
    above: np.ndarray,
) -> np.ndarray:
    """``above``: the pairs over the threshold that are not a victim or smuggled migrant with
    a person accused anywhere; of those, the ones with every required comparison at its
    level."""
    ok = above.copy()
    document = _same_document(pairs, settings, levels)
    for comparison, label in settings.auto_link_requires.items():
        if comparison not in levels:  # Splink drops a comparison whose column is all empty
            ok &= comparison not in settings.auto_link_needs
            continue
        gamma = pairs[f"gamma_{comparison}"].to_numpy()
        meets = gamma >= _gamma_of(levels, comparison, label)
        if comparison in settings.auto_link_eased:
            eased = _gamma_of(levels, comparison, settings.auto_link_eased[comparison])
            meets |= document & (gamma >= eased)
        known = comparison in settings.auto_link_needs
        ok &= meets if known else meets | (gamma == -1)
    for group in settings.auto_link_waivers:
        if all(comparison in levels for comparison in group):
            full = [pairs[f"gamma_{c}"].to_numpy() == max(levels[c]) for c in group]
            ok |= above & np.logical_and.reduce(full)
    return np.asarray(ok, dtype=bool)


def _crossed(pairs: pd.DataFrame, constraints: Constraints) -> np.ndarray:
    """Pairs of a victim or smuggled migrant and a person accused anywhere."""
    if not (constraints.protected and constraints.accused):
        return np.zeros(len(pairs), dtype=bool)
    protected = np.array(sorted(constraints.protected), dtype=np.int64)
    accused = np.array(sorted(constraints.accused), dtype=np.int64)
    left, right = pairs["left"].to_numpy(), pairs["right"].to_numpy()
    return np.asarray(
        (np.isin(left, protected) & np.isin(right, accused))
        | (np.isin(left, accused) & np.isin(right, protected)),
        dtype=bool,
    )


def _same_document(
    pairs: pd.DataFrame, settings: ModelSpec, levels: dict[str, dict[int, str]]
) -> np.ndarray:
    """Whether each pair has the same number on one of ``settings.auto_link_documents`` and
    no comparison of ``settings.auto_link_documents_against`` at its lowest level."""
    same = np.zeros(len(pairs), dtype=bool)
    for comparison in settings.auto_link_documents:
        if comparison in levels:
            same |= pairs[f"gamma_{comparison}"].to_numpy() == max(levels[comparison])
    for comparison in settings.auto_link_documents_against:
        if comparison in levels:
            same &= pairs[f"gamma_{comparison}"].to_numpy() != 0
    return same


def _cnics(table: pd.DataFrame) -> list[str | None] | None:
    return table["cnic"].tolist() if "cnic" in table.columns else None


def _cluster(
    size: int, pairs: pd.DataFrame, cnics: list[str | None] | None, constraints: Constraints
) -> np.ndarray:
    links = (pairs["decision"] == LINK).to_numpy()
    return clustering.cluster_arrays(
        size,
        pairs["left"].to_numpy()[links],
        pairs["right"].to_numpy()[links],
        pairs["probability"].to_numpy()[links],
        cnics=cnics,
        protected=constraints.protected,
        accused=constraints.accused,
        together=constraints.together,
        apart=constraints.apart,
    )


def _review_refused(pairs: pd.DataFrame, labels: np.ndarray) -> None:
    """A link the clustering rules refused (two CNICs apart in the clusters it would join, a
    victim and an accused, a lone bridge) goes to the review queue: never split silently."""
    left, right = pairs["left"].to_numpy(), pairs["right"].to_numpy()
    refused = (pairs["decision"] == LINK).to_numpy() & (labels[left] != labels[right])
    pairs.loc[refused, "decision"] = REVIEW
    pairs.loc[refused, "review_rule"] = guards.RULES.index(guards.REFUSED)


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
