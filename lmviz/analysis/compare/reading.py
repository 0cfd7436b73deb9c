"""What the comparison's scorers share: how each kind of model reads a text, one log-softmax pass, the
top candidates of a slot, and the notes about words a model cannot score."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from transformers import PreTrainedTokenizerBase

from lmviz.analysis.sampling import rank_of, top_table
from lmviz.errors import LmvizError, Message, message
from lmviz.kinds import Kind
from lmviz.models import forward
from lmviz.models.loading import LoadedModel
from lmviz.text.tokens import Tokenized, special_frame, token_strings, tokenize
from lmviz.text.words import Word, parse_blanks

DEFAULT_K = 10
# GPT-2-style models were trained with this token between documents, so it is how a text starts for them.
DOCUMENT_START = "<|endoftext|>"


@dataclass(frozen=True)
class Candidate:
    """One of a model's top guesses for a slot."""

    token_id: int
    text: str  # display string (" dog" keeps its space; "##s" marks a word-inside piece)
    prob: float


@dataclass(frozen=True)
class Piece:
    """One token of the true word and how likely the model found it (None: it made no prediction)."""

    token_id: int
    text: str
    log_prob: float | None  # nats
    rank: int | None  # 1 = the model's top guess for this slot, over the whole vocabulary

    @property
    def prob(self) -> float | None:
        return None if self.log_prob is None else math.exp(self.log_prob)


def require_kind(loaded: LoadedModel, kind: str) -> None:
    if loaded.kind != kind:
        if kind == Kind.CAUSAL:
            raise LmvizError("compare.needs_causal", model=loaded.name, kind=Kind(loaded.kind))
        raise LmvizError("compare.needs_masked", model=loaded.name, kind=Kind(loaded.kind))
    if kind == Kind.MASKED and loaded.tokenizer.mask_token_id is None:
        raise LmvizError("compare.no_mask_token", model=loaded.name)


def reject_blanks(text: str, loaded: LoadedModel) -> None:
    _, blanks = parse_blanks(text)
    if not blanks:
        return
    mark = blanks[0].placeholder
    if loaded.kind == Kind.CAUSAL:
        raise LmvizError("compare.blank_causal", mark=mark)
    raise LmvizError("compare.blank_masked", mark=mark)


def check_length(loaded: LoadedModel, n_tokens: int) -> None:
    if n_tokens > loaded.max_tokens:
        raise LmvizError("compare.too_many_tokens", n=n_tokens, model=loaded.name, max=loaded.max_tokens)


def start_ids(tok: PreTrainedTokenizerBase) -> list[int]:
    """What a causal model reads before the text, so that its first word is predicted too.

    The tokenizer's own start token when it adds one (Llama's <s>); else <|endoftext|>, which GPT-2 and
    SmolLM2 saw between documents in training (SmolLM2-Instruct's BOS, <|im_start|>, opens a chat turn);
    else the BOS token; else nothing, and the first word gets no prediction.
    """
    lead, _ = special_frame(tok)
    if lead:
        return lead
    if DOCUMENT_START in tok.all_special_tokens:
        return [int(tok.convert_tokens_to_ids(DOCUMENT_START))]
    return [] if tok.bos_token_id is None else [int(tok.bos_token_id)]


def causal_reading(loaded: LoadedModel, text: str) -> tuple[list[int], Tokenized]:
    """(start ids, the text's own tokens without the specials the tokenizer adds around it)."""
    tok = loaded.tokenizer
    tk = tokenize(tok, text)
    lead, trail = map(len, special_frame(tok))
    end = len(tk.ids) - trail
    body = Tokenized(tk.ids[lead:end], tk.tokens[lead:end], tk.spans[lead:end], tk.special[lead:end])
    return start_ids(tok), body


def require_pieces(loaded: LoadedModel, w: Word, pieces: tuple[int, ...]) -> tuple[int, ...]:
    if not pieces:
        raise LmvizError("compare.word_no_tokens", model=loaded.name, word=w.text)
    return pieces


def masked_ids(
    loaded: LoadedModel, ids: Sequence[int], pieces_per_row: Sequence[Sequence[int]]
) -> list[list[int]]:
    rows = []
    for pieces in pieces_per_row:
        row = list(ids)
        for i in pieces:
            row[i] = loaded.tokenizer.mask_token_id
        rows.append(row)
    return rows


def log_softmax(loaded: LoadedModel, ids: Sequence[int]) -> torch.Tensor:
    """Log-probabilities (T, V) in float32 from one forward pass over `ids`."""
    return forward.log_probs(loaded, ids)


def score_piece(logprobs: torch.Tensor, row: int, token_id: int, text: str) -> Piece:
    if row < 0:
        return Piece(int(token_id), text, None, None)
    lp = logprobs[row]  # (V,)
    return Piece(
        int(token_id), text, float(lp[token_id]), rank_of(np.exp(lp.double().cpu().numpy()), token_id)
    )


def top_candidates(tok: PreTrainedTokenizerBase, logprobs: torch.Tensor, k: int) -> tuple[Candidate, ...]:
    lp = logprobs.double().cpu().numpy()  # (V,)
    if int(k) != k or not 1 <= k <= lp.size:
        raise LmvizError("compare.k_out_of_range", vocab=lp.size, k=k)
    rows = top_table(np.exp(lp), lp, int(k))
    names = token_strings(tok, [r.token_id for r in rows])
    return tuple(Candidate(r.token_id, name, r.prob) for r, name in zip(rows, names))


def decode_ids(tok: PreTrainedTokenizerBase, ids: Sequence[int]) -> str:
    return tok.decode(list(ids), skip_special_tokens=False, clean_up_tokenization_spaces=False)


def unknown_note(w: Word, loaded: LoadedModel) -> Message:
    return message("compare.word_unknown", model=loaded.name, word=w.text, unk=loaded.tokenizer.unk_token)


def shared_note(w: Word, loaded: LoadedModel) -> Message:
    return message("compare.word_shared", model=loaded.name, word=w.text)


def join_notes(notes: Sequence[Message | None]) -> tuple[Message, ...] | None:
    """The notes that apply, in order; None when there are none."""
    return tuple(n for n in notes if n is not None) or None
