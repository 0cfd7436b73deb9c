"""What the "Why" page's presets and texts say about the bundled causal model, checked on it."""

from __future__ import annotations

import numpy as np
import pytest

from lmviz.analysis.why import ablation, answer, attribution, edits, patching, steering
from lmviz.models import forward
from lmviz_app.presets import PATCH_PRESETS, STEER_PRESETS

pytestmark = pytest.mark.bundled


def _ids(m, text):
    return m.tokenizer(text)["input_ids"]


@pytest.mark.parametrize("preset", PATCH_PRESETS, ids=[p.key for p in PATCH_PRESETS])
def test_patching_presets_answer_as_labelled_and_the_fact_sits_where_the_page_says(smollm2, preset):
    clean, corrupt = _ids(smollm2, preset.clean), _ids(smollm2, preset.corrupt)
    patching.check_pair(clean, corrupt)  # same length
    right = answer.top(smollm2, forward.next_logits(smollm2, clean).numpy())
    wrong = answer.top(smollm2, forward.next_logits(smollm2, corrupt).numpy())
    assert (right.piece, wrong.piece) == (preset.clean_answer, preset.corrupt_answer)
    p = patching.patch(smollm2, clean, corrupt, len(clean) - 1, right.token_id, wrong.token_id)
    r = p.restored
    assert p.clean_diff > 0 > p.corrupt_diff
    # "early layers: at the tokens that name it; later: at the last token"
    differ = [i for i, (a, b) in enumerate(zip(clean, corrupt)) if a != b]
    assert np.nanmax(r[2, differ]) > 0.7 and r[2, -1] < 0.1
    assert r[-1, -1] > 0.7 and np.nanmax(r[-1, differ]) < 0.1
    assert edits.hooks_left(smollm2.model) <= 2 * smollm2.model.config.num_hidden_layers  # transformers' own


def test_paris_is_explained_by_france_and_needs_layer_23_head_4(smollm2):
    ids = _ids(smollm2, answer.EXAMPLE)
    pos = len(ids) - 1
    top = answer.top(smollm2, forward.next_logits(smollm2, ids).numpy())
    assert top.piece == " Paris"
    a = attribution.attribute(smollm2, ids, pos, top.token_id, steps=32)
    assert abs(a.delta) < 0.05 * abs(a.objective - a.baseline_objective)  # complete within 5%
    assert int(np.argmax(a.integrated)) == 3  # " France"
    sweep = ablation.head_sweep(smollm2, ids, pos, top.token_id)
    worst = np.unravel_index(np.nanargmin(sweep.prob), sweep.prob.shape)
    assert tuple(int(i) for i in worst) == (23, 4)
    assert sweep.prob[worst] < 0.25 < 0.7 < sweep.before.prob


def test_contrast_paris_not_london(smollm2):
    ids = _ids(smollm2, answer.EXAMPLE)
    paris, london = answer.typed(smollm2, "Paris"), answer.typed(smollm2, "London")
    a = attribution.attribute(smollm2, ids, len(ids) - 1, paris.token_id, london.token_id, steps=32)
    assert a.objective > 0 and int(np.argmax(a.integrated)) == 3


@pytest.mark.parametrize("preset", STEER_PRESETS, ids=[p.key for p in STEER_PRESETS])
def test_steering_preset_pushes_towards_a(smollm2, preset):
    a, b, prompt = (_ids(smollm2, t) for t in (preset.a, preset.b, preset.prompt))
    d = steering.direction(smollm2, a, b, preset.layer)
    up = answer.typed(smollm2, preset.up.strip()).token_id

    def logp(alpha: float) -> float:
        push = d.vector * alpha
        import torch

        with edits.editing(smollm2.model, {("resid", preset.layer): lambda x: x + torch.from_numpy(push)}):
            logits = forward.next_logits(smollm2, prompt).numpy()
        return float(logits[up] - np.log(np.exp(logits - logits.max()).sum()) - logits.max())

    assert logp(preset.alpha) > logp(0.0) > logp(-preset.alpha)
    s = steering.steer(smollm2, prompt, d, preset.alpha)
    assert s.steered.ids != s.plain.ids
