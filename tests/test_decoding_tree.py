"""Decoding trees: beam search against transformers' generate(num_beams=...) step for step (end tokens and
length penalties included), greedy and sampling against lmviz's own generation, and the page."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch

from lmviz.analysis import decoding_tree, generation
from lmviz.analysis.sampling import Strategy
from lmviz.errors import LmvizError
from tests.apptest_pages import ok, open_page


def _hf_beams(loaded, ids, width, penalty, steps, eos):
    out = loaded.model.generate(
        torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long), num_beams=width,
        num_return_sequences=width, max_new_tokens=steps, do_sample=False, length_penalty=penalty,
        early_stopping=False, eos_token_id=eos, pad_token_id=eos, return_dict_in_generate=True,
        output_scores=True,
    )  # fmt: skip
    return [tuple(row[len(ids) :].tolist()) for row in out.sequences], out.sequences_scores.tolist()


def _same_beams(loaded, prompt, width, penalty, steps, eos_step):
    ids = tuple(loaded.tokenizer(prompt)["input_ids"])
    greedy = decoding_tree.walk(loaded, ids, 4, Strategy(greedy=True)).chosen_ids
    eos = greedy[eos_step]  # a token the beams are likely to meet, made the end token
    config = loaded.model.generation_config
    before = config.eos_token_id
    config.eos_token_id = eos
    try:
        tree = decoding_tree.beam_search(loaded, ids, steps, width, penalty)
        hf, hf_scores = _hf_beams(loaded, ids, width, penalty, steps, eos)
    finally:
        config.eos_token_id = before
    longest = max(len(h) for h in hf)
    ours = [tokens + (eos,) * (longest - len(tokens)) for tokens, _ in tree.beams]
    assert ours == hf, (prompt, width, penalty, eos)
    np.testing.assert_allclose([score for _, score in tree.beams], hf_scores, atol=1e-3)
    return tree


@pytest.mark.parametrize(
    "prompt, width, penalty, eos_step",
    list(itertools.product(["The capital of France is", "Once upon a time"], [2, 3, 5], [0.5, 1, 2], [0, 2])),
)  # fmt: skip
def test_beams_equal_transformers_generate(tiny_gpt2, prompt, width, penalty, eos_step):
    _same_beams(tiny_gpt2, prompt, width, penalty, 10, eos_step)


def test_some_beams_end_early_and_the_tree_is_consistent(tiny_gpt2):
    trees = [
        _same_beams(tiny_gpt2, prompt, 3, 0.5, 10, eos_step)
        for prompt in ("The capital of France is", "Once upon a time", "I think")
        for eos_step in (0, 1, 2)
    ]  # fmt: skip
    ended = [t for t in trees if any(len(tokens) < 10 for tokens, _ in t.beams)]
    assert ended  # the end-token rule was exercised, and the beams still equal generate's
    tree = ended[0]
    for i, node in enumerate(tree.nodes):
        assert -1 <= node.parent < i and 0 < node.prob <= 1
        if node.parent >= 0:
            parent = tree.nodes[node.parent]
            assert parent.step == node.step - 1 and parent.kept
            assert node.logprob_sum == pytest.approx(parent.logprob_sum + np.log(node.prob), abs=1e-4)
    assert tree.chosen_ids == tree.beams[0][0]
    scores = [s for _, s in tree.beams]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("strategy", [Strategy(greedy=True), Strategy(temperature=1.0, seed=4)])
def test_greedy_and_sampling_follow_lmviz_generation(tiny_gpt2, strategy):
    ids = tuple(tiny_gpt2.tokenizer("The cat sat on")["input_ids"])
    tree = decoding_tree.walk(tiny_gpt2, ids, 8, strategy)
    path = generation.generate(tiny_gpt2, ids, 8, strategy)
    assert tree.chosen_ids == path.generated_ids
    for i in tree.chosen:  # the chosen token is among each step's nodes, with the model's probability
        step = tree.nodes[i].step
        assert tree.nodes[i].prob == pytest.approx(path.steps[step].prob, rel=1e-4)
    per_step = {n.step for n in tree.nodes}
    assert per_step == set(range(8)) and len(tree.nodes) <= 8 * decoding_tree.ALTERNATIVES


def test_bad_widths_and_lengths(tiny_gpt2):
    ids = tuple(tiny_gpt2.tokenizer("Hi")["input_ids"])
    for width in (1, 6):
        with pytest.raises(LmvizError) as e:
            decoding_tree.beam_search(tiny_gpt2, ids, 4, width)
        assert e.value.code == "tree.bad_width"
    with pytest.raises(LmvizError) as e:
        decoding_tree.walk(tiny_gpt2, ids, 13, Strategy(greedy=True))
    assert e.value.code == "tree.steps_out_of_range"


@pytest.mark.bundled
def test_beams_equal_generate_on_smollm2(smollm2):
    _same_beams(smollm2, "The capital of France is", 4, 1.0, 8, 1)


@pytest.mark.parametrize("method", list(decoding_tree.METHODS))
def test_the_tree_panel(method):
    state = {"nt_panel": "tree", "nt_tree_method": method}
    at = open_page("pages/next_token.py", text="The capital of France is", **state)
    ok(at)
    assert len(at.get("plotly_chart")) == 1
    assert any("Chosen:" in m.value for m in at.markdown)
    assert bool(at.table) == (method == "beam")
    if method == "beam":
        at.slider(key="nt_beams").set_value(5).run()
        ok(at)
        assert len(at.table[0].value) == 5
    chosen = at.session_state["text"]
    at.button(key="nt_tree_insp_attention_inspect_attention").click().run()
    ok(at)
    assert at.title[0].value == "Attention explorer" and at.session_state["text"].startswith(chosen)
    assert len(at.session_state["text"]) > len(chosen)  # the prompt and the tree's chosen tokens
