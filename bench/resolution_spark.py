"""Batch identity resolution on Splink's Spark backend, the engine for registers beyond one
machine: the labelled Pakistani register, measured like the DuckDB rows of ``bench.resolution``.

Sizes and switches (environment):
- HTMS_BENCH_SPARK_SIZES: records of the labelled register, comma-separated
  (default "5000"; "100000,1000000" for the national scale, with more memory);
- HTMS_BENCH_SPARK_CORES: cores of the local Spark session, ``local[N]`` (default 2);
- HTMS_BENCH_SPARK_MEMORY: Spark driver memory (default "8g").

Each size goes through ``resolve(..., backend="spark")``, the same features, model, training,
blocking, scoring and clustering as on DuckDB (``htms.resolution.spark``); one Spark session
serves every size. Times are wall-clock seconds end to end and the CPU seconds of this
process and of the Spark JVM it started (all its children); peak memory is the highest
resident memory of both together, sampled every 200 ms.
"""

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.resolution import HEADER, Row, _link_precision, _reviewed_f1, _seed
from htms.resolution.metrics import score
from htms.resolution.model import HTMS_SETTINGS
from htms.resolution.noise import noisy_register
from htms.resolution.pipeline import REVIEW, resolve

TITLE = "Batch identity resolution on Spark"
PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


def _tree(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                queue += [int(child) for child in task.read_text().split()]
            except OSError:
                continue
    return found


def _read(pid: int, name: str) -> str:
    try:
        return Path(f"/proc/{pid}/{name}").read_text()
    except OSError:
        return ""


def rss_mib() -> float:
    """Resident memory of this process and its children (the Spark JVM), in MiB."""
    pages = sum(
        int(_read(p, "statm").split()[1] or 0) for p in _tree(os.getpid()) if _read(p, "statm")
    )
    return pages * PAGE / 2**20


def cpu_seconds() -> float:
    """CPU seconds (user and system) of this process and of the children still running."""
    total = 0
    for pid in _tree(os.getpid()):
        fields = _read(pid, "stat").rpartition(")")[2].split()
        if len(fields) > 13:
            total += int(fields[11]) + int(fields[12])
    return total / TICKS


class PeakMemory(threading.Thread):
    """The highest resident memory seen while a run goes on."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = rss_mib()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            self.peak = max(self.peak, rss_mib())


@dataclass(frozen=True)
class SparkRow:
    row: Row
    timings: dict[str, float]


def measure(data: str, spark: object, size: int, seed: int, log: Callable[[str], None]) -> SparkRow:
    started = time.perf_counter()
    labelled = noisy_register(records=size, seed=seed)
    frame, truth = labelled.drop(columns=["true_id"]), labelled["true_id"]
    log(f"made the labelled register of {size:,} in {time.perf_counter() - started:.0f} s")
    sampler = PeakMemory()
    sampler.start()
    load = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = resolve(frame, backend="spark", spark=spark, truth=truth)
    seconds, used = time.perf_counter() - wall, cpu_seconds() - cpu
    sampler.done.set()
    sampler.join()
    scores = score(
        result.labels.tolist(), truth.tolist(), blocked_true_pairs=result.blocked_true_pairs
    )
    row = Row(
        data,
        f"{HTMS_SETTINGS.name} on Spark",
        scores,
        seconds,
        used,
        result.candidate_pairs,
        _link_precision(result.pairs, truth),
        int((result.pairs["decision"] == REVIEW).sum()),
        _reviewed_f1(result.pairs, truth),
        max(sampler.peak, rss_mib()),
        load,
    )
    return SparkRow(row, result.timings)


def _failed(size: int, error: Exception) -> str:
    """The row of a size that did not finish: the error's first line (e.g. the JVM's
    ``java.lang.OutOfMemoryError: Java heap space``)."""
    lines = [line.strip(" :") for line in str(error).splitlines() if line.strip()]
    said = " ".join(lines[:2]) or type(error).__name__  # Py4J: the call, then the JVM's error
    return f"| Pakistani {size:,} | failed: {said[:240]} |"


def run(log: Callable[[str], None]) -> str:
    from htms.resolution.spark import spark_session

    cores = int(os.environ.get("HTMS_BENCH_SPARK_CORES", "2"))
    memory = os.environ.get("HTMS_BENCH_SPARK_MEMORY", "8g")
    sizes = os.environ.get("HTMS_BENCH_SPARK_SIZES", "5000")
    seed = _seed()
    log(f"seed of the Pakistani registers: {seed}")
    spark = spark_session(cores=cores, memory=memory)
    rows, lines = [], []
    try:
        for size in (int(s) for s in sizes.split(",") if s.strip()):
            try:
                row = measure(f"Pakistani {size:,}", spark, size, seed, log)
            except Exception as error:  # the JVM's errors reach Python as Py4J errors
                log(f"{size:,} on Spark failed: {error}")
                lines.append(_failed(size, error))
                continue
            f1, seconds = row.row.scores.pairwise_f1, row.row.seconds
            log(f"{size:,} on Spark: F1 {f1:.4f} in {seconds:.0f} s, steps {row.timings}")
            rows.append(row)
            lines.append("| " + " | ".join(row.row.cells()) + " |")
    finally:
        spark.stop()
    table = "\n".join(lines)
    steps = "; ".join(
        f"{r.row.scores.records:,}: " + ", ".join(f"{k} {v:.0f} s" for k, v in r.timings.items())
        for r in rows
    )
    return (
        f"{HEADER}\n{table}\n\n"
        f"Splink on Spark, `local[{cores}]`, driver memory {memory}, one session for every "
        'size; the same model and rules as the DuckDB rows of "Batch identity resolution" '
        "(columns defined there). CPU s and peak MiB count this process and the Spark JVM "
        f"together. Steps: {steps or 'none finished'}.\n"
    )
