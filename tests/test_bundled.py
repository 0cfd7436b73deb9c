"""Smoke tests on the real bundled models: they load offline and answer sensibly."""

import numpy as np
import pytest
import torch

import lmviz
from lmviz import inspect_text

pytestmark = pytest.mark.bundled


def fill_mask(loaded, text, k=5):
    tok = loaded.tokenizer
    text = text.replace("[MASK]", tok.mask_token)
    r = inspect_text(loaded, text)
    pos = int(np.flatnonzero(r.token_ids == tok.mask_token_id)[0])
    probs = torch.tensor(r.logits[pos]).softmax(-1)
    top = probs.topk(k)
    return [tok.convert_ids_to_tokens(int(i)) for i in top.indices], top.values.tolist()


def test_smollm2_predicts_paris(smollm2):
    r = inspect_text(smollm2, "The capital of France is")
    probs = torch.tensor(r.logits[-1]).softmax(-1)
    best = int(probs.argmax())
    assert smollm2.tokenizer.decode([best]) == " Paris"
    assert probs[best] > 0.5
    assert smollm2.kind == "causal" and smollm2.n_layers == 30 and smollm2.n_heads == 9


def test_smollm2_has_a_chat_template(smollm2):
    chat = smollm2.tokenizer.apply_chat_template(
        [{"role": "user", "content": "Hi"}], tokenize=False, add_generation_prompt=True
    )
    assert "Hi" in chat and "assistant" in chat


@pytest.mark.parametrize(
    "probe, good",
    [
        ("Paris is the capital of [MASK].", {"france"}),
        ("She [MASK] to the store yesterday.", {"went", "walked", "ran", "came", "returned", "drove"}),
        ("He is taller [MASK] his brother.", {"than"}),
        ("I drink a cup of [MASK] every morning.", {"tea", "coffee", "milk", "water"}),
    ],
)
def test_masked_lm_fill_mask_is_sensible(masked_lm, probe, good):
    words, probs = fill_mask(masked_lm, probe)
    assert good & set(words), f"{probe}: top-5 {list(zip(words, probs))} has none of {good}"


def test_masked_lm_is_a_real_mlm(masked_lm):
    assert masked_lm.kind == "masked"
    assert masked_lm.n_layers == 6 and masked_lm.n_heads == 12


def test_minilm_is_attention_only(minilm):
    r = inspect_text(minilm, "Sentence encoders have no word head.")
    assert minilm.kind == "encoder" and r.logits is None and r.token_logprobs is None
    assert r.attentions.shape[:2] == (6, 12)


def test_list_models_shows_bundled_ones():
    names = {m.name: m for m in lmviz.list_models()}
    for kind in ("causal", "masked", "encoder"):
        default = lmviz.default_model(kind)
        assert names[default].available, names[default].reason
        assert names[default].kind == kind
