"""Activation patching: which part of the computation carries the fact that tells two prompts apart.

Run a clean prompt ("The Eiffel Tower is in") and a corrupted one of the same length ("The Colosseum is
in"); the logit difference between their answers (" Paris" - " Rome") is high on the clean run and low on
the corrupted one. Then run the corrupted prompt again with one activation, at one (layer, position),
taken from the clean run: the share of the difference it restores says how much that activation carries.
One batch per layer (one row per position): L x T patched passes in all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch

from lmviz.analysis.internals import parts
from lmviz.analysis.why import edits
from lmviz.errors import LmvizError
from lmviz.models import forward
from lmviz.models.loading import LoadedModel

SITES = ("resid", "attn", "mlp")  # the residual stream entering block l, attention's output, the MLP's
MAX_TOKENS = 32


@dataclass(frozen=True, eq=False)
class Patching:
    """Logit differences answer - wrong at the answer's position; `diffs` (L, T) NaN where not run."""

    site: str
    position: int
    answer: int
    wrong: int
    clean_diff: float
    corrupt_diff: float
    diffs: np.ndarray
    layers_done: int

    @property
    def restored(self) -> np.ndarray:
        """(L, T): 0 = as corrupted, 1 = as clean (NaN where the two runs do not differ)."""
        gap = self.clean_diff - self.corrupt_diff
        if abs(gap) < 1e-6:
            return np.full_like(self.diffs, np.nan)
        return (self.diffs - self.corrupt_diff) / gap


def check_pair(clean: Sequence[int], corrupt: Sequence[int], max_tokens: int = MAX_TOKENS) -> None:
    if not clean or not corrupt:
        raise LmvizError("inspect.no_tokens")
    if len(clean) != len(corrupt):
        raise LmvizError("why.patch_lengths", clean=len(clean), corrupt=len(corrupt))
    if list(clean) == list(corrupt):
        raise LmvizError("why.patch_same")
    if len(clean) > max_tokens:
        raise LmvizError("why.too_long", n=len(clean), max=max_tokens)


def passes(n_layers: int, n_tokens: int) -> int:
    """Patched forward passes a run costs (as n_layers batches of n_tokens rows)."""
    return n_layers * n_tokens


def _diff(loaded: LoadedModel, batch, position: int, answer: int, wrong: int) -> torch.Tensor:
    """(B,) logit differences at `position` (the head read there only when it is the last position)."""
    last = position == len(batch[0]) - 1
    logits = forward.run(loaded, batch, last_only=last).logits
    row = logits[:, -1 if last else position].float()  # (B, V)
    return row[:, answer] - row[:, wrong]


def _patch_edit(clean: torch.Tensor) -> edits.Edit:
    """Row p of the batch gets the clean activation at position p: x (T, T, X), clean (1, T, X)."""

    def fn(x: torch.Tensor) -> torch.Tensor:
        x = x.clone()
        p = torch.arange(x.shape[0], device=x.device)
        x[p, p] = clean[0, p].to(x.dtype)
        return x

    return fn


def patch(
    loaded: LoadedModel,
    clean: Sequence[int],
    corrupt: Sequence[int],
    position: int,
    answer: int,
    wrong: int,
    site: str = "resid",
    on_layer: Callable[[int, int, np.ndarray], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> Patching:
    """Patch `site` at every (layer, position) from the clean run into the corrupted one.

    `on_layer(done, total, diffs)` after each layer; `stop()` true ends early, keeping the layers done."""
    if site not in SITES:
        raise ValueError(f"site must be one of {SITES}, got {site!r}")
    check_pair(clean, corrupt)
    n_layers, t = len(parts.blocks(loaded.model)), len(clean)
    keys = [(site, layer) for layer in range(n_layers)]
    with edits.recording(loaded.model, keys) as record:
        clean_diff = float(_diff(loaded, [list(clean)], position, answer, wrong)[0])
    clean_acts = dict(record)
    corrupt_diff = float(_diff(loaded, [list(corrupt)], position, answer, wrong)[0])
    diffs = np.full((n_layers, t), np.nan)
    done = 0
    for layer in range(n_layers):
        if stop is not None and stop():
            break
        with edits.editing(loaded.model, {(site, layer): _patch_edit(clean_acts[(site, layer)])}):
            diffs[layer] = _diff(loaded, [list(corrupt)] * t, position, answer, wrong).cpu().numpy()
        done = layer + 1
        if on_layer is not None:
            on_layer(done, n_layers, diffs)
    return Patching(site, position, answer, wrong, clean_diff, corrupt_diff, diffs, done)
