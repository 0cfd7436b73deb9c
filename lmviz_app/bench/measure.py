"""Measuring instruments for the benchmarks: median wall time, forward-pass counting, resident memory."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from torch import nn

MB = 1024 * 1024


def median_s(fn: Callable[[], object], repeats: int, warmup: int = 1) -> float:
    """Median wall time of `fn()` over `repeats` calls, after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    return statistics.median(timed(fn) for _ in range(max(1, repeats)))


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def side_by_side(fns: dict[str, Callable[[], object]], repeats: int, warmup: int = 1) -> dict[str, float]:
    """Median seconds of each function, calls interleaved (a, b, a, b, ...) so that a burst of load from
    other processes hits every side alike."""
    for _ in range(warmup):
        for fn in fns.values():
            fn()
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(max(1, repeats)):
        for name, fn in fns.items():
            times[name].append(timed(fn))
    return {name: statistics.median(ts) for name, ts in times.items()}


@contextmanager
def count_forward_passes(models: list[nn.Module]) -> Iterator[list[int]]:
    """Count top-level forward calls of `models` (the list grows by one per call).

    The models may be shared between sessions: the hooks are removed in `finally`, whatever happens."""
    calls: list[int] = []
    handles = [m.register_forward_hook(lambda *_: calls.append(1)) for m in models]
    try:
        yield calls
    finally:
        for handle in handles:
            handle.remove()


def rss_mb() -> float:
    """This process's resident memory now, in MiB."""
    import psutil

    return psutil.Process().memory_info().rss / MB


def peak_rss_mb() -> float:
    """This process's highest resident memory so far, in MiB (Linux reports KiB, macOS bytes)."""
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MB if sys.platform == "darwin" else peak / 1024
