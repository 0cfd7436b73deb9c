"""AppTest paths through the attention page on tiny models; widgets redraw without a new forward pass."""

from contextlib import contextmanager

import pytest
from streamlit.testing.v1 import AppTest

from lmviz_app import cache as st_bridge
from tests.apptest_pages import ok, open_page

VIEWS = ["head", "grid", "average", "rollout", "bv_head", "bv_model"]


def attention_page(text="The cat sat on the mat because it was tired.", **state) -> AppTest:
    return open_page("pages/attention.py", text=text, **state)


@contextmanager
def count_forward_passes(*names):
    """Count forward passes of the shared cached models (hooks removed in finally)."""
    calls = []
    handles = [st_bridge.get_model(n).model.register_forward_hook(lambda *_: calls.append(1)) for n in names]
    try:
        yield calls
    finally:
        for h in handles:
            h.remove()


@pytest.mark.parametrize("which", ["causal", "masked", "both"])
@pytest.mark.parametrize("view", VIEWS)
def test_every_view_for_every_model_choice(which, view):
    at = attention_page(att_which=which, att_view=view)
    ok(at)
    n_models = 2 if which == "both" else 1
    if view.startswith("bv_"):
        assert len(at.get("iframe")) == n_models
        assert len(at.main.get("download_button")) == n_models
    else:
        assert len(at.get("plotly_chart")) == n_models * (2 if view == "grid" else 1)
        assert len(at.main.get("download_button")) == n_models  # the CSV of the matrix


@pytest.mark.parametrize("sinks", ["keep", "hide", "down"])
@pytest.mark.parametrize("scale", ["linear", "log", "row"])
@pytest.mark.parametrize("words", [False, True])
def test_sink_scale_and_word_options(sinks, scale, words):
    at = attention_page(att_sinks=sinks, att_scale=scale, att_words=words, att_which="both")
    ok(at)
    assert len(at.get("plotly_chart")) == 2


def test_widgets_redraw_without_new_forward_pass():
    at = attention_page(att_which="both")
    ok(at)
    with count_forward_passes("tiny-gpt2", "tiny-bert") as calls:
        at.slider(key="att_layer_causal").set_value(1).run()
        at.slider(key="att_head_causal").set_value(3).run()
        at.slider(key="att_head_masked").set_value(2).run()
        at.radio(key="att_scale").set_value("log").run()
        at.radio(key="att_sinks").set_value("hide").run()
        at.toggle(key="att_words").set_value(True).run()
        for view in VIEWS:
            at.selectbox(key="att_view").set_value(view).run()
        ok(at)
    assert calls == []
    # and a new text does run the models (the counter works)
    with count_forward_passes("tiny-gpt2", "tiny-bert") as calls:
        at.text_area(key="text").set_value("A different sentence entirely.").run()
    assert len(calls) == 2


def test_download_buttons_are_labelled():
    at = attention_page(text="one two three", att_which="both", att_view="head")
    ok(at)
    labels = [b.proto.label for b in at.main.get("download_button")]
    assert labels == ["Download matrix (CSV)"] * 2


def test_long_text_is_cut_with_a_notice_and_bounded_views():
    at = attention_page(text="word " * 400, att_which="causal", att_view="bv_model")
    ok(at)
    assert any("the rest was cut" in w.value for w in at.warning)
    # tiny-gpt2 has 2 x 4 heads: bertviz gets at most sqrt(300000 / 8) = 193 of the 256 tokens
    assert any(i.value.startswith("bertviz shows the first 193 of 256 tokens") for i in at.info)


def test_three_tokens_and_chinese_and_emoji():
    for text in ["Hi there", "我爱北京天安门", "I ❤️ 👨‍👩‍👧 ok"]:
        at = attention_page(text=text, att_which="both", att_words=True)
        ok(at)


def test_layer_slider_clamps_when_model_shrinks():
    at = attention_page(att_which="causal", att_layer_causal=1)
    ok(at)
    at.selectbox(key="causal_pick").set_value("tiny-gpt2").run()
    ok(at)


def test_chinese_interface():
    at = attention_page(lang="zh", att_which="both")
    ok(at)
    assert at.title[0].value == "注意力探索器"
