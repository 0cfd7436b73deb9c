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
from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz.models import forward
from lmviz.models.loading import LoadedModel
from lmviz.text.tokens import Tokenized, token_strings, tokenize
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
        what = "a causal (next-token)" if kind == Kind.CAUSAL else "a masked (fill-in-the-blank)"
        raise LmvizError(f"This side needs {what} model; '{loaded.name}' is a {loaded.kind} model.")
    if kind == Kind.MASKED and loaded.tokenizer.mask_token_id is None:
        raise LmvizError(f"'{loaded.name}' has no mask token, so it cannot fill a blank.")


def reject_blanks(text: str, loaded: LoadedModel) -> None:
    _, blanks = parse_blanks(text)
    if not blanks:
        return
    mark = blanks[0].placeholder
    if loaded.kind == Kind.CAUSAL:
        raise LmvizError(
            f"The text holds a blank ('{mark}'): a causal model reads text as written and would read "
            f"'{mark}' as ordinary characters. Write the word itself and pick it, or ask for the model's "
            "guesses at the blank, which use only the text to its left."
        )
    raise LmvizError(
        f"The text holds a blank ('{mark}'): to score a word, write it out and pick it; to see the "
        "model's guesses for blanks, ask for its fills."
    )


def check_length(loaded: LoadedModel, n_tokens: int) -> None:
    if n_tokens > loaded.max_tokens:
        raise LmvizError(
            f"The text is {n_tokens:,} tokens for '{loaded.name}', which reads at most "
            f"{loaded.max_tokens:,}: shorten it."
        )


def added(tok: PreTrainedTokenizerBase) -> tuple[int, int]:
    """How many special tokens the tokenizer adds before and after a text."""
    plain = tok("a", add_special_tokens=False)["input_ids"]
    full = tok("a")["input_ids"]
    for lead in range(len(full) - len(plain) + 1):
        if full[lead : lead + len(plain)] == plain:
            return lead, len(full) - lead - len(plain)
    return 0, 0


def start_ids(tok: PreTrainedTokenizerBase) -> list[int]:
    """What a causal model reads before the text, so that its first word is predicted too.

    The tokenizer's own start token when it adds one (Llama's <s>); else <|endoftext|>, which GPT-2 and
    SmolLM2 saw between documents in training (SmolLM2-Instruct's BOS, <|im_start|>, opens a chat turn);
    else the BOS token; else nothing, and the first word gets no prediction.
    """
    lead, _ = added(tok)
    if lead:
        return [int(i) for i in tok("a")["input_ids"][:lead]]
    if DOCUMENT_START in tok.all_special_tokens:
        return [int(tok.convert_tokens_to_ids(DOCUMENT_START))]
    return [] if tok.bos_token_id is None else [int(tok.bos_token_id)]


def causal_reading(loaded: LoadedModel, text: str) -> tuple[list[int], Tokenized]:
    """(start ids, the text's own tokens without the specials the tokenizer adds around it)."""
    tok = loaded.tokenizer
    tk = tokenize(tok, text)
    lead, trail = added(tok)
    end = len(tk.ids) - trail
    body = Tokenized(tk.ids[lead:end], tk.tokens[lead:end], tk.spans[lead:end], tk.special[lead:end])
    return start_ids(tok), body


def require_pieces(loaded: LoadedModel, w: Word, pieces: tuple[int, ...]) -> tuple[int, ...]:
    if not pieces:
        raise LmvizError(
            f"'{loaded.name}' reads no token for '{w.text}' (its tokenizer drops it): nothing to score."
        )
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
        raise LmvizError(
            f"k must be a whole number between 1 and the vocabulary size ({lp.size:,}); got {k}."
        )
    rows = top_table(np.exp(lp), lp, int(k))
    names = token_strings(tok, [r.token_id for r in rows])
    return tuple(Candidate(r.token_id, name, r.prob) for r, name in zip(rows, names))


def decode_ids(tok: PreTrainedTokenizerBase, ids: Sequence[int]) -> str:
    return tok.decode(list(ids), skip_special_tokens=False, clean_up_tokenization_spaces=False)


def unknown_note(w: Word, loaded: LoadedModel) -> str:
    unk = loaded.tokenizer.unk_token
    return (
        f"'{loaded.name}' has no tokens for '{w.text}': its vocabulary lacks this script or symbol, so it "
        f"reads {unk}, and cannot say how likely the word is."
    )


def shared_note(w: Word, loaded: LoadedModel) -> str:
    return (
        f"A token of '{loaded.name}' covers '{w.text}' and part of a neighbouring word: the score "
        "includes that neighbour's share."
    )


def join_notes(notes: Sequence[str | None]) -> str | None:
    return " ".join(n for n in notes if n) or None
