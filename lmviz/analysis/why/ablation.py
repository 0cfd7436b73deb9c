"""Switch one part off and see what the answer loses: a head, a layer's attention or its MLP, set to zero
or to its mean over reference texts; and every head of every layer in turn, one batch per layer.

Zeroing a head zeroes its slice of W_O's input (W_O's bias stays); zeroing a layer's attention or MLP
zeroes its whole output before the residual add. Mean ablation puts the part's average output over the
reference texts' tokens in its place (for a head, its average slice).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch

from lmviz.analysis.internals import parts
from lmviz.analysis.why import edits
from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz.models import forward
from lmviz.models.loading import LoadedModel

MODES = ("zero", "mean")
PARTS = ("head", "attention", "mlp")
_SITE = {"head": "heads", "attention": "attn", "mlp": "mlp"}
REFERENCE_TOKENS = 48  # tokens read from each reference text


@dataclass(frozen=True, eq=False)
class Reference:
    """Mean outputs over the reference texts' tokens: heads (L, H*dh), attn (L, D), mlp (L, D)."""

    heads: torch.Tensor
    attn: torch.Tensor
    mlp: torch.Tensor
    n_tokens: int

    def of(self, site: str) -> torch.Tensor:
        return {"heads": self.heads, "attn": self.attn, "mlp": self.mlp}[site]


def reference_means(loaded: LoadedModel, texts: Sequence[str]) -> Reference:
    """One pass per text (its first REFERENCE_TOKENS tokens), with every part's output averaged."""
    n_layers = len(parts.blocks(loaded.model))
    keys = [(site, layer) for site in ("heads", "attn", "mlp") for layer in range(n_layers)]
    sums: dict = {}
    count = 0
    for text in texts:
        ids = loaded.tokenizer(text, add_special_tokens=True)["input_ids"][:REFERENCE_TOKENS]
        if not ids:
            continue
        with edits.recording(loaded.model, keys) as record:
            forward.run(loaded, ids)
        for key in keys:
            s = record[key][0].float().sum(0)  # (X,)
            sums[key] = s if key not in sums else sums[key] + s
        count += len(ids)
    if not count:
        raise LmvizError("why.no_reference")
    stack = {
        site: torch.stack([sums[(site, i)] / count for i in range(n_layers)])
        for site in ("heads", "attn", "mlp")
    }
    return Reference(stack["heads"], stack["attn"], stack["mlp"], count)


@dataclass(frozen=True)
class Outcome:
    """What one pass says about the answer: its probability and logit at the position, and the text's loss
    (mean next-token cross-entropy; None for a masked model, which predicts only its masks)."""

    prob: float
    logit: float
    loss: float | None


def _outcomes(loaded: LoadedModel, logits: torch.Tensor, ids: Sequence[int], position: int, answer: int):
    """One Outcome per row of logits (B, T, V)."""
    logits = logits.float()
    logp = torch.log_softmax(logits[:, position], dim=-1)  # (B, V)
    loss = None
    if loaded.kind == Kind.CAUSAL and len(ids) > 1:
        target = torch.tensor(ids[1:], device=logits.device)
        lp = torch.log_softmax(logits[:, :-1], dim=-1)  # (B, T-1, V)
        loss = -lp.gather(-1, target.expand(logits.shape[0], -1)[..., None])[..., 0].mean(-1)  # (B,)
    return [
        Outcome(float(logp[b, answer].exp()), float(logits[b, position, answer]),
                None if loss is None else float(loss[b]))
        for b in range(logits.shape[0])
    ]  # fmt: skip


def _check(loaded: LoadedModel, part: str, mode: str, layer: int, head: int | None) -> None:
    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}, got {part!r}")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    n_layers = len(parts.blocks(loaded.model))
    if not 0 <= layer < n_layers:
        raise LmvizError("inside.bad_layer", layer=layer, last=n_layers - 1)
    if part == "head":
        n_heads = parts.attention_weights(loaded.model, layer).n_heads
        if head is None or not 0 <= head < n_heads:
            raise LmvizError("inside.bad_head", head=head, last=n_heads - 1)


def _head_edit(rows_off: torch.Tensor, n_heads: int, mean: torch.Tensor | None) -> edits.Edit:
    """Switch off head rows_off[b] in batch row b (-1: none): x (B, T, H*dh)."""

    def fn(x: torch.Tensor) -> torch.Tensor:
        b, t, width = x.shape
        keep = torch.ones(b, 1, n_heads, 1, dtype=x.dtype, device=x.device)
        on = rows_off >= 0
        keep[on.nonzero()[:, 0], 0, rows_off[on], 0] = 0
        keep = keep.expand(b, 1, n_heads, width // n_heads).reshape(b, 1, width)
        if mean is None:
            return x * keep
        return x * keep + mean.to(x.dtype).to(x.device) * (1 - keep)

    return fn


def _part_edit(mean: torch.Tensor | None) -> edits.Edit:
    def fn(x: torch.Tensor) -> torch.Tensor:
        return torch.zeros_like(x) if mean is None else mean.to(x.dtype).to(x.device).expand_as(x).clone()

    return fn


def ablate(
    loaded: LoadedModel,
    ids: Sequence[int],
    position: int,
    answer: int,
    part: str,
    layer: int,
    head: int | None = None,
    mode: str = "zero",
    reference: Reference | None = None,
) -> tuple[Outcome, Outcome]:
    """(before, after) for one part switched off: the clean pass and the ablated one, as one batch of 2."""
    _check(loaded, part, mode, layer, head)
    if mode == "mean" and reference is None:
        raise LmvizError("why.no_reference")
    site = _SITE[part]
    mean = None if mode == "zero" else reference.of(site)[layer]
    if part == "head":
        n_heads = parts.attention_weights(loaded.model, layer).n_heads
        fn = _head_edit(torch.tensor([-1, head]), n_heads, mean)
    else:
        clean_fn = _part_edit(mean)

        def fn(x: torch.Tensor) -> torch.Tensor:  # row 0 clean, row 1 switched off
            return torch.cat([x[:1], clean_fn(x[1:])])

    with edits.editing(loaded.model, {(site, layer): fn}):
        logits = forward.run(loaded, [list(ids)] * 2).logits
    before, after = _outcomes(loaded, logits, ids, position, answer)
    return before, after


@dataclass(frozen=True, eq=False)
class HeadSweep:
    """Every head switched off in turn: the answer's probability and the loss, (L, H); NaN where not run."""

    before: Outcome
    prob: np.ndarray
    loss: np.ndarray | None
    layers_done: int
    mode: str


def head_sweep(
    loaded: LoadedModel,
    ids: Sequence[int],
    position: int,
    answer: int,
    mode: str = "zero",
    reference: Reference | None = None,
    on_layer: Callable[[int, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> HeadSweep:
    """One batch per layer: row 0 clean, row h + 1 with head h switched off. `on_layer(done, total)` after
    each layer; `stop()` true ends the sweep early (the layers done so far are kept)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    if mode == "mean" and reference is None:
        raise LmvizError("why.no_reference")
    n_layers = len(parts.blocks(loaded.model))
    n_heads = parts.attention_weights(loaded.model, 0).n_heads
    prob = np.full((n_layers, n_heads), np.nan)
    loss = np.full((n_layers, n_heads), np.nan) if loaded.kind == Kind.CAUSAL else None
    before, done = None, 0
    rows_off = torch.arange(-1, n_heads)
    for layer in range(n_layers):
        if stop is not None and stop():
            break
        mean = None if mode == "zero" else reference.heads[layer]
        with edits.editing(loaded.model, {("heads", layer): _head_edit(rows_off, n_heads, mean)}):
            logits = forward.run(loaded, [list(ids)] * (n_heads + 1)).logits
        outs = _outcomes(loaded, logits, ids, position, answer)
        before = before or outs[0]
        prob[layer] = [o.prob for o in outs[1:]]
        if loss is not None:
            loss[layer] = [o.loss for o in outs[1:]]
        done = layer + 1
        if on_layer is not None:
            on_layer(done, n_layers)
    if before is None:
        before = _outcomes(loaded, forward.run(loaded, ids).logits, ids, position, answer)[0]
    return HeadSweep(before, prob, loss, done, mode)
