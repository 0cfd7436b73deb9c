"""Where each part of a Transformer block lives in the three supported families, as one small record.

GPT-2 (fused `c_attn`, learned positions, LayerNorm before each part), Llama (SmolLM2: RoPE, grouped
query attention, SwiGLU, RMSNorm before each part) and BERT (MiniLM: LayerNorm after each residual add).
Weights are read in place (never copied or changed) and handed out in the Linear convention
y = x @ W.T + b; GPT-2's Conv1D weights are transposed views.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from lmviz.errors import LmvizError

FAMILIES = ("gpt2", "llama", "bert")


@dataclass(frozen=True)
class Family:
    """What a family's blocks look like, and the names of their modules."""

    name: str  # one of FAMILIES
    pre_norm: bool  # norm before attention and MLP (GPT-2, Llama); after each residual add (BERT)
    rope: bool  # rotary positions applied to q and k (Llama)
    learned_positions: bool  # a position table added to the token embeddings (GPT-2, BERT)
    gated_mlp: bool  # SwiGLU: down(act(gate(x)) * up(x)) (Llama)
    rms_norm: bool  # RMSNorm (Llama) rather than LayerNorm


GPT2 = Family("gpt2", pre_norm=True, rope=False, learned_positions=True, gated_mlp=False, rms_norm=False)
LLAMA = Family("llama", pre_norm=True, rope=True, learned_positions=False, gated_mlp=True, rms_norm=True)
BERT = Family("bert", pre_norm=False, rope=False, learned_positions=True, gated_mlp=False, rms_norm=False)
_BY_TYPE = {"gpt2": GPT2, "llama": LLAMA, "bert": BERT}


def family_of(model: nn.Module) -> Family | None:
    """The family of a loaded model, or None for an architecture these views do not draw yet."""
    return _BY_TYPE.get(getattr(model.config, "model_type", ""))


def require_family(model: nn.Module) -> Family:
    family = family_of(model)
    if family is None:
        raise LmvizError("inside.unsupported", arch=str(getattr(model.config, "model_type", "?")))
    return family


def base(model: nn.Module) -> nn.Module:
    """The stack without its head: LlamaModel, GPT2Model or BertModel (a bare encoder is its own base)."""
    for name in ("model", "transformer", "bert"):
        inner = getattr(model, name, None)
        if isinstance(inner, nn.Module):
            return inner
    return model


def blocks(model: nn.Module) -> list[nn.Module]:
    b = base(model)
    family = require_family(model)
    if family is LLAMA:
        return list(b.layers)
    if family is GPT2:
        return list(b.h)
    return list(b.encoder.layer)


@dataclass(frozen=True)
class Hooks:
    """The modules of one block whose inputs or outputs a trace records."""

    block: nn.Module  # input: the residual stream before the block; output: after it
    attn_in: nn.Module  # input: the vectors q, k and v are computed from (after the norm in pre-norm models)
    heads_out: nn.Module  # W_O: input = the heads' outputs side by side (T, H*d_head); output = attention's
    mlp_in: nn.Module  # input: the vectors the MLP reads
    neurons: nn.Module  # input: the MLP's hidden activations (T, F), after the activation (and the gate)
    mlp_out: nn.Module  # output: the MLP's result (T, D), before the residual add


def hooks(model: nn.Module, layer: int) -> Hooks:
    family, block = require_family(model), blocks(model)[layer]
    if family is LLAMA:
        a, m = block.self_attn, block.mlp
        return Hooks(block, a, a.o_proj, m, m.down_proj, m)
    if family is GPT2:
        a, m = block.attn, block.mlp
        return Hooks(block, a, a.c_proj, m, m.c_proj, m)
    a = block.attention
    return Hooks(block, a.self, a.output.dense, block.intermediate, block.output.dense, block.output.dense)


@dataclass(frozen=True)
class AttentionWeights:
    """One layer's attention weights, Linear convention: q = x @ wq.T + bq, out = heads @ wo.T + bo."""

    wq: torch.Tensor  # (H*dh, D)
    wk: torch.Tensor  # (KV*dh, D)
    wv: torch.Tensor  # (KV*dh, D)
    wo: torch.Tensor  # (D, H*dh)
    bq: torch.Tensor | None
    bk: torch.Tensor | None
    bv: torch.Tensor | None
    bo: torch.Tensor | None
    n_heads: int
    n_kv_heads: int
    d_head: int
    scale: float  # scores are multiplied by this before the softmax (1/sqrt(d_head) in all three)


def bias(linear: nn.Module) -> torch.Tensor | None:
    return getattr(linear, "bias", None)


def attention_weights(model: nn.Module, layer: int) -> AttentionWeights:
    family, block, cfg = require_family(model), blocks(model)[layer], model.config
    n_heads = cfg.num_attention_heads
    if family is LLAMA:
        a = block.self_attn
        n_kv = getattr(cfg, "num_key_value_heads", None) or n_heads
        d_head = a.head_dim
        return AttentionWeights(
            a.q_proj.weight, a.k_proj.weight, a.v_proj.weight, a.o_proj.weight,
            bias(a.q_proj), bias(a.k_proj), bias(a.v_proj), bias(a.o_proj),
            n_heads, n_kv, d_head, float(a.scaling),
        )  # fmt: skip
    if family is GPT2:
        a = block.attn
        d = cfg.hidden_size
        w, b = a.c_attn.weight, a.c_attn.bias  # Conv1D: (D, 3D), y = x @ w + b
        scale = 1.0
        if a.scale_attn_weights:
            scale /= (d // n_heads) ** 0.5
        if a.scale_attn_by_inverse_layer_idx:
            scale /= float(layer + 1)
        return AttentionWeights(
            w[:, :d].T, w[:, d : 2 * d].T, w[:, 2 * d :].T, a.c_proj.weight.T,
            b[:d], b[d : 2 * d], b[2 * d :], a.c_proj.bias,
            n_heads, n_heads, d // n_heads, scale,
        )  # fmt: skip
    s, o = block.attention.self, block.attention.output.dense
    d_head = s.attention_head_size
    return AttentionWeights(
        s.query.weight, s.key.weight, s.value.weight, o.weight,
        s.query.bias, s.key.bias, s.value.bias, o.bias,
        n_heads, n_heads, d_head, 1.0 / d_head**0.5,
    )  # fmt: skip


def norms(model: nn.Module, layer: int) -> tuple[nn.Module, nn.Module]:
    """The block's two norms in order: before attention and MLP (pre-norm), after each add (BERT)."""
    family, block = require_family(model), blocks(model)[layer]
    if family is LLAMA:
        return block.input_layernorm, block.post_attention_layernorm
    if family is GPT2:
        return block.ln_1, block.ln_2
    return block.attention.output.LayerNorm, block.output.LayerNorm


def final_norm(model: nn.Module) -> nn.Module | None:
    """The norm before the unembedding in pre-norm models; None for BERT (its head has its own)."""
    family, b = require_family(model), base(model)
    if family is LLAMA:
        return b.norm
    if family is GPT2:
        return b.ln_f
    return None


def unembedding(model: nn.Module) -> nn.Module | None:
    """The vocabulary head (V, D) of a pre-norm model with one; None for a bare encoder or BERT."""
    head = getattr(model, "lm_head", None)
    return head if isinstance(head, nn.Linear) and final_norm(model) is not None else None


def norm_eps(norm: nn.Module) -> float:
    return float(getattr(norm, "variance_epsilon", getattr(norm, "eps", 1e-5)))


def apply_norm(norm: nn.Module, x: torch.Tensor, rms: bool) -> torch.Tensor:
    """The norm written out: x / sqrt(mean(x^2) + eps) * g (RMS) or (x - mean) / sqrt(var + eps) * g + b."""
    x = x.float()
    eps = norm_eps(norm)
    gain = norm.weight.detach().float().to(x.device)
    if rms:
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * gain
    mu = x.mean(-1, keepdim=True)
    var = (x - mu).pow(2).mean(-1, keepdim=True)
    return (x - mu) * torch.rsqrt(var + eps) * gain + norm.bias.detach().float().to(x.device)


def mlp_activation(model: nn.Module, layer: int):
    """The MLP's activation function (no weights): SiLU for SmolLM2, GELU for GPT-2 and BERT."""
    family, block = require_family(model), blocks(model)[layer]
    if family is LLAMA:
        return block.mlp.act_fn
    if family is GPT2:
        return block.mlp.act
    return block.intermediate.intermediate_act_fn


def is_causal(model: nn.Module) -> bool:
    """Whether attention is masked to earlier tokens (GPT-2, SmolLM2) or reads both sides."""
    family = require_family(model)
    if family is BERT:
        return False
    return bool(getattr(model.config, "is_causal", True))
