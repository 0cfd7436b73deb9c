"""lmviz's numbers equal a direct transformers call on the same model and input."""

import numpy as np
import pytest
import torch

from lmviz import inspect_text


def direct(loaded, text):
    enc = loaded.tokenizer(text, return_tensors="pt")
    with torch.no_grad():
        return enc, loaded.model(**enc, output_attentions=True, output_hidden_states=True)


@pytest.mark.parametrize("fixture", ["tiny_gpt2", "tiny_bert"])
def test_tiny_models_match_direct_call(fixture, request):
    loaded = request.getfixturevalue(fixture)
    text = "Attention is all you need, they said."
    r = inspect_text(loaded, text)
    enc, out = direct(loaded, text)
    assert r.token_ids.tolist() == enc["input_ids"][0].tolist()
    np.testing.assert_allclose(r.logits, out.logits[0].numpy(), rtol=1e-5, atol=1e-5)
    for layer, att in enumerate(out.attentions):
        np.testing.assert_allclose(r.attentions[layer], att[0].numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(r.hidden_states[-1], out.hidden_states[-1][0].numpy(), atol=1e-5)


@pytest.mark.bundled
@pytest.mark.parametrize("fixture", ["smollm2", "masked_lm", "minilm"])
def test_bundled_models_match_direct_call(fixture, request):
    loaded = request.getfixturevalue(fixture)
    text = "The Eiffel Tower is in Paris."
    r = inspect_text(loaded, text)
    enc, out = direct(loaded, text)
    assert r.token_ids.tolist() == enc["input_ids"][0].tolist()
    assert len(out.attentions) == r.n_layers > 0
    for layer, att in enumerate(out.attentions):
        np.testing.assert_allclose(r.attentions[layer], att[0].numpy(), rtol=1e-4, atol=1e-6)
    if r.logits is not None:
        np.testing.assert_allclose(r.logits, out.logits[0].numpy(), rtol=1e-4, atol=1e-4)


@pytest.mark.bundled
def test_causal_token_logprobs_equal_the_model_loss(smollm2):
    text = "The capital of France is Paris."
    r = inspect_text(smollm2, text)
    enc = smollm2.tokenizer(text, return_tensors="pt")
    with torch.no_grad():
        loss = smollm2.model(**enc, labels=enc["input_ids"]).loss.item()
    assert -np.nanmean(r.token_logprobs) == pytest.approx(loss, rel=1e-4)
