"""Unit tests of one inspection on tiny random models: shapes, probabilities, spans, truncation."""

import numpy as np
import pytest

import lmviz
from lmviz import LmvizError, inspect_text
from lmviz.errors import message

TEXTS = [
    "The capital of France is Paris.",
    "我爱北京天安门，天安门上太阳升。",
    "Emoji 😀👍🏽 and family 👨‍👩‍👧 stay whole.",
    "<script>alert('x')</script> & friends",
    "  spaced   out\ttext\nnew line ",
]


@pytest.mark.parametrize("fixture", ["tiny_gpt2", "tiny_bert"])
def test_shapes_and_rows_sum_to_one(fixture, request):
    loaded = request.getfixturevalue(fixture)
    r = inspect_text(loaded, "The quick brown fox jumps over the lazy dog.")
    T = r.n_tokens
    cfg = loaded.model.config
    assert r.attentions.shape == (cfg.num_hidden_layers, cfg.num_attention_heads, T, T)
    assert r.hidden_states.shape == (cfg.num_hidden_layers + 1, T, cfg.hidden_size)
    assert r.logits.shape == (T, cfg.vocab_size)
    assert r.token_ids.shape == (T,) and r.special.shape == (T,)
    np.testing.assert_allclose(r.attentions.sum(-1), 1.0, atol=1e-5)
    assert len(r.tokens) == len(r.spans) == T


def test_causal_attention_is_zero_above_diagonal(tiny_gpt2):
    r = inspect_text(tiny_gpt2, "One two three four five six seven.")
    upper = np.triu(np.ones((r.n_tokens, r.n_tokens), dtype=bool), k=1)
    assert np.all(r.attentions[..., upper] == 0.0)
    # and the lower triangle really carries weight (the check above is not vacuous)
    assert r.attentions[..., ~upper].min() > 0


def test_masked_attention_looks_both_ways(tiny_bert):
    r = inspect_text(tiny_bert, "One two three four five.")
    upper = np.triu(np.ones((r.n_tokens, r.n_tokens), dtype=bool), k=1)
    assert r.attentions[..., upper].min() > 0


def test_token_logprobs_match_logits(tiny_gpt2):
    r = inspect_text(tiny_gpt2, "Hello world, hello again.")
    assert np.isnan(r.token_logprobs[0])
    logp = r.logits - np.log(np.exp(r.logits - r.logits.max(-1, keepdims=True)).sum(-1, keepdims=True))
    logp -= r.logits.max(-1, keepdims=True)
    expected = [logp[t - 1, r.token_ids[t]] for t in range(1, r.n_tokens)]
    np.testing.assert_allclose(r.token_logprobs[1:], expected, atol=1e-4)
    assert np.all(r.token_logprobs[1:] < 0)


def test_masked_model_has_no_token_logprobs(tiny_bert):
    assert inspect_text(tiny_bert, "a b c").token_logprobs is None


@pytest.mark.parametrize("text", TEXTS)
def test_spans_map_back_to_text_gpt2(tiny_gpt2, text):
    r = inspect_text(tiny_gpt2, text)
    covered, end = "", 0
    for s, e in r.spans:  # byte pieces of one character may share (or overlap) a span
        covered += text[max(s, end) : e]
        end = max(end, e)
    assert covered == text  # byte-level BPE covers every character exactly once, in order
    for tok, (s, e) in zip(r.tokens, r.spans):
        piece = text[s:e]
        assert tok == piece or (tok.endswith(")") and piece.strip() in tok), (tok, piece)
    assert not any("Ġ" in t or "▁" in t for t in r.tokens)


@pytest.mark.parametrize("text", TEXTS)
def test_spans_map_back_to_text_bert(tiny_bert, text):
    r = inspect_text(tiny_bert, text)
    assert r.tokens[0] == "[CLS]" and r.tokens[-1] == "[SEP]"
    assert r.special[0] and r.special[-1] and not r.special[1:-1].any()
    for tok, (s, e), special in zip(r.tokens, r.spans, r.special):
        if special or tok == "[UNK]":
            continue
        assert tok.removeprefix("##") == text[s:e].lower(), (tok, text[s:e])
    ends = [e for (s, e), sp in zip(r.spans, r.special) if not sp]
    assert ends == sorted(ends)


def test_emoji_pieces_are_labelled_not_garbled(tiny_gpt2):
    r = inspect_text(tiny_gpt2, "I 😀")
    assert "\ufffd" not in "".join(r.tokens)
    pieces = [t for t in r.tokens if "😀" in t]
    assert len(pieces) >= 2 and pieces[0] == f" 😀 (1/{len(pieces)})"


def test_chinese_spans_cover_characters(tiny_bert):
    text = "法国的首都是巴黎"
    r = inspect_text(tiny_bert, text)
    inner = [text[s:e] for (s, e), sp in zip(r.spans, r.special) if not sp]
    assert "".join(inner) == text  # WordPiece splits CJK into single characters


def test_truncation_notice(tiny_gpt2):
    text = "word " * 400
    r = inspect_text(tiny_gpt2, text, max_tokens=1000)  # tiny-gpt2 has only 256 positions
    assert r.truncated and r.n_tokens == 256
    assert r.notice == (message("inspect.tokens_cut_model", n=401, max=256),)
    assert str(r.notice[0]) == "The text is 401 tokens; this model reads at most 256: the rest was cut."
    assert text.startswith(r.text) and len(r.text) < len(text)


def test_view_cap_below_model_limit(tiny_bert):
    r = inspect_text(tiny_bert, "one two three four five six", max_tokens=5)
    assert r.n_tokens == 5 and r.tokens[-1] == "[SEP]" and r.truncated
    assert [n.code for n in r.notice] == ["inspect.tokens_cut_view"] and "at most 5" in str(r.notice[0])


def test_huge_text_is_cut_by_characters(tiny_gpt2):
    r = inspect_text(tiny_gpt2, "x" * 50_000)
    assert r.truncated and r.notice[0].code == "inspect.chars_cut" and "50,000 characters" in str(r.notice[0])


def test_short_text_has_no_notice(tiny_gpt2):
    r = inspect_text(tiny_gpt2, "Hi")
    assert not r.truncated and r.notice is None and r.text == "Hi"


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_is_a_clear_error(tiny_gpt2, text):
    with pytest.raises(LmvizError, match="empty"):
        inspect_text(tiny_gpt2, text)


def test_result_is_frozen_and_read_only(tiny_gpt2):
    r = inspect_text(tiny_gpt2, "Frozen result")
    with pytest.raises(AttributeError):
        r.tokens = ()
    with pytest.raises(ValueError):
        r.attentions[0, 0, 0, 0] = 1.0


def test_empty_attentions_are_an_error(tiny_gpt2):
    sdpa = lmviz.load_model("tiny-gpt2", device="cpu")
    sdpa.model.set_attn_implementation("sdpa")  # SDPA returns no attention weights in transformers 5
    with pytest.raises(LmvizError, match="no attention weights"):
        inspect_text(sdpa, "Hello")


def test_inspection_does_not_change_the_model(tiny_gpt2):
    before = {k: v.clone() for k, v in tiny_gpt2.model.state_dict().items()}
    inspect_text(tiny_gpt2, "Some text")
    after = tiny_gpt2.model.state_dict()
    assert all((before[k] == after[k]).all() for k in before)
    assert not tiny_gpt2.model.training


def test_unknown_pieces_are_what_the_vocabulary_lacks(tiny_bert, tiny_gpt2):
    ins = inspect_text(tiny_bert, "a 😀 b 😀 c 龘")
    assert ins.unknown == ("😀", "龘")  # each once, in order
    assert inspect_text(tiny_bert, "the cat").unknown == ()
    assert inspect_text(tiny_gpt2, "a 😀 b 龘").unknown == ()  # byte-level: every character has bytes
