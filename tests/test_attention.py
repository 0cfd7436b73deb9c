"""Properties of lmviz.attention on random attention maps, and word grouping on real tokenizations."""

import hypothesis.extra.numpy as hnp
import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import given, settings

from lmviz import inspect_text
from lmviz.analysis.attention import (
    LOG_FLOOR,
    head_average,
    limit_tokens,
    merge_words,
    reweight_sinks,
    rollout,
    scale_for_display,
    sink_columns,
    top_links,
)
from lmviz.text.words import word_groups

SETTINGS = settings(max_examples=60, deadline=None)


# --- strategies --------------------------------------------------------------------------------------


@st.composite
def attention(draw, causal: bool = False, lead: tuple[tuple[int, ...], ...] = ((), (3,), (2, 2))):
    """Row-stochastic (..., T, T) maps with some exact zeros; causal ones are lower-triangular."""
    n = draw(st.integers(1, 7))
    dtype = draw(st.sampled_from([np.float32, np.float64]))
    shape = draw(st.sampled_from(lead)) + (n, n)
    raw = draw(hnp.arrays(np.float64, shape, elements=st.floats(0, 1, allow_subnormal=False)))
    if causal:
        raw = raw * np.tril(np.ones((n, n)))
    raw = raw + np.eye(n) * (raw.sum(-1, keepdims=True) == 0)  # every query attends somewhere
    att = (raw / raw.sum(-1, keepdims=True)).astype(dtype)
    att.flags.writeable = False  # like Inspection.attentions
    return att


any_attention = st.one_of(attention(), attention(causal=True))


@st.composite
def attention_and_sinks(draw, causal: bool | None = None):
    att = draw(any_attention if causal is None else attention(causal=causal))
    return att, draw(hnp.arrays(bool, att.shape[-1]))


@st.composite
def attention_and_groups(draw, causal: bool = False):
    """An attention map and contiguous word groups over its tokens."""
    att = draw(attention(causal=causal))
    n = att.shape[-1]
    cuts = sorted(draw(st.sets(st.integers(1, n - 1))) if n > 1 else set())
    bounds = [0, *cuts, n]
    return att, [(f"w{k}", list(range(a, b))) for k, (a, b) in enumerate(zip(bounds, bounds[1:]))]


def rows_sum_to_one(a: np.ndarray) -> None:
    np.testing.assert_allclose(a.sum(-1), 1.0, atol=1e-5)


def assert_causal(a: np.ndarray) -> None:
    n = a.shape[-1]
    assert np.all(a[..., np.triu(np.ones((n, n), dtype=bool), k=1)] == 0)


# --- sinks -------------------------------------------------------------------------------------------


def test_sink_columns():
    special = np.array([True, False, False, True])
    assert sink_columns(special).tolist() == [True, False, False, True]
    assert sink_columns(~special).tolist() == [True, True, True, False]
    assert sink_columns(~special, include_special=False).tolist() == [True, False, False, False]
    assert sink_columns(special, include_first=False, include_special=False).tolist() == [False] * 4
    assert sink_columns(np.zeros(0, dtype=bool)).shape == (0,)


@SETTINGS
@given(attention_and_sinks(), st.one_of(st.just(0.0), st.floats(0, 1)))
def test_reweight_rows_sum_to_one_or_are_empty(data, weight):
    att, sinks = data
    before = att.copy()
    out = reweight_sinks(att, sinks, weight)
    assert out.shape == att.shape and not np.isnan(out).any() and (out >= 0).all()
    remaining = ((att * ~sinks).sum(-1) > 0) | ((weight > 0) & ((att * sinks).sum(-1) > 0))
    total = out.sum(-1)
    np.testing.assert_allclose(total[remaining], 1.0, atol=1e-5)
    assert np.all(total[~remaining] == 0)
    np.testing.assert_array_equal(att, before)


@SETTINGS
@given(attention_and_sinks())
def test_hidden_sinks_get_nothing_and_the_rest_keeps_its_proportions(data):
    att, sinks = data
    out = reweight_sinks(att, sinks, 0.0)
    assert np.all(out[..., sinks] == 0)
    kept = att * ~sinks
    mass = kept.sum(-1, keepdims=True)
    expected = np.divide(kept, mass, out=np.zeros_like(kept), where=mass > 0)
    np.testing.assert_allclose(out, expected, atol=1e-5)


@SETTINGS
@given(attention_and_sinks())
def test_reweight_with_weight_one_changes_nothing(data):
    att, sinks = data
    np.testing.assert_allclose(reweight_sinks(att, sinks, 1.0), att, atol=1e-6)


@SETTINGS
@given(attention_and_sinks(causal=True), st.floats(0, 1))
def test_reweight_keeps_causal_maps_causal(data, weight):
    assert_causal(reweight_sinks(*data, weight))


def test_first_causal_query_loses_everything_when_its_only_key_is_hidden():
    att = np.array([[1.0, 0.0], [0.3, 0.7]])
    out = reweight_sinks(att, sink_columns(np.array([False, False])), 0.0)
    np.testing.assert_array_equal(out, [[0.0, 0.0], [0.0, 1.0]])


def test_reweight_rejects_bad_input():
    with pytest.raises(ValueError, match="weight"):
        reweight_sinks(np.eye(2), np.array([True, False]), -1.0)
    with pytest.raises(ValueError, match="one per key"):
        reweight_sinks(np.eye(2), np.array([True]), 0.0)


# --- display -----------------------------------------------------------------------------------------


@SETTINGS
@given(attention(lead=((),)))
def test_scale_modes(att):
    np.testing.assert_array_equal(scale_for_display(att, "linear"), att)
    logged = scale_for_display(att, "log")
    assert np.isfinite(logged).all()
    assert logged.min() >= np.log10(LOG_FLOOR) - 1e-6 and logged.max() <= 1e-6
    per_row = scale_for_display(att, "row")
    np.testing.assert_allclose(per_row.max(-1), 1.0)
    assert (per_row >= 0).all()


def test_row_scale_keeps_empty_rows_empty():
    out = scale_for_display(np.array([[0.0, 0.0], [0.2, 0.8]]), "row")
    np.testing.assert_allclose(out, [[0.0, 0.0], [0.25, 1.0]])


def test_unknown_scale_mode_says_which_exist():
    with pytest.raises(ValueError, match="'linear', 'log', 'row'"):
        scale_for_display(np.eye(2), "sqrt")


@SETTINGS
@given(attention(lead=((),)), st.integers(0, 60))
def test_top_links_are_the_strongest(att, k):
    links = top_links(att, k)
    weights = [w for _, _, w in links]
    assert len(links) == min(k, int((att > 0).sum()))
    assert weights == sorted(weights, reverse=True)
    assert all(att[q, key] == w for q, key, w in links)
    if links:
        left = np.ones(att.shape, dtype=bool)
        left[tuple(np.array([(q, key) for q, key, _ in links]).T)] = False
        assert att[left].max(initial=0) <= min(weights)


def test_limit_tokens():
    assert limit_tokens(10, 4) == (slice(0, 4), 6)
    assert limit_tokens(3, 4) == (slice(0, 3), 0)
    assert list(range(10))[limit_tokens(10, 4)[0]] == [0, 1, 2, 3]
    with pytest.raises(ValueError):
        limit_tokens(3, 0)


# --- words -------------------------------------------------------------------------------------------


@SETTINGS
@given(attention_and_groups())
def test_merged_words_rows_sum_to_one(data):
    att, groups = data
    merged = merge_words(att, groups)
    assert merged.shape == att.shape[:-2] + (len(groups), len(groups))
    rows_sum_to_one(merged)


@SETTINGS
@given(attention_and_groups(causal=True))
def test_merged_words_stay_causal(data):
    assert_causal(merge_words(*data))


@SETTINGS
@given(attention())
def test_one_token_per_word_changes_nothing(att):
    groups = [(str(i), [i]) for i in range(att.shape[-1])]
    np.testing.assert_allclose(merge_words(att, groups), att, atol=1e-6)


def test_merge_words_sums_keys_and_averages_queries():
    att = np.array([[1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [0.2, 0.3, 0.5]])
    merged = merge_words(att, [("a", [0]), ("bc", [1, 2])])
    np.testing.assert_allclose(merged, [[1.0, 0.0], [0.35, 0.65]])


def test_merge_words_rejects_groups_that_miss_tokens():
    with pytest.raises(ValueError, match="exactly once"):
        merge_words(np.eye(3), [("a", [0]), ("b", [1])])
    with pytest.raises(ValueError, match="exactly once"):
        merge_words(np.eye(2), [("a", [0, 1]), ("b", [1])])


# --- layers ------------------------------------------------------------------------------------------


@SETTINGS
@given(attention(lead=((1, 1), (2, 3), (3, 2))), st.floats(0, 1))
def test_rollout_rows_sum_to_one(att, residual):
    out = rollout(att, residual)
    assert out.shape == (att.shape[0],) + att.shape[2:]
    rows_sum_to_one(out)


@SETTINGS
@given(attention(causal=True, lead=((1, 1), (2, 3), (3, 2))), st.floats(0, 1))
def test_rollout_stays_causal(att, residual):
    assert_causal(rollout(att, residual))


@SETTINGS
@given(attention(lead=((1, 2), (3, 2))))
def test_rollout_edge_cases(att):
    n = att.shape[-1]
    np.testing.assert_allclose(rollout(att, 1.0), np.broadcast_to(np.eye(n), (att.shape[0], n, n)))
    mean = head_average(att)
    np.testing.assert_allclose(rollout(att, 0.0)[0], mean[0], atol=1e-6)
    np.testing.assert_allclose(
        rollout(att, 0.0)[-1], np.linalg.multi_dot([*mean[::-1], np.eye(n)]), atol=1e-5
    )


def test_head_average_needs_layers_and_heads():
    assert head_average(np.ones((2, 4, 3, 3)) / 3).shape == (2, 3, 3)
    with pytest.raises(ValueError, match="layers, heads"):
        head_average(np.eye(3))


# --- word groups on real tokenizations ---------------------------------------------------------------


def words_of(loaded, text):
    r = inspect_text(loaded, text)
    groups = word_groups(r.text, r.tokens, r.spans, r.special)
    assert [i for _, idx in groups for i in idx] == list(range(r.n_tokens))
    return r, [label for label, _ in groups], groups


def without_specials(r, labels, groups):
    return [label for label, idx in groups if not (len(idx) == 1 and r.special[idx[0]])]


@pytest.mark.parametrize("fixture", ["tiny_gpt2", "tiny_bert"])
@pytest.mark.parametrize(
    "text, words",
    [
        ("Paris, the capital.", ["Paris", ",", "the", "capital", "."]),
        ("unbelievable tokenization", ["unbelievable", "tokenization"]),
        ("我爱北京", ["我", "爱", "北", "京"]),
        ("I ❤️ 👨‍👩‍👧 ok", ["I", "❤️", "👨‍👩‍👧", "ok"]),
        ("Emoji 😀 and 👍🏽!", ["Emoji", "😀", "and", "👍🏽", "!"]),
        ("the cat saw the cat", ["the", "cat", "saw", "the", "cat"]),
        ("don't stop: 3.14 ...", ["don't", "stop", ":", "3.14", "..."]),
    ],
)
def test_word_groups_on_real_tokens(fixture, text, words, request):
    r, labels, groups = words_of(request.getfixturevalue(fixture), text)
    assert without_specials(r, labels, groups) == words


def test_word_groups_are_not_vacuous(tiny_gpt2, tiny_bert):
    """The cases above really split words: sub-words, byte pieces of CJK and emoji, [CLS]/[SEP]."""
    r, labels, _ = words_of(tiny_gpt2, "unbelievable tokenization")
    assert r.n_tokens > 2
    r, labels, _ = words_of(tiny_gpt2, "我爱北京")
    assert r.n_tokens > 4  # byte-level BPE splits these characters into byte pieces
    r, labels, groups = words_of(tiny_gpt2, "I ❤️ 👨‍👩‍👧 ok")
    assert r.n_tokens > 10 and len(groups) == 4
    r, labels, groups = words_of(tiny_bert, "Paris, the capital.")
    assert labels[0] == "[CLS]" and labels[-1] == "[SEP]" and len(groups) == 7


def test_repeated_words_keep_their_own_tokens(tiny_bert):
    r, labels, groups = words_of(tiny_bert, "the cat saw the cat")
    assert groups[1] == ("the", [1]) and groups[4] == ("the", [4])


def test_word_attention_of_a_real_causal_model(tiny_gpt2):
    r = inspect_text(tiny_gpt2, "I ❤️ 👨‍👩‍👧 ok, unbelievable!")
    merged = merge_words(r.attentions, word_groups(r.text, r.tokens, r.spans, r.special))
    assert merged.shape[-1] == 7  # I ❤️ 👨‍👩‍👧 ok , unbelievable !
    rows_sum_to_one(merged)
    assert_causal(merged)


# --- word groups on made-up tokenizations ------------------------------------------------------------

WORDS = ["Paris", "the", "tokenization", "don't", "l’eau", "3.14", "1,000", "cafe\u0301", "x"]
ALONE = [",", ".", "!", "...", "-", "我", "爱", "한", "ひ", "😀", "👍🏽", "👨‍👩‍👧", "❤️", "🇫🇷"]


@st.composite
def made_up_tokenization(draw):
    """Text from known words, cut into random sub-word tokens; returns the input and the expected groups.

    Letter/number words always follow a space; symbols, punctuation and CJK may touch their neighbours.
    Tokens carry their leading space (GPT-2) or not (BERT), may repeat a span (byte pieces of one
    character), and a stray space may be a token of its own.
    """
    items = draw(st.lists(st.sampled_from(WORDS + ALONE), min_size=1, max_size=8))
    space_in_token = draw(st.booleans())
    with_specials = draw(st.booleans())
    text, spans, special, owner = "", [], [], []
    if with_specials:
        spans, special, owner = [(0, 0)], [True], [None]
    for n, item in enumerate(items):
        touching_same = n > 0 and items[n - 1][-1] == item[0]
        space = n > 0 and (item in WORDS or touching_same or draw(st.booleans()))
        if space and draw(st.booleans()):  # a stray extra space, a token of its own
            spans.append((len(text), len(text) + 1))
            special.append(False)
            owner.append(n - 1)
            text += " "
        start = len(text) + space
        text += " " * space + item
        cuts = sorted(draw(st.sets(st.integers(1, len(item) - 1))) if len(item) > 1 else set())
        bounds = [0, *cuts, len(item)]
        for k, (a, b) in enumerate(zip(bounds, bounds[1:])):
            span = (start + a - (space and space_in_token and k == 0), start + b)
            pieces = draw(st.integers(1, 3)) if not item[a:b].isascii() else 1
            spans += [span] * pieces
            special += [False] * pieces
            owner += [n] * pieces
    if with_specials:
        spans, special, owner = [*spans, (len(text), len(text))], [*special, True], [*owner, None]
    tokens = [
        "[CLS]" if i == 0 and s else "[SEP]" if s else text[a:b]
        for i, ((a, b), s) in enumerate(zip(spans, special))
    ]
    expected = []
    for i, who in enumerate(owner):
        if who is None:
            expected.append((tokens[i], [i]))
        elif i > 0 and owner[i - 1] == who:
            expected[-1][1].append(i)
        else:
            expected.append((items[who], [i]))
    return (text, tokens, spans, np.array(special)), expected


@settings(max_examples=100, deadline=None)
@given(made_up_tokenization())
def test_word_groups_do_not_depend_on_how_words_were_cut(data):
    args, expected = data
    assert word_groups(*args) == expected


def test_blank_tokens_join_a_neighbouring_word():
    text = "  spaces  x"  # GPT-2 cuts it into " ", " spaces", " ", " x"
    spans = [(0, 1), (1, 8), (8, 9), (9, 11)]
    tokens = [text[a:b] for a, b in spans]
    assert word_groups(text, tokens, spans, [False] * 4) == [("spaces", [0, 1, 2]), ("x", [3])]
    assert word_groups(" ", [" "], [(0, 1)], [False]) == [(" ", [0])]
    assert word_groups("", [], [], []) == []
