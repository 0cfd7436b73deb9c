"""Each word of a text and its pieces in two models' tokenizations, matched by character-span overlap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from transformers import PreTrainedTokenizerBase

from lmviz.kinds import Kind
from lmviz.models.loading import LoadedModel
from lmviz.text.tokens import Tokenized, tokenize
from lmviz.text.words import Word, find_words


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


def align(loaded_a: LoadedModel, loaded_b: LoadedModel, text: str) -> Alignment:
    """Each word's pieces in two models' tokenizations, by character-span overlap.

    A word may be k pieces in one (byte-level BPE splits an emoji into byte pieces) and m in the other
    (WordPiece may read it as one [UNK]).
    """
    words = find_words(text)
    tk_a, tk_b = tokenize(loaded_a.tokenizer, text), tokenize(loaded_b.tokenizer, text)
    owners_a, owners_b = token_owners(text, words, tk_a), token_owners(text, words, tk_b)
    aligned = []
    for w in words:
        pa, pb = pieces_of(owners_a, w.index), pieces_of(owners_b, w.index)
        unk_a = has_unknown(loaded_a.tokenizer, tk_a, pa)
        unk_b = has_unknown(loaded_b.tokenizer, tk_b, pb)
        aligned.append(
            AlignedWord(
                word=w,
                pieces_a=pa,
                pieces_b=pb,
                shared_a=any(len(owners_a[i]) > 1 for i in pa),
                shared_b=any(len(owners_b[i]) > 1 for i in pb),
                unknown_a=unk_a,
                unknown_b=unk_b,
                unknown_to_masked=(unk_a and loaded_a.kind == Kind.MASKED)
                or (unk_b and loaded_b.kind == Kind.MASKED),
            )
        )
    return Alignment(text, loaded_a.name, loaded_b.name, tk_a, tk_b, tuple(aligned))


def token_owners(text: str, words: Sequence[Word], tk: Tokenized) -> list[frozenset[int]]:
    """Per token, the indices of the words its span overlaps (none for special and blank tokens)."""
    char_word = np.full(len(text), -1, dtype=np.int64)  # (chars,) word index of each inked character
    for w in words:
        char_word[w.start : w.end] = w.index
    owners = []
    for (start, end), special in zip(tk.spans, tk.special):
        hit = char_word[start:end] if not special else char_word[:0]
        owners.append(frozenset(int(i) for i in np.unique(hit) if i >= 0))
    return owners


def pieces_of(owners: Sequence[frozenset[int]], word_index: int) -> tuple[int, ...]:
    return tuple(i for i, own in enumerate(owners) if word_index in own)


def has_unknown(tok: PreTrainedTokenizerBase, tk: Tokenized, pieces: Sequence[int]) -> bool:
    return tok.unk_token_id is not None and any(tk.ids[i] == tok.unk_token_id for i in pieces)
