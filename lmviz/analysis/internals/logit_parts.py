"""Direct logit attribution: how much the embeddings, each layer's attention (each head) and each MLP add to
one logit, read through the final norm and the unembedding.

The residual stream at the last layer is a sum, r = embeddings + sum over layers of (attention + MLP).
The final norm divides r by one number s (RMS, or standard deviation after centring) before its gain g;
holding s at its real value makes the norm linear, so logit(t) = sum over parts c of
(W_U[t] * g / s) · c (centred for LayerNorm), plus the norm's bias times W_U[t]: the parts add up to the
logit exactly. What it leaves out is that each part also changes s: a part's share is its effect with the
others held fixed, not what removing it would do. Pre-norm models only (GPT-2, Llama): in BERT a norm after
every block rescales the stream, so no such sum reaches the output.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from lmviz.analysis.internals import parts
from lmviz.analysis.internals.trace import Trace
from lmviz.errors import LmvizError
from lmviz.models.loading import LoadedModel


@dataclass(frozen=True, eq=False)
class LogitParts:
    """Each part's share of the logit of `token_id` read from the residual stream at `position`."""

    position: int
    token_id: int
    logit: float  # what the model's own final norm and head give
    embeddings: float
    attention: np.ndarray  # (L,) each layer's attention, W_O's bias included
    heads: np.ndarray  # (L, H) each head through its slice of W_O
    attention_bias: np.ndarray  # (L,) W_O's bias (zero in Llama)
    mlp: np.ndarray  # (L,)
    constant: float  # the final norm's bias and the head's bias: no part of the stream
    scale: float  # s: what the final norm divides this position's stream by

    @property
    def total(self) -> float:
        return float(self.embeddings + self.attention.sum() + self.mlp.sum() + self.constant)


def check_supported(loaded: LoadedModel) -> None:
    if parts.unembedding(loaded.model) is None:
        raise LmvizError("inside.no_logit_parts", model=loaded.name)


@torch.inference_mode()
def head_logits(loaded: LoadedModel, trace: Trace, position: int) -> np.ndarray:
    """The model's own final norm and head on the stream at `position`: logits (V,) of the next token."""
    check_supported(loaded)
    return parts.unembedding(loaded.model)(_normed(loaded, trace, position))[0].float().cpu().numpy()


def _normed(loaded: LoadedModel, trace: Trace, position: int) -> torch.Tensor:
    """The model's own final norm on the last residual stream at `position`: (1, D) in its dtype."""
    r = torch.from_numpy(trace.block_out[-1, position].copy()).to(loaded.device, loaded.dtype)
    return parts.final_norm(loaded.model)(r[None])


@torch.inference_mode()
def logit_parts(loaded: LoadedModel, trace: Trace, position: int, token_id: int) -> LogitParts:
    """Split the logit of `token_id` at `position` into the parts of the residual stream."""
    check_supported(loaded)
    model, family = loaded.model, trace.family
    if not 0 <= position < trace.inspection.n_tokens:
        raise LmvizError("inside.bad_position", position=position, last=trace.inspection.n_tokens - 1)
    norm, head = parts.final_norm(model), parts.unembedding(model)
    if not 0 <= token_id < head.weight.shape[0]:
        raise LmvizError("inside.bad_token", token=token_id, last=head.weight.shape[0] - 1)
    r = trace.block_out[-1, position].astype(np.float64)
    centre = (lambda c: c) if family.rms_norm else (lambda c: c - c.mean(-1, keepdims=True))
    rc = centre(r)
    s = float(np.sqrt((rc**2).mean() + parts.norm_eps(norm)))
    w_u = head.weight[token_id].detach().double().cpu().numpy()
    u = w_u * norm.weight.detach().double().cpu().numpy() / s  # (D,)
    share = lambda c: centre(np.asarray(c, dtype=np.float64)) @ u  # noqa: E731
    constant = 0.0
    if getattr(norm, "bias", None) is not None:
        constant += float(w_u @ norm.bias.detach().double().cpu().numpy())
    if head.bias is not None:
        constant += float(head.bias[token_id])
    n_layers = trace.n_layers
    heads = np.zeros((n_layers, parts.attention_weights(model, 0).n_heads))
    bias = np.zeros(n_layers)
    for layer in range(n_layers):
        w = parts.attention_weights(model, layer)
        z = trace.heads[layer, position].astype(np.float64).reshape(w.n_heads, w.d_head)  # (H, dh)
        wo = w.wo.detach().double().cpu().numpy().reshape(-1, w.n_heads, w.d_head)  # (D, H, dh)
        heads[layer] = share(np.einsum("hd,Dhd->hD", z, wo))
        if w.bo is not None:
            bias[layer] = share(w.bo.detach().double().cpu().numpy())
    # the model's own norm and head row for this one token (not the whole vocabulary again)
    row = head.bias[token_id : token_id + 1] if head.bias is not None else None
    logit = float(
        torch.nn.functional.linear(
            _normed(loaded, trace, position), head.weight[token_id : token_id + 1], row
        )
    )
    return LogitParts(
        position, int(token_id), logit, float(share(trace.block_in[0, position])),
        heads.sum(1) + bias, heads, bias, share(trace.mlp_out[:, position]), constant, s,
    )  # fmt: skip
