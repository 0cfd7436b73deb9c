"""AppTest paths through the autoregressive-vs-masked page, on tiny models and on the bundled ones."""

import pytest
from streamlit.testing.v1 import AppTest

from lmviz.analysis import compare
from lmviz_app import cache as st_bridge
from lmviz_app.presets import COMPARE_PRESETS
from tests.apptest_pages import ok, open_page


def page(text="The dog barked all night.", **state) -> AppTest:
    return open_page("pages/compare.py", text=text, **state)


@pytest.mark.parametrize("preset", [p.key for p in COMPARE_PRESETS])
def test_every_preset_renders(preset):
    at = page(cmp_preset=preset)
    ok(at)
    assert len(at.get("plotly_chart")) >= 2


def test_clicking_a_word_shows_both_sides_and_the_strip():
    at = page()
    ok(at)
    assert any("Click a word" in i.value for i in at.info)
    at.get("pills")[0].set_value(1).run()  # "dog"
    ok(at)
    causal, masked = st_bridge.get_word_both_ways("tiny-gpt2", "tiny-bert", "The dog barked all night.", 1)
    assert [m.label for m in at.metric] == ["dog", "dog"]
    assert [m.value for m in at.metric] == [f"{causal.prob:.2%}", f"{masked.prob:.2%}"]
    assert len(at.get("plotly_chart")) == 3  # two bar charts and the sentence strip


def test_blanks_fill_every_slot():
    text = "The ___ chased the [MASK] up the <mask>."
    at = page(text=text)
    ok(at)
    fills = compare.masked_fills(st_bridge.get_model("tiny-bert"), text)
    assert len(fills) == 3
    assert len(at.get("plotly_chart")) == 1 + 3  # the causal guess at the first blank + 3 fills


def test_too_many_blanks_is_a_clear_message():
    at = page(text="x ___ " * 25)
    assert not at.exception
    assert any("blank" in e.value.lower() for e in at.error), [e.value for e in at.error]


def test_needs_a_masked_model():
    at = page(masked="__other__")
    assert not at.exception
    assert any("needs a causal model and a masked" in i.value for i in at.info)


def test_chinese_interface():
    at = page(lang="zh", cmp_preset="dog")
    ok(at)
    assert at.title[0].value.startswith("自回归与自编码")


@pytest.mark.bundled
def test_dog_preset_on_bundled_models():
    at = page(causal="smollm2-135m", masked="minilm-l6-mlm", cmp_preset="dog")
    ok(at)
    text = next(p.text for p in COMPARE_PRESETS if p.key == "dog")
    causal, masked = st_bridge.get_word_both_ways("smollm2-135m", "minilm-l6-mlm", text, 1)
    assert masked.rank is not None and causal.rank is not None
    assert masked.rank < causal.rank  # the right side ("barked") gives the word away
    assert [m.value for m in at.metric] == [f"{causal.prob:.2%}", f"{masked.prob:.2%}"]


@pytest.mark.parametrize(
    ("text", "word", "clicked"),
    [
        ("a dog and a cat and a bird", "a", 0),  # the first of three "a"
        ("a dog and a cat and a bird", "a", 1),  # the second
        ("床前明月光，疑是地上霜。举头望明月，低头思故乡。", "月", 0),  # the first 月 of two
    ],
)
def test_clicking_a_repeated_word_picks_that_occurrence(text, word, clicked):
    at = page(text=text)
    ok(at)
    words = compare.find_words(text)
    index = [w.index for w in words if w.text == word][clicked]
    at.get("pills")[0].set_value(index).run()  # what a click on that pill sends
    ok(at)
    assert at.session_state["cmp_word"] == index
    assert at.get("pills")[0].value == index
    assert [m.label for m in at.metric] == [word, word]


@pytest.mark.bundled
@pytest.mark.parametrize("text", ["😀 🎉 🐶", "😀🎉🐶"])
def test_strip_row_of_unknown_words_says_why(text):
    at = page(text=text, causal="smollm2-135m", masked="minilm-l6-mlm")
    ok(at)
    strip = st_bridge.get_strip("smollm2-135m", "minilm-l6-mlm", text)
    assert all(v is None for v in strip.masked_row)
    assert any("row is empty" in i.value and "UNK" in i.value for i in at.info), [i.value for i in at.info]


def test_the_causal_model_rescores_whole_sentences_on_request():
    at = page(text="The dog barked all night.", cmp_word=1)  # "dog"
    ok(at)
    assert len(at.get("plotly_chart")) == 3  # both sides' bars and the strip: rescoring waits for a click
    run = at.button(key="cmp_rescore_run")
    assert "whole sentences" in run.label
    run.click().run()
    ok(at)
    result = st_bridge.get_rescored("tiny-gpt2", "tiny-bert", "The dog barked all night.", 1)
    assert result.word == "dog" and 0 < result.word_prob <= 1 and result.word_rank >= 1
    assert result.n_candidates == result.sentences >= result.from_left > 0
    assert any(f"Scored {result.n_candidates} candidates" in c.value for c in at.caption)
    assert len(at.get("plotly_chart")) == 4  # the rescored candidates' bars too


def test_rescoring_needs_one_blank():
    at = page(text="The ___ chased the ___ up the tree.")
    ok(at)
    assert any("one blank at a time" in i.value for i in at.info)


def test_rescoring_a_text_without_spaces_says_why_and_keeps_the_page():
    at = page(text="我家的猫喜欢在阳光下睡觉。", cmp_word=3)  # "猫"
    ok(at)
    assert not [b for b in at.button if b.key == "cmp_rescore_run"]
    assert any("no spaces" in i.value for i in at.info), [i.value for i in at.info]
    assert len(at.get("plotly_chart")) == 3  # both sides' bars and the strip are still drawn


def test_rescoring_a_long_text_says_why():
    at = page(text="The dog barked " + "and barked " * 80 + "all night.", cmp_word=1)
    ok(at)
    assert any("Shorten the text" in i.value for i in at.info), [i.value for i in at.info]
