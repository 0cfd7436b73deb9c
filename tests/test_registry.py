"""The model registry: names, kinds, devices, and clear errors for models that cannot be loaded."""

import json

import pytest
import torch
from transformers import AutoConfig, BertConfig, GPT2Config, LlamaConfig

import lmviz
from lmviz import LmvizError
from lmviz.models import registry as models
from lmviz.models.devices import pick_device, pick_dtype


def test_default_models_name_bundled_ones():
    assert lmviz.default_model("causal") == "smollm2-135m"
    assert lmviz.default_model("masked") == "smollm2-135m-mlm"  # the same network as the causal one
    assert lmviz.default_model("encoder") == "minilm-l6"
    # in Chinese: the models trained on Tang poems, one character a token
    assert [lmviz.default_model(k, "zh") for k in ("causal", "masked")] == ["poem-gpt-zh", "poem-bert-zh"]
    assert {m.name: m.available for m in lmviz.list_models()}["poem-bert-zh"]
    with pytest.raises(LmvizError, match="Unknown model kind"):
        lmviz.default_model("diffusion")


def test_tiny_models_are_listed_and_loadable(tiny_gpt2, tiny_bert):
    names = {m.name for m in lmviz.list_models()}
    assert {"tiny-gpt2", "tiny-bert"} <= names
    assert tiny_gpt2.kind == "causal" and tiny_bert.kind == "masked"
    assert tiny_gpt2.device.type == "cpu" and tiny_gpt2.dtype == torch.float32
    assert not tiny_gpt2.model.training
    assert tiny_gpt2.model.config._attn_implementation == "eager"


def test_tiny_models_are_seeded():
    a = lmviz.load_model("tiny-gpt2", device="cpu").model.state_dict()
    b = lmviz.load_model("tiny-gpt2", device="cpu").model.state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)


def test_gpt2_tokenizer_is_the_real_one(tiny_gpt2):
    assert tiny_gpt2.tokenizer("Hello world")["input_ids"] == [15496, 995]
    assert len(tiny_gpt2.tokenizer) == 50257


@pytest.mark.parametrize(
    "config, kind",
    [
        (GPT2Config(architectures=["GPT2LMHeadModel"]), "causal"),
        (LlamaConfig(architectures=["LlamaForCausalLM"]), "causal"),
        (BertConfig(architectures=["BertForMaskedLM"]), "masked"),
        (BertConfig(architectures=["BertForPreTraining"]), "masked"),
        (BertConfig(architectures=["BertModel"]), "encoder"),
        (GPT2Config(), "causal"),
        (BertConfig(), "masked"),
        (AutoConfig.for_model("roberta"), "masked"),
    ],
)
def test_kind_from_config(config, kind):
    assert models.kind_of(config) == kind


def test_unknown_hub_id_fails_at_once_with_advice():
    with pytest.raises(LmvizError, match="not in the local Hugging Face cache.*LMVIZ_ALLOW_DOWNLOADS"):
        lmviz.load_model("surely-not-a-model-xyz")


@pytest.mark.parametrize("name", ["", "   ", "bad name with spaces!", "a" * 300])
def test_malformed_names_are_refused(name):
    with pytest.raises(LmvizError):
        lmviz.load_model(name)


def test_unreachable_hub_fails_fast(monkeypatch):
    monkeypatch.setattr(models, "HUB_HOST", ("127.0.0.1", 9))  # discard port: nothing listens
    with pytest.raises(LmvizError, match="Cannot reach the Hugging Face hub"):
        lmviz.load_model("gpt2", allow_download=True)


def test_downloads_need_explicit_permission(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("LMVIZ_ALLOW_DOWNLOADS", raising=False)
    assert not models.downloads_allowed()
    monkeypatch.setenv("LMVIZ_ALLOW_DOWNLOADS", "1")
    assert models.downloads_allowed()
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert not models.downloads_allowed()


def test_missing_folder(tmp_path):
    with pytest.raises(LmvizError, match="does not exist"):
        lmviz.load_model(str(tmp_path / "nope"))


def test_folder_without_config(tmp_path):
    with pytest.raises(LmvizError, match="no config.json"):
        lmviz.load_model(str(tmp_path))


def test_pickle_only_folder_is_refused(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps(GPT2Config(n_layer=1).to_dict()))
    (tmp_path / "pytorch_model.bin").write_bytes(b"not even a pickle")
    with pytest.raises(LmvizError, match="only pickle weights"):
        lmviz.load_model(str(tmp_path))


def test_corrupt_safetensors_folder(tmp_path, tiny_gpt2):
    (tmp_path / "config.json").write_text(tiny_gpt2.model.config.to_json_string())
    (tmp_path / "model.safetensors").write_bytes(b"\x00garbage")
    with pytest.raises(LmvizError, match="could not be loaded"):
        lmviz.load_model(str(tmp_path))


def test_local_folder_round_trip(tmp_path, tiny_gpt2):
    tiny_gpt2.model.save_pretrained(tmp_path, safe_serialization=True)
    tiny_gpt2.tokenizer.save_pretrained(tmp_path)
    loaded = lmviz.load_model(str(tmp_path), device="cpu")
    assert loaded.kind == "causal" and loaded.source == "local folder"
    a, b = lmviz.inspect_text(loaded, "same numbers"), lmviz.inspect_text(tiny_gpt2, "same numbers")
    assert (a.logits == b.logits).all()


def test_device_choice(monkeypatch):
    monkeypatch.delenv("LMVIZ_DEVICE", raising=False)
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    if not torch.cuda.is_available() and torch.backends.mps.is_available():
        expected = "mps"
    assert pick_device().type == expected
    monkeypatch.setenv("LMVIZ_DEVICE", "cpu")
    assert pick_device().type == "cpu"
    monkeypatch.setenv("LMVIZ_DEVICE", "quantum")
    with pytest.raises(LmvizError, match="Unknown device"):
        pick_device()


def test_dtype_choice():
    cpu = torch.device("cpu")
    assert pick_dtype(cpu) == torch.float32
    assert pick_dtype(cpu, "bfloat16") == torch.float32  # half precision is for GPUs
    assert pick_dtype(torch.device("cuda"), "bfloat16") == torch.bfloat16
    with pytest.raises(LmvizError, match="Unknown dtype"):
        pick_dtype(cpu, "int3")


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the no-GPU message")
def test_cuda_requested_without_gpu():
    with pytest.raises(LmvizError, match="no CUDA GPU"):
        pick_device("cuda")
