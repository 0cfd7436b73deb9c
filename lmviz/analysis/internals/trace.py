"""One forward pass with every block's inside recorded: the residual stream, the normed vectors attention
and the MLP read, the heads' outputs before W_O, the MLP's neurons, and each part's output.

Forward hooks are added for the one pass and removed in `finally`: the shared model is left as it was.
Everything else on the page (one head step by step, neurons, logit shares) is computed from this record and
the weights, with no second pass.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import torch

from lmviz.analysis.inspection import Inspection, inspect_text
from lmviz.analysis.internals import parts
from lmviz.errors import LmvizError
from lmviz.models.loading import LoadedModel

MAX_TOKENS = 48  # q, k and the score matrix of one head stay readable; the MLP record stays small
_RECORDED = ("block_in", "attn_in", "heads", "attn_out", "mlp_in", "neurons", "mlp_out", "block_out")


@dataclass(frozen=True, eq=False)
class Trace:
    """The inspection of a text plus every block's inside. Arrays (L, T, ·) are float32 and read-only.

    block_in (L, T, D) residual before block l (block_in[0] = the embeddings); attn_in (L, T, D) what
    q, k, v are computed from; heads (L, T, H*dh) the heads' outputs side by side, before W_O;
    attn_out (L, T, D) attention's output; mlp_in (L, T, D); neurons (L, T, F) the MLP's hidden
    activations; mlp_out (L, T, D); block_out (L, T, D) the residual after block l.
    """

    inspection: Inspection
    family: parts.Family
    block_in: np.ndarray
    attn_in: np.ndarray
    heads: np.ndarray
    attn_out: np.ndarray
    mlp_in: np.ndarray
    neurons: np.ndarray
    mlp_out: np.ndarray
    block_out: np.ndarray

    @property
    def n_layers(self) -> int:
        return self.block_in.shape[0]

    @property
    def n_neurons(self) -> int:
        return self.neurons.shape[-1]


def _first(args: tuple, kwargs: dict) -> torch.Tensor | None:
    return args[0] if args else kwargs.get("hidden_states")


def _output(out) -> torch.Tensor:
    return out[0] if isinstance(out, tuple) else out


@contextmanager
def recording(model: torch.nn.Module):
    """Hooks that record every block's inside into a dict of lists (one tensor per layer); removed on exit.

    Only passes on this thread are recorded: another session's pass through the shared model meanwhile
    runs on its own thread and is left alone.
    """
    record: dict[str, list] = {name: [None] * len(parts.blocks(model)) for name in _RECORDED}
    handles, owner = [], threading.get_ident()

    def keep_input(name: str, layer: int):
        def hook(_module, args, kwargs):
            x = _first(args, kwargs)
            if threading.get_ident() == owner and isinstance(x, torch.Tensor):
                record[name][layer] = x[0].detach().float().cpu()

        return hook

    def keep_output(name: str, layer: int):
        def hook(_module, _args, out):
            if threading.get_ident() == owner:
                record[name][layer] = _output(out)[0].detach().float().cpu()

        return hook

    try:
        for layer in range(len(parts.blocks(model))):
            h = parts.hooks(model, layer)
            inputs = {"block_in": h.block, "attn_in": h.attn_in, "heads": h.heads_out, "mlp_in": h.mlp_in}
            for name, module in {**inputs, "neurons": h.neurons}.items():
                handles.append(module.register_forward_pre_hook(keep_input(name, layer), with_kwargs=True))
            outputs = {"attn_out": h.heads_out, "mlp_out": h.mlp_out, "block_out": h.block}
            for name, module in outputs.items():
                handles.append(module.register_forward_hook(keep_output(name, layer)))
        yield record
    finally:
        for handle in handles:
            handle.remove()


def trace_text(loaded: LoadedModel, text: str, max_tokens: int = MAX_TOKENS) -> Trace:
    """Inspect `text` (at most `max_tokens` tokens) and record every block's inside in the same pass."""
    family = parts.require_family(loaded.model)
    with recording(loaded.model) as record:
        inspection = inspect_text(loaded, text, max_tokens=max_tokens)
    if any(t is None for tensors in record.values() for t in tensors):  # a module not called as expected
        raise LmvizError("inside.unsupported", arch=str(getattr(loaded.model.config, "model_type", "?")))
    arrays = {name: _stack(tensors) for name, tensors in record.items()}
    return Trace(inspection, family, **arrays)


def _stack(tensors: list[torch.Tensor]) -> np.ndarray:
    a = torch.stack(tensors).numpy()
    a.flags.writeable = False
    return a
