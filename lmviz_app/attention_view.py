"""What the attention page draws, from one cached inspection: sinks handled, words merged, sizes bounded."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import numpy as np

from lmviz.analysis import attention
from lmviz.analysis.inspection import Inspection
from lmviz.kinds import Kind
from lmviz.text.words import word_groups

SINK_MODES = ("keep", "hide", "down")
# bertviz draws every head of every layer in the browser: keep the numbers it is sent bounded.
BERTVIZ_MAX_VALUES = 300_000  # layers x heads x T x T, ~2 MB of JSON
GRID_CELL = 24  # all-heads tiles are at most this many tokens across (neighbours averaged beyond)


@dataclass(frozen=True)
class AttentionSettings:
    sinks: str = "keep"  # "keep", "hide" (weight 0) or "down" (multiply by sink_weight)
    sink_weight: float = 0.2
    words: bool = False  # merge sub-word tokens into words


@dataclass(frozen=True, eq=False)
class AttentionView:
    attentions: np.ndarray  # (L, H, N, N), N tokens or words, rows sum to 1 (or 0 for emptied rows)
    labels: tuple[str, ...]  # N labels
    causal: bool


def prepare(result: Inspection, settings: AttentionSettings) -> AttentionView:
    """Apply the sink control, then (optionally) merge tokens into words. No model is run."""
    if settings.sinks not in SINK_MODES:
        raise ValueError(f"unknown sink mode {settings.sinks!r}: use one of {SINK_MODES}")
    att = result.attentions  # (L, H, T, T)
    if settings.sinks != "keep":
        weight = 0.0 if settings.sinks == "hide" else float(settings.sink_weight)
        att = attention.reweight_sinks(att, attention.sink_columns(result.special), weight)
    labels = tuple(result.tokens)
    if settings.words:
        groups = word_groups(result.text, result.tokens, result.spans, result.special)
        att = attention.merge_words(att, groups)
        labels = tuple(label for label, _ in groups)
    return AttentionView(att, labels, result.kind == Kind.CAUSAL)


def bertviz_token_cap(n_layers: int, n_heads: int, max_values: int = BERTVIZ_MAX_VALUES) -> int:
    """How many tokens bertviz may show so that layers x heads x T x T stays under `max_values`."""
    return max(2, int(np.sqrt(max_values / max(1, n_layers * n_heads))))


def matrix_csv(weights: np.ndarray, queries: tuple[str, ...], keys: tuple[str, ...]) -> str:
    """One attention matrix as CSV: a header of keys, then one row per query."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["query \\ key", *keys])
    for label, row in zip(queries, weights):
        writer.writerow([label, *(f"{w:.6f}" for w in row)])
    return out.getvalue()
