"""Can a GPT use the right side? Only by reading every candidate sentence whole: P(w | left, right) is
proportional to P(left, w, right), the probability of the sentence with w in the blank, so a causal model
fills a blank by scoring one full sentence per candidate word. Candidates come from its own guesses after
the left context and from a masked model's guesses; the cost is stated beside the answer."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch

from lmviz.analysis.compare.fills import causal_reading_at_blank, masked_reading
from lmviz.analysis.compare.reading import (
    Candidate,
    causal_reading,
    check_length,
    reject_blanks,
    require_kind,
)
from lmviz.analysis.compare.words import top_words
from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz.models import forward
from lmviz.models.loading import LoadedModel
from lmviz.text.words import Blank, hide_word, parse_blanks

N_LEFT = 100  # candidates from the causal model's own next-word guesses
N_MASKED = 50  # and from the masked model's guesses for the blank
BATCH = 32  # sentences per forward pass at most
TOKENS_PER_PASS = 2048  # ... and at most this many tokens: the logits of a pass are tokens x vocabulary
MAX_TOKENS = 128  # longest sentence rescored


@dataclass(frozen=True)
class Rescored:
    """A causal model's fills for one blank, each candidate scored by its whole sentence."""

    blank: Blank
    model_name: str
    masked_name: str | None
    top: tuple[Candidate, ...]  # prob: renormalised over the candidates scored
    n_candidates: int
    from_left: int  # candidates proposed by the causal model's left-context guesses
    from_masked: int  # ... and the ones only the masked model proposed
    sentences: int
    passes: int  # forward passes of the causal model (batches of sentences)
    seconds: float  # the causal model's scoring
    masked_seconds: float | None  # the masked model's one pass that proposed candidates
    word: str | None = None  # the true word, when a word of the text was hidden (it is always scored)
    word_prob: float | None = None
    word_rank: int | None = None


def candidate_sentences(clean: str, blank: Blank, words: Sequence[str]) -> list[str]:
    """The text (blanks parsed out) once per word, the word written in the blank."""
    left, right = clean[: blank.start], clean[blank.end :]
    return [left + w + right for w in words]


@torch.inference_mode()
def sentence_log_probs(
    loaded: LoadedModel, sentences: Sequence[str], batch: int = BATCH
) -> tuple[np.ndarray, int]:
    """log P(sentence) (nats) of each sentence under a causal model, from its start-of-text token on, and
    the forward passes it took: sentences are padded into batches of at most `batch` sentences and
    TOKENS_PER_PASS tokens, the padding masked out."""
    require_kind(loaded, Kind.CAUSAL)
    rows = []
    for text in sentences:
        start, body = causal_reading(loaded, text)
        rows.append(start + list(body.ids))
        check_length(loaded, len(rows[-1]))
    pad = loaded.tokenizer.pad_token_id or 0
    out = np.zeros(len(rows))
    batch = max(1, min(batch, TOKENS_PER_PASS // max(map(len, rows), default=1)))
    for at in range(0, len(rows), batch):
        part = rows[at : at + batch]
        width = max(map(len, part))
        ids = torch.full((len(part), width), pad, dtype=torch.long)
        mask = torch.zeros_like(ids)
        for r, row in enumerate(part):
            ids[r, : len(row)] = torch.tensor(row)
            mask[r, : len(row)] = 1
        logits = forward.run(loaded, ids, attention_mask=mask).logits.float()  # (B, T, V)
        picked = logits[:, :-1].gather(-1, ids[:, 1:, None].to(logits.device))[..., 0]  # (B, T-1)
        lp = picked - torch.logsumexp(logits[:, :-1], dim=-1)  # log-softmax of the picked token only
        out[at : at + len(part)] = (lp * mask[:, 1:].to(lp.device)).sum(-1).cpu().numpy()  # (B,)
    return out, -(-len(rows) // batch)


def rescorable_blank(causal: LoadedModel, text_with_blank: str) -> tuple[str, Blank]:
    """The text with its blank parsed out, and the blank; or the message a person sees when whole-sentence
    rescoring cannot run on this text: not one blank, a text whose words are not separated by spaces
    (Chinese: the candidates are whole words between spaces), or a sentence longer than MAX_TOKENS (every
    candidate is a forward pass over it)."""
    clean, blanks = parse_blanks(text_with_blank)
    if len(blanks) != 1:
        raise LmvizError("rescore.one_blank", n=len(blanks))
    if not any(c.isspace() for c in clean.strip()):
        raise LmvizError("rescore.no_spaces")
    n = len(causal.tokenizer(clean, add_special_tokens=False)["input_ids"])
    if n > MAX_TOKENS:
        raise LmvizError("rescore.too_long", n=n, limit=MAX_TOKENS)
    return clean, blanks[0]


def rescore_blank(
    causal: LoadedModel,
    text_with_blank: str,
    masked: LoadedModel | None = None,
    k: int = 10,
    n_left: int = N_LEFT,
    n_masked: int = N_MASKED,
    word: str | None = None,
) -> Rescored:
    """The causal model's both-sides answer for the one blank of `text_with_blank`; `word` (the hidden
    word, when there is one) is scored too, whoever proposed it."""
    require_kind(causal, Kind.CAUSAL)
    clean, blank = rescorable_blank(causal, text_with_blank)
    at_start = not clean[: blank.start].strip()
    # the sentence's first word is written as a sentence starts; elsewhere as each model proposes it
    shape = (lambda w: w[:1].upper() + w[1:]) if at_start else (lambda w: w)
    left_read = causal_reading_at_blank(causal, text_with_blank)
    guesses = top_words(causal.tokenizer, left_read.log_probs[0], n_left, not at_start)
    words = list(dict.fromkeys(shape(g.word) for g in guesses))
    from_left = len(words)
    masked_seconds = None
    if masked is not None:
        began = time.perf_counter()
        read = masked_reading(masked, text_with_blank)
        masked_seconds = time.perf_counter() - began
        proposed = top_words(masked.tokenizer, read.log_probs[0], n_masked, not at_start)
        words = list(dict.fromkeys([*words, *(shape(g.word) for g in proposed)]))
    if word is not None and word not in words:
        words.append(word)
    began = time.perf_counter()
    scores, passes = sentence_log_probs(causal, candidate_sentences(clean, blank, words))
    seconds = time.perf_counter() - began
    probs = np.exp(scores - scores.max())
    probs /= probs.sum()
    order = np.argsort(-scores, kind="stable")[:k]
    space = "" if at_start else " "  # as the word is written in the sentence
    first_ids = [causal.tokenizer(space + words[i], add_special_tokens=False)["input_ids"][0] for i in order]
    top = tuple(Candidate(int(t), space + words[i], float(probs[i])) for i, t in zip(order, first_ids))
    true = words.index(word) if word is not None else None
    return Rescored(
        blank=blank,
        model_name=causal.name,
        masked_name=masked.name if masked is not None else None,
        top=top,
        n_candidates=len(words),
        from_left=from_left,
        from_masked=len(words) - from_left,
        sentences=len(words),
        passes=passes,
        seconds=seconds,
        masked_seconds=masked_seconds,
        word=word,
        word_prob=None if true is None else float(probs[true]),
        word_rank=None if true is None else int((scores > scores[true]).sum()) + 1,
    )


def rescore_word(
    causal: LoadedModel, text: str, choice, masked: LoadedModel | None = None, k: int = 10
) -> Rescored:
    """A word of the text (a Word, its index or its text) hidden and filled back by rescoring: how likely
    the causal model finds it when it may read the whole sentence."""
    reject_blanks(text, causal)
    hidden, w = hide_word(text, choice)
    return rescore_blank(causal, hidden, masked, k, word=w.text)
