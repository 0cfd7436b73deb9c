"""Change one part's activations inside a forward pass of the shared model, and nothing else.

A site names where in block `layer` an edit acts: "resid" the residual stream entering the block,
"heads" the heads' outputs side by side before W_O (B, T, H*dh), "attn" attention's output after W_O,
"mlp" the MLP's output (both (B, T, D), before the residual add). Hooks change only passes on the thread
that added them (other sessions share the model meanwhile) and are removed in `finally`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

import torch
from torch import nn

from lmviz.analysis.internals import parts
from lmviz.errors import LmvizError

SITES = ("resid", "heads", "attn", "mlp")
Edit = Callable[[torch.Tensor], torch.Tensor]  # (B, T, X) -> a tensor of the same shape


def _first_input(args: tuple, kwargs: dict) -> torch.Tensor:
    return args[0] if args else kwargs["hidden_states"]


def _pre(fn: Edit, owner: int):
    def hook(_module, args, kwargs):
        if threading.get_ident() != owner:
            return None
        if args:
            return (fn(args[0]), *args[1:]), kwargs
        return args, {**kwargs, "hidden_states": fn(kwargs["hidden_states"])}

    return hook


def _post(fn: Edit, owner: int):
    def hook(_module, _args, out):
        if threading.get_ident() != owner:
            return None
        if isinstance(out, tuple):
            return (fn(out[0]), *out[1:])
        return fn(out)

    return hook


def module_of(model: nn.Module, site: str, layer: int) -> nn.Module:
    h = parts.hooks(model, layer)
    return {"resid": h.block, "heads": h.heads_out, "attn": h.heads_out, "mlp": h.mlp_out}[site]


@contextmanager
def editing(model: nn.Module, edits: Mapping[tuple[str, int], Edit]) -> Iterator[None]:
    """Apply `edits` {(site, layer): fn} to every pass this thread makes inside the block; none after."""
    owner, handles = threading.get_ident(), []
    try:
        for (site, layer), fn in edits.items():
            if site not in SITES:
                raise ValueError(f"site must be one of {SITES}, got {site!r}")
            module = module_of(model, site, layer)
            if site in ("resid", "heads"):
                handles.append(module.register_forward_pre_hook(_pre(fn, owner), with_kwargs=True))
            else:
                handles.append(module.register_forward_hook(_post(fn, owner)))
        yield
    finally:
        for handle in handles:
            handle.remove()


@contextmanager
def recording(model: nn.Module, sites: Mapping[tuple[str, int], None] | list) -> Iterator[dict]:
    """Record what enters or leaves each (site, layer) on this thread's passes: {(site, layer): (B, T, X)}."""
    record: dict[tuple[str, int], torch.Tensor] = {}

    def keep(key):
        def fn(x: torch.Tensor) -> torch.Tensor:
            record[key] = x.detach()
            return x

        return fn

    with editing(model, {key: keep(key) for key in sites}):
        yield record


def hooks_left(model: nn.Module) -> int:
    """How many hooks are attached anywhere in the model: the same before and after every analysis
    (transformers itself adds output-capturing hooks the first time attentions are asked for)."""
    return sum(
        len(m._forward_hooks) + len(m._forward_pre_hooks) + len(getattr(m, "_backward_hooks", {}))
        for m in model.modules()
    )


@contextmanager
def finite_only(model: nn.Module, error: LmvizError) -> Iterator[None]:
    """Raise `error` when a pass on this thread gives logits that are not finite (an edit too
    large for the number format), instead of letting NaN reach a chart or a sampler."""
    owner = threading.get_ident()

    def hook(_module, _args, out):
        logits = getattr(out, "logits", None)
        if threading.get_ident() == owner and logits is not None and not torch.isfinite(logits).all():
            raise error

    handle = model.register_forward_hook(hook)
    try:
        yield
    finally:
        handle.remove()
