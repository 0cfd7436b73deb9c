"""Choosing the next token from one logits vector (V,): temperature, top-k, top-p, greedy and sampling.

Pure numpy on float64, no model: a slider that changes temperature or top-k re-draws from cached logits.
Ties are always broken towards the lower token id, so every choice here is deterministic given the rng.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from lmviz.analysis.frozen import readonly

LN2 = math.log(2.0)


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """Log-probabilities in float64 over the last axis of logits (V,) or (N, V); a -inf logit gives -inf,
    and no probability underflows to a log of 0 the way exp-then-log would."""
    z = np.asarray(logits, dtype=np.float64)
    z = z - z.max(-1, keepdims=True)
    return z - np.log(np.exp(z).sum(-1, keepdims=True))


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Probabilities (V,) float64 from logits (V,) at a temperature.

    Low temperatures sharpen towards the argmax, high ones flatten towards uniform. Subtracting the max
    before dividing keeps tiny temperatures finite (the top token gets exp(0) = 1, the rest underflow to
    0). temperature == 0 means greedy: one-hot at the argmax (the lowest id among ties).
    """
    z = _logits(logits)
    t = float(temperature)
    if math.isnan(t) or t < 0:
        raise ValueError(f"temperature must be >= 0, got {temperature}")
    top = int(np.argmax(z))
    if t == 0:
        return _one_hot(top, z.size)
    with np.errstate(over="ignore", under="ignore"):
        e = np.exp((z - z[top]) / t)  # (V,) in [0, 1]; -inf logits give exactly 0
    return e / e.sum()


def top_k_mask(probs: np.ndarray, k: int) -> np.ndarray:
    """Bool mask (V,) of the k most probable tokens (all of them when k >= V)."""
    p = _probs(probs)
    if int(k) != k or k < 1:
        raise ValueError(f"top_k must be a whole number >= 1, got {k}")
    mask = np.zeros(p.size, dtype=bool)
    mask[_descending(p)[: int(k)]] = True
    return mask


def top_p_mask(probs: np.ndarray, p: float) -> np.ndarray:
    """Bool mask (V,) of the smallest set of most probable tokens whose mass reaches p (nucleus).

    A token is kept when the tokens ranked above it hold less than p, so the top token is always kept.
    p = 1 keeps every token (no filter): summing floats to exactly 1 is not reliable.
    """
    q = _probs(probs)
    if not 0 < p <= 1:
        raise ValueError(f"top_p must be in (0, 1], got {p}")
    if p >= 1:
        return np.ones(q.size, dtype=bool)
    order = _descending(q)
    before = np.cumsum(q[order]) - q[order]  # mass ranked strictly above each token, in rank order
    mask = np.zeros(q.size, dtype=bool)
    mask[order[before < p]] = True
    return mask


@dataclass(frozen=True)
class FilterStep:
    """One filter as applied: top-k then top-p, each on what the one before it kept (renormalised)."""

    name: str  # "top_k" or "top_p"
    value: float  # k, or p
    n_kept: int
    mass: float  # probability the kept tokens hold in the distribution given to apply_filters
    mass_of_input: float  # ... and in what this filter was given (top-p after top-k: the top-k's share)


@dataclass(frozen=True, eq=False)
class Filtered:
    """A distribution after top-k / top-p: probs (V,) renormalised over the kept tokens, 0 elsewhere."""

    probs: np.ndarray
    kept: np.ndarray  # (V,) bool
    cut_mass: float  # probability the filters removed, measured on the distribution they were given
    steps: tuple[FilterStep, ...] = ()

    @property
    def n_kept(self) -> int:
        return int(self.kept.sum())


def apply_filters(probs: np.ndarray, top_k: int | None = None, top_p: float | None = None) -> Filtered:
    """Keep the top-k tokens, then the top-p nucleus of those (renormalised), as Hugging Face does.

    Top-p after top-k therefore keeps the smallest set holding p of the *top-k's* probability, which may
    hold less than p of the model's: `steps` records both masses for each filter.
    """
    p = _probs(probs)
    total = float(p.sum())
    kept = np.ones(p.size, dtype=bool)
    steps = []
    if top_k is not None:
        kept &= top_k_mask(p, top_k)
        mass = float(p[kept].sum()) / total
        steps.append(FilterStep("top_k", top_k, int(kept.sum()), mass, mass))
    if top_p is not None:
        after_k = np.where(kept, p, 0.0)
        given = float(after_k.sum())
        kept &= top_p_mask(after_k / given, top_p)
        mass = float(p[kept].sum())
        steps.append(FilterStep("top_p", top_p, int(kept.sum()), mass / total, mass / given))
    kept_mass = float(p[kept].sum())
    out = np.where(kept, p, 0.0) / kept_mass
    return Filtered(readonly(out), readonly(kept), max(0.0, 1.0 - kept_mass / total), tuple(steps))


def entropy(probs: np.ndarray) -> float:
    """Shannon entropy in nats (0 log 0 = 0): 0 for a certain choice, log V for uniform."""
    p = _probs(probs)
    nz = p[p > 0]
    return float(max(0.0, -(nz * np.log(nz)).sum()))


def entropy_bits(probs: np.ndarray) -> float:
    """Shannon entropy in bits: the number of fair coin flips the choice is worth."""
    return entropy(probs) / LN2


def mass_outside(probs: np.ndarray, shown_ids) -> float:
    """Probability of every token not in shown_ids (e.g. the rest of the vocabulary under a top-10 bar)."""
    p = _probs(probs)
    ids = np.unique(np.asarray(list(shown_ids), dtype=np.int64))
    if ids.size and (ids.min() < 0 or ids.max() >= p.size):
        raise ValueError(f"token ids must be in [0, {p.size}), got {ids.min()}..{ids.max()}")
    return float(max(0.0, 1.0 - p[ids].sum() / p.sum()))


def greedy(probs: np.ndarray) -> int:
    """The most probable token (the lowest id among ties)."""
    return int(np.argmax(_probs(probs)))


def sample(probs: np.ndarray, rng: np.random.Generator) -> int:
    """Draw one token id with probability probs[id], using exactly one rng.random() draw.

    Inverse CDF: the first token whose cumulative mass exceeds u * total, so a 0-probability token is
    never drawn.
    """
    p = _probs(probs)
    cdf = np.cumsum(p)  # (V,)
    u = rng.random() * cdf[-1]
    i = int(np.searchsorted(cdf, u, side="right"))
    return min(i, int(np.flatnonzero(p)[-1]))  # u rounding up to the total would land past the end


@dataclass(frozen=True)
class Strategy:
    """How to pick the next token. temperature 0 or greedy=True: always the most probable token."""

    temperature: float = 1.0
    top_k: int | None = None  # None: no top-k cut
    top_p: float | None = None  # None or 1.0: no nucleus cut
    greedy: bool = False
    seed: int = 0  # with the same seed and logits, sampling picks the same tokens

    def __post_init__(self) -> None:
        if math.isnan(self.temperature) or self.temperature < 0:
            raise ValueError(f"temperature must be >= 0, got {self.temperature}")
        if self.top_k is not None and (int(self.top_k) != self.top_k or self.top_k < 1):
            raise ValueError(f"top_k must be None or a whole number >= 1, got {self.top_k}")
        if self.top_p is not None and not 0 < self.top_p <= 1:
            raise ValueError(f"top_p must be None or in (0, 1], got {self.top_p}")
        if int(self.seed) != self.seed or self.seed < 0:
            raise ValueError(f"seed must be a whole number >= 0, got {self.seed}")

    @property
    def is_greedy(self) -> bool:
        return self.greedy or self.temperature == 0


def distribution(logits: np.ndarray, strategy: Strategy) -> Filtered:
    """The distribution a strategy samples from: softmax at its temperature, then its filters.

    Greedy strategies give a one-hot at the argmax (cut_mass: everything else at temperature 1).
    """
    if strategy.is_greedy:
        raw = softmax(logits)
        return apply_filters(raw, top_k=1)
    return apply_filters(softmax(logits, strategy.temperature), strategy.top_k, strategy.top_p)


@dataclass(frozen=True)
class Choice:
    """One chosen token and how likely it was."""

    token_id: int
    prob: float  # under the distribution actually sampled from (after temperature and filters)
    raw_prob: float  # under the model's own softmax at temperature 1
    rank: int  # 1 = the model's most probable token (ties ranked by id)


def next_token(logits: np.ndarray, strategy: Strategy, rng: np.random.Generator | None = None) -> Choice:
    """Pick the next token from logits (V,). Without an rng, one is seeded from strategy.seed."""
    final = distribution(logits, strategy)
    if strategy.is_greedy:
        token = greedy(final.probs)
    else:
        token = sample(final.probs, rng if rng is not None else np.random.default_rng(strategy.seed))
    return choice_of(logits, strategy, token, final)


def choice_of(logits: np.ndarray, strategy: Strategy, token_id: int, final: Filtered | None = None) -> Choice:
    """A given token as a Choice: its probability under the strategy and at temperature 1, and its rank.
    `final` is the strategy's distribution when the caller already has it."""
    final = distribution(logits, strategy) if final is None else final
    raw = softmax(logits)
    return Choice(token_id, float(final.probs[token_id]), float(raw[token_id]), rank_of(raw, token_id))


def rank_of(probs: np.ndarray, token_id: int) -> int:
    """1-based rank of a token by probability, ties ranked by id (as top-k breaks them)."""
    p = _probs(probs)
    mine = p[token_id]
    return int((p > mine).sum() + (p[:token_id] == mine).sum() + 1)


class TopRow(NamedTuple):
    token_id: int
    prob: float
    logit: float


def top_table(probs: np.ndarray, logits: np.ndarray, k: int) -> list[TopRow]:
    """The k most probable tokens as (id, prob, logit) rows, most probable first.

    Equal probabilities are ordered by logit, then by id: at a very low temperature (or greedy) every
    runner-up has probability 0, and the next best tokens are still the ones with the highest logits.
    """
    p = _probs(probs)
    z = np.asarray(logits, dtype=np.float64)
    if z.shape != p.shape:
        raise ValueError(f"probs {p.shape} and logits {z.shape} must have the same shape")
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    order = np.lexsort((np.arange(p.size), -z, -p))[:k]  # last key first: prob, then logit, then id
    return [TopRow(int(i), float(p[i]), float(z[i])) for i in order]


def _descending(p: np.ndarray) -> np.ndarray:
    return np.argsort(-p, kind="stable")  # stable: equal probabilities keep id order


def _logits(logits: np.ndarray) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64)
    if z.ndim != 1 or z.size == 0:
        raise ValueError(f"logits must be one non-empty vector (V,), got shape {z.shape}")
    if np.isnan(z).any() or np.isposinf(z).any():
        raise ValueError("logits contain NaN or +inf")
    if np.isneginf(z).all():
        raise ValueError("every logit is -inf: no token can be chosen")
    return z


def _probs(probs: np.ndarray) -> np.ndarray:
    p = np.asarray(probs, dtype=np.float64)
    if p.ndim != 1 or p.size == 0:
        raise ValueError(f"probs must be one non-empty vector (V,), got shape {p.shape}")
    if not np.isfinite(p).all() or (p < 0).any() or p.sum() <= 0:
        raise ValueError("probs must be finite, >= 0 and not all 0")
    return p


def _one_hot(i: int, n: int) -> np.ndarray:
    out = np.zeros(n, dtype=np.float64)
    out[i] = 1.0
    return out
