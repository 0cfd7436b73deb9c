"""One-time conversion of the bundled SmolLM2 GGUF into a plain safetensors folder under the cache."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from transformers import LlamaConfig, LlamaForCausalLM, PretrainedConfig

from lmviz.models.assets import asset_path
from lmviz.models.paths import cache_dir

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
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=SMOLLM2_FOLDER + ".", dir=target.parent))
    try:
        progress(f"Writing safetensors to {target} ...")
        plain.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        (tmp / _DONE_MARKER).write_text(_stamp() + f"converted from {gguf}\n")
        if target.exists():
            shutil.rmtree(target)
        tmp.chmod(0o755)
        tmp.rename(target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    progress("SmolLM2 is ready; later loads take about a second.")
    return target
