"""Fill in the blanks: a masked model's guesses for every [MASK] / ___ at once, and a causal model's guess
at the first blank from the text to its left alone."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from lmviz.analysis.compare.reading import (
    DEFAULT_K,
    Candidate,
    causal_reading,
    check_length,
    decode_ids,
    log_softmax,
    require_kind,
    start_ids,
    top_candidates,
)
from lmviz.errors import LmvizError, Message, message
from lmviz.kinds import Kind
from lmviz.models.loading import LoadedModel
from lmviz.text.tokens import space_in_word, tokenize
from lmviz.text.words import Blank, fill_blanks, parse_blanks

MAX_BLANKS = 20  # masked slots one fill-in may hold; more and each guess has too little context to use


@dataclass(frozen=True)
class BlankFill:
    """A model's top guesses for one blank."""

    blank: Blank
    model_name: str
    kind: str
    context: str  # what the model read, decoded
    top: tuple[Candidate, ...]
    notice: tuple[Message, ...] | None = None  # how the guesses were made, when it is not obvious


@dataclass(frozen=True, eq=False)
class BlankReading:
    """What a model read for a text with blanks, and its log-probabilities (float32) at each guessed one."""

    blanks: tuple[Blank, ...]  # the blanks it guessed (a causal model: the first only)
    log_probs: torch.Tensor  # (n, V)
    context: str  # what the model read, decoded
    notice: tuple[Message, ...] | None = None


@torch.inference_mode()
def masked_reading(loaded: LoadedModel, text_with_blanks: str) -> BlankReading:
    """One pass of a masked model over the text, one mask token per blank (all guessed at once)."""
    require_kind(loaded, Kind.MASKED)
    clean, blanks = parse_blanks(text_with_blanks)
    if not blanks:
        raise LmvizError("fill.no_blank")
    if len(blanks) > MAX_BLANKS:
        raise LmvizError("fill.too_many_blanks", n=len(blanks), max=MAX_BLANKS)
    tok = loaded.tokenizer
    model_text = fill_blanks(clean, blanks, tok.mask_token, space_in_word(tok))
    ids = list(tokenize(tok, model_text).ids)
    check_length(loaded, len(ids))
    slots = [i for i, t in enumerate(ids) if t == tok.mask_token_id]
    if len(slots) != len(blanks):
        raise LmvizError("fill.mask_count", model=loaded.name, n_masks=len(slots), n=len(blanks))
    logprobs = log_softmax(loaded, ids)  # (T, V)
    notice = (message("fill.all_at_once"),) if len(blanks) > 1 else None
    return BlankReading(blanks, logprobs[slots], decode_ids(tok, ids), notice)


@torch.inference_mode()
def causal_reading_at_blank(loaded: LoadedModel, text_with_blank: str) -> BlankReading:
    """A causal model's next-token log-probabilities at the first blank, from the text to its left alone."""
    require_kind(loaded, Kind.CAUSAL)
    clean, blanks = parse_blanks(text_with_blank)
    if not blanks:
        raise LmvizError("fill.no_blank")
    blank = blanks[0]
    left = clean[: blank.start].rstrip()  # byte-level BPE puts the space on the next word: " dog"
    start, body = causal_reading(loaded, left) if left else (start_ids(loaded.tokenizer), None)
    ids = start + (list(body.ids) if body else [])
    if not ids:
        raise LmvizError("fill.blank_first", model=loaded.name)
    check_length(loaded, len(ids))
    logprobs = log_softmax(loaded, ids)  # (T, V)
    notes = [message("fill.left_only")]
    if len(blanks) > 1:
        notes.append(message("fill.first_blank_only", n=len(blanks)))
    return BlankReading((blank,), logprobs[-1:], decode_ids(loaded.tokenizer, ids), tuple(notes))


def masked_fills(loaded: LoadedModel, text_with_blanks: str, k: int = DEFAULT_K) -> list[BlankFill]:
    """The masked model's top-k fills for every blank, one mask token per blank, from one pass.

    Every blank is guessed at once and on its own: the best fills of two blanks need not fit together.
    """
    read = masked_reading(loaded, text_with_blanks)
    tok = loaded.tokenizer
    return [
        BlankFill(b, loaded.name, Kind.MASKED, read.context, top_candidates(tok, lp, k), read.notice)
        for b, lp in zip(read.blanks, read.log_probs)
    ]


def causal_blank(loaded: LoadedModel, text_with_blank: str, k: int = DEFAULT_K) -> BlankFill:
    """The causal model's top-k next tokens at the first blank, given only the text to its left."""
    read = causal_reading_at_blank(loaded, text_with_blank)
    top = top_candidates(loaded.tokenizer, read.log_probs[0], k)
    return BlankFill(read.blanks[0], loaded.name, Kind.CAUSAL, read.context, top, read.notice)
