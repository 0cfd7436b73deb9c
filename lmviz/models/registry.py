"""The model registry: the bundled offline models, the tiny test models, and hub models already cached.

A `ModelInfo` says what a name is (its kind, where it comes from) and whether it can be loaded here;
`lmviz.models.loading.load_model` turns a name into a `LoadedModel`.
"""

from __future__ import annotations

import os
import re
import socket
from dataclasses import dataclass

from transformers import AutoConfig, PretrainedConfig

from lmviz.errors import LmvizError, Message, message
from lmviz.kinds import Kind
from lmviz.models.assets import asset_available
from lmviz.models.paths import BUNDLED_DIR

BUNDLED_MASKED_DIR = BUNDLED_DIR / "minilm-l6-mlm"
MLM_ADAPTER = BUNDLED_DIR / "smollm2-135m-mlm" / "adapter_model.safetensors"  # merged in `lmviz prepare`
# The Chinese models (scripts/train_poems_zh.py): character-level, trained on the bundled Tang poems.
POEM_MODELS = ("poem-gpt-zh", "poem-bert-zh")
HUB_HOST = ("huggingface.co", 443)
# Hub ids are "name" or "owner/name" with letters, digits, "-", "_" and ".".
HUB_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}(/[A-Za-z0-9][A-Za-z0-9_.-]{0,95})?$")


@dataclass(frozen=True)
class ModelInfo:
    """A registry entry: what can be loaded, what it is, and why it is unavailable when it is."""

    name: str
    kind: Kind
    description: Message
    source: str  # "bundled", "tiny", "hub cache"
    available: bool = True
    reason: Message | None = None  # why it is unavailable


BUNDLED: dict[str, ModelInfo] = {
    "smollm2-135m": ModelInfo(
        "smollm2-135m",
        Kind.CAUSAL,
        message("model.smollm2_description"),
        "bundled",
    ),
    "smollm2-135m-mlm": ModelInfo(
        "smollm2-135m-mlm",
        Kind.MASKED,
        message("model.smollm2_mlm_description"),
        "bundled",
    ),
    "minilm-l6-mlm": ModelInfo(
        "minilm-l6-mlm",
        Kind.MASKED,
        message("model.minilm_mlm_description"),
        "bundled",
    ),
    "minilm-l6": ModelInfo(
        "minilm-l6",
        Kind.ENCODER,
        message("model.minilm_description"),
        "bundled",
    ),
    "poem-gpt-zh": ModelInfo("poem-gpt-zh", Kind.CAUSAL, message("model.poem_gpt_zh_description"), "bundled"),
    "poem-bert-zh": ModelInfo(
        "poem-bert-zh", Kind.MASKED, message("model.poem_bert_zh_description"), "bundled"
    ),
}
TINY: dict[str, ModelInfo] = {
    "tiny-gpt2": ModelInfo("tiny-gpt2", Kind.CAUSAL, message("model.tiny_gpt2_description"), "tiny"),
    "tiny-bert": ModelInfo("tiny-bert", Kind.MASKED, message("model.tiny_bert_description"), "tiny"),
}
DEFAULTS = {Kind.CAUSAL: "smollm2-135m", Kind.MASKED: "smollm2-135m-mlm", Kind.ENCODER: "minilm-l6"}
# In Chinese the pages read Chinese with the models trained on Chinese (the English ones read it as bytes).
DEFAULTS_ZH = {Kind.CAUSAL: "poem-gpt-zh", Kind.MASKED: "poem-bert-zh", Kind.ENCODER: "poem-bert-zh"}


def default_model(kind: Kind | str, lang: str = "en") -> str:
    """The bundled model lmviz uses for a kind ("causal", "masked" or "encoder") in a language ("en"
    or "zh")."""
    if kind not in set(Kind):
        raise LmvizError("model.unknown_kind", name=str(kind), choices=[k.value for k in Kind])
    return (DEFAULTS_ZH if lang == "zh" else DEFAULTS)[kind]


def bundled_status(name: str) -> tuple[bool, Message | None]:
    """(whether a bundled model can be loaded here, why not)."""
    needs = {
        "smollm2-135m": "smollm2_gguf",
        "smollm2-135m-mlm": "smollm2_gguf",
        "minilm-l6": "minilm_dir",
        "minilm-l6-mlm": "minilm_dir",
    }
    if name in needs and not asset_available(needs[name]):
        return False, message("model.package_missing")
    weights = {"minilm-l6-mlm": BUNDLED_MASKED_DIR / "model.safetensors", "smollm2-135m-mlm": MLM_ADAPTER}
    weights.update({poem: BUNDLED_DIR / poem / "model.safetensors" for poem in POEM_MODELS})
    if name in weights and not weights[name].exists():
        if name in POEM_MODELS:
            return False, message("model.poem_weights_missing")
        return False, message("model.weights_missing")
    return True, None


def list_models(kind: str | None = None, include_tiny: bool = True) -> list[ModelInfo]:
    """Models that can be loaded now: bundled ones, tiny test ones, and hub models already cached."""
    found = []
    for info in BUNDLED.values():
        ok, why = bundled_status(info.name)
        found.append(ModelInfo(info.name, info.kind, info.description, info.source, ok, why))
    if include_tiny:
        found.extend(TINY.values())
    found.extend(cached_hub_models())
    return [m for m in found if kind is None or m.kind == kind]


def cached_hub_models() -> list[ModelInfo]:
    """Hub models already in the local Hugging Face cache with safetensors weights."""
    try:
        from huggingface_hub import scan_cache_dir

        repos = scan_cache_dir().repos
    except Exception:  # no cache folder yet, or an unreadable one: nothing cached
        return []
    found = []
    for repo in sorted(repos, key=lambda r: r.repo_id):
        if repo.repo_type != "model":
            continue
        files = {f.file_name for rev in repo.revisions for f in rev.files}
        if "config.json" not in files or not any(f.endswith(".safetensors") for f in files):
            continue
        try:
            config = AutoConfig.from_pretrained(repo.repo_id, local_files_only=True, trust_remote_code=False)
        except Exception:
            continue
        desc = message("model.hub_cached", repo=repo.repo_id, model_type=config.model_type)
        found.append(ModelInfo(repo.repo_id, kind_of(config), desc, "hub cache"))
    return found


def kind_of(config: PretrainedConfig) -> Kind:
    """causal / masked / encoder, from the architectures a config names (or its model type)."""
    archs = " ".join(config.architectures or [])
    if re.search(r"(CausalLM|LMHeadModel)\b", archs):
        return Kind.CAUSAL
    if re.search(r"(MaskedLM|ForPreTraining)\b", archs):
        return Kind.MASKED
    if archs:
        return Kind.ENCODER
    from transformers.models.auto.modeling_auto import (
        MODEL_FOR_CAUSAL_LM_MAPPING_NAMES,
        MODEL_FOR_MASKED_LM_MAPPING_NAMES,
    )

    if config.model_type in MODEL_FOR_MASKED_LM_MAPPING_NAMES:
        return Kind.MASKED
    if config.model_type in MODEL_FOR_CAUSAL_LM_MAPPING_NAMES:
        return Kind.CAUSAL
    return Kind.ENCODER


def model_kind_of(name: str) -> Kind | None:
    """The kind of a registry name, or of a local folder or cached hub model read from its config alone
    (no weights loaded); None when there is no such model here."""
    name = (name or "").strip()
    info = BUNDLED.get(name) or TINY.get(name)
    if info is not None:
        return info.kind
    try:
        config = AutoConfig.from_pretrained(name, local_files_only=True, trust_remote_code=False)
    except Exception:  # not a folder, not cached, or not a model: nothing to say about its kind
        return None
    return kind_of(config)


def downloads_allowed() -> bool:
    """Hub downloads need LMVIZ_ALLOW_DOWNLOADS=1 and HF_HUB_OFFLINE unset; otherwise the cache only."""
    offline = os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes")
    return not offline and os.environ.get("LMVIZ_ALLOW_DOWNLOADS", "").lower() in ("1", "true", "yes")


def hub_reachable(timeout_s: float = 3.0) -> bool:
    try:
        with socket.create_connection(HUB_HOST, timeout=timeout_s):
            return True
    except OSError:
        return False
