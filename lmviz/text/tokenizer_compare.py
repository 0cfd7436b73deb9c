"""The same text through several tokenizers: the pieces, ids, counts and characters per token of each."""

from __future__ import annotations

from dataclasses import dataclass

from transformers import PreTrainedTokenizerBase

from lmviz.errors import LmvizError
from lmviz.text.tokens import REPLACEMENT, readable_token, token_text
from lmviz.text.words import MAX_CHARS


@dataclass(frozen=True)
class Tokenization:
    name: str
    pieces: tuple[str, ...]  # readable: " the", ⟨E5 A5⟩ for part of a character, [UNK]
    ids: tuple[int, ...]
    n_chars: int
    unknown: int  # pieces the vocabulary could not hold ([UNK])
    byte_pieces: int  # pieces that are only part of a character (labelled by their bytes)
    vocab_size: int

    @property
    def chars_per_token(self) -> float:
        return self.n_chars / max(1, len(self.ids))


def tokenize_with(name: str, tok: PreTrainedTokenizerBase, text: str) -> Tokenization:
    """`text` (at most MAX_CHARS characters: cut it first) through one tokenizer, without special tokens."""
    if not text or not text.strip():
        raise LmvizError("text.empty")
    if len(text) > MAX_CHARS:
        raise LmvizError("text.too_long", n=len(text), max=MAX_CHARS)
    ids = tuple(int(i) for i in tok(text, add_special_tokens=False)["input_ids"])
    pieces = tuple(readable_token(tok, i) for i in ids)
    unk = tok.unk_token_id
    unknown = sum(1 for i in ids if unk is not None and i == unk)
    partial = sum(1 for i in ids if REPLACEMENT in token_text(tok, i))
    return Tokenization(name, pieces, ids, len(text), unknown, partial, len(tok))
