"""What kind of head each head is, scored from attention weights already computed.

previous: mean weight a token gives the token just before it; first: mean weight on the first token (the
"sink"); duplicate: mean weight a repeated token gives earlier copies of itself; induction: on a random
sequence repeated twice, mean weight a token in the second copy gives the token that followed its first
occurrence (the head that lets a model continue a pattern it has seen once). Each score is in [0, 1].
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from lmviz.errors import LmvizError
from lmviz.models import forward
from lmviz.models.loading import LoadedModel
from lmviz.text.tokens import special_frame

KINDS = ("previous", "first", "duplicate", "induction")
REPEAT_MAX = 60


def previous_token(att: np.ndarray) -> np.ndarray:
    """(L, H) from attentions (L, H, T, T): mean over i >= 1 of A[i, i-1]."""
    t = att.shape[-1]
    if t < 2:
        return np.full(att.shape[:2], np.nan)
    i = np.arange(1, t)
    return att[:, :, i, i - 1].mean(-1)


def first_token(att: np.ndarray) -> np.ndarray:
    """(L, H): mean over i >= 1 of A[i, 0] (position 0 can only read itself in a causal model)."""
    if att.shape[-1] < 2:
        return np.full(att.shape[:2], np.nan)
    return att[:, :, 1:, 0].mean(-1)


def duplicate_token(att: np.ndarray, ids: Sequence[int]) -> np.ndarray | None:
    """(L, H): over tokens with an earlier copy, mean weight on all earlier copies; None without repeats."""
    rows = [(i, [j for j in range(i) if ids[j] == ids[i]]) for i in range(len(ids))]
    rows = [(i, js) for i, js in rows if js]
    if not rows:
        return None
    return np.mean([att[:, :, i, js].sum(-1) for i, js in rows], axis=0)


def induction(att: np.ndarray, start: int, n: int) -> np.ndarray:
    """(L, H) on a sequence whose tokens start..start+n-1 repeat at start+n..start+2n-1: mean over the
    second copy's tokens i = start+n+k (k < n-1) of A[i, start+k+1]."""
    k = np.arange(n - 1)
    return att[:, :, start + n + k, start + k + 1].mean(-1)


@dataclass(frozen=True, eq=False)
class RepeatedSequence:
    """A random sequence of n ordinary tokens shown twice, inside the tokenizer's special frame."""

    ids: tuple[int, ...]
    start: int  # where the first copy begins (after [CLS] or <s>)
    n: int


def repeated_random(loaded: LoadedModel, n: int = 20, seed: int = 0) -> RepeatedSequence:
    """Draw n distinct ordinary tokens (seeded) and repeat them once."""
    if not 2 <= n <= REPEAT_MAX:
        raise LmvizError("why.bad_repeat", n=n, max=REPEAT_MAX)
    tok = loaded.tokenizer
    head, tail = special_frame(tok)
    vocab = loaded.model.get_input_embeddings().weight.shape[0]
    special = set(tok.all_special_ids)
    rng = np.random.default_rng(seed)
    drawn: list[int] = []
    while len(drawn) < n:
        t = int(rng.integers(0, min(vocab, len(tok))))
        if t not in special and t not in drawn and tok.decode([t]).strip():
            drawn.append(t)
    ids = (*head, *drawn, *drawn, *tail)
    return RepeatedSequence(tuple(int(i) for i in ids), len(head), n)


@dataclass(frozen=True, eq=False)
class HeadTypes:
    """Scores (L, H) per kind on one input; duplicate is None when it repeats no token, induction is None
    unless the input is a repeated sequence."""

    previous: np.ndarray
    first: np.ndarray
    duplicate: np.ndarray | None
    induction: np.ndarray | None

    def score(self, kind: str) -> np.ndarray | None:
        return getattr(self, kind)


def attentions(loaded: LoadedModel, ids: Sequence[int]) -> np.ndarray:
    """(L, H, T, T) attention weights of one pass over `ids`."""
    out = forward.run(loaded, ids, attentions=True)
    if not out.attentions or any(a is None for a in out.attentions):
        raise LmvizError("inspect.no_attention", model=loaded.name)
    return np.stack([a[0].float().cpu().numpy() for a in out.attentions])


def scores(att: np.ndarray, ids: Sequence[int], repeat: RepeatedSequence | None = None) -> HeadTypes:
    """Every kind's scores from attentions (L, H, T, T) over `ids` (induction only for a repeated one)."""
    return HeadTypes(
        previous=previous_token(att),
        first=first_token(att),
        duplicate=duplicate_token(att, [int(i) for i in ids]),
        induction=None if repeat is None else induction(att, repeat.start, repeat.n),
    )


def on_repeated(loaded: LoadedModel, n: int = 20, seed: int = 0) -> tuple[RepeatedSequence, HeadTypes]:
    """A repeated random sequence and every kind's scores on it (one pass of 2n tokens)."""
    seq = repeated_random(loaded, n, seed)
    return seq, scores(attentions(loaded, seq.ids), seq.ids, seq)
