"""The tokenizer playground: tokenizers side by side, a BPE trained on the spot whose merge steps end in
the tokenizer's own pieces, and the page on tiny models with bad input."""

from __future__ import annotations

import pytest

from lmviz.errors import LmvizError
from lmviz.models.tiny import bert_tokenizer, gpt2_tokenizer
from lmviz.text import bpe, corpora
from lmviz.text.tokenizer_compare import tokenize_with
from lmviz.text.tokens import byte_level_text
from lmviz_app import url_state
from tests.apptest_pages import ok, open_page


@pytest.fixture(scope="module")
def kjv_bpe() -> bpe.TrainedBPE:
    return bpe.train_bpe(corpora.kjv().documents, 600)


def test_counts_and_pieces_of_two_tokenizers():
    text = "The naïve cat 猫 sat."
    g = tokenize_with("gpt2", gpt2_tokenizer(), text)
    b = tokenize_with("bert", bert_tokenizer(), text)
    assert g.byte_pieces >= 2 and g.unknown == 0  # byte-level BPE writes anything, 猫 as byte pieces
    assert b.pieces[0] == "the" and b.byte_pieces == 0  # WordPiece lower-cases and has no byte pieces
    assert g.chars_per_token == pytest.approx(len(text) / len(g.ids))
    with pytest.raises(LmvizError):
        tokenize_with("gpt2", gpt2_tokenizer(), "   ")


def test_byte_level_text_reads_pieces():
    assert byte_level_text("Ġthe") == " the"
    assert byte_level_text("å¥") == "⟨E5 A5⟩"
    assert byte_level_text("å¥¹") == "她"


@pytest.mark.parametrize(
    "word",
    ["beginning", "Jerusalem", "photosynthesis", "naïve", "她们", "x", "don't", "abc123", "北京。", "U.S."],
)
def test_merge_steps_end_in_the_tokenizers_own_pieces(kjv_bpe, word):
    start, steps = bpe.merge_steps(kjv_bpe, word)
    final = steps[-1].pieces if steps else start
    assert list(final) == kjv_bpe.encode(" " + word)
    assert len(start) == len((" " + word).encode("utf-8"))  # one piece per byte, the space included
    if word.isascii():
        assert "".join(start) == " " + word
    assert all(len(s.pieces) == len(start) - i - 1 for i, s in enumerate(steps))  # one merge per step
    ranks = [s.rank for s in steps]
    if len(kjv_bpe.tokenizer.pre_tokenizer.pre_tokenize_str(" " + word)) == 1:
        assert ranks == sorted(ranks)  # a pair with a new piece was learnt after that piece: never earlier


def test_training_bounds_and_bad_words(kjv_bpe):
    assert kjv_bpe.vocab_size == 600 and len(kjv_bpe.merges) == 600 - 256
    assert kjv_bpe.merges[0] == ("t", "h")  # the most frequent pair in English
    for n in (100, 10_000):
        with pytest.raises(LmvizError) as e:
            bpe.train_bpe(["some text"], n)
        assert e.value.code == "bpe.vocab_out_of_range"
    with pytest.raises(LmvizError):
        bpe.train_bpe(["   "], 300)
    for word in ("two words", "", "  "):
        with pytest.raises(LmvizError) as e:
            bpe.merge_steps(kjv_bpe, word)
        assert e.value.code == "bpe.bad_word"


def test_the_page_side_by_side_and_a_bpe():
    at = open_page("pages/tokenizers.py", text="The capital of France is Paris. 我爱北京 🙂")
    ok(at)
    summary = at.table[0].value
    names = list(summary.iloc[:, 0])
    # the tiny models use the real GPT-2 and BERT vocabularies: named beside them, not listed twice
    assert len(summary) == 2 and "tiny" in names[0] and "tiny" in names[1], names
    assert any("Trained:" in c.value for c in at.caption)
    at.slider(key="tk_step").set_value(0).run()
    ok(at)
    assert any("Before any merge" in c.value for c in at.caption)


def test_the_page_with_bad_input():
    at = open_page("pages/tokenizers.py", text="x" * 20_000, tk_word="two words")
    ok(at)
    assert any("The first 400 of" in c.value for c in at.caption)
    assert any("is not one word" in w.value for w in at.warning)
    at = open_page("pages/tokenizers.py", text="   ", tk_corpus="text")
    ok(at)
    assert any("no text to train on" in w.value for w in at.warning)


def test_the_playground_is_shared_by_url():
    state = {"tk_corpus": "wikipedia", "tk_vocab": 2000, "tk_word": "Paris", "tk_step": 2}
    parsed = url_state.parse(url_state.encode(state))
    assert parsed.values == state and not parsed.problems
