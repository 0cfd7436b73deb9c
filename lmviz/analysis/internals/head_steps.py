"""One attention head of one layer computed by hand from the recorded input and the layer's weights:
q, k, v, RoPE's rotation, q·kᵀ, the scale, the mask, the softmax, the weighted sum of v, all heads side
by side, W_O and the residual add; then the MLP and the block's output, to check against the model's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from lmviz.analysis.frozen import readonly
from lmviz.analysis.internals import parts
from lmviz.analysis.internals.trace import Trace
from lmviz.errors import LmvizError
from lmviz.models.loading import LoadedModel


@dataclass(frozen=True, eq=False)
class HeadSteps:
    """Every intermediate of one head (T tokens, dh = d_head, D hidden, H heads), float32 numpy.

    x (T, D) the head's input; q, k, v (T, dh) before RoPE; q_rot, k_rot (T, dh) after it (None without
    RoPE); scores (T, T) = q·kᵀ (rotated where RoPE applies); scaled = scores * scale; masked with -inf
    above the diagonal in a causal model; probs (T, T) the softmax; z (T, dh) = probs @ v; all_heads
    (T, H*dh) every head's z side by side; attn_out (T, D) = all_heads @ W_Oᵀ + b; residual (T, D) after
    the add (and the norm, in BERT); block_out (T, D) after the MLP.
    """

    layer: int
    head: int
    kv_head: int  # the key/value head this query head reads (grouped-query attention shares them)
    n_heads: int
    n_kv_heads: int
    scale: float
    causal: bool
    x: np.ndarray
    q: np.ndarray
    k: np.ndarray
    v: np.ndarray
    q_rot: np.ndarray | None
    k_rot: np.ndarray | None
    scores: np.ndarray
    scaled: np.ndarray
    masked: np.ndarray
    probs: np.ndarray
    z: np.ndarray
    all_heads: np.ndarray
    attn_out: np.ndarray
    residual: np.ndarray
    block_out: np.ndarray

    @property
    def group(self) -> int:
        """How many query heads share this head's key/value head."""
        return self.n_heads // self.n_kv_heads

    @property
    def q_used(self) -> np.ndarray:
        return self.q if self.q_rot is None else self.q_rot

    @property
    def k_used(self) -> np.ndarray:
        return self.k if self.k_rot is None else self.k_rot


def _linear(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor | None) -> torch.Tensor:
    """x @ w.T + b on the CPU in float32 (a GPU or half-precision model's weights are read, not kept)."""
    y = x @ w.detach().float().cpu().T
    return y if b is None else y + b.detach().float().cpu()


def _rope(loaded: LoadedModel, q: torch.Tensor, k: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """The model's own rotary embedding at positions 0..T-1, applied to q (H, T, dh) and k (KV, T, dh)."""
    from transformers.models.llama.modeling_llama import apply_rotary_pos_emb

    rotary = parts.base(loaded.model).rotary_emb
    positions = torch.arange(q.shape[1], device=loaded.device)[None]
    cos, sin = rotary(q.to(loaded.device)[None], positions)
    q_rot, k_rot = apply_rotary_pos_emb(q[None], k[None], cos.float().cpu(), sin.float().cpu())
    return q_rot[0], k_rot[0]


@torch.inference_mode()
def head_steps(loaded: LoadedModel, trace: Trace, layer: int, head: int) -> HeadSteps:
    """Recompute `layer`'s attention (keeping every step of `head`) and its MLP from the recorded input."""
    model = loaded.model
    if not 0 <= layer < trace.n_layers:
        raise LmvizError("inside.bad_layer", layer=layer, last=trace.n_layers - 1)
    w = parts.attention_weights(model, layer)
    if not 0 <= head < w.n_heads:
        raise LmvizError("inside.bad_head", head=head, last=w.n_heads - 1)
    x = torch.from_numpy(trace.attn_in[layer].copy())  # (T, D)
    n, dh = x.shape[0], w.d_head
    q = _linear(x, w.wq, w.bq).view(n, w.n_heads, dh).transpose(0, 1)  # (H, T, dh)
    k = _linear(x, w.wk, w.bk).view(n, w.n_kv_heads, dh).transpose(0, 1)  # (KV, T, dh)
    v = _linear(x, w.wv, w.bv).view(n, w.n_kv_heads, dh).transpose(0, 1)
    q_rot = k_rot = None
    if trace.family.rope:
        q_rot, k_rot = _rope(loaded, q, k)
    group = w.n_heads // w.n_kv_heads  # grouped-query attention: heads share a key/value head
    kq, kk = (q_rot, k_rot) if q_rot is not None else (q, k)
    kk, vv = kk.repeat_interleave(group, 0), v.repeat_interleave(group, 0)  # (H, T, dh)
    scores = kq @ kk.transpose(1, 2)  # (H, T, T)
    scaled = scores * w.scale
    causal = parts.is_causal(model)
    masked = scaled.masked_fill(torch.ones(n, n).triu(1).bool(), float("-inf")) if causal else scaled
    probs = masked.softmax(-1)
    z = probs @ vv  # (H, T, dh)
    all_heads = z.transpose(0, 1).reshape(n, w.n_heads * dh)
    attn_out = _linear(all_heads, w.wo, w.bo)
    residual, block_out = _rest_of_block(loaded, trace, layer, attn_out)
    kv = head // group
    ro = lambda t: None if t is None else readonly(np.ascontiguousarray(t.numpy()))  # noqa: E731
    return HeadSteps(
        layer, head, kv, w.n_heads, w.n_kv_heads, w.scale, causal, ro(x), ro(q[head]), ro(k[kv]), ro(v[kv]),
        None if q_rot is None else ro(q_rot[head]), None if k_rot is None else ro(k_rot[kv]),
        ro(scores[head]), ro(scaled[head]), ro(masked[head]), ro(probs[head]), ro(z[head]), ro(all_heads),
        ro(attn_out), ro(residual), ro(block_out),
    )  # fmt: skip


def _rest_of_block(loaded: LoadedModel, trace: Trace, layer: int, attn_out: torch.Tensor):
    """The residual add after attention and the MLP, by hand; returns (residual after attention, output)."""
    model, family = loaded.model, trace.family
    norm1, norm2 = parts.norms(model, layer)
    h = torch.from_numpy(trace.block_in[layer].copy())
    act = parts.mlp_activation(model, layer)
    block = parts.blocks(model)[layer]
    if family.pre_norm:
        mid = h + attn_out
        x2 = parts.apply_norm(norm2, mid, family.rms_norm)
    else:  # BERT: the norm comes after the add
        mid = parts.apply_norm(norm1, h + attn_out, rms=False)
        x2 = mid
    if family is parts.LLAMA:
        m = block.mlp
        gate = _linear(x2, m.gate_proj.weight, parts.bias(m.gate_proj))
        hidden = act(gate) * _linear(x2, m.up_proj.weight, parts.bias(m.up_proj))
        mlp = _linear(hidden, m.down_proj.weight, parts.bias(m.down_proj))
    elif family is parts.GPT2:
        m = block.mlp
        hidden = act(_linear(x2, m.c_fc.weight.T, m.c_fc.bias))  # Conv1D weights are (in, out)
        mlp = _linear(hidden, m.c_proj.weight.T, m.c_proj.bias)
    else:
        hidden = act(_linear(x2, block.intermediate.dense.weight, block.intermediate.dense.bias))
        mlp = _linear(hidden, block.output.dense.weight, block.output.dense.bias)
    out = mid + mlp if family.pre_norm else parts.apply_norm(norm2, mid + mlp, rms=False)
    return mid, out


def ln_scale(x: np.ndarray) -> np.ndarray:
    """Per-row scale a LayerNorm or RMSNorm divides by (for the step's caption)."""
    return np.sqrt((x.astype(np.float64) ** 2).mean(-1))


def dot_terms(q: np.ndarray, k: np.ndarray, top: int = 4) -> tuple[list[tuple[int, float, float]], float]:
    """The largest terms q_i·k_i of one dot product (by size) and the rest's sum: for a cell's hover text."""
    prod = q.astype(np.float64) * k.astype(np.float64)
    order = np.argsort(-np.abs(prod))[:top]
    shown = [(int(i), float(q[i]), float(k[i])) for i in order]
    rest = float(prod.sum() - prod[order].sum())
    return shown, rest
