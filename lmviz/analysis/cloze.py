"""The classroom cloze benchmark: everyday sentences with one blank and the answers a teacher accepts,
scored for a masked model (both sides, one pass), a causal model's left-only guess, and the causal model
rescoring whole sentences (both sides, one pass per candidate).

A guess is a whole word of the model's vocabulary (compare.words.top_words), compared with the answers
case-insensitively; top-1 and top-5 are the shares of items whose first / first five guesses hold an answer.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lmviz.analysis.compare.fills import causal_reading_at_blank, masked_reading
from lmviz.analysis.compare.rescore import rescore_blank
from lmviz.analysis.compare.words import top_words
from lmviz.models.loading import LoadedModel
from lmviz.models.paths import BUNDLED_DIR
from lmviz.text.words import find_words

ITEMS_FILE = BUNDLED_DIR / "cloze_en.json"
ZH_ITEMS_FILE = BUNDLED_DIR / "cloze_zh.json"  # Tang poems: topic "famous" (lines) or "held_out" (poems)
CLUES = ("left", "right", "both")


@dataclass(frozen=True)
class ClozeItem:
    id: str
    text: str  # one blank, written ___
    answers: tuple[str, ...]  # the first is the most expected
    clue: str  # where the words that give it away are: "left", "right" or "both"
    topic: str


@dataclass(frozen=True)
class ClozeScore:
    """One method on a set of items."""

    method: str  # "masked", "causal_left" or "causal_rescored"
    models: tuple[str, ...]
    top1: float
    top5: float
    by_clue: dict[str, tuple[float, float, int]]  # clue -> (top1, top5, items)
    by_topic: dict[str, tuple[float, float, int]]
    echo_rate: float  # share of top-1 guesses that repeat a word already in the sentence
    seconds: float
    guesses: dict[str, tuple[str, ...]]  # item id -> its five guesses

    def line(self) -> str:
        clues = "  ".join(f"{c} {t1:.0%}/{t5:.0%}" for c, (t1, t5, _) in self.by_clue.items())
        return (
            f"{self.method:<16} top-1 {self.top1:.1%}  top-5 {self.top5:.1%}  ({clues})  {self.seconds:.0f} s"
        )


def load_items(path: Path = ITEMS_FILE) -> tuple[ClozeItem, ...]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple(
        ClozeItem(it["id"], it["text"], tuple(it["answers"]), it["clue"], it["topic"]) for it in data["items"]
    )


def evenly(items: Sequence[ClozeItem], n: int | None) -> tuple[ClozeItem, ...]:
    """`n` items spread evenly from the first to the last (all of them when n is None or too large)."""
    if n is None or n >= len(items):
        return tuple(items)
    if n <= 1:
        return tuple(items[:n])
    return tuple(items[round(i * (len(items) - 1) / (n - 1))] for i in range(n))


def masked_guesses(masked: LoadedModel, item: ClozeItem, k: int = 5) -> list[str]:
    read = masked_reading(masked, item.text)
    return [g.word for g in top_words(masked.tokenizer, read.log_probs[0], k, _after_space(item))]


def causal_left_guesses(causal: LoadedModel, item: ClozeItem, k: int = 5) -> list[str]:
    read = causal_reading_at_blank(causal, item.text)
    return [g.word for g in top_words(causal.tokenizer, read.log_probs[0], k, _after_space(item))]


def causal_rescored_guesses(
    causal: LoadedModel, item: ClozeItem, masked: LoadedModel | None = None, k: int = 5
) -> list[str]:
    return [c.text.strip() for c in rescore_blank(causal, item.text, masked, k=k).top]


def score(
    method: str,
    models: Sequence[str],
    items: Sequence[ClozeItem],
    guess: Callable[[ClozeItem], list[str]],
    progress: Callable[[int, int], None] = lambda _done, _total: None,
) -> ClozeScore:
    """Run `guess` on every item and count the hits."""
    began = time.perf_counter()
    hits: dict[str, tuple[bool, bool]] = {}
    guesses: dict[str, tuple[str, ...]] = {}
    echoes = 0
    for n, item in enumerate(items):
        words = [w.casefold() for w in guess(item)[:5]]
        answers = {a.casefold() for a in item.answers}
        hits[item.id] = (bool(words) and words[0] in answers, any(w in answers for w in words))
        guesses[item.id] = tuple(words)
        sentence = {w.text.casefold() for w in find_words(item.text.replace("___", " "))}  # "night." -> night
        echoes += bool(words) and words[0] in sentence and words[0] not in answers
        progress(n + 1, len(items))

    def rates(subset: Sequence[ClozeItem]) -> tuple[float, float, int]:
        n = max(len(subset), 1)
        return (sum(hits[i.id][0] for i in subset) / n, sum(hits[i.id][1] for i in subset) / n, len(subset))

    top1, top5, _ = rates(items)
    return ClozeScore(
        method=method,
        models=tuple(models),
        top1=top1,
        top5=top5,
        by_clue={
            c: rates([i for i in items if i.clue == c]) for c in CLUES if any(i.clue == c for i in items)
        },
        by_topic={t: rates([i for i in items if i.topic == t]) for t in sorted({i.topic for i in items})},
        echo_rate=echoes / max(len(items), 1),
        seconds=time.perf_counter() - began,
        guesses=guesses,
    )


def _after_space(item: ClozeItem) -> bool:
    """False when the blank opens the sentence (its word has no space before it)."""
    return bool(item.text.split("___", 1)[0].strip())
