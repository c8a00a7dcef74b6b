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
    # CPU time of this process (the Django stack; not the database server's), median per run.
    cpu_p50_ms: float = 0.0

    @property
    def met(self) -> bool:
        return self.p95_ms <= self.goal_ms


def measure(
    name: str, action: Callable[[int], object], *, runs: int, goal_ms: float, warmup: int = 5
) -> Result:
    """Calls ``action(i)`` ``warmup`` times unmeasured, then ``runs`` times measured."""
    for i in range(warmup):
        action(i)
    samples, cpu = [], []
    for i in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        action(warmup + i)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return _result(name, samples, cpu, goal_ms)


def _result(name: str, wall: list[float], cpu: list[float], goal_ms: float) -> Result:
    samples = sorted(wall)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return Result(
        name, len(samples), statistics.median(samples), p95, goal_ms, statistics.median(cpu)
    )


def results_table(results: list[Result]) -> str:
    lines = [
        "| what | runs | p50 ms | p95 ms | CPU p50 ms | goal (p95) | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {r.runs} | {r.p50_ms:.1f} | {r.p95_ms:.1f} | {r.cpu_p50_ms:.1f} | "
            f"≤ {r.goal_ms:.0f} ms | {'yes' if r.met else 'NO'} |"
        )
    return "\n".join(lines)


def measure_side_by_side(
    actions: dict[str, Callable[[int], object]], *, runs: int, goal_ms: float
) -> list[Result]:
    """Like ``measure`` for each action, but the actions take turns run by run, so that the
    machine's noise falls on all of them alike."""
    for i in range(5):
        for action in actions.values():
            action(i)
    wall: dict[str, list[float]] = {name: [] for name in actions}
    cpu: dict[str, list[float]] = {name: [] for name in actions}
    for i in range(runs):
        for name, action in actions.items():
            started, cpu_started = time.perf_counter(), time.process_time()
            action(5 + i)
            wall[name].append((time.perf_counter() - started) * 1000)
            cpu[name].append((time.process_time() - cpu_started) * 1000)
    return [_result(name, wall[name], cpu[name], goal_ms) for name in actions]
