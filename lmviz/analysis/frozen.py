"""Results are frozen: the arrays an analysis returns are read-only, so a cached result shared by every
session cannot be changed by one of them."""

from __future__ import annotations

import numpy as np


def readonly(a: np.ndarray) -> np.ndarray:
    """`a` itself, marked read-only (copy it first where it is a view of something still in use)."""
    a.flags.writeable = False
    return a
