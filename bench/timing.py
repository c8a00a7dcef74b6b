"""Timing helpers: medians and 95th percentiles over repeated runs."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str
    runs: int
    p50_ms: float
    p95_ms: float
    goal_ms: float

    @property
    def met(self) -> bool:
        return self.p95_ms <= self.goal_ms


def measure(
    name: str, action: Callable[[int], object], *, runs: int, goal_ms: float, warmup: int = 5
) -> Result:
    """Calls ``action(i)`` ``warmup`` times unmeasured, then ``runs`` times measured."""
    for i in range(warmup):
        action(i)
    samples = []
    for i in range(runs):
        started = time.perf_counter()
        action(warmup + i)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return Result(name, runs, statistics.median(samples), p95, goal_ms)


def results_table(results: list[Result]) -> str:
    lines = ["| what | runs | p50 ms | p95 ms | goal (p95) | met |", "|---|---|---|---|---|---|"]
    for r in results:
        lines.append(
            f"| {r.name} | {r.runs} | {r.p50_ms:.1f} | {r.p95_ms:.1f} | "
            f"≤ {r.goal_ms:.0f} ms | {'yes' if r.met else 'NO'} |"
        )
    return "\n".join(lines)
