"""The whole sentence both ways: every word's log P(word | left) from the causal model and log P(word | all
the other words) from the masked model (its term of the pseudo-log-likelihood), as two aligned rows."""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from lmviz.analysis.compare.align import has_unknown, pieces_of, token_owners
from lmviz.analysis.compare.reading import (
    causal_reading,
    check_length,
    join_notes,
    log_softmax,
    masked_ids,
    reject_blanks,
    require_kind,
    shared_note,
    unknown_note,
)
from lmviz.errors import LmvizError, Message, message
from lmviz.kinds import Kind
from lmviz.models import forward
from lmviz.models.loading import LoadedModel
from lmviz.text.tokens import tokenize
from lmviz.text.words import Word, find_words

MAX_STRIP_WORDS = 64  # the sentence strip scores at most this many words
MAX_LOGITS = 2**26  # floats of (rows, T, V) logits per masked-model pass (256 MB in fp32); more: split


@dataclass(frozen=True)
class StripWord:
    """One word of the sentence strip: both models' scores in nats (None: not scored, see note)."""

    word: Word
    causal_log_prob: float | None  # log P(word | words to its left)
    masked_log_prob: float | None  # log P(word | every other word), the word's pieces masked
    causal_pieces: int
    masked_pieces: int
    unknown_to_masked: bool
    note: tuple[Message, ...] | None = None  # why a score is missing or partial

    @property
    def causal_prob(self) -> float | None:
        return None if self.causal_log_prob is None else math.exp(self.causal_log_prob)

    @property
    def masked_prob(self) -> float | None:
        return None if self.masked_log_prob is None else math.exp(self.masked_log_prob)


@dataclass(frozen=True)
class Strip:
    """Every word of a sentence scored by both models, as two rows aligned by word."""

    text: str
    causal_model: str
    masked_model: str
    words: tuple[StripWord, ...]
    causal_method: Message
    masked_method: Message
    notice: Message | None = None

    @property
    def causal_row(self) -> tuple[float | None, ...]:
        return tuple(w.causal_log_prob for w in self.words)

    @property
    def masked_row(self) -> tuple[float | None, ...]:
        return tuple(w.masked_log_prob for w in self.words)


@torch.inference_mode()
def sentence_strip(causal: LoadedModel, masked: LoadedModel, text: str) -> Strip:
    """Per word: the causal model's log P(word | left context) and the masked model's log P(word | both
    sides) with the word's pieces masked (the word's term of the pseudo-log-likelihood).

    The causal row comes from one pass over the text; the masked row from one batched pass, a row per
    word (split only when the logits would pass MAX_LOGITS floats).
    """
    require_kind(causal, Kind.CAUSAL)
    require_kind(masked, Kind.MASKED)
    reject_blanks(text, causal)
    words = find_words(text)
    chosen = [w for w in words if not w.punctuation]
    if not chosen:
        raise LmvizError("strip.no_words")
    notice = None
    if len(chosen) > MAX_STRIP_WORDS:
        notice = message("strip.too_many_words", n=len(chosen), max=MAX_STRIP_WORDS)
        chosen = chosen[:MAX_STRIP_WORDS]
    causal_scores = _causal_strip(causal, text, words, chosen)
    masked_scores = _masked_strip(masked, text, words, chosen)
    rows = []
    for w, (c_lp, c_n, c_note), (m_lp, m_n, m_unk, m_note) in zip(chosen, causal_scores, masked_scores):
        rows.append(StripWord(w, c_lp, m_lp, c_n, m_n, m_unk, join_notes([c_note, m_note])))
    return Strip(
        text=text,
        causal_model=causal.name,
        masked_model=masked.name,
        words=tuple(rows),
        causal_method=message("strip.method_causal"),
        masked_method=message("strip.method_masked", mask=masked.tokenizer.mask_token),
        notice=notice,
    )


def _causal_strip(loaded: LoadedModel, text: str, words: list[Word], chosen: list[Word]):
    start, body = causal_reading(loaded, text)
    ids = start + list(body.ids)
    check_length(loaded, len(ids))
    owners = token_owners(text, words, body)
    token_lp = [None] * len(ids)  # log P(token p | tokens before it); None for position 0
    if len(ids) > 1:
        logprobs = log_softmax(loaded, ids)  # (T, V)
        picked = logprobs[:-1].gather(-1, torch.tensor(ids[1:], device=logprobs.device)[:, None])[:, 0]
        token_lp[1:] = picked.tolist()
    out = []
    for w in chosen:
        pieces = pieces_of(owners, w.index)
        lps = [token_lp[len(start) + i] for i in pieces]
        unknown = has_unknown(loaded.tokenizer, body, pieces)
        note = None
        if not pieces:
            note = message("strip.no_token", model=loaded.name)
        elif unknown:
            note = unknown_note(w, loaded)
        elif None in lps:
            note = message("strip.no_first_prediction", model=loaded.name)
        elif any(len(owners[i]) > 1 for i in pieces):
            note = shared_note(w, loaded)
        scored = pieces and not unknown and None not in lps
        out.append((sum(lps) if scored else None, len(pieces), note))
    return out


def _masked_strip(loaded: LoadedModel, text: str, words: list[Word], chosen: list[Word]):
    tk = tokenize(loaded.tokenizer, text)
    check_length(loaded, len(tk.ids))
    owners = token_owners(text, words, tk)
    all_pieces = [pieces_of(owners, w.index) for w in chosen]
    unknown = [has_unknown(loaded.tokenizer, tk, p) for p in all_pieces]
    todo = [j for j, p in enumerate(all_pieces) if p and not unknown[j]]
    scores: dict[int, float] = {}
    rows_per_pass = max(1, MAX_LOGITS // (len(tk.ids) * loaded.model.config.vocab_size))
    for at in range(0, len(todo), rows_per_pass):
        part = todo[at : at + rows_per_pass]
        batch = torch.tensor(masked_ids(loaded, tk.ids, [all_pieces[j] for j in part]), device=loaded.device)
        logits = forward.run(loaded, batch).logits  # (B, T, V)
        for row, j in enumerate(part):
            pos = list(all_pieces[j])
            lp = torch.log_softmax(logits[row, pos].float(), dim=-1)  # (pieces, V)
            true = torch.tensor([tk.ids[i] for i in pos], device=lp.device)
            scores[j] = float(lp.gather(-1, true[:, None]).sum())
    out = []
    for j, w in enumerate(chosen):
        pieces = all_pieces[j]
        note = None
        if not pieces:
            note = message("strip.no_token", model=loaded.name)
        elif unknown[j]:
            note = unknown_note(w, loaded)
        elif any(len(owners[i]) > 1 for i in pieces):
            note = shared_note(w, loaded)
        out.append((scores.get(j), len(pieces), unknown[j], note))
    return out
