"""Inside the Transformer on tiny models: every hand-computed step against the model's own numbers and
against an independent numpy computation; the architecture's counts; the logit split; hooks left behind."""

from __future__ import annotations

import hashlib
import threading

import numpy as np
import pytest
import torch
from sklearn.decomposition import PCA
from transformers import LlamaConfig, LlamaForCausalLM, OPTConfig, OPTForCausalLM

from lmviz.analysis.inspection import inspect_text
from lmviz.analysis.internals import architecture, head_steps, logit_parts, neurons, parts, trace, vectors
from lmviz.errors import LmvizError
from lmviz.models import forward
from lmviz.models.bidirectional import BidirectionalLlamaForMaskedLM
from lmviz.models.loading import LoadedModel
from lmviz.models.seeding import seeded
from lmviz.models.tiny import gpt2_tokenizer

TEXT = "The cat sat on the mat because it was tired."


def _llama_config(**kw) -> LlamaConfig:
    return LlamaConfig(
        vocab_size=50257, hidden_size=64, intermediate_size=96, num_hidden_layers=2, num_attention_heads=4,
        num_key_value_heads=2, max_position_embeddings=128, attn_implementation="eager",
        tie_word_embeddings=True, **kw,
    )  # fmt: skip


def _wrap(name: str, kind: str, model) -> LoadedModel:
    return LoadedModel(
        name, kind, "", model.eval(), gpt2_tokenizer(), torch.device("cpu"), torch.float32, 128
    )


@pytest.fixture(scope="module")
def tiny_llama() -> LoadedModel:
    """Llama style as in SmolLM2: RoPE, grouped-query attention (4 query, 2 key/value heads), SwiGLU."""
    with seeded(0):
        return _wrap("tiny-llama", "causal", LlamaForCausalLM(_llama_config()))


@pytest.fixture(scope="module")
def tiny_bidirectional() -> LoadedModel:
    with seeded(1):
        return _wrap("tiny-llama-mlm", "masked", BidirectionalLlamaForMaskedLM(_llama_config()))


@pytest.fixture(params=["tiny_gpt2", "tiny_bert", "tiny_llama", "tiny_bidirectional"])
def any_model(request) -> LoadedModel:
    return request.getfixturevalue(request.param)


def _weights_hash(model) -> str:
    h = hashlib.sha256()
    for name, p in sorted(model.state_dict().items()):
        h.update(name.encode())
        h.update(p.detach().cpu().numpy().tobytes())
    return h.hexdigest()


def _hooks_left(model) -> int:
    return sum(len(m._forward_hooks) + len(m._forward_pre_hooks) for m in model.modules())


def test_every_head_by_hand_equals_the_model(any_model):
    """softmax = the model's attention (every layer, every head), W_O's output = the model's attention
    output, the block's output = the next hidden state."""
    tr = trace.trace_text(any_model, TEXT)
    ins = tr.inspection
    for layer in range(tr.n_layers):
        for head in range(ins.n_heads):
            s = head_steps.head_steps(any_model, tr, layer, head)
            np.testing.assert_allclose(s.probs, ins.attentions[layer, head], atol=1e-5)
            np.testing.assert_allclose(s.probs.sum(-1), 1.0, atol=1e-5)
        np.testing.assert_allclose(s.attn_out, tr.attn_out[layer], atol=1e-4)
        np.testing.assert_allclose(s.block_out, tr.block_out[layer], atol=1e-4)
        if layer + 1 < tr.n_layers:  # the last hidden state of a pre-norm model has the final norm applied
            np.testing.assert_allclose(tr.block_out[layer], ins.hidden_states[layer + 1], atol=1e-5)
    np.testing.assert_allclose(tr.block_in[0], ins.hidden_states[0], atol=1e-6)
    if tr.family.pre_norm:  # the residual stream is a sum of its parts
        stream = tr.block_in[0] + tr.attn_out.sum(0) + tr.mlp_out.sum(0)
        np.testing.assert_allclose(stream, tr.block_out[-1], atol=1e-4)


def _softmax_rows(s: np.ndarray) -> np.ndarray:
    e = np.exp(s - s.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def test_gpt2_head_against_numpy_from_the_state_dict(tiny_gpt2):
    """An independent computation of layer 0, head 1 of GPT-2 in numpy, straight from the weights."""
    sd = {k: v.detach().numpy().astype(np.float64) for k, v in tiny_gpt2.model.state_dict().items()}
    ids = tiny_gpt2.tokenizer(TEXT)["input_ids"]
    h = sd["transformer.wte.weight"][ids] + sd["transformer.wpe.weight"][: len(ids)]
    mu, var = h.mean(-1, keepdims=True), h.var(-1, keepdims=True)
    x = (h - mu) / np.sqrt(var + 1e-5) * sd["transformer.h.0.ln_1.weight"] + sd["transformer.h.0.ln_1.bias"]
    qkv = x @ sd["transformer.h.0.attn.c_attn.weight"] + sd["transformer.h.0.attn.c_attn.bias"]
    d, dh, head = 64, 16, 1
    q, k, v = (qkv[:, i * d + head * dh : i * d + (head + 1) * dh] for i in range(3))
    scores = q @ k.T / np.sqrt(dh)
    scores[np.triu(np.ones_like(scores), 1) > 0] = -np.inf
    probs = _softmax_rows(scores)

    tr = trace.trace_text(tiny_gpt2, TEXT)
    s = head_steps.head_steps(tiny_gpt2, tr, 0, head)
    np.testing.assert_allclose(s.x, x, atol=1e-4)
    np.testing.assert_allclose(s.q, q, atol=1e-4)
    np.testing.assert_allclose(s.v, v, atol=1e-4)
    np.testing.assert_allclose(s.scaled, q @ k.T / np.sqrt(dh), atol=1e-4)
    assert np.isneginf(s.masked[0, 1:]).all() and np.isfinite(s.masked[-1]).all()
    np.testing.assert_allclose(s.probs, probs, atol=1e-5)
    np.testing.assert_allclose(s.z, probs @ v, atol=1e-4)
    assert s.q_rot is None  # learned positions: no rotation


def test_rope_turns_pairs_and_leaves_token_zero(tiny_llama):
    tr = trace.trace_text(tiny_llama, TEXT)
    s = head_steps.head_steps(tiny_llama, tr, 1, 3)
    np.testing.assert_allclose(s.q_rot[0], s.q[0], atol=1e-6)  # position 0: angle 0
    assert np.abs(s.q_rot[1:] - s.q[1:]).max() > 1e-3
    half = s.q.shape[1] // 2
    pair_norm = lambda a: np.hypot(a[:, :half], a[:, half:])  # noqa: E731  # a rotation keeps each pair's length
    np.testing.assert_allclose(pair_norm(s.q_rot), pair_norm(s.q), atol=1e-5)
    np.testing.assert_allclose(s.scores, s.q_rot @ s.k_rot.T, atol=1e-4)


def test_grouped_query_heads_share_their_key_value_head(tiny_llama):
    tr = trace.trace_text(tiny_llama, TEXT)
    a, b, c = (head_steps.head_steps(tiny_llama, tr, 0, h) for h in (0, 1, 2))
    assert (a.kv_head, b.kv_head, c.kv_head) == (0, 0, 1) and a.group == 2
    np.testing.assert_array_equal(a.k, b.k)
    assert not np.allclose(a.k, c.k)


def test_masked_models_have_no_causal_mask(tiny_bert, tiny_bidirectional):
    for m in (tiny_bert, tiny_bidirectional):
        s = head_steps.head_steps(m, trace.trace_text(m, TEXT), 0, 0)
        assert not s.causal and np.isfinite(s.masked).all() and (s.probs[0, 1:] > 0).all()


def test_bad_layer_and_head_say_what_exists(tiny_gpt2):
    tr = trace.trace_text(tiny_gpt2, TEXT)
    with pytest.raises(LmvizError) as e:
        head_steps.head_steps(tiny_gpt2, tr, 5, 0)
    assert e.value.code == "inside.bad_layer"
    with pytest.raises(LmvizError) as e:
        head_steps.head_steps(tiny_gpt2, tr, 0, 9)
    assert e.value.code == "inside.bad_head"


def test_tracing_leaves_no_hook_and_the_weights_unchanged(any_model):
    before, hooks = _weights_hash(any_model.model), _hooks_left(any_model.model)
    tr = trace.trace_text(any_model, TEXT)
    head_steps.head_steps(any_model, tr, 0, 0)
    assert _hooks_left(any_model.model) == hooks
    assert _weights_hash(any_model.model) == before


def test_hooks_are_removed_when_the_pass_fails(tiny_gpt2):
    hooks = _hooks_left(tiny_gpt2.model)
    with pytest.raises(LmvizError):
        trace.trace_text(tiny_gpt2, "   ")
    assert _hooks_left(tiny_gpt2.model) == hooks


def test_another_sessions_pass_is_not_recorded(tiny_gpt2):
    """The shared model serves other sessions meanwhile: their passes run on their own threads."""
    with trace.recording(tiny_gpt2.model) as record:
        worker = threading.Thread(target=forward.run, args=(tiny_gpt2, [464, 3797, 3332]))
        worker.start()
        worker.join()
        assert all(v is None for values in record.values() for v in values)
        forward.run(tiny_gpt2, [464, 3797])
    assert record["block_in"][0].shape == (2, 64)


def test_a_text_over_the_cap_is_cut_with_a_notice(tiny_gpt2):
    tr = trace.trace_text(tiny_gpt2, "word " * 200)
    assert tr.inspection.n_tokens == trace.MAX_TOKENS and tr.inspection.notice
    assert tr.neurons.shape == (2, trace.MAX_TOKENS, 256)


def test_an_unknown_architecture_is_refused_clearly():
    config = OPTConfig(vocab_size=100, hidden_size=16, num_hidden_layers=1, ffn_dim=32, num_attention_heads=2,
                       word_embed_proj_dim=16, max_position_embeddings=32)  # fmt: skip
    model = _wrap("tiny-opt", "causal", OPTForCausalLM(config))
    assert parts.family_of(model.model) is None
    with pytest.raises(LmvizError) as e:
        trace.trace_text(model, TEXT)
    assert e.value.code == "inside.unsupported" and e.value.message.params["arch"] == "opt"


@pytest.mark.parametrize("name", ["tiny_gpt2", "tiny_bert", "tiny_llama"])
def test_the_parts_add_up_to_the_model(request, name):
    m = request.getfixturevalue(name)
    arch = architecture.describe(m.model, 7)
    assert architecture.parts_total(arch) == arch.total == sum(p.numel() for p in m.model.parameters())
    assert arch.part("attention").shape == (arch.n_heads, 7, 7)
    att = arch.layer_params[0]["attention"]
    d, dh = arch.d_model, arch.d_head
    expected = {  # by hand from the shapes
        "tiny_gpt2": 3 * d * d + 3 * d + d * d + d,
        "tiny_bert": 4 * (d * d + d),
        "tiny_llama": d * d + 2 * (arch.n_kv_heads * dh * d) + d * d,
    }[name]
    assert att == expected
    keys = [p.key for p in arch.outer]
    assert ("head_extra" in keys) == (name == "tiny_bert")  # BERT's MLM transform has its own weights
    assert arch.tied


def test_logit_parts_add_up_to_the_logit(tiny_gpt2, tiny_llama, tiny_bidirectional):
    for m in (tiny_gpt2, tiny_llama, tiny_bidirectional):
        tr = trace.trace_text(m, TEXT)
        p = tr.inspection.n_tokens - 1
        logits = logit_parts.head_logits(m, tr, p)
        if m.kind == "causal":
            np.testing.assert_allclose(logits, tr.inspection.logits[p], atol=1e-4)
        target = int(np.argmax(logits))
        parts_ = logit_parts.logit_parts(m, tr, p, target)
        assert parts_.logit == pytest.approx(float(logits[target]), abs=1e-5)
        assert parts_.total == pytest.approx(parts_.logit, abs=1e-4)
        np.testing.assert_allclose(parts_.attention, parts_.heads.sum(1) + parts_.attention_bias, atol=1e-9)
        # the heads' shares (through W_O's slices) add up to the share of the model's own attention output
        norm, head = parts.final_norm(m.model), parts.unembedding(m.model)
        u = (
            head.weight[target].detach().double().numpy()
            * norm.weight.detach().double().numpy()
            / parts_.scale
        )
        out = tr.attn_out[:, p].astype(np.float64)
        out = out if tr.family.rms_norm else out - out.mean(-1, keepdims=True)
        np.testing.assert_allclose(parts_.attention, out @ u, atol=1e-4)


def test_logit_parts_refuse_a_token_outside_the_vocabulary(tiny_gpt2):
    tr = trace.trace_text(tiny_gpt2, TEXT)
    with pytest.raises(LmvizError) as e:
        logit_parts.logit_parts(tiny_gpt2, tr, 0, 50257)
    assert e.value.code == "inside.bad_token"


def test_a_block_that_records_nothing_is_refused_clearly(tiny_gpt2, monkeypatch):
    """A module that is not called as this family's layout expects (another transformers version) leaves a
    hole in the record: the trace says the architecture is not drawn rather than failing later."""
    real = parts.hooks

    def moved(model, layer):
        h = real(model, layer)
        return parts.Hooks(h.block, h.attn_in, h.heads_out, h.mlp_in, torch.nn.Identity(), h.mlp_out)

    monkeypatch.setattr(parts, "hooks", moved)
    with pytest.raises(LmvizError) as e:
        trace.trace_text(tiny_gpt2, TEXT)
    assert e.value.code == "inside.unsupported"


def test_logit_parts_refuse_post_norm_models(tiny_bert):
    tr = trace.trace_text(tiny_bert, TEXT)
    with pytest.raises(LmvizError) as e:
        logit_parts.logit_parts(tiny_bert, tr, 0, 0)
    assert e.value.code == "inside.no_logit_parts"


def test_neurons_sorted_by_size(tiny_gpt2):
    tr = trace.trace_text(tiny_gpt2, TEXT)
    top = neurons.top_for_token(tr, 1, 3, 5)
    sizes = [abs(v) for _, v in top]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == np.abs(tr.neurons[1, 3]).max()
    assert neurons.values(tr, 1, top[0][0])[3] == top[0][1]
    peak = np.abs(tr.neurons[1]).max(0)
    assert peak[neurons.most_active(tr, 1, 3)].min() >= np.sort(peak)[-3]


def test_word_lists_and_maps(tiny_gpt2):
    assert vectors.parse_words("king, queen，man、woman\nboy") == ["king", "queen", "man", "woman", "boy"]
    assert vectors.parse_words("one two two three") == ["one", "two", "three"]
    with pytest.raises(LmvizError) as e:
        vectors.word_map(tiny_gpt2, ["a", "b"])
    assert e.value.code == "inside.few_words"
    wm = vectors.word_map(tiny_gpt2, ["king", "queen", "photosynthesis", "爱"])
    assert wm.points.shape == (4, 2) and wm.pieces[0] == 1 and wm.pieces[2] > 1
    assert 0 < wm.explained[1] <= wm.explained[0] < 1
    table = tiny_gpt2.model.get_input_embeddings().weight.detach().numpy()
    x = np.stack([table[vectors.word_ids(tiny_gpt2, w)].mean(0) for w in wm.words])
    np.testing.assert_allclose(wm.project(x), wm.points, atol=1e-5)  # the fitted PCA's own transform
    np.testing.assert_allclose(np.abs(PCA(n_components=2).fit_transform(x)), np.abs(wm.points), atol=1e-4)
    tr = trace.trace_text(tiny_gpt2, TEXT)
    path = vectors.layer_path(tr, 2, wm)
    assert path.shape == (tr.n_layers + 1, 2)
    # the path's first point is the token's embedding (plus position) scaled to the words' length
    first = tr.block_in[0, 2] / np.linalg.norm(tr.block_in[0, 2]) * wm.mean_norm
    np.testing.assert_allclose(path[0], wm.project(first[None])[0], atol=1e-5)
    assert not wm.points.flags.writeable and not wm.axes.flags.writeable


def test_the_attention_page_matrix_is_the_same_pass(tiny_llama):
    """The page's softmax equals what the attention page shows (its own inspection of the text)."""
    tr = trace.trace_text(tiny_llama, TEXT)
    page = inspect_text(tiny_llama, TEXT)
    for layer in range(tr.n_layers):
        s = head_steps.head_steps(tiny_llama, tr, layer, 2)
        np.testing.assert_allclose(s.probs, page.attentions[layer, 2], atol=1e-5)
