"""AppTest paths through the next-token lab on tiny models; sliders redraw from cached logits."""

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lmviz.analysis import sampling
from lmviz.analysis.generation import Path as GenPath
from lmviz_app import cache as st_bridge
from lmviz_app import plots
from tests.apptest_pages import ok, open_page
from tests.test_attention_page import count_forward_passes


def lab(text="The capital of France is", **state) -> AppTest:
    return open_page("pages/next_token.py", text=text, **state)


def path_of(at: AppTest) -> GenPath:
    return at.session_state["nt_path"]


def test_step_through_append_sample_generate_undo_reset():
    at = lab(nt_seed=3)
    ok(at)
    prompt = path_of(at).prompt_ids
    at.selectbox(key="nt_pick").set_value(2).run()
    at.button(key="nt_pick_go").click().run()
    path = path_of(at)
    logits = st_bridge.get_next_logits("tiny-gpt2", prompt)
    third = int(np.argsort(-logits, kind="stable")[2])
    assert path.generated_ids == (third,)  # the third candidate on the chart
    assert path.steps[0].rank == 3
    at.button(key="nt_sample_go").click().run()
    at.number_input(key="nt_n").set_value(4).run()
    at.button(key="nt_generate_go").click().run()
    ok(at)
    assert len(path_of(at).steps) == 6
    assert len(at.table[0].value) == 6  # the path table, one row per generated token
    at.button(key="nt_undo_go").click().run()
    assert len(path_of(at).steps) == 5
    at.button(key="nt_reset_go").click().run()
    assert path_of(at).steps == () and path_of(at).prompt_ids == prompt
    ok(at)


def test_seeded_sampling_is_reproducible():
    runs = []
    for _ in range(2):
        at = lab(nt_seed=7, nt_n=5)
        at.button(key="nt_generate_go").click().run()
        runs.append(path_of(at).generated_ids)
    assert runs[0] == runs[1] and len(runs[0]) == 5


def test_greedy_generation_takes_the_argmax():
    at = lab(nt_greedy=True, nt_n=3)
    at.button(key="nt_generate_go").click().run()
    path = path_of(at)
    ids = path.prompt_ids
    for step in path.steps:
        assert step.token_id == int(np.argmax(st_bridge.get_next_logits("tiny-gpt2", ids)))
        ids = ids + (step.token_id,)


def test_sampling_controls_redraw_without_forward_pass():
    at = lab()
    ok(at)
    with count_forward_passes("tiny-gpt2") as calls:
        at.slider(key="nt_temperature").set_value(0.3).run()
        at.number_input(key="nt_top_k").set_value(5).run()
        at.slider(key="nt_top_p").set_value(0.5).run()
        at.toggle(key="nt_greedy").set_value(True).run()
        at.slider(key="nt_bars").set_value(20).run()
        ok(at)
    assert calls == []


def test_cut_mass_is_reported():
    at = lab(nt_top_k=5)
    ok(at)
    logits = st_bridge.get_next_logits("tiny-gpt2", path_of(at).prompt_ids)
    cut = sampling.apply_filters(sampling.softmax(logits), top_k=5).cut_mass
    assert any(f"cut {cut:.1%}" in i.value for i in at.info)


def test_loss_panel_matches_the_model_loss(tiny_gpt2):
    import torch

    text = "The quick brown fox jumps over the lazy dog."
    at = lab(text=text, nt_panel="loss")
    ok(at)
    enc = tiny_gpt2.tokenizer(text, return_tensors="pt")
    with torch.no_grad():
        loss = tiny_gpt2.model(**enc, labels=enc["input_ids"]).loss.item()
    assert any(f"Loss {loss:.3f} nats" in m.value for m in at.markdown)
    assert any("lmviz-gltr" in m.value for m in at.markdown)


def test_gltr_strip_escapes_html():
    at = lab(text="<b>bold</b> <script>alert(1)</script>", nt_panel="loss")
    ok(at)
    strip = next(m.value for m in at.markdown if "lmviz-gltr" in m.value)
    assert "<script>" not in strip and "<b>" not in strip and "&lt;" in strip


def test_logit_lens_panel_both_models():
    at = lab(nt_panel="lens")
    ok(at)
    assert len(at.get("plotly_chart")) == 2  # the causal lens, and the masked model's in an expander


def test_long_text_lens_notice():
    at = lab(text="word " * 100, nt_panel="lens")
    ok(at)
    assert any("first 40 tokens" in i.value for i in at.info)


def test_chat_mode_without_template_is_a_clear_message():
    at = lab(nt_chat=True)
    assert not at.exception
    assert any("no chat template" in e.value for e in at.error)


def test_no_causal_model_chosen_is_explained():
    at = lab(causal="__other__")
    assert not at.exception
    assert any("needs a causal" in i.value for i in at.info)


@pytest.mark.parametrize("text", ["", "  "])
def test_empty_text(text):
    at = lab(text=text)
    assert not at.exception
    assert any("Type some text" in i.value for i in at.info)


def test_chinese_interface():
    at = lab(lang="zh")
    ok(at)
    assert at.title[0].value == "下一个词元实验室"


@pytest.mark.bundled
def test_chat_mode_on_smollm2():
    at = lab(causal="smollm2-135m", text="What is the capital of France?", nt_chat=True, nt_greedy=True)
    ok(at)
    assert "assistant" in at.get("code")[0].value


def test_gltr_strip_keeps_markdown_inert():
    at = lab(text="See ![x](http://example.com/a.png) now", nt_panel="loss")
    ok(at)
    strip = next(m.value for m in at.markdown if "lmviz-gltr" in m.value)
    assert "![" not in strip and "](" not in strip


@pytest.mark.parametrize("state", [{"nt_greedy": True}, {"nt_temperature": 0.05}])
def test_greedy_and_cold_bars_are_the_top_tokens_by_logit(state):
    """Greedy (or a temperature so low that every runner-up underflows to 0) still lists the model's
    next best tokens, by logit, not tokens 1, 2, 3 of the vocabulary at 0.0%."""
    at = lab(**state)
    ok(at)
    logits = st_bridge.get_next_logits("tiny-gpt2", path_of(at).prompt_ids)
    by_logit = [int(i) for i in np.argsort(-logits, kind="stable")[:10]]
    options = at.selectbox(key="nt_pick").options
    names = [sampling_label(i) for i in by_logit]
    assert [o.split(". ", 1)[1] for o in options] == names
    bar = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    if state.get("nt_greedy"):  # the runners-up at their temperature-1 probabilities, greyed: never picked
        probs = sampling.softmax(logits)
        assert plotly_array(bar["x"]) == pytest.approx([probs[i] for i in by_logit])
        assert bar["marker"]["color"] == [plots.COLOUR_KEPT] + [plots.COLOUR_CUT] * 9


def plotly_array(value) -> list[float]:
    """A plotly figure's array as sent to the browser: a list, or {"dtype", "bdata"} (base64)."""
    if isinstance(value, dict):
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)


def sampling_label(token_id: int) -> str:
    from lmviz.analysis.generation import token_text

    return repr(token_text(st_bridge.get_model("tiny-gpt2").tokenizer, token_id))


def test_top_p_after_top_k_states_both_masses():
    at = lab(nt_top_k=5, nt_top_p=0.9)
    ok(at)
    logits = st_bridge.get_next_logits("tiny-gpt2", path_of(at).prompt_ids)
    dist = sampling.apply_filters(sampling.softmax(logits), top_k=5, top_p=0.9)
    top_k, top_p = dist.steps
    note = next(i.value for i in at.info if "Top-k" in i.value)
    assert f"Top-k = 5 kept the 5 most likely tokens, holding {top_k.mass:.1%}" in note
    assert f"it kept {top_p.n_kept}, holding {top_p.mass_of_input:.1%} of the top-k" in note
    assert f"but {top_p.mass:.1%} of the model's" in note
    assert top_p.mass_of_input >= 0.9 and top_p.mass == pytest.approx(top_p.mass_of_input * top_k.mass)
