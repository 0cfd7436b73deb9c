"""GLTR's three histograms (Gehrmann, Strobelt & Rush, 2019) for a text, and a text for comparison that
the model writes itself from the same first words.

From one inspection and its token table (no new pass): how many tokens fall in the model's top 10, 100,
1000 or beyond; the probability the model gave each actual token; and the entropy of each prediction.
A human text has more surprises (more tokens outside the top 10, more low probabilities) than text the
model sampled from its own distribution.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lmviz.analysis.generation import MAX_NEW_TOKENS, generate, text_prompt_ids
from lmviz.analysis.inspection import Inspection
from lmviz.analysis.sampling import Strategy, log_softmax
from lmviz.analysis.surprisal import BANDS, TokenScore
from lmviz.errors import LmvizError
from lmviz.models.loading import LoadedModel

PROMPT_WORDS = 4  # the model's text starts from the text's first words (characters, for Chinese)
# How the comparison text is written: greedy (always the top token), or sampled with top-k 40 (seeded).
MODES = ("sample_top40", "always_top")


@dataclass(frozen=True, eq=False)
class Histograms:
    """One text's GLTR figures over its N predicted tokens (all but the first)."""

    band_counts: tuple[int, ...]  # per surprisal.BANDS: top 10, top 100, top 1000, the rest
    probs: np.ndarray  # (N,) P(actual token | tokens before it)
    entropy_bits: np.ndarray  # (N,) entropy of each prediction, in bits

    @property
    def n(self) -> int:
        return int(sum(self.band_counts))

    @property
    def band_shares(self) -> tuple[float, ...]:
        return tuple(c / max(1, self.n) for c in self.band_counts)


def histograms(result: Inspection, table: tuple[TokenScore, ...], start: int = 1) -> Histograms:
    """GLTR's figures for an inspected causal text and its token table (surprisal.token_table), over its
    tokens from index `start` on (the opening both texts share is left out of the comparison)."""
    rows = [r for r in table if r.has_prediction and r.index >= start]
    if not rows:
        raise LmvizError("surprisal.single_token")
    counts = tuple(sum(r.band == band for r in rows) for band in BANDS)
    first = rows[0].index
    logp = log_softmax(result.logits[first - 1 : -1])  # (N, V): row t predicts token t+1
    entropy = -(np.exp(logp) * logp).sum(-1) / np.log(2)
    probs = np.array([r.prob for r in rows])
    for a in (probs, entropy):
        a.flags.writeable = False
    return Histograms(counts, probs, entropy)


def opening(text: str) -> str:
    """The first PROMPT_WORDS words of `text` (at most all but one); for text without spaces (Chinese),
    its first characters."""
    words = text.split()
    if len(words) >= 2:
        return " ".join(words[: min(PROMPT_WORDS, len(words) - 1)])
    chars = text.strip()
    if len(chars) >= 2 and not chars.isascii():
        return chars[: min(PROMPT_WORDS, len(chars) - 1)]
    raise LmvizError("gltr.text_too_short", n=len(words))


def model_text(loaded: LoadedModel, text: str, mode: str, seed: int = 0) -> tuple[int, str]:
    """(how many tokens the opening is, the model's own text: the first words of `text` continued to about
    the same length)."""
    if mode not in MODES:
        raise LmvizError("gltr.unknown_mode", mode=mode, choices=list(MODES))
    prompt = opening(text)
    prompt_ids = text_prompt_ids(loaded, prompt)
    total = len(loaded.tokenizer(text)["input_ids"])
    n = max(1, min(MAX_NEW_TOKENS, total - len(prompt_ids), loaded.max_tokens - len(prompt_ids)))
    sampled = Strategy(temperature=1.0, top_k=40, seed=int(seed))
    path = generate(loaded, prompt_ids, n, Strategy(greedy=True) if mode == "always_top" else sampled)
    tok = loaded.tokenizer
    decoded = tok.decode(list(path.ids), skip_special_tokens=True, clean_up_tokenization_spaces=False)
    return len(prompt_ids), decoded
