"""Whole-word guesses for a blank: the vocabulary entries that are a word on their own (" dog", "dog"; not
"##s", "ing" or ","), ranked from a model's log-probabilities at the blank."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import torch
from transformers import PreTrainedTokenizerBase

from lmviz.text.tokens import space_in_word

_WORD_IDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class WordGuess:
    word: str  # as written in a sentence, without the leading space: "dog", "Paris"
    token_id: int
    log_prob: float  # nats, under the model's whole-vocabulary distribution


def word_token_ids(tok: PreTrainedTokenizerBase, after_space: bool = True) -> np.ndarray:
    """Ids of the tokens that are a whole word of letters (an apostrophe allowed): after a space, a
    byte-level BPE word carries its space (" dog"); WordPiece words carry no "##". Cached per tokenizer."""
    key = (after_space, len(tok))
    cache = _WORD_IDS.setdefault(tok, {})
    if key not in cache:
        texts = tok.batch_decode([[i] for i in range(len(tok))], clean_up_tokenization_spaces=False)
        pieces = tok.convert_ids_to_tokens(list(range(len(tok))))
        special = set(tok.all_special_ids)
        leading = space_in_word(tok) and after_space
        ids = []
        for i, (text, piece) in enumerate(zip(texts, pieces)):
            if i in special or piece.startswith("##"):
                continue
            word = text[1:] if leading and text.startswith(" ") else (None if leading else text)
            if word and word.replace("'", "").isalpha() and word[0].isalpha():
                ids.append(i)
        cache[key] = np.asarray(ids, dtype=np.int64)
    return cache[key]


def top_words(tok: PreTrainedTokenizerBase, log_probs: torch.Tensor, k: int, after_space: bool = True):
    """The k most likely whole words at a slot (log_probs (V,)), most likely first."""
    ids = word_token_ids(tok, after_space)
    lp = log_probs.float().cpu().numpy()[ids]
    order = np.argsort(-lp, kind="stable")[:k]
    texts = tok.batch_decode([[int(ids[j])] for j in order], clean_up_tokenization_spaces=False)
    return [WordGuess(t.strip(), int(ids[j]), float(lp[j])) for t, j in zip(texts, order)]
