"""The same probes on a model before and after training: held-out perplexity, the next-token (or fill-mask)
distribution for a probe, and a generation from the same seed."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from lmviz.analysis import compare
from lmviz.analysis.compare import Candidate
from lmviz.analysis.generation import generate, next_distribution, text_prompt_ids
from lmviz.analysis.sampling import Strategy, softmax, top_table
from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz.models import forward
from lmviz.models.loading import LoadedModel
from lmviz.text.tokens import space_in_word, token_strings
from lmviz.text.words import fill_blanks
from lmviz.training.data import Blocks
from lmviz.training.evaluate import held_out_loss

TOP_K = 10
GENERATE_TOKENS = 30
GENERATE_STRATEGY = Strategy(temperature=0.8, top_k=40)  # seeded: both models draw from the same seed


@dataclass(frozen=True)
class Side:
    """What one model (before or after) does on the probes."""

    name: str
    held_out_loss: float  # nats per predicted token on the held-out blocks
    top: tuple[Candidate, ...]  # next token after the probe (causal) or the fill of its first blank
    generation: str | None  # causal: a sampled continuation of the probe

    @property
    def perplexity(self) -> float:
        return math.exp(min(self.held_out_loss, 700.0))


@dataclass(frozen=True)
class BeforeAfter:
    probe: str
    before: Side
    after: Side
    shift: float  # total variation distance between the two probe distributions, 0 (same) .. 1
    seed: int


def check_probe(kind: str, probe: str, loaded: LoadedModel | None = None) -> None:
    """Refuse, before any training, a probe the before/after panels cannot use: an empty prompt, one
    longer than `loaded` reads, or a masked probe with no blank."""
    if kind == Kind.MASKED:
        if not compare.parse_blanks(probe)[1]:
            raise LmvizError("probe.no_blank")
    elif loaded is not None:
        text_prompt_ids(loaded, probe)
    elif not probe.strip():
        raise LmvizError("generate.prompt_empty")


def probe_distribution(loaded: LoadedModel, probe: str) -> np.ndarray:
    """Probabilities (V,) of the next token after `probe` (causal) or of its first blank (masked)."""
    if loaded.kind == Kind.CAUSAL:
        return softmax(next_distribution(loaded, text_prompt_ids(loaded, probe)))
    return _first_blank_probs(loaded, probe)


@torch.inference_mode()
def _first_blank_probs(loaded: LoadedModel, probe: str) -> np.ndarray:
    check_probe(Kind.MASKED, probe)
    clean, blanks = compare.parse_blanks(probe)
    tok = loaded.tokenizer
    text = fill_blanks(clean, blanks, tok.mask_token, space_in_word(tok))
    ids = tok(text)["input_ids"][: loaded.max_tokens]
    slots = [i for i, t in enumerate(ids) if t == tok.mask_token_id]
    if not slots:
        raise LmvizError("probe.blank_cut")
    logits = forward.run(loaded, ids).logits[0, slots[0]]  # (V,)
    return torch.softmax(logits.float(), dim=-1).cpu().numpy()


def side(loaded: LoadedModel, blocks: Blocks, probe: str, seed: int, probs: np.ndarray | None = None) -> Side:
    """One model on the probes; `probs` is its probe distribution when the caller already has it."""
    probs = probe_distribution(loaded, probe) if probs is None else probs
    rows = top_table(probs, np.log(np.maximum(probs, 1e-45)), TOP_K)
    names = token_strings(loaded.tokenizer, [r.token_id for r in rows])
    top = tuple(Candidate(r.token_id, name, r.prob) for r, name in zip(rows, names))
    generation = None
    if loaded.kind == Kind.CAUSAL:
        strategy = Strategy(GENERATE_STRATEGY.temperature, GENERATE_STRATEGY.top_k, seed=seed)
        path = generate(loaded, text_prompt_ids(loaded, probe), GENERATE_TOKENS, strategy)
        generation = path.text(loaded.tokenizer, include_prompt=False)
    loss = held_out_loss(loaded.model, loaded.kind, loaded.tokenizer, blocks.held_out)
    return Side(loaded.name, loss, top, generation)


def compare_models(before: LoadedModel, after: LoadedModel, blocks: Blocks, probe: str, seed: int = 0):
    """Both sides on the same probe, held-out blocks and seed."""
    p_before, p_after = probe_distribution(before, probe), probe_distribution(after, probe)  # (V,) each
    a = side(before, blocks, probe, seed, p_before)
    b = side(after, blocks, probe, seed, p_after)
    shift = 0.5 * float(np.abs(p_before - p_after).sum())
    return BeforeAfter(probe, a, b, shift, seed)
