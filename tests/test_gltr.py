"""GLTR's histograms: counted against the token table, the model's own text from the same opening, and
the loss panel drawing both texts (AppTest on tiny models)."""

from __future__ import annotations

import numpy as np
import pytest

from lmviz.analysis import gltr, surprisal
from lmviz.analysis.generation import text_prompt_ids
from lmviz.analysis.inspection import inspect_text
from lmviz.errors import LmvizError
from tests.apptest_pages import ok, open_page

TEXT = "The capital of France is Paris, and the river that runs through it is the Seine."


def test_counts_probabilities_and_entropy_match_the_token_table(tiny_gpt2):
    result = inspect_text(tiny_gpt2, TEXT)
    table = surprisal.token_table(tiny_gpt2, result)
    h = gltr.histograms(result, table, start=3)
    rows = [r for r in table if r.index >= 3]
    assert h.n == len(rows) == result.n_tokens - 3
    assert h.band_counts == tuple(sum(r.band == b for r in rows) for b in surprisal.BANDS)
    np.testing.assert_allclose(h.probs, [r.prob for r in rows])
    z = result.logits[2:-1].astype(np.float64)
    p = np.exp(z - z.max(-1, keepdims=True))
    p /= p.sum(-1, keepdims=True)
    np.testing.assert_allclose(h.entropy_bits, -(p * np.log2(p)).sum(-1), atol=1e-6)
    assert abs(sum(h.band_shares) - 1) < 1e-9


@pytest.mark.bundled
def test_greedy_text_is_the_models_top_token_every_time(smollm2):
    start, text = gltr.model_text(smollm2, TEXT, "always_top")
    assert start == len(text_prompt_ids(smollm2, "The capital of France"))
    result = inspect_text(smollm2, text)
    table = surprisal.token_table(smollm2, result)
    ranks = [r.rank for r in table if r.index >= start]
    assert ranks and set(ranks) <= {1}, ranks  # read back as the same tokens: each was the top guess
    assert gltr.histograms(result, table, start).band_shares[0] == 1.0


def test_sampled_text_is_seeded_and_about_as_long(tiny_gpt2):
    a, b, c = (gltr.model_text(tiny_gpt2, TEXT, "sample_top40", seed) for seed in (1, 1, 2))
    assert a == b and a != c
    n = len(tiny_gpt2.tokenizer(TEXT)["input_ids"])
    assert abs(len(tiny_gpt2.tokenizer(a[1])["input_ids"]) - n) <= 3


def test_openings_and_bad_input(tiny_gpt2):
    assert gltr.opening("one two three four five six") == "one two three four"
    assert gltr.opening("two words") == "two"
    assert gltr.opening("床前明月光，疑是地上霜。") == "床前明月"
    for bad in ("one", "  ", "x"):
        with pytest.raises(LmvizError) as e:
            gltr.opening(bad)
        assert e.value.code == "gltr.text_too_short"
    with pytest.raises(LmvizError):
        gltr.model_text(tiny_gpt2, TEXT, "beam")


@pytest.mark.parametrize("mode", ["sample_top40", "always_top"])
def test_the_loss_panel_draws_both_texts(mode):
    at = open_page("pages/next_token.py", text=TEXT, nt_panel="loss", nt_gltr_mode=mode)
    ok(at)
    assert len(at.get("plotly_chart")) == 3
    strips = [m.value for m in at.markdown if "lmviz-gltr" in m.value]
    assert len(strips) == 3  # the loss panel's own strip, then yours and the model's side by side


def test_a_one_word_text_says_why_there_is_no_comparison():
    at = open_page("pages/next_token.py", text="Constantinople", nt_panel="loss")  # one word, 3 tokens
    ok(at)
    assert any("type at least two" in i.value for i in at.info)
