"""Loading a model by name: a registry entry, a hub id or a local folder, in eval mode with eager attention.

`load_model(name)` gives one `LoadedModel`; every page and every analysis takes that object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import torch
from transformers import (
    AutoConfig,
    AutoModel,
    AutoModelForCausalLM,
    AutoModelForMaskedLM,
    AutoTokenizer,
    PretrainedConfig,
    PreTrainedModel,
    PreTrainedTokenizerBase,
)

from lmviz.errors import LmvizError, Message, message
from lmviz.kinds import Kind
from lmviz.models import convert, tiny
from lmviz.models.assets import asset_path
from lmviz.models.bidirectional import BidirectionalLlamaForMaskedLM  # also registers it as a masked LM
from lmviz.models.devices import pick_device, pick_dtype
from lmviz.models.paths import BUNDLED_DIR
from lmviz.models.registry import (
    BUNDLED,
    BUNDLED_MASKED_DIR,
    HUB_ID,
    POEM_MODELS,
    TINY,
    ModelInfo,
    bundled_status,
    downloads_allowed,
    hub_reachable,
    kind_of,
)


@dataclass(frozen=True, eq=False)
class LoadedModel:
    """A model ready for inspection. Shared between users: never change its weights in place."""

    name: str
    kind: Kind  # causal (next token), masked (fill-mask) or encoder (attention only)
    description: Message
    model: PreTrainedModel
    tokenizer: PreTrainedTokenizerBase
    device: torch.device
    dtype: torch.dtype
    max_tokens: int  # the longest input the model's positions allow
    source: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def n_layers(self) -> int:
        return self.model.config.num_hidden_layers

    @property
    def n_heads(self) -> int:
        return self.model.config.num_attention_heads


def load_model(
    name: str,
    device: str | None = None,
    dtype: str | None = None,
    allow_download: bool | None = None,
    progress: Callable[[str], None] = lambda _msg: None,
) -> LoadedModel:
    """Load a registry name, a hub id or a local folder, in eval mode, with eager attention.

    Raises `LmvizError` with a message that says what to do when the model cannot be loaded.
    """
    name = (name or "").strip()
    if not name:
        raise LmvizError("model.no_name")
    dev = pick_device(device)
    dt = pick_dtype(dev, dtype)
    if name in TINY:
        model, tok = tiny.tiny_gpt2() if name == "tiny-gpt2" else tiny.tiny_bert()
        info = TINY[name]
    elif name in BUNDLED:
        model, tok = _load_bundled(name, dt, progress)
        info = BUNDLED[name]
    else:
        allow = downloads_allowed() if allow_download is None else allow_download
        model, tok, info = _load_external(name, dt, allow)
    model = model.to(device=dev, dtype=dt).eval()
    model.requires_grad_(False)
    _check_eager(model, name)
    return LoadedModel(
        name=name,
        kind=info.kind,
        description=info.description,
        model=model,
        tokenizer=tok,
        device=dev,
        dtype=dt,
        max_tokens=_max_positions(model.config, tok),
        source=info.source,
    )


def _load_bundled(name: str, dtype: torch.dtype, progress: Callable[[str], None]):
    ok, why = bundled_status(name)
    if not ok:
        raise LmvizError("model.bundled_unavailable", model=name, why=why)
    folder, loader = _bundled_source(name, progress)
    model = loader.from_pretrained(folder, attn_implementation="eager", dtype=dtype, use_safetensors=True)
    return model, AutoTokenizer.from_pretrained(folder)


def _bundled_source(name: str, progress: Callable[[str], None]):
    """(the folder holding a bundled model, the class that reads it); SmolLM2 is converted there once.
    Weights stored in fp16 (minilm-l6-mlm, the poem models) are computed in the chosen dtype."""
    if name == "smollm2-135m":
        return convert.convert_smollm2(progress), AutoModelForCausalLM
    if name == "smollm2-135m-mlm":
        return convert.build_smollm2_mlm(progress), BidirectionalLlamaForMaskedLM
    if name in POEM_MODELS:  # a GPT-2 and a BERT reading characters
        return BUNDLED_DIR / name, AutoModelForCausalLM if BUNDLED[
            name
        ].kind == Kind.CAUSAL else AutoModelForMaskedLM
    if name == "minilm-l6-mlm":
        return BUNDLED_MASKED_DIR, AutoModelForMaskedLM
    return asset_path("minilm_dir"), AutoModel


def _load_external(name: str, dtype: torch.dtype, allow_download: bool):
    """A local folder or a hub id. Safetensors only, never remote code."""
    path = Path(name).expanduser()
    try:
        is_folder = path.is_dir()
    except OSError:  # e.g. a name too long to be a path
        is_folder = False
    looks_like_path = name.startswith((".", "/", "~", "\\")) or name.count("/") > 1
    if not is_folder and looks_like_path:
        raise LmvizError("model.folder_missing", path=name)
    if is_folder:
        _check_local_folder(path)
        source, where, local_only = "local folder", str(path), True
    else:
        if not HUB_ID.match(name):
            raise LmvizError("model.unknown_name", model=name)
        source, where, local_only = "hub cache", name, True
        if allow_download:
            if not hub_reachable():
                raise LmvizError("model.hub_unreachable", model=name)
            source, local_only = "hub", False
    try:
        config = AutoConfig.from_pretrained(where, local_files_only=local_only, trust_remote_code=False)
    except Exception as exc:  # missing, unreadable or malformed config.json
        raise _not_found(name, is_folder, allow_download, exc) from exc
    kind = kind_of(config)
    loaders = {Kind.CAUSAL: AutoModelForCausalLM, Kind.MASKED: AutoModelForMaskedLM, Kind.ENCODER: AutoModel}
    loader = loaders[kind]
    try:
        model = loader.from_pretrained(
            where,
            local_files_only=local_only,
            trust_remote_code=False,
            use_safetensors=True,
            attn_implementation="eager",
            dtype=dtype,
        )
        tok = AutoTokenizer.from_pretrained(where, local_files_only=local_only, trust_remote_code=False)
    except Exception as exc:  # a boundary: corrupt files raise many kinds of errors; all get a message
        raise LmvizError("model.load_failed", model=name, error=_first_line(exc)) from exc
    if not getattr(tok, "is_fast", False):
        raise LmvizError("model.no_fast_tokenizer", model=name)
    if source == "local folder":
        desc = message("model.from_folder", model=name, model_type=config.model_type)
    elif source == "hub":
        desc = message("model.from_hub", model=name, model_type=config.model_type)
    else:
        desc = message("model.from_hub_cache", model=name, model_type=config.model_type)
    return model, tok, ModelInfo(name, kind, desc, source)


def _check_local_folder(path: Path) -> None:
    if not (path / "config.json").is_file():
        raise LmvizError("model.folder_no_config", path=str(path))
    weights = [p.name for p in path.iterdir() if p.is_file()]
    if not any(w.endswith(".safetensors") for w in weights):
        pickles = [w for w in weights if w.endswith((".bin", ".pt", ".pth", ".ckpt", ".pkl"))]
        if pickles:
            why = message("model.only_pickle", files=sorted(pickles))
        else:
            why = message("model.no_safetensors")
        raise LmvizError("model.folder_refused", path=str(path), why=why)


def _not_found(name: str, is_folder: bool, allow_download: bool, exc: Exception) -> LmvizError:
    if is_folder:
        return LmvizError("model.folder_unreadable", path=name, error=_first_line(exc))
    if allow_download:
        return LmvizError("model.not_on_hub", model=name)
    return LmvizError("model.not_cached", model=name)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _check_eager(model: PreTrainedModel, name: str) -> None:
    impl = getattr(model.config, "_attn_implementation", "eager")
    if impl != "eager":
        try:
            model.set_attn_implementation("eager")
        except Exception as exc:
            raise LmvizError("model.no_eager", model=name, impl=str(impl)) from exc


def _max_positions(config: PretrainedConfig, tok: PreTrainedTokenizerBase) -> int:
    limits = [
        getattr(config, attr, None)
        for attr in ("max_position_embeddings", "n_positions", "max_seq_len", "seq_length")
    ]
    limits = [n for n in limits if isinstance(n, int) and n > 0]
    tok_max = getattr(tok, "model_max_length", None)
    if isinstance(tok_max, int) and 0 < tok_max < 1_000_000:
        limits.append(tok_max)
    return min(limits) if limits else 512
