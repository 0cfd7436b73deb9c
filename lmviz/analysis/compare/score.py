"""One word, two ways: log P(word | left context) from a causal model and log P(word | both sides) from a
masked model, each with its top guesses for the word's slot."""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from lmviz.analysis.compare.align import has_unknown, pieces_of, token_owners
from lmviz.analysis.compare.reading import (
    DEFAULT_K,
    Candidate,
    Piece,
    causal_reading,
    check_length,
    decode_ids,
    join_notes,
    log_softmax,
    masked_ids,
    reject_blanks,
    require_kind,
    require_pieces,
    score_piece,
    shared_note,
    top_candidates,
    unknown_note,
)
from lmviz.errors import Message, message
from lmviz.kinds import Kind
from lmviz.models.loading import LoadedModel
from lmviz.text.tokens import tokenize
from lmviz.text.words import Word, find_words, pick_word


@dataclass(frozen=True)
class WordPrediction:
    """How one model predicts one word of the text. `top` and `rank` are for the word's first piece."""

    model_name: str
    kind: str  # "causal" or "masked"
    word: Word
    context: (
        str  # what the model read, decoded, special tokens included: "<|endoftext|>The", "[CLS] the [MASK]"
    )
    pieces: tuple[Piece, ...]
    log_prob: float | None  # nats; None when the model cannot score the word (see notice)
    top: tuple[Candidate, ...]
    rank: int | None
    method: Message  # how the word's probability was computed, in words
    unknown: bool = False  # the tokenizer reads the word as its unknown token
    shared: bool = False  # a piece also covers part of a neighbouring word
    notice: tuple[Message, ...] | None = None  # why the score is missing or partial

    @property
    def prob(self) -> float | None:
        return None if self.log_prob is None else math.exp(self.log_prob)

    @property
    def n_pieces(self) -> int:
        return len(self.pieces)


@torch.inference_mode()
def causal_word(
    loaded: LoadedModel, text: str, word: Word | int | str | None, k: int = DEFAULT_K
) -> WordPrediction:
    """log P(word | words to its left) by the chain rule: the sum over its pieces of
    log P(piece_i | left context, pieces before it), from one pass over the left context and the word.

    `top` and `rank` are the first piece's: the model's next token right after the left context.
    """
    require_kind(loaded, Kind.CAUSAL)
    reject_blanks(text, loaded)
    w = pick_word(text, word)
    start, body = causal_reading(loaded, text)
    owners = token_owners(text, find_words(text), body)
    pieces = require_pieces(loaded, w, pieces_of(owners, w.index))
    first, last = pieces[0], pieces[-1]
    ids = start + list(body.ids[: last + 1])  # the left context and the word: nothing to its right
    check_length(loaded, len(ids))
    logprobs = log_softmax(loaded, ids)  # (T, V): row t predicts token t+1
    offset = len(start)  # body token i sits at position offset + i
    unknown = has_unknown(loaded.tokenizer, body, pieces)
    shared = any(len(owners[i]) > 1 for i in pieces)
    scored = [score_piece(logprobs, offset + i - 1, body.ids[i], body.tokens[i]) for i in pieces]
    n = len(pieces)
    method = message("compare.method_causal_one") if n == 1 else message("compare.method_causal_pieces", n=n)
    notes = [shared_note(w, loaded) if shared else None]
    if offset + first == 0:
        notes.append(message("compare.no_prediction_first", word=w.text, model=loaded.name))
        top, rank, log_prob = (), None, None
    else:
        row = logprobs[offset + first - 1]  # (V,) the distribution right after the left context
        top, rank = top_candidates(loaded.tokenizer, row, k), None if unknown else scored[0].rank
        log_prob = None if unknown else sum(p.log_prob for p in scored)
    if unknown:
        notes.append(unknown_note(w, loaded))
    return WordPrediction(
        model_name=loaded.name,
        kind=Kind.CAUSAL,
        word=w,
        context=decode_ids(loaded.tokenizer, ids[: offset + first]),
        pieces=tuple(scored),
        log_prob=log_prob,
        top=top,
        rank=rank,
        method=method,
        unknown=unknown,
        shared=shared,
        notice=join_notes(notes),
    )


@torch.inference_mode()
def masked_word(
    loaded: LoadedModel, text: str, word: Word | int | str | None, k: int = DEFAULT_K
) -> WordPrediction:
    """Replace every piece of the word by the mask token and run the model once on the whole text.

    log P(word) = the sum over its pieces of log P(true piece at its slot). All pieces are masked at once,
    so each is guessed without seeing the others (an estimate of the joint probability), and the number
    of masks tells the model how many pieces the word has. For a word of several pieces `top` and `rank`
    are the first piece's slot.
    """
    require_kind(loaded, Kind.MASKED)
    reject_blanks(text, loaded)
    w = pick_word(text, word)
    tk = tokenize(loaded.tokenizer, text)
    check_length(loaded, len(tk.ids))
    owners = token_owners(text, find_words(text), tk)
    pieces = require_pieces(loaded, w, pieces_of(owners, w.index))
    ids = masked_ids(loaded, tk.ids, [pieces])[0]
    logprobs = log_softmax(loaded, ids)  # (T, V): row t fills position t
    scored = [score_piece(logprobs, i, tk.ids[i], tk.tokens[i]) for i in pieces]
    unknown = has_unknown(loaded.tokenizer, tk, pieces)
    shared = any(len(owners[i]) > 1 for i in pieces)
    n = len(pieces)
    mask = loaded.tokenizer.mask_token
    method = (
        message("compare.method_masked_one", mask=mask)
        if n == 1
        else message("compare.method_masked_pieces", n=n, mask=mask)
    )
    notes = [shared_note(w, loaded) if shared else None, unknown_note(w, loaded) if unknown else None]
    return WordPrediction(
        model_name=loaded.name,
        kind=Kind.MASKED,
        word=w,
        context=decode_ids(loaded.tokenizer, ids),
        pieces=tuple(scored),
        log_prob=None if unknown else sum(p.log_prob for p in scored),
        top=top_candidates(loaded.tokenizer, logprobs[pieces[0]], k),
        rank=None if unknown else scored[0].rank,
        method=method,
        unknown=unknown,
        shared=shared,
        notice=join_notes(notes),
    )
