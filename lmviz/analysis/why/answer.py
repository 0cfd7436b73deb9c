"""Which token a "why" question is about, and where the model predicts it: the next token after the last
position of a causal model, or the first [MASK] of a masked one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from lmviz.analysis.internals.vectors import WORD_CHARS, word_ids
from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz.models.loading import LoadedModel
from lmviz.text.tokens import readable_token


@dataclass(frozen=True)
class Answer:
    """One answer token. A typed word of several tokens is represented by its first one."""

    token_id: int
    piece: str  # the token as text
    word: str = ""  # what was typed ("" for the model's own top prediction)
    n_pieces: int = 1  # tokens the typed word has


def position(loaded: LoadedModel, ids: Sequence[int]) -> int:
    """Where the answer is read: the last token (causal) or the first mask token (masked)."""
    if not ids:
        raise LmvizError("inspect.no_tokens")
    if loaded.kind == Kind.CAUSAL:
        return len(ids) - 1
    mask = loaded.tokenizer.mask_token_id
    found = [i for i, t in enumerate(ids) if int(t) == mask]
    if mask is None or not found:
        raise LmvizError("why.no_mask", mask=str(loaded.tokenizer.mask_token or "[MASK]"))
    return found[0]


def label(loaded: LoadedModel, token_id: int) -> str:
    """A token as the page shows it: its text, byte pieces by their bytes, a newline as ⏎."""
    return readable_token(loaded.tokenizer, int(token_id)).replace("\n", "⏎")


def top(loaded: LoadedModel, logits: np.ndarray) -> Answer:
    """The model's most probable token from logits (V,)."""
    best = int(np.argmax(logits))
    return Answer(best, label(loaded, best))


def typed(loaded: LoadedModel, word: str) -> Answer:
    """The first token of `word` as it reads after a space (Chinese and other scripts as typed)."""
    word = word.strip()[:WORD_CHARS]
    ids = word_ids(loaded, word)
    if not ids:
        raise LmvizError("why.word_no_tokens", word=word)
    return Answer(ids[0], label(loaded, ids[0]), word, len(ids))


def choose(loaded: LoadedModel, logits: np.ndarray, word: str) -> Answer:
    """The typed word's first token, or the model's top prediction when nothing was typed."""
    return typed(loaded, word) if word.strip() else top(loaded, logits)


EXAMPLE = "The capital of France is"


def example(loaded: LoadedModel) -> str:
    """A text this view explains well: the prompt, with a mask after it for a masked model."""
    if loaded.kind == Kind.CAUSAL:
        return EXAMPLE
    return f"{EXAMPLE} {loaded.tokenizer.mask_token or '[MASK]'}."
