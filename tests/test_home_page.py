"""The concepts home page (AppTest): concept map links, the softmax formula, FAQ examples computed from the
loaded models, the one-click demos and the lesson start buttons."""

from __future__ import annotations

import pytest

from lmviz.analysis import compare
from lmviz.models.facts import model_facts
from lmviz_app import concepts, i18n
from lmviz_app.widgets.text import md
from tests.apptest_pages import ok, open_page


@pytest.fixture(scope="module")
def home():
    at = open_page(None)  # tiny-gpt2 and tiny-bert
    ok(at)
    return at


def links(at) -> list[tuple[str, str]]:
    """(page url, label) of every page link in the main area, in order."""
    return [(link.proto.page, link.proto.label) for link in at.main.get("page_link")]


def tables(at) -> list:
    return [t.value for t in at.get("table")]


def test_concept_map_nodes_lead_to_their_pages(home):
    # pretraining -> training; autoregressive vs autoencoding -> compare; Transformer -> inside it
    assert [page for page, _ in links(home)[:3]] == ["train", "compare", "inside"]
    shown = "\n".join(m.value for m in home.markdown)
    for stem in ("pretrain", "arae", "transformer"):
        assert i18n.t(f"concept_{stem}", "en") in shown
    assert "预训练与微调" in shown and "自回归与自编码" in shown and "Transformer结构" in shown


def test_softmax_formula_links_to_the_next_token_lab(home):
    (latex,) = home.get("latex")
    assert r"\exp(z_w/T)" in latex.proto.body and r"\sum_{v \in V}" in latex.proto.body
    assert ("next_token", i18n.t("softmax_link", "en")) in links(home)


def test_faq_sizes_are_the_loaded_models(home, tiny_gpt2, tiny_bert):
    size = tables(home)[0]
    assert list(size.iloc[:, 0]) == ["tiny-gpt2", "tiny-bert"]
    expected = [f"{model_facts(m).params:,}" for m in (tiny_gpt2, tiny_bert)]
    assert list(size.iloc[:, 1]) == expected
    assert list(size.iloc[:, 2]) == [f"{m.n_layers} × {m.n_heads}" for m in (tiny_gpt2, tiny_bert)]


def test_faq_blank_is_filled_both_ways_by_the_loaded_models(home, tiny_gpt2, tiny_bert):
    causal_top = compare.causal_blank(tiny_gpt2, concepts.FAQ_BLANK).top[:5]
    masked_top = compare.masked_fills(tiny_bert, concepts.FAQ_BLANK)[0].top[:5]
    causal, masked = tables(home)[1:3]
    assert list(causal.iloc[:, 0]) == [c.text.replace(" ", "␣") for c in causal_top]
    assert list(masked.iloc[:, 0]) == [c.text.replace(" ", "␣") for c in masked_top]


def test_faq_transformer_counts_layers_and_heads(home, tiny_gpt2):
    shown = "\n".join(m.value for m in home.markdown)
    facts = model_facts(tiny_gpt2)
    assert f"{facts.layers} layers × {facts.heads} heads = {facts.attention_maps} attention patterns" in shown
    assert "attention" in [page for page, _ in links(home)[4:]]


def test_generation_and_fill_demos_run_inline(tiny_gpt2, tiny_bert):
    at = open_page(None)
    at.button(key="app_gen_run").click().run()
    ok(at)
    expected = concepts.continue_text(tiny_gpt2, concepts.GENERATION_PROMPT)
    assert [s.value for s in at.success] == [f"…{md(expected)}"]
    at.button(key="app_fill_run").click().run()
    ok(at)
    fill = tables(at)[-1]
    assert list(fill.iloc[:, 0]) == [c.text for c in concepts.fill_in(tiny_bert, concepts.FILL_TEXT)]
    at.button(key="app_chat_run").click().run()  # tiny-gpt2 has no chat template: said, not an error
    ok(at)
    assert any("no chat template" in i.value for i in at.info)


def test_open_buttons_switch_page_with_the_demo_state():
    at = open_page(None)
    at.button(key="app_fill_open").click().run()
    ok(at)
    assert at.title[0].value == i18n.t("cmp_title", "en")
    assert at.session_state["cmp_preset"] == "own"
    assert at.text_area[0].value == concepts.FILL_TEXT
    assert at.get("plotly_chart")  # the blank's fills


def test_home_in_chinese():
    at = open_page(None, lang="zh")
    ok(at)
    shown = "\n".join(m.value for m in [*at.markdown, *at.subheader])
    assert i18n.t("faq_heading", "zh") in shown and "2 层 × 4 个头" in shown
    assert [b.label for b in at.button if b.key == "lesson_start_both_sides"] == ["从左到右 vs 双向（6 步）"]


@pytest.mark.bundled
def test_dialogue_demo_on_the_instruct_model(smollm2):
    at = open_page(None, causal="smollm2-135m", masked="minilm-l6-mlm")
    at.button(key="app_chat_run").click().run()
    ok(at)
    reply = concepts.chat_reply(smollm2, concepts.DIALOGUE_QUESTION)
    assert reply and [s.value for s in at.success] == [md(reply)]
    assert "Paris" in reply
    at.button(key="app_chat_open").click().run()
    ok(at)
    assert at.title[0].value == i18n.t("nt_title", "en")
    assert at.session_state["nt_chat"] is True
    assert at.text_area[0].value == concepts.DIALOGUE_QUESTION
