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


def test_smollm2_conversion_is_a_plain_model(smollm2):
    """The converted folder has no GGUF quantization_config: its copies save like any model."""
    from lmviz.models import convert

    assert getattr(smollm2.model.config, "quantization_config", None) is None
    assert not getattr(smollm2.model, "is_quantized", False)
    assert convert.smollm2_ready()
    assert "quantization_config" not in (convert.smollm2_dir() / "config.json").read_text()


def test_a_conversion_of_an_older_version_is_redone(tmp_path, monkeypatch):
    from lmviz.models import convert

    monkeypatch.setenv("LMVIZ_CACHE", str(tmp_path))
    folder = convert.smollm2_dir()
    folder.mkdir(parents=True)
    (folder / "lmviz-converted.txt").write_text("converted from SmolLM2-135M-Instruct.Q4_1.gguf\n")  # v1
    assert not convert.smollm2_ready()


def test_fine_tuned_smollm2_exports_and_loads_back_with_identical_logits(smollm2, tmp_path):
    import zipfile

    from lmviz.training.config import TrainConfig
    from lmviz.training.data import corpus, make_blocks
    from lmviz.training.export import write_zip
    from lmviz.training.loop import TrainRun

    blocks = make_blocks(smollm2.tokenizer, corpus("kjv"), 32)
    run = TrainRun(smollm2, blocks, TrainConfig(method="lora", steps=2, batch=2, seq_len=32))
    for _ in run.steps():
        pass
    tuned = run.result("fine-tuned: smollm2-135m #test")
    path = write_zip(tuned, tmp_path / "tuned.zip", {"note": "test"})
    with zipfile.ZipFile(path) as zf:
        zf.extractall(tmp_path / "tuned")
    loaded = lmviz.load_model(str(tmp_path / "tuned"), device="cpu")
    assert loaded.kind == "causal"
    ids = smollm2.tokenizer("And the LORD said unto Moses", return_tensors="pt")["input_ids"]
    with torch.no_grad():
        want, got = tuned.model(input_ids=ids).logits, loaded.model(input_ids=ids).logits
        base = smollm2.model(input_ids=ids).logits
    torch.testing.assert_close(got, want, rtol=0, atol=1e-5)
    assert (want - base).abs().max() > 1e-4  # it is the tuned model, not the base
