"""Steering: push the residual stream along a direction while the model writes, and compare.

The direction is the mean residual stream entering block `layer` over prompt A's tokens minus the same
over prompt B's ("love" minus "hate"); `alpha` times it is added to every position entering that block,
the prompt's and each new token's. Both generations use the same strategy and seed, so any difference is
the push's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch

from lmviz.analysis import generation
from lmviz.analysis.generation import Path
from lmviz.analysis.internals import parts
from lmviz.analysis.sampling import Strategy
from lmviz.analysis.why import edits
from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz.models import forward
from lmviz.models.loading import LoadedModel

MAX_NEW = 40
DEFAULT_NEW = 20


@dataclass(frozen=True, eq=False)
class Direction:
    layer: int
    vector: np.ndarray  # (D,) float32, read-only
    norm: float
    stream_norm: float  # mean norm of the residual stream entering the layer over both prompts' tokens


def _stream(loaded: LoadedModel, ids: Sequence[int], layer: int) -> torch.Tensor:
    with edits.recording(loaded.model, [("resid", layer)]) as record:
        forward.run(loaded, ids, last_only=True)
    return record[("resid", layer)][0].float()  # (T, D)


def direction(loaded: LoadedModel, ids_a: Sequence[int], ids_b: Sequence[int], layer: int) -> Direction:
    """mean(stream of A) - mean(stream of B) entering block `layer`."""
    _check(loaded, layer)
    if not ids_a or not ids_b:
        raise LmvizError("why.steer_empty")
    a, b = _stream(loaded, ids_a, layer), _stream(loaded, ids_b, layer)
    v = (a.mean(0) - b.mean(0)).cpu().numpy().astype(np.float32)
    v.flags.writeable = False
    stream = float(torch.cat([a, b]).norm(dim=-1).mean())
    return Direction(layer, v, float(np.linalg.norm(v)), stream)


def _check(loaded: LoadedModel, layer: int) -> None:
    if loaded.kind != Kind.CAUSAL:
        raise LmvizError("generate.needs_causal", model=loaded.name, kind=Kind(loaded.kind))
    n_layers = len(parts.blocks(loaded.model))
    if not 0 <= layer < n_layers:
        raise LmvizError("inside.bad_layer", layer=layer, last=n_layers - 1)


@dataclass(frozen=True, eq=False)
class Steered:
    plain: Path
    steered: Path
    alpha: float
    direction: Direction


def steer(
    loaded: LoadedModel,
    prompt: Sequence[int],
    d: Direction,
    alpha: float,
    n: int = DEFAULT_NEW,
    strategy: Strategy | None = None,
) -> Steered:
    """Generate n tokens after `prompt` without and with alpha * direction added at the direction's layer.

    Logits that stop being finite (an alpha too large for the number format) raise why.steer_not_finite."""
    _check(loaded, d.layer)
    if not math.isfinite(alpha):
        raise LmvizError("why.steer_not_finite", alpha=str(alpha))
    if not 1 <= n <= MAX_NEW:
        raise LmvizError("generate.n_out_of_range", max=MAX_NEW, n=n)
    strategy = strategy or Strategy(greedy=True)
    plain = generation.generate(loaded, tuple(prompt), n, strategy)
    push = torch.from_numpy(d.vector.copy()).to(loaded.device) * float(alpha)

    def add(x: torch.Tensor) -> torch.Tensor:
        return x + push.to(x.dtype)

    with edits.editing(loaded.model, {("resid", d.layer): add}):
        with edits.finite_only(loaded.model, LmvizError("why.steer_not_finite", alpha=f"{alpha:g}")):
            steered = generation.generate(loaded, tuple(prompt), n, strategy)
    return Steered(plain, steered, float(alpha), d)
