"""Results every session shares (inspections, logits, traces), kept within a number of bytes, not entries.

A 256-token SmolLM2 inspection is ~139 MB and a classroom sentence's ~6 MB: a bound in entries is either
too small for a class or too large for long texts. One budget for every result cache of the process
($LMVIZ_CACHE_MB, default 2048), the least recently used result dropped first; a result larger than the
whole budget is handed back without being kept. Two sessions asking for the same result at once compute
it once. Results are frozen (read-only arrays): sharing them is safe.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import numpy as np
import torch

BUDGET_ENV = "LMVIZ_CACHE_MB"
DEFAULT_BUDGET_MB = 2048
MB = 1024 * 1024


def budget_bytes() -> int:
    """$LMVIZ_CACHE_MB in bytes (default 2048 MB; a value that is not a number keeps the default)."""
    raw = os.environ.get(BUDGET_ENV, "").strip()
    try:
        return int(max(0.0, float(raw)) * MB) if raw else DEFAULT_BUDGET_MB * MB
    except ValueError:
        return DEFAULT_BUDGET_MB * MB


def nbytes(obj: Any, _seen: set[int] | None = None, _depth: int = 0) -> int:
    """Bytes an object holds: its arrays and tensors in full, strings, containers and dataclasses walked
    (each object counted once); anything else by sys.getsizeof."""
    seen = set() if _seen is None else _seen
    if id(obj) in seen or _depth > 8:
        return 0
    seen.add(id(obj))
    if isinstance(obj, np.ndarray):
        return int(obj.nbytes)
    if isinstance(obj, torch.Tensor):
        return obj.element_size() * obj.nelement()
    if isinstance(obj, str | bytes | int | float | bool) or obj is None:
        return sys.getsizeof(obj)
    if isinstance(obj, dict):
        items = [*obj.keys(), *obj.values()]
    elif isinstance(obj, list | tuple | set | frozenset):
        items = list(obj)
    elif dataclasses.is_dataclass(obj):
        items = [getattr(obj, f.name) for f in dataclasses.fields(obj)]
    elif hasattr(obj, "__dict__"):
        items = list(vars(obj).values())
    else:
        return sys.getsizeof(obj)
    return sys.getsizeof(obj) + sum(nbytes(x, seen, _depth + 1) for x in items)


class ResultCache:
    """A thread-safe LRU of results bounded by their total bytes."""

    def __init__(self, max_bytes: int | None = None):
        self.max_bytes = budget_bytes() if max_bytes is None else max_bytes
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._busy: dict[Hashable, threading.Event] = {}  # keys being computed now
        self._lock = threading.Lock()
        self.bytes = 0
        self.evicted = 0  # results dropped to stay within the budget
        self.too_large = 0  # results handed back without being kept

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The kept result for `key`, else `compute()` (once, however many threads ask meanwhile)."""
        while True:
            with self._lock:
                if key in self._entries:
                    self._entries.move_to_end(key)
                    return self._entries[key][0]
                busy = self._busy.get(key)
                if busy is None:
                    self._busy[key] = threading.Event()
                    break
            busy.wait()  # another thread computes it; then read it (or compute it if that failed)
        try:
            value = compute()
            self._keep(key, value)
            return value
        finally:
            with self._lock:
                self._busy.pop(key).set()

    def _keep(self, key: Hashable, value: Any) -> None:
        size = nbytes(value)
        with self._lock:
            if size > self.max_bytes:
                self.too_large += 1
                return
            while self._entries and self.bytes + size > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.bytes -= dropped
                self.evicted += 1
            self._entries[key] = (value, size)
            self.bytes += size

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0


RESULTS = ResultCache()  # the process's one budget, shared by every session


def shared_result(fn: Callable) -> Callable:
    """Keep `fn`'s results (keyed by its name and positional arguments, which must be hashable) in
    RESULTS."""

    @functools.wraps(fn)
    def cached(*args: Hashable) -> Any:
        return RESULTS.get((fn.__module__, fn.__qualname__, args), lambda: fn(*args))

    return cached
