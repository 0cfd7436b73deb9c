"""The logit lens reads each layer through the model's own head; its last layer is the model's output."""

import dataclasses
import importlib

import numpy as np
import pytest
import torch
from torch import nn

from lmviz import LmvizError, inspect_text
from lmviz.analysis.logit_lens import logit_lens

TEXT = "The quick brown fox jumps over the lazy dog."


def softmax(logits: np.ndarray) -> np.ndarray:
    return torch.softmax(torch.from_numpy(np.array(logits)), dim=-1).numpy()


def assert_matches_logits(lens, logits: np.ndarray, k: int, rtol: float = 1e-5) -> None:
    """A lens row (top-k ids, their probabilities) equals the one read from (T, V) logits."""
    probs = softmax(logits)
    order = np.argsort(-logits, axis=-1, kind="stable")[:, :k]
    np.testing.assert_array_equal(lens[0], order)
    np.testing.assert_allclose(lens[1], np.take_along_axis(probs, order, -1), rtol=rtol, atol=1e-7 * rtol)


@pytest.mark.parametrize("fixture", ["tiny_gpt2", "tiny_bert"])
def test_last_layer_is_the_models_own_prediction(fixture, request):
    loaded = request.getfixturevalue(fixture)
    r = inspect_text(loaded, TEXT)
    lens = logit_lens(loaded, r, top_k=3)
    L1, T = r.hidden_states.shape[:2]
    assert lens.top_ids.shape == lens.top_probs.shape == (L1, T, 3)
    assert lens.final_answer_prob.shape == (L1, T) and len(lens.top_tokens) == L1
    assert all(len(row) == T for row in lens.top_tokens)
    np.testing.assert_array_equal(lens.top_ids[-1, :, 0], r.logits.argmax(-1))
    np.testing.assert_array_equal(lens.final_ids, r.logits.argmax(-1))
    assert_matches_logits((lens.top_ids[-1], lens.top_probs[-1]), r.logits, 3, rtol=0)
    probs = softmax(r.logits)
    expected = probs[np.arange(T), probs.argmax(-1)]
    np.testing.assert_array_equal(lens.final_answer_prob[-1], expected)
    shown = [loaded.tokenizer.decode([i], clean_up_tokenization_spaces=False) for i in r.logits.argmax(-1)]
    assert list(lens.top_tokens[-1]) == shown
    assert not lens.top_ids.flags.writeable and not lens.final_answer_prob.flags.writeable


def test_gpt2_earlier_layers_are_ln_f_then_lm_head(tiny_gpt2):
    r = inspect_text(tiny_gpt2, TEXT)
    lens = logit_lens(tiny_gpt2, r, top_k=5)
    model = tiny_gpt2.model
    for layer in (0, 1):  # the embeddings and the first block; layer 2 is the model's output
        with torch.no_grad():
            h = torch.from_numpy(np.array(r.hidden_states[layer]))
            logits = model.lm_head(model.transformer.ln_f(h)).numpy()
        assert_matches_logits((lens.top_ids[layer], lens.top_probs[layer]), logits, 5)
        final = softmax(logits)[np.arange(r.n_tokens), r.logits.argmax(-1)]
        np.testing.assert_allclose(lens.final_answer_prob[layer], final, rtol=1e-5, atol=1e-9)


def test_bert_layers_go_through_the_mlm_head(tiny_bert):
    r = inspect_text(tiny_bert, TEXT)
    lens = logit_lens(tiny_bert, r, top_k=2)
    with torch.no_grad():
        logits = tiny_bert.model.cls(torch.from_numpy(np.array(r.hidden_states[0]))).numpy()
    assert_matches_logits((lens.top_ids[0], lens.top_probs[0]), logits, 2)


def test_chunked_reading_gives_the_same_answer(tiny_gpt2, monkeypatch):
    r = inspect_text(tiny_gpt2, TEXT)
    whole = logit_lens(tiny_gpt2, r, top_k=2)
    # The module itself: `lmviz.logit_lens` may name the function once lmviz/__init__ exports it.
    module = importlib.import_module("lmviz.analysis.logit_lens")
    monkeypatch.setattr(module, "CHUNK_ELEMENTS", 3 * r.logits.shape[-1])  # 3 rows at a time
    chunked = logit_lens(tiny_gpt2, r, top_k=2)
    np.testing.assert_array_equal(chunked.top_ids, whole.top_ids)
    np.testing.assert_allclose(chunked.top_probs, whole.top_probs, rtol=1e-6)
    np.testing.assert_allclose(chunked.final_answer_prob, whole.final_answer_prob, rtol=1e-6)


def test_refuses_an_encoder_without_a_head(tiny_bert):
    encoder = dataclasses.replace(tiny_bert, name="tiny-encoder", kind="encoder", model=tiny_bert.model.bert)
    r = inspect_text(encoder, TEXT)
    assert r.logits is None
    with pytest.raises(LmvizError, match="encoder without an output head"):
        logit_lens(encoder, r)


def test_refuses_an_unknown_architecture(tiny_gpt2):
    class NoKnownNorm(nn.Module):
        def __init__(self, head: nn.Module, config):
            super().__init__()
            self.lm_head, self.config = head, config

        def get_output_embeddings(self) -> nn.Module:
            return self.lm_head

    odd = dataclasses.replace(tiny_gpt2, model=NoKnownNorm(tiny_gpt2.model.lm_head, tiny_gpt2.model.config))
    r = inspect_text(tiny_gpt2, TEXT)
    with pytest.raises(LmvizError, match="logit lens is not supported for NoKnownNorm"):
        logit_lens(odd, r)


def test_refuses_a_mismatched_inspection_and_a_bad_top_k(tiny_gpt2, tiny_bert):
    r = inspect_text(tiny_gpt2, TEXT)
    with pytest.raises(LmvizError, match="made with 'tiny-gpt2'"):
        logit_lens(tiny_bert, r)
    with pytest.raises(LmvizError, match="top_k"):
        logit_lens(tiny_gpt2, r, top_k=0)


@pytest.mark.bundled
def test_smollm2_lens(smollm2):
    r = inspect_text(smollm2, "The capital of France is")
    lens = logit_lens(smollm2, r, top_k=3)
    assert lens.n_layers == smollm2.n_layers + 1 == 31
    assert_matches_logits((lens.top_ids[-1], lens.top_probs[-1]), r.logits, 3, rtol=0)
    assert lens.top_tokens[-1][-1] == " Paris"
    model = smollm2.model
    with torch.no_grad():
        h = torch.from_numpy(np.array(r.hidden_states))
        before_last = model.lm_head(model.model.norm(h[-2])).numpy()
        # The documented subtlety: the last hidden state already went through the final norm.
        np.testing.assert_allclose(model.lm_head(h[-1]).numpy(), r.logits, atol=2e-4, rtol=1e-4)
    assert_matches_logits((lens.top_ids[-2], lens.top_probs[-2]), before_last, 3)
    assert lens.final_answer_prob[-1, -1] == pytest.approx(
        softmax(r.logits[-1])[lens.final_ids[-1]], rel=1e-5
    )
