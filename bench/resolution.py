"""Batch identity resolution: accuracy and speed, HTMS's model next to a generic Splink one.

Sizes and switches (environment):
- HTMS_BENCH_RESOLUTION_SIZES: records of the labelled Pakistani register, comma-separated
  (default "50000,500000");
- HTMS_BENCH_RESOLUTION_FEBRL: "1" (default) to run FEBRL4 and FEBRL3 first, "0" to skip;
- HTMS_BENCH_RESOLUTION_GENERIC: "1" (default) to run the generic configuration too.

Every data set goes through ``htms.resolution.pipeline.resolve``, the code behind
``htms resolve``; nothing touches the database. Times are wall-clock seconds end to end
(features, training, blocking, scoring, clustering) and the process's CPU seconds, which
stay meaningful when other work shares the machine.
"""

import gc
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd  # type: ignore[import-untyped, unused-ignore]

from bench.resolution_data import febrl3, febrl4
from htms.resolution.clustering import connected_components
from htms.resolution.generic import GENERIC_SETTINGS
from htms.resolution.metrics import Scores, score
from htms.resolution.model import HTMS_SETTINGS, ModelSpec
from htms.resolution.noise import noisy_register
from htms.resolution.pipeline import LINK, REVIEW, resolve

TITLE = "Batch identity resolution"
SEED = 1


@dataclass(frozen=True)
class Row:
    data: str
    model: str
    scores: Scores
    seconds: float
    cpu_seconds: float
    candidates: int
    link_precision: float
    queue: int
    reviewed_f1: float

    def cells(self) -> list[str]:
        s = self.scores
        return [
            self.data,
            self.model,
            f"{s.records:,}",
            f"{s.pairwise_precision:.4f}",
            f"{s.pairwise_recall:.4f}",
            f"**{s.pairwise_f1:.4f}**",
            f"{self.link_precision:.4f}",
            f"{self.queue:,}",
            f"{self.reviewed_f1:.4f}",
            f"{s.cluster_precision:.4f}",
            f"{s.cluster_recall:.4f}",
            f"{s.blocking_recall or 0:.4f}",
            f"{self.candidates:,}",
            f"{self.seconds:.0f}",
            f"{self.cpu_seconds:.0f}",
            f"{s.records / self.seconds:,.0f}",
        ]


HEADER = (
    "| data | model | records | pair P | pair R | pair F1 | auto-link P | review queue "
    "| F1 once reviewed | cluster P | cluster R | blocking R | candidate pairs | s | CPU s "
    "| records/s |\n"
    "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
)


def _link_precision(pairs: pd.DataFrame, truth: pd.Series) -> float:
    """Of the pairs linked without a person, the share that are true pairs."""
    links = pairs[pairs["decision"] == LINK]
    if links.empty:
        return 1.0
    labels = truth.reset_index(drop=True).to_numpy()
    same = labels[links["left"].to_numpy()] == labels[links["right"].to_numpy()]
    return float(same.mean())


def _reviewed_f1(pairs: pd.DataFrame, truth: pd.Series) -> float:
    """Pairwise F1 if a supervisor answered every queued pair rightly: the links plus the
    queued pairs that are true, in connected components."""
    labels = truth.reset_index(drop=True).to_numpy()
    same = labels[pairs["left"].to_numpy()] == labels[pairs["right"].to_numpy()]
    kept = pairs[(pairs["decision"] == LINK) | ((pairs["decision"] == REVIEW) & same)]
    clusters = connected_components(len(labels), kept["left"], kept["right"])
    return score(clusters.tolist(), labels.tolist()).pairwise_f1


def measure(data: str, frame: pd.DataFrame, truth: pd.Series, settings: ModelSpec) -> Row:
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = resolve(frame, settings=settings, truth=truth)
    seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu
    scores = score(
        result.labels.tolist(), truth.tolist(), blocked_true_pairs=result.blocked_true_pairs
    )
    return Row(
        data,
        settings.name,
        scores,
        seconds,
        cpu_seconds,
        result.candidate_pairs,
        _link_precision(result.pairs, truth),
        int((result.pairs["decision"] == REVIEW).sum()),
        _reviewed_f1(result.pairs, truth),
    )


def _datasets(log: Callable[[str], None]) -> list[tuple[str, pd.DataFrame, pd.Series]]:
    sets = []
    if os.environ.get("HTMS_BENCH_RESOLUTION_FEBRL", "1") == "1":
        for name, maker in (("FEBRL4", febrl4), ("FEBRL3", febrl3)):
            frame, truth = maker()
            sets.append((name, frame, truth))
    sizes = os.environ.get("HTMS_BENCH_RESOLUTION_SIZES", "50000,500000")
    for size in (int(s) for s in sizes.split(",") if s.strip()):
        started = time.perf_counter()
        labelled = noisy_register(records=size, seed=SEED)
        log(f"made the labelled register of {size:,} in {time.perf_counter() - started:.0f} s")
        sets.append(
            (f"Pakistani {size:,}", labelled.drop(columns=["true_id"]), labelled["true_id"])
        )
    return sets


def run(log: Callable[[str], None]) -> str:
    generic = os.environ.get("HTMS_BENCH_RESOLUTION_GENERIC", "1") == "1"
    models = [HTMS_SETTINGS, GENERIC_SETTINGS] if generic else [HTMS_SETTINGS]
    rows = []
    for data, frame, truth in _datasets(log):
        for settings in models:
            row = measure(data, frame, truth, settings)
            log(f"{data} {settings.name}: F1 {row.scores.pairwise_f1:.4f} in {row.seconds:.0f} s")
            rows.append(row)
    table = "\n".join("| " + " | ".join(row.cells()) + " |" for row in rows)
    return (
        f"{HEADER}\n{table}\n\n"
        "Pair P/R/F1 count pairs of records in one predicted cluster (after clustering); "
        "auto-link P is the precision of the pairs linked without a person; the review queue "
        "holds the pairs left to a supervisor, and F1 once reviewed is the pairwise F1 if each "
        "were answered rightly; cluster P is the "
        "share of predicted multi-record clusters that are pure, cluster R the share of true "
        "ones found whole; blocking R the share of true pairs among the candidate pairs. "
        "HTMS: auto-link from probability "
        f"{HTMS_SETTINGS.auto_link} with the names at least sounding alike, review from "
        f"{HTMS_SETTINGS.review_from}; generic: connected components from "
        f"{GENERIC_SETTINGS.auto_link}. Definitions: docs/identity-resolution.md.\n"
    )
