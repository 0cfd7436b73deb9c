"""A byte-level BPE tokenizer trained in a second on a chosen text (Hugging Face `tokenizers`), and its
merges applied one at a time to a word, as the tokenizer itself would apply them."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass

from tokenizers import Tokenizer, models, pre_tokenizers, trainers

from lmviz.errors import LmvizError
from lmviz.text.tokens import byte_level_text

VOCAB_MIN = 260  # the 256 bytes and a few merges
VOCAB_MAX = 5000
MAX_TRAIN_CHARS = 400_000  # trains in well under a second on a 2-core CPU
WORD_CHARS = 40


@dataclass(frozen=True, eq=False)
class TrainedBPE:
    tokenizer: Tokenizer
    merges: tuple[tuple[str, str], ...]  # in the order they were learnt: rank 0 first
    vocab_size: int
    trained_chars: int
    seconds: float

    def encode(self, text: str) -> list[str]:
        """The pieces of `text`, readable (" the", ⟨E5 A5⟩)."""
        return [byte_level_text(p) for p in self.tokenizer.encode(text).tokens]


@dataclass(frozen=True)
class MergeStep:
    rank: int  # the merge's place in the learnt list (0 = learnt first, applied first)
    pair: tuple[str, str]  # readable
    pieces: tuple[str, ...]  # the word after this merge, readable


def train_bpe(documents: Sequence[str], vocab_size: int) -> TrainedBPE:
    """Train a byte-level BPE of `vocab_size` tokens on the documents (at most MAX_TRAIN_CHARS of them)."""
    if not VOCAB_MIN <= vocab_size <= VOCAB_MAX:
        raise LmvizError("bpe.vocab_out_of_range", n=vocab_size, low=VOCAB_MIN, high=VOCAB_MAX)
    texts, total = [], 0
    for doc in documents:
        if total >= MAX_TRAIN_CHARS:
            break
        texts.append(doc[: MAX_TRAIN_CHARS - total])
        total += len(texts[-1])
    if not total or not any(t.strip() for t in texts):
        raise LmvizError("bpe.no_text")
    start = time.perf_counter()
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, show_progress=False, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    tok.train_from_iterator(texts, trainer)
    seconds = time.perf_counter() - start
    merges = tuple(tuple(m) for m in json.loads(tok.to_str())["model"]["merges"])
    return TrainedBPE(tok, merges, tok.get_vocab_size(), total, seconds)


def merge_steps(bpe: TrainedBPE, word: str) -> tuple[tuple[str, ...], tuple[MergeStep, ...]]:
    """(the word's bytes, each merge that applies to it in turn): BPE merges, over and over, the adjacent
    pair that was learnt earliest, until no learnt pair is left. The last step's pieces are the
    tokenizer's own (a test checks it)."""
    word = word.strip()[:WORD_CHARS]
    if not word or any(ch.isspace() for ch in word):
        raise LmvizError("bpe.bad_word", word=word)
    # The pre-tokenizer first splits letters, digits and punctuation apart ("don't" -> " don", "'t"); merges
    # never cross those borders. One byte-character per byte, a leading space as "Ġ".
    segments = [list(p) for p, _ in pre_tokenizers.ByteLevel(add_prefix_space=True).pre_tokenize_str(word)]
    rank = {pair: i for i, pair in enumerate(bpe.merges)}
    flat = lambda: tuple(byte_level_text(p) for seg in segments for p in seg)  # noqa: E731
    start, steps = flat(), []
    while True:
        options = [(rank.get((a, b), len(rank)), s, i) for s, seg in enumerate(segments)
                   for i, (a, b) in enumerate(zip(seg, seg[1:]))]  # fmt: skip
        if not options or min(options)[0] == len(rank):
            break
        best, s, i = min(options)
        segments[s][i : i + 2] = [segments[s][i] + segments[s][i + 1]]
        pair = (byte_level_text(bpe.merges[best][0]), byte_level_text(bpe.merges[best][1]))
        steps.append(MergeStep(best, pair, flat()))
    return start, tuple(steps)
