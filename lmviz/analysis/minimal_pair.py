"""Minimal pairs: two prompts that differ in one place, and how the next-token distribution changes.

From the two prompts' next-token logits (one pass each): total-variation distance, KL divergence both
ways (from log-softmax in float64, so no probability underflows to 0), and the tokens whose probability
changed most.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lmviz.analysis.sampling import log_softmax
from lmviz.errors import LmvizError

PAIR_CHARS = 400  # a minimal pair is two short prompts


@dataclass(frozen=True, eq=False)
class PairShift:
    """How the distribution after prompt B differs from the one after prompt A (V = vocabulary)."""

    probs_a: np.ndarray  # (V,) float64
    probs_b: np.ndarray
    total_variation: float  # 1/2 sum |p_a - p_b|: the share of probability that moved, 0 to 1
    kl_ab: float  # KL(A || B) in nats
    kl_ba: float  # KL(B || A) in nats
    changed: tuple[tuple[int, float, float], ...]  # (token id, p_a, p_b), largest |p_b - p_a| first

    def top_union(self, k: int) -> list[int]:
        """The k most probable tokens after A and after B, together: A's first, then B's new ones."""
        top_a = [int(i) for i in np.argsort(-self.probs_a, kind="stable")[:k]]
        top_b = [int(i) for i in np.argsort(-self.probs_b, kind="stable")[:k]]
        return list(dict.fromkeys(top_a + top_b))


def check_prompts(prompt_a: str, prompt_b: str) -> tuple[str, str]:
    """Both prompts, stripped on the right; raises a clear error for an empty or an over-long one."""
    for which, prompt in (("A", prompt_a), ("B", prompt_b)):
        if prompt is None or not prompt.strip():
            raise LmvizError("pair.prompt_empty", which=which)
        if len(prompt) > PAIR_CHARS:
            raise LmvizError("pair.prompt_too_long", which=which, n=len(prompt), max=PAIR_CHARS)
    return prompt_a.rstrip(), prompt_b.rstrip()


def pair_shift(logits_a: np.ndarray, logits_b: np.ndarray, k: int = 10) -> PairShift:
    """Compare two next-token distributions given as logits (V,) of the same model."""
    if logits_a.shape != logits_b.shape:
        raise LmvizError("pair.different_vocabularies", a=logits_a.shape[-1], b=logits_b.shape[-1])
    la, lb = log_softmax(logits_a), log_softmax(logits_b)
    pa, pb = np.exp(la), np.exp(lb)
    diff = pb - pa
    order = np.argsort(-np.abs(diff), kind="stable")[:k]
    kl = lambda p, lp, lq: float(np.where(p > 0, p * (lp - lq), 0.0).sum())  # noqa: E731  # 0 log 0 = 0
    return PairShift(
        pa, pb, float(0.5 * np.abs(diff).sum()), kl(pa, la, lb), kl(pb, lb, la),
        tuple((int(i), float(pa[i]), float(pb[i])) for i in order),
    )  # fmt: skip


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def different_scripts(prompt_a: str, prompt_b: str) -> bool:
    """True when one prompt is Chinese and the other is not: the shift then mostly measures the language."""
    return _has_cjk(prompt_a) != _has_cjk(prompt_b)
