"""How surprised a causal model is by each token of a text: loss, perplexity, ranks and GLTR bands.

Works from an `Inspection` (its logits and token log-probabilities): the model is not run again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from lmviz.analysis.inspection import Inspection
from lmviz.analysis.logit_lens import check_same_model
from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz.models.loading import LoadedModel
from lmviz.text.tokens import token_strings

# GLTR (Gehrmann, Strobelt & Rush, 2019) colours a token by the rank the model gave it.
BANDS = ("top10", "top100", "top1000", "rest")
BAND_LIMITS = ((10, "top10"), (100, "top100"), (1000, "top1000"))
GLTR_COLORS = {"top10": "#ADFF80", "top100": "#FFEA80", "top1000": "#FF9280", "rest": "#E5B0FF"}
NO_PREDICTION_COLOR = "#E0E0E0"  # the first token: nothing came before it, so nothing predicted it


@dataclass(frozen=True)
class TokenScore:
    """One token of the text as the model saw it coming. Fields without a prediction are NaN / None."""

    index: int
    token: str  # display string
    token_id: int
    has_prediction: bool  # False for the first token: no context, no prediction
    surprisal_bits: float  # -log2 P(token | tokens before it)
    prob: float  # P(token | tokens before it)
    rank: int | None  # 1 = the model's top guess; counted over the whole vocabulary
    band: str | None  # one of BANDS
    alternatives: tuple[tuple[str, float], ...]  # the model's top-k guesses here: (display string, prob)


def prompt_loss(result: Inspection) -> tuple[float, float]:
    """(loss, perplexity): mean negative log-likelihood in nats of tokens 1..T-1, and exp of it."""
    _require_causal(result)
    if result.n_tokens < 2:
        raise LmvizError("surprisal.single_token")
    loss = -float(np.mean(result.token_logprobs[1:], dtype=np.float64))  # token 0 has no prediction (NaN)
    return loss, math.exp(min(loss, 700.0))  # exp(700) ~ 1e304: keep clear of float overflow


@torch.inference_mode()
def token_table(loaded: LoadedModel, result: Inspection, k: int = 5) -> tuple[TokenScore, ...]:
    """Per token: surprisal, probability, exact rank, GLTR band and the top-k guesses at that spot."""
    _require_causal(result)
    check_same_model(loaded, result)
    vocab = result.logits.shape[-1]
    if not 1 <= k <= vocab:
        raise LmvizError("surprisal.k_out_of_range", vocab=vocab, k=k)
    logits = torch.from_numpy(np.array(result.logits[:-1]))  # (T-1, V): row t predicts token t+1
    actual = torch.from_numpy(np.array(result.token_ids[1:]))  # (T-1,)
    actual_logits = logits.gather(-1, actual[:, None])  # (T-1, 1)
    # 1 + how many tokens beat it; ties go to the lower id, as in a stable sort (and sampling.rank_of).
    tied_before = (logits == actual_logits) & (torch.arange(vocab) < actual[:, None])  # (T-1, V)
    ranks = ((logits > actual_logits).sum(-1) + tied_before.sum(-1) + 1).tolist()
    top_ids = logits.topk(k, dim=-1).indices  # (T-1, k)
    top_probs = torch.softmax(logits, dim=-1).gather(-1, top_ids).tolist()
    names = token_strings(loaded.tokenizer, top_ids.flatten().tolist())

    rows = [
        TokenScore(0, result.tokens[0], int(result.token_ids[0]), False, math.nan, math.nan, None, None, ())
    ]
    for t in range(1, result.n_tokens):
        logprob = float(result.token_logprobs[t])
        rank = ranks[t - 1]
        guesses = names[(t - 1) * k : t * k]
        rows.append(
            TokenScore(
                index=t,
                token=result.tokens[t],
                token_id=int(result.token_ids[t]),
                has_prediction=True,
                surprisal_bits=-logprob / math.log(2),
                prob=math.exp(logprob),
                rank=rank,
                band=gltr_band(rank),
                alternatives=tuple(zip(guesses, top_probs[t - 1])),
            )
        )
    return tuple(rows)


def gltr_band(rank: int) -> str:
    """GLTR's band for a rank: "top10", "top100", "top1000" or "rest"."""
    return next((band for limit, band in BAND_LIMITS if rank <= limit), "rest")


def gltr_color(band: str | None) -> str:
    """GLTR's colour for a band (green, yellow, red, purple) as a CSS hex string; grey for None."""
    if band is None:
        return NO_PREDICTION_COLOR
    if band not in GLTR_COLORS:
        raise ValueError(f"Unknown GLTR band '{band}': use one of {', '.join(BANDS)} or None.")
    return GLTR_COLORS[band]


def _require_causal(result: Inspection) -> None:
    if result.kind != Kind.CAUSAL or result.logits is None or result.token_logprobs is None:
        raise LmvizError("surprisal.needs_causal", model=result.model_name, kind=Kind(result.kind))
