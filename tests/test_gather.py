"""Forward passes gathered across callers (lmviz.models.gather): one padded batch, and every caller gets
exactly what a pass on its own ids gives (to 1e-5), in the order the requests came."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

import lmviz
from lmviz.analysis.generation import next_distribution, text_prompt_ids
from lmviz.models import forward, gather
from lmviz.models.gather import Gatherer

TEXTS = (
    "The cat sat.",
    "A much longer sentence about the weather in the quiet valley on a cold winter morning today",
    "x",
    "床前明月光，疑是地上霜。",
    "An emoji 🙂 and <b>html</b> & more",
    "Short again",
    "Numbers 1 2 3 4 5 6 7 8 9 10 11 12",
)
FIELDS = ("attentions", "hidden_states", "logits", "token_logprobs")


def together(fn, n: int) -> tuple[list, list]:
    """fn(i) for i < n, each on its own thread, all released at once: (results, exceptions)."""
    barrier = threading.Barrier(n)
    results, errors = [None] * n, [None] * n

    def go(i: int) -> None:
        barrier.wait()
        try:
            results[i] = fn(i)
        except Exception as exc:  # noqa: BLE001 - checked by the test
            errors[i] = exc

    threads = [threading.Thread(target=go, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results, errors


def assert_same(batched: np.ndarray | None, alone: np.ndarray | None, what: str) -> None:
    """Equal to 1e-5 of the array's largest magnitude (NaN where the other has NaN)."""
    if alone is None:
        assert batched is None, what
        return
    assert batched.shape == alone.shape, what
    assert np.array_equal(np.isnan(batched), np.isnan(alone)), what
    known = ~np.isnan(alone)
    scale = max(1.0, float(np.abs(alone[known]).max())) if known.any() else 1.0
    worst = float(np.abs(batched[known] - alone[known]).max()) if known.any() else 0.0
    assert worst <= 1e-5 * scale, f"{what}: differs by {worst} (scale {scale})"


@pytest.mark.parametrize("name", ["tiny-gpt2", "tiny-bert"])
def test_gathered_inspections_equal_each_alone(name: str) -> None:
    loaded = lmviz.load_model(name, device="cpu")
    g = Gatherer(wait_s=0.2)
    batched, errors = together(lambda i: lmviz.inspect_text(loaded, TEXTS[i], gather=g), len(TEXTS))
    assert errors == [None] * len(TEXTS)
    assert max(g.batches) > 1  # the passes were batched, not run one by one
    assert sum(g.batches) == len(TEXTS)
    for text, got in zip(TEXTS, batched, strict=True):
        alone = lmviz.inspect_text(loaded, text)
        assert got.tokens == alone.tokens
        for f in FIELDS:
            assert_same(getattr(got, f), getattr(alone, f), f"{name} {text!r} {f}")
        assert np.allclose(got.attentions.sum(-1), 1.0, atol=1e-5)  # no weight on another row's padding


def test_gathered_next_logits_equal_each_alone(tiny_gpt2) -> None:
    g = Gatherer(wait_s=0.2)
    prompts = [text_prompt_ids(tiny_gpt2, t) for t in TEXTS]
    batched, errors = together(lambda i: next_distribution(tiny_gpt2, prompts[i], gather=g), len(TEXTS))
    assert errors == [None] * len(TEXTS) and max(g.batches) > 1
    for ids, got in zip(prompts, batched, strict=True):
        assert_same(got, next_distribution(tiny_gpt2, ids), f"next logits after {ids}")


def test_rows_hold_only_their_own_numbers(tiny_gpt2) -> None:
    """A cached row must not keep the whole batch's tensors alive."""
    g = Gatherer(wait_s=0.2)
    ids = [tiny_gpt2.tokenizer(t)["input_ids"] for t in TEXTS[:3]]
    rows, _ = together(lambda i: g.run(tiny_gpt2, ids[i], attentions=True, hidden_states=True), 3)
    assert max(g.batches) > 1
    for row, row_ids in zip(rows, ids, strict=True):
        assert row.logits.shape[:2] == (1, len(row_ids))
        for t in (row.logits, *row.attentions, *row.hidden_states):
            assert t.untyped_storage().nbytes() == t.element_size() * t.nelement()


def test_oldest_request_first_and_models_not_mixed(tiny_gpt2, tiny_bert) -> None:
    """A, B, A: the first batch is both A's (they join the oldest), then B; never A and B together."""
    g = Gatherer(wait_s=0.15, max_wait_s=0.3)
    order = [tiny_gpt2, tiny_bert, tiny_gpt2]
    got = [None] * 3

    def ask(i: int) -> None:
        time.sleep(0.02 * i)  # arrive in this order
        got[i] = g.run(order[i], [5, 6, 7, 8][: 2 + i])

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert g.order == [0, 2, 1] and g.batches == [2, 1]
    alone = forward.run(tiny_bert, [5, 6, 7]).logits
    assert_same(got[1].logits.numpy(), alone.numpy(), "the masked model's pass, run on its own")


def test_a_bad_request_fails_only_its_caller(tiny_gpt2) -> None:
    g = Gatherer(wait_s=0.2)
    good = tiny_gpt2.tokenizer("hello there")["input_ids"]
    bad = [tiny_gpt2.model.config.vocab_size + 7]  # not a token of this model
    rows, errors = together(lambda i: g.run(tiny_gpt2, bad if i == 1 else good), 3)
    assert errors[0] is None and errors[2] is None and isinstance(errors[1], IndexError)
    alone = lmviz.inspect_text(tiny_gpt2, "hello there").logits
    for i in (0, 2):
        assert_same(rows[i].logits[0].numpy(), alone, "the good caller's logits")


def test_a_batch_stays_within_its_token_bound(tiny_gpt2) -> None:
    g = Gatherer(wait_s=0.2, max_tokens=40)
    ids = [list(range(10, 30))] * 5  # 20 tokens each: two fit in 40
    _, errors = together(lambda i: g.run(tiny_gpt2, ids[i]), 5)
    assert errors == [None] * 5
    assert sum(g.batches) == 5 and max(g.batches) == 2


def test_no_wait_runs_in_the_callers_thread(tiny_gpt2) -> None:
    """With $LMVIZ_GATHER_MS=0 a pass runs on its caller's thread; otherwise on the worker's (which is why
    interventions with thread-filtered hooks run the model themselves)."""
    seen: list[int] = []
    handle = tiny_gpt2.model.register_forward_hook(lambda *_: seen.append(threading.get_ident()))
    try:
        Gatherer(wait_s=0).run(tiny_gpt2, [1, 2, 3])
        Gatherer(wait_s=0.001).run(tiny_gpt2, [1, 2, 3])
    finally:
        handle.remove()
    assert seen[0] == threading.get_ident() and seen[1] != threading.get_ident()


@pytest.mark.parametrize("raw, want", [("", 20.0), ("0", 0.0), ("5", 5.0), ("fast", 20.0), ("-3", 0.0)])
def test_wait_from_the_environment(monkeypatch, raw: str, want: float) -> None:
    monkeypatch.setenv(gather.WAIT_ENV, raw)
    assert gather.wait_ms() == want


def test_the_shared_gatherer_is_one_per_process() -> None:
    assert gather.shared() is gather.shared()


@pytest.mark.bundled
@pytest.mark.parametrize("fixture", ["smollm2", "masked_default"])
def test_bundled_models_gathered_equal_each_alone(request, fixture: str) -> None:
    """The classroom case: the bundled models on 10-25 word texts, batched as a burst of sessions would be."""
    from tests.load_driver import burst_texts

    loaded = request.getfixturevalue(fixture)
    texts = burst_texts(6)
    g = Gatherer(wait_s=0.3)
    batched, errors = together(lambda i: lmviz.inspect_text(loaded, texts[i], gather=g), len(texts))
    assert errors == [None] * len(texts) and max(g.batches) > 1
    for text, got in zip(texts, batched, strict=True):
        alone = lmviz.inspect_text(loaded, text)
        for f in FIELDS:
            assert_same(getattr(got, f), getattr(alone, f), f"{loaded.name} {text!r} {f}")
