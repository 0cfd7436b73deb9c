"""The shared result cache (lmviz_app.results): bounded in bytes, least recently used dropped first."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from lmviz_app import results
from lmviz_app.results import ResultCache, nbytes

MB = 1024 * 1024


def array(mb: float) -> np.ndarray:
    return np.zeros(int(mb * MB), dtype=np.uint8)


def test_eviction_keeps_the_total_within_the_budget() -> None:
    cache = ResultCache(max_bytes=10 * MB)
    for key in "abcd":
        cache.get(key, lambda: array(3))
    assert cache.bytes <= 10 * MB and len(cache) == 3 and "a" not in cache and cache.evicted == 1
    cache.get("b", lambda: pytest.fail("b is kept: not computed again"))  # b is now the most recent
    cache.get("e", lambda: array(3))
    assert "b" in cache and "c" not in cache  # the least recently used went, not the oldest inserted
    assert cache.bytes == sum(nbytes(cache.get(k, lambda: None)) for k in "bde")


def test_a_result_larger_than_the_budget_is_returned_not_kept() -> None:
    cache = ResultCache(max_bytes=2 * MB)
    cache.get("small", lambda: array(1))
    big = cache.get("big", lambda: array(5))
    assert big.nbytes == 5 * MB and "big" not in cache and "small" in cache and cache.too_large == 1


def test_two_threads_asking_at_once_compute_once() -> None:
    cache, calls = ResultCache(max_bytes=MB), []

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return "done"

    got = []
    threads = [threading.Thread(target=lambda: got.append(cache.get("k", slow))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert got == ["done"] * 4 and len(calls) == 1


def test_a_failed_computation_is_not_kept_and_the_next_caller_retries() -> None:
    cache = ResultCache(max_bytes=MB)
    with pytest.raises(ValueError):
        cache.get("k", lambda: (_ for _ in ()).throw(ValueError("bad text")))
    assert "k" not in cache and cache.get("k", lambda: 7) == 7


def test_sizes_count_arrays_inside_results(tiny_gpt2) -> None:
    import lmviz

    ins = lmviz.inspect_text(tiny_gpt2, "The cat sat on the mat.")
    arrays = ins.attentions.nbytes + ins.hidden_states.nbytes + ins.logits.nbytes
    assert arrays < nbytes(ins) < arrays + 64 * 1024


@pytest.mark.parametrize("raw, want_mb", [("", 2048), ("64", 64), ("0.5", 0.5), ("lots", 2048)])
def test_budget_from_the_environment(monkeypatch, raw: str, want_mb: float) -> None:
    monkeypatch.setenv(results.BUDGET_ENV, raw)
    assert results.budget_bytes() == int(want_mb * MB)
