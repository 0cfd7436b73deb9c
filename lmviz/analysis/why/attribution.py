"""Which input tokens made the model give its answer: integrated gradients, gradient x input and
attention x gradient, all computed by captum on the model's input embeddings.

The objective is the answer's logit at the answer's position, or with a contrast the logit difference
answer - contrast ("why Paris and not London"). Integrated gradients run from a baseline in which every
ordinary token is the vocabulary's mean embedding (special tokens and a causal model's first token keep
theirs) to the text; their sum equals
objective(text) - objective(baseline) up to the integral's error, which captum reports and the page states.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch

from lmviz.analysis.frozen import readonly
from lmviz.analysis.internals import parts, trace
from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz.models import forward
from lmviz.models.loading import LoadedModel

MAX_TOKENS = 64  # integrated gradients cost `steps` forward and backward passes of the whole text
MIN_STEPS = 2  # captum's integration rules need two points
MAX_STEPS = 128
ROWS_PER_BATCH_TOKENS = 512  # integrated gradients' steps run in batches of about this many tokens


@dataclass(frozen=True, eq=False)
class Attribution:
    """Each input token's share of the objective, by three methods. Arrays (T,) unless stated."""

    position: int
    answer: int
    contrast: int | None
    objective: float  # the answer's logit (minus the contrast's) on the text
    baseline_objective: float  # the same on the baseline
    integrated: np.ndarray  # integrated gradients, summed over the embedding's dimensions
    grad_input: np.ndarray  # gradient x input
    attention_grad: np.ndarray  # attention x gradient summed over layers, heads and query positions
    attention_grad_layers: np.ndarray  # (L, T) the same per layer
    delta: float  # captum's convergence delta: sum(integrated) - (objective - baseline_objective)
    steps: int

    @property
    def integrated_sum(self) -> float:
        return float(self.integrated.sum())

    def method(self, name: str) -> np.ndarray:
        return {"integrated": self.integrated, "grad_input": self.grad_input,
                "attention_grad": self.attention_grad}[name]  # fmt: skip


METHODS = ("integrated", "grad_input", "attention_grad")


def _objective(loaded: LoadedModel, position: int, answer: int, contrast: int | None):
    def f(embeds: torch.Tensor) -> torch.Tensor:  # (B, T, D) -> (B,)
        logits = forward.run_embeddings(loaded, embeds, position)
        out = logits[:, answer]
        return out if contrast is None else out - logits[:, contrast]

    return f


def _check(loaded: LoadedModel, ids: Sequence[int], position: int, steps: int, answer: int) -> None:
    if not ids:
        raise LmvizError("inspect.no_tokens")
    if len(ids) > MAX_TOKENS:
        raise LmvizError("why.too_long", n=len(ids), max=MAX_TOKENS)
    if not 0 <= position < len(ids):
        raise LmvizError("inside.bad_position", position=position, last=len(ids) - 1)
    if not MIN_STEPS <= steps <= MAX_STEPS:
        raise LmvizError("why.bad_steps", steps=steps, min=MIN_STEPS, max=MAX_STEPS)
    vocab = loaded.model.get_input_embeddings().weight.shape[0]
    if not 0 <= answer < vocab:
        raise LmvizError("inside.bad_token", token=answer, last=vocab - 1)


def attribute(
    loaded: LoadedModel,
    ids: Sequence[int],
    position: int,
    answer: int,
    contrast: int | None = None,
    steps: int = 32,
    special: Sequence[bool] | None = None,
    baseline: torch.Tensor | None = None,
    ig_method: str = "gausslegendre",
) -> Attribution:
    """Attribute the answer's logit (or answer - contrast) at `position` to the tokens of `ids`.

    `special` marks tokens that keep their embedding in the integrated-gradients baseline ([CLS], [SEP]);
    `baseline` (1, T, D) replaces that baseline, `ig_method` captum's integration rule.
    """
    # captum takes ~2 s to import: only a page that attributes pays for it
    from captum.attr import InputXGradient, IntegratedGradients, LayerGradientXActivation

    _check(loaded, ids, position, steps, answer)
    model = loaded.model
    f = _objective(loaded, position, answer, contrast)
    x = forward.input_embeddings(loaded, ids)  # (1, T, D)
    baseline = baseline_embeddings(loaded, x, special) if baseline is None else baseline.to(x)
    with torch.enable_grad():
        rows = max(1, ROWS_PER_BATCH_TOKENS // len(ids))
        ig, delta = IntegratedGradients(f).attribute(
            x,
            baselines=baseline,
            n_steps=steps,
            method=ig_method,
            internal_batch_size=rows,
            return_convergence_delta=True,
        )
        gxi = InputXGradient(f).attribute(x.clone())
        wo = [parts.hooks(model, layer).heads_out for layer in range(len(parts.blocks(model)))]
        # d objective / d z for every layer's heads' outputs z (the input of W_O): captum's layer gradients
        z_grads = LayerGradientXActivation(f, wo, multiply_by_inputs=False).attribute(
            x.clone(), attribute_to_layer_input=True
        )
        with torch.no_grad():
            objective, base = float(f(x)[0]), float(f(baseline)[0])
    per_layer = _attention_x_gradient(loaded, ids, z_grads)  # (L, T)
    f32 = lambda a: readonly(np.ascontiguousarray(a, dtype=np.float32))  # noqa: E731
    return Attribution(
        position=position, answer=answer, contrast=contrast, objective=objective,
        baseline_objective=base, integrated=_tokens(ig), grad_input=_tokens(gxi),
        attention_grad=f32(per_layer.sum(0)), attention_grad_layers=f32(per_layer),
        delta=float(delta.reshape(-1)[0]), steps=steps,
    )  # fmt: skip


@torch.no_grad()
def kept_in_baseline(loaded: LoadedModel, n: int, special: Sequence[bool] | None) -> list[bool]:
    """Tokens the baseline keeps: special tokens, and a causal model's first token (every head's sink)."""
    keep = [bool(s) for s in special] if special is not None else [False] * n
    if loaded.kind == Kind.CAUSAL and n:
        keep[0] = True
    return keep


def baseline_embeddings(loaded: LoadedModel, x: torch.Tensor, special: Sequence[bool] | None) -> torch.Tensor:
    """The integrated-gradients baseline (1, T, D): the vocabulary's mean embedding in place of each
    ordinary token. A zero baseline makes the path run through the norms' singular point at 0, and
    replacing the first token moves SmolLM2's attention sink: on both paths the objective jumps and the
    integral needs hundreds of steps (measured on "The capital of France is")."""
    table = loaded.model.get_input_embeddings().weight.detach()
    mean = table.float().mean(0).to(x.dtype)  # (D,)
    keep = torch.tensor(kept_in_baseline(loaded, x.shape[1], special), device=x.device)[None, :, None]
    return torch.where(keep, x, mean.expand_as(x))


@torch.no_grad()
def _attention_x_gradient(loaded: LoadedModel, ids: Sequence[int], z_grads) -> np.ndarray:
    """(L, T): sum over heads h and query positions i of A[h, i, j] * dObjective/dA[h, i, j] per key j.

    z_i = sum_j A_ij v_j in every head, so dObjective/dA_ij = <dObjective/dz_i, v_j>: the gradients at z
    (from captum) and the values and weights of one recorded pass give it exactly.
    """
    model = loaded.model
    with trace.recording(model) as record:
        out = forward.run(loaded, ids, attentions=True)
    if not out.attentions or any(a is None for a in out.attentions):
        raise LmvizError("inspect.no_attention", model=loaded.name)
    rows = []
    for layer, z_grad in enumerate(z_grads):
        w = parts.attention_weights(model, layer)
        a = out.attentions[layer][0].float()  # (H, T, T)
        x = record["attn_in"][layer].to(a.device)  # (T, D) what v is computed from
        v = x @ w.wv.detach().float().T  # (T, KV*dh)
        if w.bv is not None:
            v = v + w.bv.detach().float()
        t = v.shape[0]
        v = v.view(t, w.n_kv_heads, w.d_head).repeat_interleave(
            w.n_heads // w.n_kv_heads, dim=1
        )  # (T, H, dh)
        g = z_grad[0].detach().float().view(t, w.n_heads, w.d_head)  # (T, H, dh)
        grad_a = torch.einsum("ihd,jhd->hij", g, v)  # (H, T, T)
        rows.append((a * grad_a).sum(dim=(0, 1)).cpu().numpy())
    return np.stack(rows)


def _tokens(a: torch.Tensor) -> np.ndarray:
    return readonly(np.ascontiguousarray(a[0].detach().float().sum(-1).cpu().numpy(), dtype=np.float32))


def shares(scores: np.ndarray) -> np.ndarray:
    """Each token's signed share of the total absolute attribution (sums of |share| = 1)."""
    total = float(np.abs(scores).sum())
    return scores / total if total > 0 else np.zeros_like(scores)
