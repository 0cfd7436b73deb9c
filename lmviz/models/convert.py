"""One-time conversions under the cache: the bundled SmolLM2 GGUF into a plain safetensors folder, and that
model with the bundled both-sides adapter merged in (a masked LM)."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import torch
from transformers import LlamaConfig, LlamaForCausalLM, PretrainedConfig

from lmviz.models.assets import asset_path
from lmviz.models.paths import BUNDLED_DIR, cache_dir

SMOLLM2_FOLDER = "smollm2-135m-instruct"
_DONE_MARKER = "lmviz-converted.txt"
# Bumped whenever the conversion changes; a cache stamped with another version is converted again.
# 2: a plain config (no GGUF quantization_config, which made save_pretrained refuse every copy).
CONVERSION_VERSION = 2
# Keys of the GGUF-loaded config that describe the GGUF file, not the model.
_GGUF_ONLY_KEYS = ("quantization_config", "_model_name_or_path", "_name_or_path")


def smollm2_dir() -> Path:
    return cache_dir() / SMOLLM2_FOLDER


def _stamp() -> str:
    return f"lmviz conversion {CONVERSION_VERSION}\n"


def smollm2_ready() -> bool:
    """True when the cache holds a finished conversion made by this version of the conversion."""
    marker = smollm2_dir() / _DONE_MARKER
    try:
        return marker.read_text().startswith(_stamp())
    except OSError:
        return False


def plain_config(config: PretrainedConfig) -> PretrainedConfig:
    """The GGUF-loaded config without what describes the GGUF file: a float32 model nobody counts as
    quantised (transformers refuses to save a model whose config has a quantization_config)."""
    values = {k: v for k, v in config.to_dict().items() if k not in _GGUF_ONLY_KEYS}
    values["architectures"] = ["LlamaForCausalLM"]
    values["dtype"] = "float32"
    return LlamaConfig.from_dict(values)


def convert_smollm2(progress: Callable[[str], None] = lambda _msg: None) -> Path:
    """Dequantise the Q4_1 GGUF into fp32 safetensors once (about 15 s and 1.2 GB RAM on 2 cores).

    `save_pretrained` refuses the GGUF-loaded model (it counts as quantised), so the weights are copied
    into a plain LlamaForCausalLM with a plain config (`plain_config`): its copies (a fine-tuned model,
    the download zip) save like any other model. The folder is written beside the target and renamed
    into place, so an interrupted conversion is never mistaken for a finished one.
    """
    from transformers import AutoModelForCausalLM, AutoTokenizer

    target = smollm2_dir()
    if smollm2_ready():
        return target
    gguf = asset_path("smollm2_gguf")
    progress(f"Converting SmolLM2-135M-Instruct from {gguf.name} (one time, ~15 s)...")
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    quantised = AutoModelForCausalLM.from_pretrained(
        gguf.parent, gguf_file=gguf.name, attn_implementation="eager"
    )
    plain = LlamaForCausalLM(plain_config(quantised.config))
    plain.load_state_dict(quantised.state_dict())
    del quantised
    progress(f"Writing safetensors to {target} ...")

    def write(folder: Path) -> None:
        plain.save_pretrained(folder, safe_serialization=True)
        tokenizer.save_pretrained(folder)
        (folder / _DONE_MARKER).write_text(_stamp() + f"converted from {gguf}\n")

    _write_atomically(target, write)
    progress("SmolLM2 is ready; later loads take about a second.")
    return target


def _write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """`write` into a folder beside `target`, then rename it into place: an interrupted conversion is never
    mistaken for a finished one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=target.parent))
    try:
        write(tmp)
        if target.exists():
            shutil.rmtree(target)
        tmp.chmod(0o755)
        tmp.rename(target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


# --- SmolLM2 made to read both sides: the same network, with the bundled MNTP adapter merged in -----------

MLM_FOLDER = "smollm2-135m-mlm"
MLM_ADAPTER_DIR = BUNDLED_DIR / MLM_FOLDER  # adapter_config.json, adapter_model.safetensors (fp16), report
MASK_ID = 16  # SmolLM2's unused <empty_output> token, renamed <mask>: no new embedding row to train
MASK_TOKEN = "<mask>"
START_TOKEN = "<|endoftext|>"  # what every training row began with: position 0 is never a guess
MLM_VERSION = 1  # bumped when the merge changes (the adapter's own hash is part of the stamp too)


def smollm2_mlm_dir() -> Path:
    return cache_dir() / MLM_FOLDER


def _mlm_stamp() -> str:
    digest = hashlib.sha256()
    for name in ("adapter_config.json", "adapter_model.safetensors"):  # the rank and targets count too
        digest.update((MLM_ADAPTER_DIR / name).read_bytes())
    digest = digest.hexdigest()[:16]
    return f"lmviz conversion {CONVERSION_VERSION}, merge {MLM_VERSION}, adapter {digest}\n"


def smollm2_mlm_ready() -> bool:
    """True when the cache holds this adapter merged into this conversion of SmolLM2."""
    try:
        return (smollm2_mlm_dir() / _DONE_MARKER).read_text().startswith(_mlm_stamp())
    except OSError:
        return False


def build_smollm2_mlm(progress: Callable[[str], None] = lambda _msg: None) -> Path:
    """Merge the bundled bidirectional adapter (LoRA) into SmolLM2 once and save it as a plain masked LM:
    BidirectionalLlamaForMaskedLM weights and a tokenizer whose mask token is <mask> (about 20 s)."""
    from peft import LoraConfig, get_peft_model, set_peft_model_state_dict
    from safetensors.torch import load_file

    from lmviz.models.bidirectional import BidirectionalLlamaForMaskedLM

    target = smollm2_mlm_dir()
    if smollm2_mlm_ready():
        return target
    base = convert_smollm2(progress)
    progress("Merging the both-sides adapter into SmolLM2 (one time, ~20 s)...")
    model = BidirectionalLlamaForMaskedLM.from_pretrained(
        base, attn_implementation="eager", dtype=torch.float32, use_safetensors=True
    )
    # The adapter read as safetensors only (peft's own loader would fall back to a pickle file).
    adapted = get_peft_model(model, LoraConfig.from_pretrained(MLM_ADAPTER_DIR))
    set_peft_model_state_dict(adapted, load_file(MLM_ADAPTER_DIR / "adapter_model.safetensors"))
    merged = adapted.merge_and_unload()
    merged.config.architectures = ["BidirectionalLlamaForMaskedLM"]

    def write(folder: Path) -> None:
        merged.save_pretrained(folder, safe_serialization=True)
        for name in (
            "tokenizer.json",
            "tokenizer_config.json",
            "special_tokens_map.json",
            "chat_template.jinja",
        ):
            if (base / name).exists():
                shutil.copy(base / name, folder / name)
        with_mask_token(folder)
        (folder / _DONE_MARKER).write_text(_mlm_stamp() + f"merged {MLM_ADAPTER_DIR} into {base}\n")

    _write_atomically(target, write)
    progress("The both-sides SmolLM2 is ready.")
    return target


def with_mask_token(folder: Path) -> None:
    """Rename vocabulary entry MASK_ID (<empty_output>, unused by SmolLM2) to <mask> and make it the
    tokenizer's mask token, and start every text with <|endoftext|> (the masked model guesses the token at
    position i from position i - 1, so the first word needs something before it), in `folder`."""
    tok_file = folder / "tokenizer.json"
    data = json.loads(tok_file.read_text(encoding="utf-8"))
    old = next(t["content"] for t in data["added_tokens"] if t["id"] == MASK_ID)
    for entry in data["added_tokens"]:
        if entry["id"] == MASK_ID:
            entry["content"] = MASK_TOKEN
    vocab = data["model"]["vocab"]
    vocab[MASK_TOKEN] = vocab.pop(old)
    start = {"id": START_TOKEN, "ids": [vocab[START_TOKEN]], "tokens": [START_TOKEN]}
    first = {"SpecialToken": {"id": START_TOKEN, "type_id": 0}}
    data["post_processor"] = {
        "type": "TemplateProcessing",
        "single": [first, {"Sequence": {"id": "A", "type_id": 0}}],
        "pair": [first, {"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
        "special_tokens": {START_TOKEN: start},
    }
    tok_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    config_file = folder / "tokenizer_config.json"
    config = json.loads(config_file.read_text(encoding="utf-8"))
    config["mask_token"] = MASK_TOKEN
    config["bos_token"] = START_TOKEN
    config_file.write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
