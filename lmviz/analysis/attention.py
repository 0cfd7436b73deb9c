"""Attention weights -> what an attention explorer shows: sinks hidden, display scales, words, rollout.

Pure numpy. Attention arrays are (..., T, T) with rows = queries summing to 1; inputs are never modified.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

SCALE_MODES = ("linear", "log", "row")
LOG_FLOOR = 1e-4  # log mode clips weights here: 0 would be -inf, and below 1e-4 nothing is readable anyway


# --- attention sinks ---------------------------------------------------------------------------------


def sink_columns(special: np.ndarray, include_first: bool = True, include_special: bool = True) -> np.ndarray:
    """Key columns that tend to soak up attention: special tokens ([CLS], [SEP], BOS) and/or token 0."""
    special = np.asarray(special, dtype=bool)  # (T,)
    sinks = special.copy() if include_special else np.zeros_like(special)
    if include_first and sinks.size:
        sinks[0] = True
    return sinks


def reweight_sinks(att: np.ndarray, sinks: np.ndarray, weight: float = 0.0) -> np.ndarray:
    """Multiply the sink key columns by `weight` (0 hides them) and rescale each row to sum to 1 again.

    A row left with no mass becomes all zeros, not NaN: with weight 0 in a causal model, the first query
    sees only itself, which is a sink, so its row is empty.
    """
    if weight < 0:
        raise ValueError(f"weight must be >= 0 (0 hides the sinks, 1 keeps them as they are), got {weight}")
    att = _float(att)  # (..., T, T)
    sinks = np.asarray(sinks, dtype=bool)  # (T,)
    if sinks.shape != att.shape[-1:]:
        raise ValueError(
            f"sinks has shape {sinks.shape}; attention over {att.shape[-1]} keys needs one per key"
        )
    scaled = att * np.where(sinks, weight, 1.0).astype(att.dtype)  # (..., T, T)
    out = _normalise_rows(scaled)
    if weight > 0:  # a row with mass only on sinks keeps its shape: the factor cancels (it may underflow)
        out = np.where(out.sum(axis=-1, keepdims=True) > 0, out, _normalise_rows(att))
    return out


# --- display -----------------------------------------------------------------------------------------


def scale_for_display(att2d: np.ndarray, mode: str) -> np.ndarray:
    """Weights as a heatmap shows them.

    "linear": as they are; "log": log10 of the weights clipped at LOG_FLOOR, so values lie in [-4, 0];
    "row": each row divided by its maximum, so every query's strongest key is 1 (all-zero rows stay 0).
    """
    att = _float(att2d)
    if mode == "linear":
        return att.copy()
    if mode == "log":
        return np.log10(np.maximum(att, LOG_FLOOR))
    if mode == "row":
        peak = att.max(axis=-1, keepdims=True)  # (..., T, 1)
        return np.divide(att, peak, out=np.zeros_like(att), where=peak > 0)
    raise ValueError(f"unknown scale mode {mode!r}: use one of {', '.join(map(repr, SCALE_MODES))}")


def top_links(att2d: np.ndarray, k: int) -> list[tuple[int, int, float]]:
    """The k strongest (query, key, weight) links, strongest first; links with weight 0 are left out."""
    att = np.asarray(att2d)  # (T, T)
    if att.ndim != 2:
        raise ValueError(f"top_links takes one (T, T) map, got shape {att.shape}")
    flat = att.ravel()
    order = np.argsort(-flat, kind="stable")[: max(k, 0)]  # ties: the earlier (query, key) first
    n_keys = att.shape[1]
    return [(int(i // n_keys), int(i % n_keys), float(flat[i])) for i in order if flat[i] > 0]


def limit_tokens(n_tokens: int, cap: int) -> tuple[slice, int]:
    """The slice of the first `cap` tokens a picture shows, and how many tokens it leaves out."""
    if cap < 1:
        raise ValueError(f"cap must be at least 1 token, got {cap}")
    return slice(0, min(n_tokens, cap)), max(n_tokens - cap, 0)


# --- layers and heads --------------------------------------------------------------------------------


def head_average(att: np.ndarray) -> np.ndarray:
    """(L, H, T, T) -> (L, T, T): the mean over heads."""
    att = _float(att)
    if att.ndim != 4:
        raise ValueError(f"expected attentions shaped (layers, heads, T, T), got {att.shape}")
    return att.mean(axis=1)


def rollout(att: np.ndarray, residual: float = 0.5) -> np.ndarray:
    """Attention rollout (Abnar & Zuidema 2020): (L, H, T, T) -> (L, T, T), [l] = flow through layers 0..l.

    Each layer is residual * I + (1 - residual) * head mean (the skip connection carries each token on),
    with rows rescaled to 1; the layers are then multiplied from layer 0 upward.
    """
    if not 0.0 <= residual <= 1.0:
        raise ValueError(f"residual must be between 0 and 1, got {residual}")
    mean = head_average(att)  # (L, T, T)
    eye = np.eye(mean.shape[-1], dtype=mean.dtype)
    layers = _normalise_rows(residual * eye + (1.0 - residual) * mean)  # (L, T, T)
    out = np.empty_like(layers)
    flow = eye
    for layer, a in enumerate(layers):
        flow = a @ flow  # queries of this layer -> inputs, through every layer below
        out[layer] = flow
    return out


# --- words -------------------------------------------------------------------------------------------


def merge_words(att: np.ndarray, groups: Sequence[tuple[str, Sequence[int]]]) -> np.ndarray:
    """Token attention (..., T, T) -> word attention (..., W, W).

    A word's attention to another word is the sum over that word's key tokens (mass it receives), averaged
    over the word's query tokens. Rows keep summing to 1, and contiguous words keep a causal map causal.
    """
    att = _float(att)
    n_tokens = att.shape[-1]
    indices = [list(idx) for _, idx in groups]
    flat = sorted(i for idx in indices for i in idx)
    if flat != list(range(n_tokens)) or any(not idx for idx in indices):
        raise ValueError(f"groups must cover each of the {n_tokens} tokens exactly once, with no empty word")
    member = np.zeros((len(indices), n_tokens), dtype=att.dtype)  # (W, T)
    for word, idx in enumerate(indices):
        member[word, idx] = 1.0
    keys_summed = att @ member.T  # (..., T, W)
    query_mean = member / member.sum(axis=1, keepdims=True)  # (W, T)
    return query_mean @ keys_summed  # (..., W, W)


# --- helpers -----------------------------------------------------------------------------------------


def _float(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a)
    return a if np.issubdtype(a.dtype, np.floating) else a.astype(np.float64)


def _normalise_rows(a: np.ndarray) -> np.ndarray:
    total = a.sum(axis=-1, keepdims=True)  # (..., T, 1)
    return np.divide(a, total, out=np.zeros_like(a), where=total > 0)
