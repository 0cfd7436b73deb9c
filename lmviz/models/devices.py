"""Choosing where models run: cuda, then mps, then cpu; LMVIZ_DEVICE and LMVIZ_DTYPE override."""

from __future__ import annotations

import os

import torch

from lmviz.errors import LmvizError

DTYPES = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}


def pick_device(requested: str | None = None) -> torch.device:
    """`requested` (or $LMVIZ_DEVICE) if given and present; otherwise the best device available."""
    name = requested or os.environ.get("LMVIZ_DEVICE") or ""
    if not name:
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    try:
        device = torch.device(name)
    except RuntimeError as exc:
        raise LmvizError("device.unknown", name=name) from exc
    if device.type == "cuda" and not torch.cuda.is_available():
        raise LmvizError("device.no_cuda", name=name)
    if device.type == "mps" and not torch.backends.mps.is_available():
        raise LmvizError("device.no_mps", name=name)
    return device


def pick_dtype(device: torch.device, requested: str | None = None) -> torch.dtype:
    """float32 by default; bfloat16/float16 (argument or $LMVIZ_DTYPE) only on a GPU."""
    name = requested or os.environ.get("LMVIZ_DTYPE") or "float32"
    if name not in DTYPES:
        raise LmvizError("device.unknown_dtype", name=name, choices=list(DTYPES))
    if name != "float32" and device.type == "cpu":
        # Half precision on CPU is slow and changes the numbers students see; keep it honest and exact.
        return torch.float32
    return DTYPES[name]
