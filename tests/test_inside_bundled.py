"""Inside the Transformer on the bundled models: the hand computation matches the models to 1e-4, and
what the lesson "How attention is computed" says is what the models do."""

from __future__ import annotations

import numpy as np
import pytest

from lmviz import inspect_text
from lmviz.analysis.internals import architecture, head_steps, logit_parts, trace, vectors
from lmviz_app import lessons
from lmviz_app.presets import WORD_LISTS

pytestmark = pytest.mark.bundled
TEXT = "The capital of France is Paris, and the river that runs through it is the Seine."


@pytest.mark.parametrize("fixture", ["smollm2", "masked_default", "masked_lm"])
def test_every_layer_by_hand_matches_the_attention_page_and_the_next_hidden_state(request, fixture):
    model = request.getfixturevalue(fixture)
    tr = trace.trace_text(model, TEXT)
    page = inspect_text(model, TEXT)  # what the attention page shows (its own pass, its own cap)
    assert page.n_tokens == tr.inspection.n_tokens
    for layer in range(tr.n_layers):
        head = layer % page.n_heads
        s = head_steps.head_steps(model, tr, layer, head)
        np.testing.assert_allclose(s.probs, page.attentions[layer, head], atol=1e-4)
        scale = max(1.0, float(np.abs(tr.block_out[layer]).max()))
        np.testing.assert_allclose(s.block_out, tr.block_out[layer], atol=1e-4 * scale)
        if layer + 1 < tr.n_layers:
            np.testing.assert_allclose(tr.block_out[layer], page.hidden_states[layer + 1], atol=1e-4 * scale)


def test_smollm2_as_the_lesson_draws_it(smollm2):
    """Steps 1 and 2: 30 blocks, 134,515,008 parameters, 9 query heads sharing 3 key/value heads of 64."""
    arch = architecture.describe(smollm2.model, 5)
    shape = (arch.n_layers, arch.total, arch.n_heads, arch.n_kv_heads, arch.d_head)
    assert shape == (30, 134_515_008, 9, 3, 64)
    assert architecture.parts_total(arch) == arch.total
    assert len(smollm2.tokenizer(lessons.PROMPT)["input_ids"]) == 5  # "your 5 tokens"


def test_the_head_that_looks_up_france(smollm2):
    """Step 4: in layer 23, head 4, the last token "is" gives 90% of its weight to "France"."""
    tr = trace.trace_text(smollm2, lessons.PROMPT)
    tokens = tr.inspection.tokens
    s = head_steps.head_steps(smollm2, tr, lessons.PARIS_LAYER, lessons.PARIS_HEAD)
    assert tokens[-1] == " is" and tokens[3] == " France"
    assert round(float(s.probs[-1, 3]), 2) == 0.90 and s.scale == 1 / 8


def test_what_each_layer_adds_to_paris(smollm2):
    """Step 6: most of the logit of " Paris" comes from the last layers' MLPs, and the largest head share
    is layer 23, head 4."""
    tr = trace.trace_text(smollm2, lessons.PROMPT)
    last = tr.inspection.n_tokens - 1
    logits = logit_parts.head_logits(smollm2, tr, last)
    target = int(np.argmax(logits))
    assert smollm2.tokenizer.decode([target]) == " Paris"
    parts = logit_parts.logit_parts(smollm2, tr, last, target)
    assert parts.total == pytest.approx(parts.logit, abs=1e-3)
    assert parts.mlp[-6:].sum() > 0.5 * parts.logit
    layer, head = np.unravel_index(int(np.argmax(parts.heads)), parts.heads.shape)
    assert (layer, head) == (lessons.PARIS_LAYER, lessons.PARIS_HEAD)


def test_royals_on_one_side_of_the_first_axis(smollm2):
    """Step 7: king, queen, prince, princess on one side of PC1; man, woman, boy, girl on the other."""
    wm = vectors.word_map(smollm2, vectors.parse_words(WORD_LISTS["royals"]))
    pc1 = dict(zip(wm.words, wm.points[:, 0]))
    royals = np.sign([pc1[w] for w in ("king", "queen", "prince", "princess")])
    others = np.sign([pc1[w] for w in ("man", "woman", "boy", "girl")])
    assert len(set(royals)) == 1 and len(set(others)) == 1 and royals[0] == -others[0]
    assert wm.pieces == (1,) * 8
