"""AppTest paths through the "Inside the Transformer" page on tiny models: every part for both model
slots, redraws without a new forward pass, and bad input met with a message."""

from __future__ import annotations

import re

import pytest
import torch
from transformers import OPTConfig, OPTForCausalLM

from lmviz.models.tiny import gpt2_tokenizer
from lmviz_app import cache as st_bridge
from lmviz_app import i18n
from tests.apptest_pages import ok, open_page
from tests.test_attention_page import count_forward_passes

TEXT = "The cat sat on the mat because it was tired."
PARTS = ["attention", "mlp", "logits", "vectors"]


def inside_page(text: str = TEXT, **state):
    return open_page("pages/inside.py", text=text, **state)


def _texts(at) -> str:
    kinds = ("markdown", "caption", "info", "warning")
    return "\n".join(e.value for kind in kinds for e in getattr(at, kind))


def _largest_differences(at) -> list[float]:
    """The differences from the model that the page states (softmax, W_O output, block output)."""
    found = re.findall(r"(?:returned|attention output:|largest difference) (\d\.\de[+-]\d\d)", _texts(at))
    return [float(x) for x in found]


@pytest.mark.parametrize("which", ["causal", "masked"])
@pytest.mark.parametrize("part", PARTS)
def test_every_part_for_both_models(which, part):
    at = inside_page(in_which=which, in_part=part)
    ok(at)
    texts = _texts(at)
    charts = len(at.get("plotly_chart"))
    assert "parameters add up to" in texts  # the architecture and its sum, on every part
    if part == "attention":
        # architecture, x, q, k, v, scores, scaled, (mask), softmax, z, concat, W_O, residual, block
        assert charts == (14 if which == "causal" else 13), charts
        assert _largest_differences(at) and max(_largest_differences(at)) < 1e-4
    elif part == "mlp":
        assert charts == 3 and "coloured by neuron" in texts
    elif part == "logits" and which == "causal":
        assert charts == 4 and "The parts add up to" in texts
    elif part == "logits":  # tiny-bert normalises after every block: no per-layer split
        assert charts == 1 and any("norm after every block" in i.value for i in at.info)
    else:
        assert charts == 3 and "PC1" not in texts  # axis titles live in the figures


def test_widgets_redraw_without_new_forward_pass():
    at = inside_page()
    ok(at)
    with count_forward_passes("tiny-gpt2", "tiny-bert") as calls:
        at.slider(key="in_layer").set_value(1).run()
        at.slider(key="in_head").set_value(3).run()
        for part in PARTS:
            at.session_state["in_part"] = part
            at.run()
            ok(at)
        at.selectbox(key="in_token").set_value(2).run()
        at.selectbox(key="in_wordset").set_value("numbers").run()
        at.session_state["in_part"] = "mlp"
        at.run()
        at.selectbox(key="in_token").set_value(4).run()
        ok(at)
    assert calls == []
    with count_forward_passes("tiny-gpt2") as calls:  # a new text does run the model (the counter works)
        at.text_area(key="text").set_value("A different sentence entirely.").run()
    assert len(calls) == 1


def test_the_chosen_head_and_layer_are_drawn():
    at = inside_page(in_layer=1, in_head=2)
    ok(at)
    assert any(m.value == "### Layer 1, head 2, computed step by step" or "Layer 1, head 2" in m.value
               for m in at.subheader)  # fmt: skip


def test_a_layer_beyond_the_model_is_clamped():
    at = inside_page(in_layer=40, in_head=9)
    ok(at)
    assert at.slider(key="in_layer").value == 1 and at.slider(key="in_head").value == 3


def test_empty_long_chinese_emoji_and_html_text():
    at = inside_page(text="   ")
    ok(at)
    assert at.info and not at.get("plotly_chart")
    at = inside_page(text="word " * 300)
    ok(at)
    assert "the rest was cut" in _texts(at)
    for text in ["我爱北京天安门", "I ❤️ 👨‍👩‍👧 ok", 'The <img src=x onerror="alert(1)"> cat']:
        at = inside_page(text=text, in_part="mlp")
        ok(at)
        coloured = [m.value for m in at.markdown if "lmviz-neuron" in m.value]
        assert coloured and "<img" not in coloured[0]


def test_own_word_list_too_short_and_fine():
    at = inside_page(in_part="vectors", in_wordset="own", in_wordlist="cat, dog")
    ok(at)
    assert any("at least 3" in w.value for w in at.warning)
    at.text_input(key="in_wordlist").set_value("cat, dog, mouse, horse").run()
    ok(at)
    assert not at.warning and len(at.get("plotly_chart")) == 3


def test_an_architecture_it_does_not_know_is_named(tmp_path):
    config = OPTConfig(vocab_size=50272, hidden_size=16, num_hidden_layers=1, ffn_dim=32,
                       num_attention_heads=2, word_embed_proj_dim=16, max_position_embeddings=64)  # fmt: skip
    torch.manual_seed(0)
    OPTForCausalLM(config).save_pretrained(tmp_path)
    gpt2_tokenizer().save_pretrained(tmp_path)
    at = inside_page(causal_pick=st_bridge.OTHER, causal_other=str(tmp_path))
    ok(at)
    infos = [i.value for i in at.info]
    assert any("not drawn for the 'opt' architecture yet" in i for i in infos), infos
    total = sum(p.numel() for p in OPTForCausalLM(config).parameters())
    assert f"{total:,} parameters" in _texts(at)
    assert len(at.get("plotly_chart")) == 1  # its word vectors need only the embeddings


def test_a_model_with_one_layer_and_one_head(tmp_path):
    from transformers import GPT2Config, GPT2LMHeadModel

    config = GPT2Config(n_layer=1, n_head=1, n_embd=32, n_positions=64, vocab_size=50257)
    torch.manual_seed(0)
    GPT2LMHeadModel(config).save_pretrained(tmp_path)
    gpt2_tokenizer().save_pretrained(tmp_path)
    for part in PARTS:
        at = inside_page(causal_pick=st_bridge.OTHER, causal_other=str(tmp_path), in_part=part)
        ok(at)
        assert not at.slider  # nothing to slide with one layer and one head
        if part == "attention":
            assert "Layer 0, head 0, computed step by step" in "".join(s.value for s in at.subheader)


def test_a_typed_target_word():
    at = inside_page(in_part="logits", in_target_word="photosynthesis")
    ok(at)
    texts = _texts(at)
    first = "“photosynthesis” is 2 tokens for this model; the first, “ photos”, is the one split here."
    assert first in texts
    assert "The parts add up to" in texts and "(rank " in texts
    at.text_input(key="in_target_word").set_value("   ").run()
    ok(at)
    assert "(rank " not in _texts(at)


@pytest.mark.bundled  # the lesson switches to the bundled models
def test_a_lesson_step_resets_the_token_chosen_before():
    at = inside_page(in_part="logits", in_token=1)
    ok(at)
    at.selectbox(key="lesson_pick").set_value("computing_attention").run()
    for _ in range(5):
        at.button(key="lesson_next").click().run()
    ok(at)
    assert at.session_state["in_part"] == "logits"
    assert at.selectbox(key="in_token").value == 4  # the prompt's last token, not the 1 chosen before


def test_chinese_interface():
    at = inside_page(lang="zh")
    ok(at)
    assert at.title[0].value == i18n.t("in_title", "zh")
    assert "逐步计算" in _texts(at) + "".join(s.value for s in at.subheader)
