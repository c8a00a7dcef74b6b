"""Batch identity resolution: accuracy and speed, HTMS's model next to a generic Splink one.

Sizes and switches (environment):
- HTMS_BENCH_RESOLUTION_SIZES: records of the labelled Pakistani register, comma-separated
  (default "50000,500000");
- HTMS_BENCH_RESOLUTION_SEED: the register's seed; by default a fresh one each run (printed),
  so that no run measures a register the model was tuned on;
- HTMS_BENCH_RESOLUTION_FEBRL: "1" (default) to run FEBRL4 and FEBRL3 first, "0" to skip;
- HTMS_BENCH_RESOLUTION_GENERIC: "1" (default) to run the generic configuration too.

The Pakistani register is made with the untuned noise profile (``noise.UNTUNED_RATES``: other
rates, honorifics, namesakes, more siblings on a household phone) at every size, and with the
tuned profile at the smallest size, both from the fresh seed. Every data set goes through
``htms.resolution.pipeline.resolve``, the code behind ``htms resolve``; nothing touches the
database. Times are wall-clock seconds end to end (features, training, blocking, scoring,
clustering) and the process's CPU seconds, which stay meaningful when other work shares the
machine; memory is the process's peak resident set during the run (the input included).
"""

import contextlib
import gc
import os
import re
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd  # type: ignore[import-untyped, unused-ignore]

from bench.resolution_data import febrl3, febrl4
from htms.resolution.clustering import connected_components
from htms.resolution.generic import GENERIC_SETTINGS
from htms.resolution.metrics import Scores, score
from htms.resolution.model import HTMS_SETTINGS, ModelSpec
from htms.resolution.noise import TUNED_RATES, UNTUNED_RATES, NoiseRates, noisy_register
from htms.resolution.pipeline import LINK, REVIEW, resolve

TITLE = "Batch identity resolution"
# The cost of sending every CNIC one digit apart to review: the same model linking them.
CNIC_TYPOS_LINKED = replace(
    HTMS_SETTINGS, name="htms, CNIC typos linked", review_cnic_one_digit=False
)
STATUS = Path("/proc/self/status")
PEAK = re.compile(r"VmHWM:\s+(\d+) kB")


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
    peak_mib: float
    load: float

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
            f"{self.peak_mib:,.0f}",
            f"{self.load:.1f}",
        ]


HEADER = (
    "| data | model | records | pair P | pair R | pair F1 | auto-link P | review queue "
    "| F1 once reviewed | cluster P | cluster R | blocking R | candidate pairs | s | CPU s "
    "| records/s | peak RSS MiB | load |\n"
    "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
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


def _reset_peak() -> None:
    """Starts the peak resident set over from the current one (Linux)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_mib() -> float:
    found = PEAK.search(STATUS.read_text()) if STATUS.exists() else None
    return int(found.group(1)) / 1024 if found else 0.0


def measure(data: str, frame: pd.DataFrame, truth: pd.Series, settings: ModelSpec) -> Row:
    gc.collect()
    _reset_peak()
    load = os.getloadavg()[0]
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
        _peak_mib(),
        load,
    )


def _seed() -> int:
    given = os.environ.get("HTMS_BENCH_RESOLUTION_SEED", "")
    return int(given) if given else 1000 + secrets.randbelow(1_000_000)


def _register(
    name: str, size: int, seed: int, rates: NoiseRates, log: Callable[[str], None]
) -> tuple[str, pd.DataFrame, pd.Series]:
    started = time.perf_counter()
    labelled = noisy_register(records=size, seed=seed, rates=rates)
    log(f"made the {name} register of {size:,} in {time.perf_counter() - started:.0f} s")
    return f"Pakistani {name} {size:,}", labelled.drop(columns=["true_id"]), labelled["true_id"]


def _datasets(
    seed: int, log: Callable[[str], None]
) -> Iterator[tuple[str, pd.DataFrame, pd.Series]]:
    """One data set at a time, made when its turn comes: the peak memory of a run then holds
    its own input, not every register of the suite."""
    if os.environ.get("HTMS_BENCH_RESOLUTION_FEBRL", "1") == "1":
        for name, maker in (("FEBRL4", febrl4), ("FEBRL3", febrl3)):
            frame, truth = maker()
            yield name, frame, truth
    sizes = os.environ.get("HTMS_BENCH_RESOLUTION_SIZES", "50000,500000")
    for n, size in enumerate(int(s) for s in sizes.split(",") if s.strip()):
        if n == 0:
            yield _register("tuned profile", size, seed, TUNED_RATES, log)
        yield _register("untuned", size, seed, UNTUNED_RATES, log)


def _models(data: str) -> list[ModelSpec]:
    generic = os.environ.get("HTMS_BENCH_RESOLUTION_GENERIC", "1") == "1"
    models = [HTMS_SETTINGS]
    if data.startswith("Pakistani"):
        models.append(CNIC_TYPOS_LINKED)
    return [*models, GENERIC_SETTINGS] if generic else models


def run(log: Callable[[str], None]) -> str:
    seed = _seed()
    log(f"seed of the Pakistani registers: {seed}")
    rows = []
    for data, frame, truth in _datasets(seed, log):
        for settings in _models(data):
            row = measure(data, frame, truth, settings)
            log(
                f"{data} {settings.name}: P {row.scores.pairwise_precision:.4f} "
                f"F1 {row.scores.pairwise_f1:.4f} in {row.seconds:.0f} s, "
                f"{row.peak_mib:,.0f} MiB"
            )
            rows.append(row)
    table = "\n".join("| " + " | ".join(row.cells()) + " |" for row in rows)
    return (
        f"Seed of the Pakistani registers: {seed} (fresh this run).\n\n"
        f"{HEADER}\n{table}\n\n{_goals(rows)}\n\n"
        "Pair P/R/F1 count pairs of records in one predicted cluster (after clustering); "
        "auto-link P is the precision of the pairs linked without a person; the review queue "
        "holds the pairs left to a supervisor, and F1 once reviewed is the pairwise F1 if each "
        "were answered rightly; cluster P is the "
        "share of predicted multi-record clusters that are pure, cluster R the share of true "
        "ones found whole; blocking R the share of true pairs among the candidate pairs; "
        "peak RSS the process's peak resident memory during the run, input included; load the "
        "1-minute load average when the run started (2 cores). "
        "HTMS: auto-link from probability "
        f"{HTMS_SETTINGS.auto_link} with the names at least sounding alike, review from "
        f"{HTMS_SETTINGS.review_from}, siblings, namesakes and CNICs one digit apart to review; "
        "'CNIC typos linked': the same with CNICs one digit apart linked like any pair; "
        "generic: connected components from "
        f"{GENERIC_SETTINGS.auto_link}. Definitions: docs/identity-resolution.md.\n"
    )


def _goals(rows: list[Row]) -> str:
    """The goals of the issue, met or not, row by row."""
    lines = ["Goals:"]
    for row in rows:
        s, htms = row.scores, row.model == HTMS_SETTINGS.name
        if htms and row.data.startswith("Pakistani untuned"):
            met = s.pairwise_precision >= 0.995 and s.pairwise_f1 >= 0.985
            lines.append(f"- {row.data}: precision ≥ 0.995 and F1 ≥ 0.985: {_yes(met)}")
        if htms and row.data == "FEBRL4":
            lines.append(f"- FEBRL4: F1 ≥ 0.99: {_yes(s.pairwise_f1 >= 0.99)}")
        if htms and s.records >= 500_000:
            fast = s.records / row.seconds >= 5000 and row.peak_mib < 2048
            lines.append(f"- {row.data}: ≥ 5,000 records/s, under 2 GiB: {_yes(fast)}")
    return "\n".join(lines)


def _yes(met: bool) -> str:
    return "met" if met else "NOT met"
