"""The MLP's hidden neurons in a trace: the most active ones per token and over the text, and one neuron's
value at every token (for colouring the text)."""

from __future__ import annotations

import numpy as np

from lmviz.analysis.internals.trace import Trace


def top_for_token(trace: Trace, layer: int, position: int, k: int = 10) -> list[tuple[int, float]]:
    """The k neurons of `layer` with the largest |activation| at `position`: (neuron, activation)."""
    acts = trace.neurons[layer, position]
    order = np.argsort(-np.abs(acts), kind="stable")[:k]
    return [(int(i), float(acts[i])) for i in order]


def most_active(trace: Trace, layer: int, k: int = 20) -> np.ndarray:
    """The k neurons of `layer` whose largest |activation| over the text is largest, strongest first (k,)."""
    peak = np.abs(trace.neurons[layer]).max(axis=0)  # (F,)
    return np.argsort(-peak, kind="stable")[:k]


def values(trace: Trace, layer: int, neuron: int) -> np.ndarray:
    """One neuron's activation at every token (T,)."""
    return trace.neurons[layer, :, neuron]
