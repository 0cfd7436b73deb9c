"""The "Why" analyses on tiny models, each against a direct computation: captum's attributions, head
scores, ablation, patching and steering; hooks never left behind and the shared weights never changed."""

from __future__ import annotations

import hashlib
import threading
from contextlib import contextmanager

import numpy as np
import pytest
import torch
from transformers import LlamaConfig, LlamaForCausalLM

from lmviz.analysis.sampling import Strategy
from lmviz.analysis.why import ablation, answer, attribution, edits, head_types, patching, steering
from lmviz.errors import LmvizError
from lmviz.models import forward
from lmviz.models.loading import LoadedModel
from lmviz.models.seeding import seeded
from lmviz.models.tiny import gpt2_tokenizer


@contextmanager
def raises_code(code: str):
    with pytest.raises(LmvizError) as caught:
        yield
    assert caught.value.code == code, caught.value.code


TEXT = "The cat sat on the mat because the cat was tired"


@pytest.fixture(scope="module")
def tiny_llama() -> LoadedModel:
    config = LlamaConfig(
        vocab_size=50257, hidden_size=64, intermediate_size=96, num_hidden_layers=2, num_attention_heads=4,
        num_key_value_heads=2, max_position_embeddings=128, attn_implementation="eager",
    )  # fmt: skip
    with seeded(0):
        model = LlamaForCausalLM(config).eval()
    return LoadedModel(
        "tiny-llama", "causal", "", model, gpt2_tokenizer(), torch.device("cpu"), torch.float32, 128
    )


@pytest.fixture(params=["tiny-gpt2", "tiny-llama", "tiny-bert"])
def model(request, tiny_gpt2, tiny_bert, tiny_llama) -> LoadedModel:
    return {"tiny-gpt2": tiny_gpt2, "tiny-llama": tiny_llama, "tiny-bert": tiny_bert}[request.param]


def _ids(m: LoadedModel, text: str = TEXT) -> list[int]:
    if m.kind != "causal":
        text = text + " " + m.tokenizer.mask_token
    return m.tokenizer(text)["input_ids"]


def _weights(m: LoadedModel) -> str:
    h = hashlib.sha256()
    for name, p in sorted(m.model.state_dict().items()):
        h.update(name.encode())
        h.update(p.detach().cpu().numpy().tobytes())
    return h.hexdigest()


def test_every_analysis_leaves_the_model_as_it_was(model):
    before = _weights(model)
    ids = _ids(model)
    forward.run(model, ids, attentions=True)  # transformers adds its own output-capturing hooks once
    hooks = edits.hooks_left(model.model)
    pos = answer.position(model, ids)
    logits = forward.run(model, ids).logits[0, pos].float().numpy()
    target = answer.top(model, logits).token_id
    attribution.attribute(model, ids, pos, target, steps=4)
    ablation.head_sweep(model, ids, pos, target)
    ablation.ablate(model, ids, pos, target, "mlp", 0)
    patching.patch(model, ids, ids[:-2] + ids[-2:][::-1], pos, target, (target + 1) % 100)
    if model.kind == "causal":
        d = steering.direction(model, _ids(model, "good day"), _ids(model, "bad day"), 1)
        steering.steer(model, ids, d, 3.0, 3)
    assert edits.hooks_left(model.model) == hooks
    assert all(p.grad is None for p in model.model.parameters())
    assert _weights(model) == before


def test_integrated_gradients_equal_a_riemann_sum_of_captum_gradients(model):
    """Two right-Riemann points from a zero baseline: IG = (grad(x/2) + grad(x)) / 2 * x, which is
    gradient x input at x/2 plus half of gradient x input at x."""
    from captum.attr import InputXGradient

    ids = _ids(model)
    pos = answer.position(model, ids)
    x = forward.input_embeddings(model, ids)
    a = attribution.attribute(
        model, ids, pos, 5, steps=2, baseline=torch.zeros_like(x), ig_method="riemann_right"
    )
    f = attribution._objective(model, pos, 5, None)
    with torch.enable_grad():
        half = InputXGradient(f).attribute((x / 2).clone())[0].sum(-1).detach().numpy()
        full = InputXGradient(f).attribute(x.clone())[0].sum(-1).detach().numpy()
    np.testing.assert_allclose(a.integrated, half + full / 2, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(a.grad_input, full, rtol=1e-5, atol=1e-7)
    assert a.baseline_objective != a.objective
    with raises_code("why.bad_steps"):
        attribution.attribute(model, ids, pos, 5, steps=1)


def test_integrated_gradients_are_complete(model):
    ids = _ids(model)
    pos = answer.position(model, ids)
    special = [i in model.tokenizer.all_special_ids for i in ids]
    a = attribution.attribute(model, ids, pos, 7, contrast=11, steps=64, special=special)
    assert a.integrated_sum == pytest.approx(a.objective - a.baseline_objective, abs=1e-3)
    assert abs(a.delta) < 1e-3
    # the objective is the logit difference the model itself gives
    logits = forward.run(model, ids).logits[0, pos].float()
    assert a.objective == pytest.approx(float(logits[7] - logits[11]), abs=1e-4)
    # tokens the baseline keeps (special ones, a causal model's first) get no integrated gradient
    kept = attribution.kept_in_baseline(model, len(ids), special)
    assert np.all(a.integrated[np.array(kept)] == 0)


def test_attention_times_gradient_equals_autograd_on_the_attention_weights(model):
    ids = _ids(model)
    pos = answer.position(model, ids)
    a = attribution.attribute(model, ids, pos, 3, steps=2)
    x = forward.input_embeddings(model, ids).requires_grad_(True)
    with torch.enable_grad():
        out = model.model(inputs_embeds=x, attention_mask=torch.ones(1, len(ids)), output_attentions=True)
        grads = torch.autograd.grad(out.logits[0, pos, 3], out.attentions)
    direct = np.stack([(w[0] * g[0]).sum((0, 1)).detach().numpy() for w, g in zip(out.attentions, grads)])
    np.testing.assert_allclose(a.attention_grad_layers, direct, rtol=1e-3, atol=1e-6)


def test_head_scores_against_their_definitions():
    att = np.zeros((1, 2, 4, 4))
    att[0, 0, np.arange(1, 4), np.arange(0, 3)] = 1.0  # head 0 reads the previous token
    att[0, 1, :, 0] = 1.0  # head 1 reads the first token
    np.testing.assert_allclose(head_types.previous_token(att), [[1.0, 1.0 / 3]])  # A[1, 0] is both
    np.testing.assert_allclose(head_types.first_token(att), [[1.0 / 3, 1.0]])
    assert head_types.duplicate_token(att, [1, 2, 3, 4]) is None
    dup = head_types.duplicate_token(att, [5, 6, 5, 6])  # tokens 2, 3 repeat 0, 1
    assert dup.tolist() == [[0.0, 0.5]]
    ind = np.zeros((1, 1, 6, 6))
    ind[0, 0, 3, 1], ind[0, 0, 4, 2] = 1.0, 1.0  # seq a b c a b c: 2nd "a" reads "b", 2nd "b" reads "c"
    assert head_types.induction(ind, 0, 3).tolist() == [[1.0]]


def test_repeated_sequence_is_seeded_and_repeats(tiny_bert, tiny_gpt2):
    for m in (tiny_bert, tiny_gpt2):
        s = head_types.repeated_random(m, 10, seed=3)
        body = s.ids[s.start : s.start + 2 * s.n]
        assert body[: s.n] == body[s.n :] and len(set(body[: s.n])) == s.n
        assert (
            head_types.repeated_random(m, 10, seed=3).ids == s.ids != head_types.repeated_random(m, 10, 4).ids
        )
    seq, scores = head_types.on_repeated(tiny_gpt2, 8)
    assert scores.induction.shape == (2, tiny_gpt2.model.config.n_head) and np.all(
        (scores.induction >= 0) & (scores.induction <= 1)
    )
    with raises_code("why.bad_repeat"):
        head_types.repeated_random(tiny_gpt2, 1)


def test_zero_ablating_every_head_equals_removing_attention(tiny_llama):
    """Llama's W_O has no bias: all heads zeroed is the attention output zeroed."""
    ids, m = _ids(tiny_llama), tiny_llama
    pos = len(ids) - 1
    n_heads = 4
    with edits.editing(m.model, {("heads", 1): lambda x: x * 0}):
        all_heads = forward.run(m, ids).logits
    _, attn_off = ablation.ablate(m, ids, pos, 9, "attention", 1)
    with edits.editing(m.model, {("attn", 1): torch.zeros_like}):
        removed = forward.run(m, ids).logits
    torch.testing.assert_close(all_heads, removed)
    assert attn_off.logit == pytest.approx(float(removed[0, pos, 9]), abs=1e-5)
    # one head at a time, batched, equals one head at a time alone
    sweep = ablation.head_sweep(m, ids, pos, 9)
    for h in range(n_heads):
        _, alone = ablation.ablate(m, ids, pos, 9, "head", 1, head=h)
        assert sweep.prob[1, h] == pytest.approx(alone.prob, rel=1e-4)
        assert sweep.loss[1, h] == pytest.approx(alone.loss, rel=1e-4)
    assert sweep.before.loss == pytest.approx(_loss(m, ids), rel=1e-5)


def _loss(m: LoadedModel, ids: list[int]) -> float:
    logits = forward.run(m, ids).logits[0].float()
    return float(torch.nn.functional.cross_entropy(logits[:-1], torch.tensor(ids[1:])))


def test_mean_ablation_puts_the_reference_mean_in_place(tiny_gpt2):
    m, ids = tiny_gpt2, _ids(tiny_gpt2)
    ref = ablation.reference_means(m, ["A short text.", "Another text here."])
    _, after = ablation.ablate(m, ids, len(ids) - 1, 4, "mlp", 0, mode="mean", reference=ref)
    with edits.editing(m.model, {("mlp", 0): lambda x: ref.mlp[0].expand_as(x).clone()}):
        direct = forward.run(m, ids).logits[0, -1, 4]
    assert after.logit == pytest.approx(float(direct), abs=1e-5)
    with raises_code("why.no_reference"):
        ablation.ablate(m, ids, len(ids) - 1, 4, "mlp", 0, mode="mean")
    with raises_code("inside.bad_head"):
        ablation.ablate(m, ids, len(ids) - 1, 4, "head", 0, head=99)


def test_patching_restores_fully_at_the_first_layer_and_not_at_untouched_positions(model):
    clean = _ids(model)
    corrupt = list(clean)
    changed = 2
    corrupt[changed] = (clean[changed] + 17) % 1000
    pos = answer.position(model, clean)
    stops = []
    p = patching.patch(model, clean, corrupt, pos, 5, 6, "resid", on_layer=lambda d, t, _x: stops.append(d))
    # the residual stream entering block 0 at the changed token is the only difference: patching it
    # restores the clean run exactly; every other position entering block 0 changes nothing
    assert p.restored[0, changed] == pytest.approx(1.0, abs=1e-4)
    others = [i for i in range(len(clean)) if i != changed]
    np.testing.assert_allclose(p.diffs[0, others], p.corrupt_diff, atol=1e-4)
    assert stops == list(range(1, p.diffs.shape[0] + 1))
    # the last layer's patch at the answer's position (causal) gives the clean run's stream there
    seen = []
    partial = patching.patch(
        model, clean, corrupt, pos, 5, 6, "mlp", lambda d, t, _x: seen.append(d), stop=lambda: len(seen) >= 1
    )
    assert partial.layers_done == 1 and np.isnan(partial.diffs[1:]).all()


def test_patching_refuses_pairs_it_cannot_patch(tiny_gpt2):
    a, b = _ids(tiny_gpt2, "The cat sat"), _ids(tiny_gpt2, "The big cat sat")
    with raises_code("why.patch_lengths"):
        patching.patch(tiny_gpt2, a, b, len(a) - 1, 1, 2)
    with raises_code("why.patch_same"):
        patching.patch(tiny_gpt2, a, a, len(a) - 1, 1, 2)


def test_steering_adds_the_direction_and_nothing_else(tiny_llama):
    m = tiny_llama
    hooks = edits.hooks_left(m.model)
    a, b, prompt = _ids(m, "good good good"), _ids(m, "bad bad"), _ids(m, "The cat")
    d = steering.direction(m, a, b, 1)
    with edits.recording(m.model, [("resid", 1)]) as rec:
        forward.run(m, a)
    mean_a = rec[("resid", 1)][0].mean(0)
    with edits.recording(m.model, [("resid", 1)]) as rec:
        forward.run(m, b)
    np.testing.assert_allclose(d.vector, (mean_a - rec[("resid", 1)][0].mean(0)).numpy(), atol=1e-5)
    zero = steering.steer(m, prompt, d, 0.0, 6)
    assert zero.plain.ids == zero.steered.ids
    pushed = steering.steer(m, prompt, d, 50.0, 6, Strategy(temperature=1.0, seed=2))
    again = steering.steer(m, prompt, d, 50.0, 6, Strategy(temperature=1.0, seed=2))
    assert pushed.steered.ids == again.steered.ids and pushed.plain.ids == again.plain.ids
    with raises_code("why.steer_not_finite"):
        steering.steer(m, prompt, d, 1e300, 3)  # finite here, infinite in float32
    assert edits.hooks_left(m.model) == hooks


def test_steering_needs_a_causal_model(tiny_bert):
    ids = _ids(tiny_bert)
    with raises_code("generate.needs_causal"):
        steering.direction(tiny_bert, ids, ids, 0)


def test_answers_masks_and_pieces(tiny_gpt2, tiny_bert):
    assert answer.position(tiny_gpt2, [1, 2, 3]) == 2
    with raises_code("why.no_mask"):
        answer.position(tiny_bert, tiny_bert.tokenizer("no blank here")["input_ids"])
    word = answer.typed(tiny_gpt2, "unbelievability")
    assert word.n_pieces > 1 and word.token_id == tiny_gpt2.tokenizer(" unbelievability")["input_ids"][0]
    assert answer.label(tiny_gpt2, tiny_gpt2.tokenizer("\n")["input_ids"][0]) == "⏎"
    with raises_code("inspect.no_tokens"):
        attribution.attribute(tiny_gpt2, [], 0, 1)
    with raises_code("why.too_long"):
        attribution.attribute(tiny_gpt2, [1] * (attribution.MAX_TOKENS + 1), 0, 1)


def test_edits_change_only_the_calling_threads_passes(tiny_gpt2):
    ids = _ids(tiny_gpt2)
    clean = forward.run(tiny_gpt2, ids).logits
    seen = {}
    started, release = threading.Event(), threading.Event()

    def other_session():
        started.wait()
        seen["other"] = forward.run(tiny_gpt2, ids).logits
        release.set()

    t = threading.Thread(target=other_session)
    t.start()
    with edits.editing(tiny_gpt2.model, {("attn", 0): torch.zeros_like}):
        started.set()
        release.wait(30)
        mine = forward.run(tiny_gpt2, ids).logits
    t.join()
    torch.testing.assert_close(seen["other"], clean)
    assert not torch.allclose(mine, clean)
