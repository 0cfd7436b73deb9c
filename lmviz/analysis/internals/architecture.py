"""The loaded model drawn from its config and `named_parameters()`: each part in order, the shape of what
it outputs for a text of T tokens, and its parameter count. The counts add up to the model's total."""

from __future__ import annotations

import re
from dataclasses import dataclass

from torch import nn

from lmviz.analysis.internals import parts

# Part keys, in the order data flows through them. "block" parts repeat once per layer.
OUTER = ("embed", "positions", "final_norm", "unembed", "head_extra")
IN_BLOCK = ("norm1", "attention", "norm2", "mlp")
_LAYER = re.compile(r"(?:^|\.)(?:layers|h|layer)\.(\d+)\.")

# Parameter name (after the layer index, or anywhere for outer parts) -> part, first match wins.
_BLOCK_RULES = {
    "llama": (("input_layernorm", "norm1"), ("self_attn.", "attention"),
              ("post_attention_layernorm", "norm2"), ("mlp.", "mlp")),
    "gpt2": (("ln_1", "norm1"), ("attn.", "attention"), ("ln_2", "norm2"), ("mlp.", "mlp")),
    "bert": (("attention.output.LayerNorm", "norm1"), ("attention.", "attention"),
             ("output.LayerNorm", "norm2"), ("intermediate.", "mlp"), ("output.dense", "mlp")),
}  # fmt: skip
_OUTER_RULES = {
    "llama": (("embed_tokens", "embed"), ("norm.", "final_norm"), ("lm_head", "unembed")),
    "gpt2": (("wte", "embed"), ("wpe", "positions"), ("ln_f", "final_norm"), ("lm_head", "unembed")),
    "bert": (("word_embeddings", "embed"), ("embeddings.", "positions"), ("predictions.bias", "unembed"),
             ("predictions.decoder", "unembed"), ("predictions.transform", "head_extra"),
             ("pooler", "head_extra")),
}  # fmt: skip


@dataclass(frozen=True)
class Part:
    """One box of the diagram: `key` names it (i18n), `shape` is its output for the text, `params` its count
    (for a block part: one layer's)."""

    key: str
    shape: tuple[int, ...]
    params: int


@dataclass(frozen=True)
class Architecture:
    family: str
    n_layers: int
    d_model: int
    n_heads: int
    n_kv_heads: int
    d_head: int
    d_mlp: int
    vocab: int
    n_tokens: int
    activation: str
    tied: bool  # the unembedding is the embedding matrix (no parameters of its own)
    outer: tuple[Part, ...]  # before and after the blocks, in order
    block: tuple[Part, ...]  # one block's parts, in order (parameters: layer 0's)
    layer_params: tuple[dict[str, int], ...]  # each layer's parameters per block part
    block_params: tuple[int, ...]  # each layer's total
    total: int  # sum(p.numel() for p in model.parameters()): what the parts add up to

    def part(self, key: str) -> Part | None:
        return next((p for p in self.outer + self.block if p.key == key), None)


def count_parameters(model: nn.Module, family: str) -> tuple[dict[str, int], list[dict[str, int]]]:
    """Parameters per outer part and per (layer, block part). A name no rule knows counts as head_extra."""
    n_layers = len(parts.blocks(model))
    outer: dict[str, int] = dict.fromkeys(OUTER, 0)
    per_layer = [dict.fromkeys(IN_BLOCK, 0) for _ in range(n_layers)]
    for name, p in model.named_parameters():  # tied weights appear once
        m = _LAYER.search(name)
        if m:
            rest = name[m.end() :]
            key = next((k for pat, k in _BLOCK_RULES[family] if rest.startswith(pat)), None)
            if key is not None:
                per_layer[int(m.group(1))][key] += p.numel()
                continue
        key = next((k for pat, k in _OUTER_RULES[family] if pat in name), "head_extra")
        outer[key] += p.numel()
    return outer, per_layer


def describe(model: nn.Module, n_tokens: int) -> Architecture:
    """The architecture of `model` for a text of `n_tokens` tokens."""
    family = parts.require_family(model)
    cfg = model.config
    w = parts.attention_weights(model, 0)
    d, t = cfg.hidden_size, n_tokens
    d_mlp = parts.hooks(model, 0).neurons.weight.shape[1 if family is not parts.GPT2 else 0]  # (out, in)
    vocab = cfg.vocab_size
    outer_p, layer_p = count_parameters(model, family.name)
    head = parts.unembedding(model)
    embedding = parts.base(model).get_input_embeddings().weight
    output = model.get_output_embeddings() if hasattr(model, "get_output_embeddings") else None
    tied = output is None or output.weight is embedding
    has_head = head is not None or hasattr(model, "cls")  # a bare encoder has no vocabulary head
    act = str(getattr(cfg, "hidden_act", None) or getattr(cfg, "activation_function", "?"))
    block = (
        Part("norm1", (t, d), layer_p[0]["norm1"]),
        Part("attention", (w.n_heads, t, t), layer_p[0]["attention"]),
        Part("norm2", (t, d), layer_p[0]["norm2"]),
        Part("mlp", (t, d_mlp), layer_p[0]["mlp"]),
    )
    outer = [Part("embed", (t, d), outer_p["embed"])]
    if family.learned_positions:
        outer.append(Part("positions", (t, d), outer_p["positions"]))
    else:
        outer.append(Part("positions", (w.n_heads, t, w.d_head), 0))  # RoPE rotates q and k in each block
    if family.pre_norm:
        outer.append(Part("final_norm", (t, d), outer_p["final_norm"]))
    if has_head:
        outer.append(Part("unembed", (t, vocab), outer_p["unembed"]))
    if outer_p["head_extra"]:
        outer.append(Part("head_extra", (t, d), outer_p["head_extra"]))
    total = sum(p.numel() for p in model.parameters())
    return Architecture(
        family.name, len(layer_p), d, w.n_heads, w.n_kv_heads, w.d_head, d_mlp, vocab, t, act, tied,
        tuple(outer), block, tuple(layer_p), tuple(sum(layer.values()) for layer in layer_p), total,
    )  # fmt: skip


def parts_total(arch: Architecture) -> int:
    """What the diagram's counts add up to (equal to `arch.total`: a test checks it)."""
    return sum(p.params for p in arch.outer) + sum(arch.block_params)
