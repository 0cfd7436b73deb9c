"""The attention page's data preparation: sinks, words, CSV and bounds, from one inspection."""

import csv
import io

import numpy as np
import pytest

from lmviz import inspect_text
from lmviz_app.attention_view import AttentionSettings, bertviz_token_cap, matrix_csv, prepare


def test_keep_is_the_raw_attention(tiny_bert):
    r = inspect_text(tiny_bert, "The dog barked.")
    v = prepare(r, AttentionSettings())
    assert v.attentions is r.attentions and v.labels == r.tokens and not v.causal


def test_hide_sinks_zeroes_sink_columns_and_keeps_rows_stochastic(tiny_bert):
    r = inspect_text(tiny_bert, "The dog barked all night.")
    v = prepare(r, AttentionSettings(sinks="hide"))
    sinks = r.special.copy()
    sinks[0] = True
    assert np.all(v.attentions[..., sinks] == 0)
    np.testing.assert_allclose(v.attentions.sum(-1), 1.0, atol=1e-5)


def test_down_weight_between_keep_and_hide(tiny_gpt2):
    r = inspect_text(tiny_gpt2, "one two three four")
    down = prepare(r, AttentionSettings(sinks="down", sink_weight=0.5)).attentions
    keep = r.attentions
    # column 0 (the first token) loses weight for every query that sees more than itself
    assert np.all(down[..., 1:, 0] < keep[..., 1:, 0])
    assert np.all(np.triu(down[0, 0], 1) == 0)  # still causal


def test_words_merge_subwords(tiny_gpt2):
    r = inspect_text(tiny_gpt2, "unbelievable tokenization works")
    v = prepare(r, AttentionSettings(words=True))
    assert v.labels == ("unbelievable", "tokenization", "works")
    assert v.attentions.shape[-2:] == (3, 3) and v.causal
    np.testing.assert_allclose(v.attentions.sum(-1), 1.0, atol=1e-5)


def test_unknown_sink_mode(tiny_gpt2):
    with pytest.raises(ValueError, match="unknown sink mode"):
        prepare(inspect_text(tiny_gpt2, "x"), AttentionSettings(sinks="drop"))


def test_csv_round_trip():
    w = np.array([[1.0, 0.0], [0.25, 0.75]])
    rows = list(csv.reader(io.StringIO(matrix_csv(w, ("a", "b,c"), ("a", "b,c")))))
    assert rows[0] == ["query \\ key", "a", "b,c"]
    assert rows[2] == ["b,c", "0.250000", "0.750000"]


def test_bertviz_cap_bounds_the_payload():
    for layers, heads in [(2, 4), (6, 12), (30, 9)]:
        cap = bertviz_token_cap(layers, heads)
        assert layers * heads * cap * cap <= 300_000 < layers * heads * (cap + 1) ** 2
