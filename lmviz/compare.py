"""Autoregressive vs masked: the same word predicted by a causal model (left context only) and by a masked
model (both sides), with words aligned across the two tokenizers by their character spans.

Words come from `find_words`, which runs `attention.word_groups` over the text's characters, so word
boundaries never depend on either model's tokenizer. A word's pieces in a model are the tokens whose spans
overlap the word's characters.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from transformers import PreTrainedTokenizerBase

from lmviz.attention import word_groups
from lmviz.errors import LmvizError
from lmviz.inspection import MAX_CHARS
from lmviz.models import LoadedModel
from lmviz.sampling import rank_of, top_table
from lmviz.tokens import Tokenized, token_strings, tokenize

MAX_BLANKS = 20  # masked slots one fill-in may hold; more and each guess has too little context to use
MAX_STRIP_WORDS = 64  # the sentence strip scores at most this many words
MAX_LOGITS = 2**26  # floats of (rows, T, V) logits per masked-model pass (256 MB in fp32); more: split
DEFAULT_K = 10
BLANK = "[MASK]"  # lmviz's marker in clean text; each model gets its own mask token at these spans
_PLACEHOLDER = re.compile(r"\[mask\]|<mask>|_{3,}", re.IGNORECASE)
# GPT-2-style models were trained with this token between documents, so it is how a text starts for them.
_DOCUMENT_START = "<|endoftext|>"


# --- results -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """A word of the text as a reader sees it: text[start:end], the index-th of find_words(text)."""

    index: int
    text: str
    start: int
    end: int
    punctuation: bool  # only punctuation (",", "!", "..."): shown, never predicted


@dataclass(frozen=True)
class Blank:
    """A placeholder the user wrote ([MASK], <mask> or ___): its span in the clean text holds BLANK."""

    index: int
    start: int
    end: int
    placeholder: str  # as written, e.g. "____"


@dataclass(frozen=True)
class AlignedWord:
    """One word and its pieces in two models: indices into Alignment.tokens_a / tokens_b."""

    word: Word
    pieces_a: tuple[int, ...]
    pieces_b: tuple[int, ...]
    shared_a: bool  # a piece also covers part of a neighbouring word (one token across two words)
    shared_b: bool
    unknown_a: bool  # a piece is the tokenizer's unknown token ([UNK]): the vocabulary lacks the word
    unknown_b: bool
    unknown_to_masked: bool  # unknown on the side whose model is masked


@dataclass(frozen=True)
class Alignment:
    """A text read by two tokenizers, word by word (punctuation included, flagged on each Word)."""

    text: str
    model_a: str
    model_b: str
    tokens_a: Tokenized  # as lmviz.tokens.tokenize gives them: special tokens included
    tokens_b: Tokenized
    words: tuple[AlignedWord, ...]


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
    method: str  # how the word's probability was computed, in words
    unknown: bool = False  # the tokenizer reads the word as its unknown token
    shared: bool = False  # a piece also covers part of a neighbouring word
    notice: str | None = None

    @property
    def prob(self) -> float | None:
        return None if self.log_prob is None else math.exp(self.log_prob)

    @property
    def n_pieces(self) -> int:
        return len(self.pieces)


@dataclass(frozen=True)
class BlankFill:
    """A model's top guesses for one blank."""

    blank: Blank
    model_name: str
    kind: str
    context: str  # what the model read, decoded
    top: tuple[Candidate, ...]
    notice: str | None = None


@dataclass(frozen=True)
class StripWord:
    """One word of the sentence strip: both models' scores in nats (None: not scored, see note)."""

    word: Word
    causal_log_prob: float | None  # log P(word | words to its left)
    masked_log_prob: float | None  # log P(word | every other word), the word's pieces masked
    causal_pieces: int
    masked_pieces: int
    unknown_to_masked: bool
    note: str | None = None

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
    causal_method: str
    masked_method: str
    notice: str | None = None

    @property
    def causal_row(self) -> tuple[float | None, ...]:
        return tuple(w.causal_log_prob for w in self.words)

    @property
    def masked_row(self) -> tuple[float | None, ...]:
        return tuple(w.masked_log_prob for w in self.words)


# --- words and blanks --------------------------------------------------------------------------------


def find_words(text: str) -> list[Word]:
    """The text's words by character spans, whatever the tokenizer.

    `attention.word_groups` runs over one "token" per character, so the rule is the attention explorer's:
    whitespace breaks, punctuation and symbols (emoji) and CJK characters are words of their own, and
    "don't", "3.14" and 👍🏽 stay whole. Punctuation words are flagged, not dropped.
    """
    text = _check_text(text)
    chars = list(text)
    spans = [(i, i + 1) for i in range(len(text))]
    words = []
    for _, idx in word_groups(text, chars, spans, [False] * len(text)):
        inked = [i for i in idx if not text[i].isspace()]
        if not inked:
            continue  # leading blanks
        start, end = inked[0], inked[-1] + 1
        piece = text[start:end]
        punct = all(unicodedata.category(c).startswith("P") for c in piece)
        words.append(Word(len(words), piece, start, end, punct))
    return words


def pick_word(text: str, choice: Word | int | str | None) -> Word:
    """The word a user chose: a Word, its index in find_words(text), or its text (the first match)."""
    if choice is None or isinstance(choice, bool) or (isinstance(choice, str) and not choice.strip()):
        raise LmvizError("No word chosen: click a word in the sentence, or write [MASK] where it goes.")
    words = find_words(text)
    if isinstance(choice, Word):
        found = next((w for w in words if (w.start, w.end) == (choice.start, choice.end)), None)
        if found is None or found.text != choice.text:
            raise LmvizError(
                f"The word '{choice.text}' is not at characters {choice.start}-{choice.end} of this text "
                "(was the text edited?): pick the word again."
            )
    elif isinstance(choice, int):
        if not 0 <= choice < len(words):
            raise LmvizError(
                f"Word {choice} is out of range: the text has {len(words)} words (0 to {len(words) - 1})."
            )
        found = words[choice]
    else:
        wanted = choice.strip()
        found = next((w for w in words if w.text == wanted), None) or next(
            (w for w in words if w.text.casefold() == wanted.casefold()), None
        )
        if found is None:
            raise LmvizError(f"'{wanted}' is not a word of the text: click a word in the sentence instead.")
    if found.punctuation:
        raise LmvizError(f"'{found.text}' is punctuation, not a word to predict: pick a word.")
    return found


def parse_blanks(text: str) -> tuple[str, tuple[Blank, ...]]:
    """Find [MASK], <mask> and ___ (3+ underscores); return the text with each one written as BLANK, and
    the blanks' spans in that text. A blank has no true word: models only guess what goes there."""
    text = _check_text(text)
    out: list[str] = []
    blanks: list[Blank] = []
    pos = length = 0
    for m in _PLACEHOLDER.finditer(text):
        out.append(text[pos : m.start()])
        length += m.start() - pos
        blanks.append(Blank(len(blanks), length, length + len(BLANK), m.group()))
        out.append(BLANK)
        length += len(BLANK)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), tuple(blanks)


# --- alignment ---------------------------------------------------------------------------------------


def align(loaded_a: LoadedModel, loaded_b: LoadedModel, text: str) -> Alignment:
    """Each word's pieces in two models' tokenizations, by character-span overlap.

    A word may be k pieces in one (byte-level BPE splits an emoji into byte pieces) and m in the other
    (WordPiece may read it as one [UNK]).
    """
    words = find_words(text)
    tk_a, tk_b = tokenize(loaded_a.tokenizer, text), tokenize(loaded_b.tokenizer, text)
    owners_a, owners_b = _owners(text, words, tk_a), _owners(text, words, tk_b)
    aligned = []
    for w in words:
        pa, pb = _pieces_of(owners_a, w.index), _pieces_of(owners_b, w.index)
        unk_a = _has_unknown(loaded_a.tokenizer, tk_a, pa)
        unk_b = _has_unknown(loaded_b.tokenizer, tk_b, pb)
        aligned.append(
            AlignedWord(
                word=w,
                pieces_a=pa,
                pieces_b=pb,
                shared_a=any(len(owners_a[i]) > 1 for i in pa),
                shared_b=any(len(owners_b[i]) > 1 for i in pb),
                unknown_a=unk_a,
                unknown_b=unk_b,
                unknown_to_masked=(unk_a and loaded_a.kind == "masked")
                or (unk_b and loaded_b.kind == "masked"),
            )
        )
    return Alignment(text, loaded_a.name, loaded_b.name, tk_a, tk_b, tuple(aligned))


def _owners(text: str, words: Sequence[Word], tk: Tokenized) -> list[frozenset[int]]:
    """Per token, the indices of the words its span overlaps (none for special and blank tokens)."""
    char_word = np.full(len(text), -1, dtype=np.int64)  # (chars,) word index of each inked character
    for w in words:
        char_word[w.start : w.end] = w.index
    owners = []
    for (start, end), special in zip(tk.spans, tk.special):
        hit = char_word[start:end] if not special else char_word[:0]
        owners.append(frozenset(int(i) for i in np.unique(hit) if i >= 0))
    return owners


def _pieces_of(owners: Sequence[frozenset[int]], word_index: int) -> tuple[int, ...]:
    return tuple(i for i, own in enumerate(owners) if word_index in own)


def _has_unknown(tok: PreTrainedTokenizerBase, tk: Tokenized, pieces: Sequence[int]) -> bool:
    return tok.unk_token_id is not None and any(tk.ids[i] == tok.unk_token_id for i in pieces)


# --- one word, two ways ------------------------------------------------------------------------------


@torch.inference_mode()
def causal_word(
    loaded: LoadedModel, text: str, word: Word | int | str | None, k: int = DEFAULT_K
) -> WordPrediction:
    """log P(word | words to its left) by the chain rule: the sum over its pieces of
    log P(piece_i | left context, pieces before it), from one pass over the left context and the word.

    `top` and `rank` are the first piece's: the model's next token right after the left context.
    """
    _require(loaded, "causal")
    _reject_blanks(text, loaded)
    w = pick_word(text, word)
    start, body = _causal_reading(loaded, text)
    owners = _owners(text, find_words(text), body)
    pieces = _require_pieces(loaded, w, _pieces_of(owners, w.index))
    first, last = pieces[0], pieces[-1]
    ids = start + list(body.ids[: last + 1])  # the left context and the word: nothing to its right
    _check_length(loaded, len(ids))
    logprobs = _log_softmax(loaded, ids)  # (T, V): row t predicts token t+1
    offset = len(start)  # body token i sits at position offset + i
    unknown = _has_unknown(loaded.tokenizer, body, pieces)
    shared = any(len(owners[i]) > 1 for i in pieces)
    scored = [_score(logprobs, offset + i - 1, body.ids[i], body.tokens[i]) for i in pieces]
    n = len(pieces)
    method = (
        "the probability of its one token, given the words to its left"
        if n == 1
        else f"product of its {n} pieces' probabilities, each given the left context and the pieces before it"
    )
    notes = [_shared_note(w, loaded) if shared else None]
    if offset + first == 0:
        notes.append(
            f"'{w.text}' comes first and '{loaded.name}' has no start-of-text token: with nothing to its "
            "left, the model makes no prediction for it."
        )
        top, rank, log_prob = (), None, None
    else:
        row = logprobs[offset + first - 1]  # (V,) the distribution right after the left context
        top, rank = _top(loaded.tokenizer, row, k), None if unknown else scored[0].rank
        log_prob = None if unknown else sum(p.log_prob for p in scored)
    if unknown:
        notes.append(_unknown_note(w, loaded))
    return WordPrediction(
        model_name=loaded.name,
        kind="causal",
        word=w,
        context=_decode(loaded.tokenizer, ids[: offset + first]),
        pieces=tuple(scored),
        log_prob=log_prob,
        top=top,
        rank=rank,
        method=method,
        unknown=unknown,
        shared=shared,
        notice=_join(notes),
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
    _require(loaded, "masked")
    _reject_blanks(text, loaded)
    w = pick_word(text, word)
    tk = tokenize(loaded.tokenizer, text)
    _check_length(loaded, len(tk.ids))
    owners = _owners(text, find_words(text), tk)
    pieces = _require_pieces(loaded, w, _pieces_of(owners, w.index))
    ids = _masked_ids(loaded, tk.ids, [pieces])[0]
    logprobs = _log_softmax(loaded, ids)  # (T, V): row t fills position t
    scored = [_score(logprobs, i, tk.ids[i], tk.tokens[i]) for i in pieces]
    unknown = _has_unknown(loaded.tokenizer, tk, pieces)
    shared = any(len(owners[i]) > 1 for i in pieces)
    n = len(pieces)
    mask = loaded.tokenizer.mask_token
    method = (
        f"the probability of its one token at the {mask} slot, given the words on both sides"
        if n == 1
        else f"all {n} pieces replaced by {mask} at once, each scored at its own slot given both sides; the "
        f"word's probability is the product of the {n} pieces' probabilities (each guessed without "
        "seeing the others). The top guesses are for the first piece's slot."
    )
    notes = [_shared_note(w, loaded) if shared else None, _unknown_note(w, loaded) if unknown else None]
    return WordPrediction(
        model_name=loaded.name,
        kind="masked",
        word=w,
        context=_decode(loaded.tokenizer, ids),
        pieces=tuple(scored),
        log_prob=None if unknown else sum(p.log_prob for p in scored),
        top=_top(loaded.tokenizer, logprobs[pieces[0]], k),
        rank=None if unknown else scored[0].rank,
        method=method,
        unknown=unknown,
        shared=shared,
        notice=_join(notes),
    )


# --- blanks ------------------------------------------------------------------------------------------


@torch.inference_mode()
def masked_fills(loaded: LoadedModel, text_with_blanks: str, k: int = DEFAULT_K) -> list[BlankFill]:
    """The masked model's top-k fills for every blank, one mask token per blank, from one pass.

    Every blank is guessed at once and on its own: the best fills of two blanks need not fit together.
    """
    _require(loaded, "masked")
    clean, blanks = parse_blanks(text_with_blanks)
    if not blanks:
        raise LmvizError("The text has no blank: write [MASK], <mask> or ___ where a word should go.")
    if len(blanks) > MAX_BLANKS:
        raise LmvizError(
            f"The text has {len(blanks)} blanks; lmviz fills at most {MAX_BLANKS} at once, and with so "
            "much hidden each guess has little to go on. Remove some blanks."
        )
    tok = loaded.tokenizer
    model_text = _fill_blanks(clean, blanks, tok.mask_token)
    ids = list(tokenize(tok, model_text).ids)
    _check_length(loaded, len(ids))
    slots = [i for i, t in enumerate(ids) if t == tok.mask_token_id]
    if len(slots) != len(blanks):
        raise LmvizError(
            f"'{loaded.name}' read {len(slots)} mask tokens where the text has {len(blanks)} blanks: "
            "put spaces around each blank."
        )
    logprobs = _log_softmax(loaded, ids)  # (T, V)
    notice = "All blanks are guessed at once, each on its own." if len(blanks) > 1 else None
    context = _decode(tok, ids)
    return [
        BlankFill(b, loaded.name, "masked", context, _top(tok, logprobs[s], k), notice)
        for b, s in zip(blanks, slots)
    ]


@torch.inference_mode()
def causal_blank(loaded: LoadedModel, text_with_blank: str, k: int = DEFAULT_K) -> BlankFill:
    """The causal model's top-k next tokens at the first blank, given only the text to its left."""
    _require(loaded, "causal")
    clean, blanks = parse_blanks(text_with_blank)
    if not blanks:
        raise LmvizError("The text has no blank: write [MASK], <mask> or ___ where a word should go.")
    blank = blanks[0]
    left = clean[: blank.start].rstrip()  # byte-level BPE puts the space on the next word: " dog"
    start, body = _causal_reading(loaded, left) if left else (_start_ids(loaded.tokenizer), None)
    ids = start + (list(body.ids) if body else [])
    if not ids:
        raise LmvizError(
            f"The blank comes first and '{loaded.name}' has no start-of-text token: a causal model needs "
            "some text to the left of the blank."
        )
    _check_length(loaded, len(ids))
    logprobs = _log_softmax(loaded, ids)  # (T, V)
    notes = ["A causal model reads left to right: the text after the blank is not seen."]
    if len(blanks) > 1:
        notes.append(f"It guesses the first of the {len(blanks)} blanks only.")
    top = _top(loaded.tokenizer, logprobs[-1], k)
    return BlankFill(blank, loaded.name, "causal", _decode(loaded.tokenizer, ids), top, " ".join(notes))


def _fill_blanks(clean: str, blanks: Sequence[Blank], mask_token: str) -> str:
    out, pos = [], 0
    for b in blanks:
        out += [clean[pos : b.start], mask_token]
        pos = b.end
    return "".join(out) + clean[pos:]


# --- the sentence strip ------------------------------------------------------------------------------


@torch.inference_mode()
def sentence_strip(causal: LoadedModel, masked: LoadedModel, text: str) -> Strip:
    """Per word: the causal model's log P(word | left context) and the masked model's log P(word | both
    sides) with the word's pieces masked (the word's term of the pseudo-log-likelihood).

    The causal row comes from one pass over the text; the masked row from one batched pass, a row per
    word (split only when the logits would pass MAX_LOGITS floats).
    """
    _require(causal, "causal")
    _require(masked, "masked")
    _reject_blanks(text, causal)
    words = find_words(text)
    chosen = [w for w in words if not w.punctuation]
    if not chosen:
        raise LmvizError("The text has no words to score, only punctuation.")
    notice = None
    if len(chosen) > MAX_STRIP_WORDS:
        notice = (
            f"The text has {len(chosen)} words; the strip scores the first {MAX_STRIP_WORDS} "
            "(both models still read all of it)."
        )
        chosen = chosen[:MAX_STRIP_WORDS]
    causal_scores = _causal_strip(causal, text, words, chosen)
    masked_scores = _masked_strip(masked, text, words, chosen)
    rows = []
    for w, (c_lp, c_n, c_note), (m_lp, m_n, m_unk, m_note) in zip(chosen, causal_scores, masked_scores):
        rows.append(StripWord(w, c_lp, m_lp, c_n, m_n, m_unk, _join([c_note, m_note])))
    return Strip(
        text=text,
        causal_model=causal.name,
        masked_model=masked.name,
        words=tuple(rows),
        causal_method=(
            "log P(word | words to its left): the sum of its pieces' log-probabilities (chain rule)"
        ),
        masked_method=(
            "log P(word | every other word): the word's pieces all replaced by "
            f"{masked.tokenizer.mask_token}, one word at a time (pseudo-log-likelihood); the row's sum "
            "is not a probability of the sentence"
        ),
        notice=notice,
    )


def _causal_strip(loaded: LoadedModel, text: str, words: list[Word], chosen: list[Word]):
    start, body = _causal_reading(loaded, text)
    ids = start + list(body.ids)
    _check_length(loaded, len(ids))
    owners = _owners(text, words, body)
    token_lp = [None] * len(ids)  # log P(token p | tokens before it); None for position 0
    if len(ids) > 1:
        logprobs = _log_softmax(loaded, ids)  # (T, V)
        picked = logprobs[:-1].gather(-1, torch.tensor(ids[1:], device=logprobs.device)[:, None])[:, 0]
        token_lp[1:] = picked.tolist()
    out = []
    for w in chosen:
        pieces = _pieces_of(owners, w.index)
        lps = [token_lp[len(start) + i] for i in pieces]
        unknown = _has_unknown(loaded.tokenizer, body, pieces)
        note = None
        if not pieces:
            note = f"{loaded.name} reads no token for it."
        elif unknown:
            note = _unknown_note(w, loaded)
        elif None in lps:
            note = f"{loaded.name} makes no prediction for the first word (it has no start-of-text token)."
        elif any(len(owners[i]) > 1 for i in pieces):
            note = _shared_note(w, loaded)
        scored = pieces and not unknown and None not in lps
        out.append((sum(lps) if scored else None, len(pieces), note))
    return out


def _masked_strip(loaded: LoadedModel, text: str, words: list[Word], chosen: list[Word]):
    tk = tokenize(loaded.tokenizer, text)
    _check_length(loaded, len(tk.ids))
    owners = _owners(text, words, tk)
    all_pieces = [_pieces_of(owners, w.index) for w in chosen]
    unknown = [_has_unknown(loaded.tokenizer, tk, p) for p in all_pieces]
    todo = [j for j, p in enumerate(all_pieces) if p and not unknown[j]]
    scores: dict[int, float] = {}
    rows_per_pass = max(1, MAX_LOGITS // (len(tk.ids) * loaded.model.config.vocab_size))
    for at in range(0, len(todo), rows_per_pass):
        part = todo[at : at + rows_per_pass]
        batch = torch.tensor(_masked_ids(loaded, tk.ids, [all_pieces[j] for j in part]), device=loaded.device)
        logits = loaded.model(input_ids=batch, attention_mask=torch.ones_like(batch)).logits  # (B, T, V)
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
            note = f"{loaded.name} reads no token for it."
        elif unknown[j]:
            note = _unknown_note(w, loaded)
        elif any(len(owners[i]) > 1 for i in pieces):
            note = _shared_note(w, loaded)
        out.append((scores.get(j), len(pieces), unknown[j], note))
    return out


# --- helpers -----------------------------------------------------------------------------------------


def _check_text(text: str) -> str:
    if text is None or not text.strip():
        raise LmvizError("The text is empty: type a sentence.")
    if len(text) > MAX_CHARS:
        raise LmvizError(
            f"The text has {len(text):,} characters; this comparison reads at most {MAX_CHARS:,}."
        )
    return text


def _require(loaded: LoadedModel, kind: str) -> None:
    if loaded.kind != kind:
        what = "a causal (next-token)" if kind == "causal" else "a masked (fill-in-the-blank)"
        raise LmvizError(f"This side needs {what} model; '{loaded.name}' is a {loaded.kind} model.")
    if kind == "masked" and loaded.tokenizer.mask_token_id is None:
        raise LmvizError(f"'{loaded.name}' has no mask token, so it cannot fill a blank.")


def _reject_blanks(text: str, loaded: LoadedModel) -> None:
    _, blanks = parse_blanks(text)
    if not blanks:
        return
    mark = blanks[0].placeholder
    if loaded.kind == "causal":
        raise LmvizError(
            f"The text holds a blank ('{mark}'): a causal model reads text as written and would read "
            f"'{mark}' as ordinary characters. Write the word itself and pick it, or ask for the model's "
            "guesses at the blank, which use only the text to its left."
        )
    raise LmvizError(
        f"The text holds a blank ('{mark}'): to score a word, write it out and pick it; to see the "
        "model's guesses for blanks, ask for its fills."
    )


def _check_length(loaded: LoadedModel, n_tokens: int) -> None:
    if n_tokens > loaded.max_tokens:
        raise LmvizError(
            f"The text is {n_tokens:,} tokens for '{loaded.name}', which reads at most "
            f"{loaded.max_tokens:,}: shorten it."
        )


def _added(tok: PreTrainedTokenizerBase) -> tuple[int, int]:
    """How many special tokens the tokenizer adds before and after a text."""
    plain = tok("a", add_special_tokens=False)["input_ids"]
    full = tok("a")["input_ids"]
    for lead in range(len(full) - len(plain) + 1):
        if full[lead : lead + len(plain)] == plain:
            return lead, len(full) - lead - len(plain)
    return 0, 0


def _start_ids(tok: PreTrainedTokenizerBase) -> list[int]:
    """What a causal model reads before the text, so that its first word is predicted too.

    The tokenizer's own start token when it adds one (Llama's <s>); else <|endoftext|>, which GPT-2 and
    SmolLM2 saw between documents in training (SmolLM2-Instruct's BOS, <|im_start|>, opens a chat turn);
    else the BOS token; else nothing, and the first word gets no prediction.
    """
    lead, _ = _added(tok)
    if lead:
        return [int(i) for i in tok("a")["input_ids"][:lead]]
    if _DOCUMENT_START in tok.all_special_tokens:
        return [int(tok.convert_tokens_to_ids(_DOCUMENT_START))]
    return [] if tok.bos_token_id is None else [int(tok.bos_token_id)]


def _causal_reading(loaded: LoadedModel, text: str) -> tuple[list[int], Tokenized]:
    """(start ids, the text's own tokens without the specials the tokenizer adds around it)."""
    tok = loaded.tokenizer
    tk = tokenize(tok, text)
    lead, trail = _added(tok)
    end = len(tk.ids) - trail
    body = Tokenized(tk.ids[lead:end], tk.tokens[lead:end], tk.spans[lead:end], tk.special[lead:end])
    return _start_ids(tok), body


def _require_pieces(loaded: LoadedModel, w: Word, pieces: tuple[int, ...]) -> tuple[int, ...]:
    if not pieces:
        raise LmvizError(
            f"'{loaded.name}' reads no token for '{w.text}' (its tokenizer drops it): nothing to score."
        )
    return pieces


def _masked_ids(
    loaded: LoadedModel, ids: Sequence[int], pieces_per_row: Sequence[Sequence[int]]
) -> list[list[int]]:
    rows = []
    for pieces in pieces_per_row:
        row = list(ids)
        for i in pieces:
            row[i] = loaded.tokenizer.mask_token_id
        rows.append(row)
    return rows


def _log_softmax(loaded: LoadedModel, ids: Sequence[int]) -> torch.Tensor:
    """Log-probabilities (T, V) in float32 from one forward pass over `ids`."""
    input_ids = torch.tensor([list(ids)], device=loaded.device)  # (1, T)
    out = loaded.model(input_ids=input_ids, attention_mask=torch.ones_like(input_ids))
    return torch.log_softmax(out.logits[0].float(), dim=-1)


def _score(logprobs: torch.Tensor, row: int, token_id: int, text: str) -> Piece:
    if row < 0:
        return Piece(int(token_id), text, None, None)
    lp = logprobs[row]  # (V,)
    return Piece(
        int(token_id), text, float(lp[token_id]), rank_of(np.exp(lp.double().cpu().numpy()), token_id)
    )


def _top(tok: PreTrainedTokenizerBase, logprobs: torch.Tensor, k: int) -> tuple[Candidate, ...]:
    lp = logprobs.double().cpu().numpy()  # (V,)
    if int(k) != k or not 1 <= k <= lp.size:
        raise LmvizError(
            f"k must be a whole number between 1 and the vocabulary size ({lp.size:,}); got {k}."
        )
    rows = top_table(np.exp(lp), lp, int(k))
    names = token_strings(tok, [r.token_id for r in rows])
    return tuple(Candidate(r.token_id, name, r.prob) for r, name in zip(rows, names))


def _decode(tok: PreTrainedTokenizerBase, ids: Sequence[int]) -> str:
    return tok.decode(list(ids), skip_special_tokens=False, clean_up_tokenization_spaces=False)


def _unknown_note(w: Word, loaded: LoadedModel) -> str:
    unk = loaded.tokenizer.unk_token
    return (
        f"'{loaded.name}' has no tokens for '{w.text}': its vocabulary lacks this script or symbol, so it "
        f"reads {unk}, and cannot say how likely the word is."
    )


def _shared_note(w: Word, loaded: LoadedModel) -> str:
    return (
        f"A token of '{loaded.name}' covers '{w.text}' and part of a neighbouring word: the score "
        "includes that neighbour's share."
    )


def _join(notes: Sequence[str | None]) -> str | None:
    return " ".join(n for n in notes if n) or None
