"""Traditional and simplified Chinese: which characters of a text are traditional, and their simplified
forms, from the table OpenCC made when the bundled corpus was converted (lmviz/bundled/t2s_zh.json)."""

from __future__ import annotations

import functools
import json
import re

from lmviz.models.paths import BUNDLED_DIR

T2S_FILE = BUNDLED_DIR / "t2s_zh.json"
PUNCTUATION = "，。？！；：、"  # full-width marks that close a phrase of a poem
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")  # a Chinese character
# Characters OpenCC rewrote in classical text that are also everyday simplified ones (什么, 干): no hint.
EVERYDAY = frozenset("么干")


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    table = json.loads(T2S_FILE.read_text(encoding="utf-8"))["table"]
    return {t: s for t, s in table.items() if t not in EVERYDAY}


def traditional_chars(text: str) -> dict[str, str]:
    """The traditional characters in `text`, in order of first appearance, each with its simplified form."""
    table = _table()
    return {ch: table[ch] for ch in dict.fromkeys(text) if ch in table}


def to_simplified(text: str) -> str:
    """`text` with each traditional character the table knows replaced by its simplified form."""
    table = _table()
    return "".join(table.get(ch, ch) for ch in text)


PHRASE = re.compile(rf"([^{PUNCTUATION}\s]*)[{PUNCTUATION}]")


def metre_share(text: str, lengths: tuple[int, ...] = (5, 7)) -> tuple[int, int]:
    """(phrases of a regular poem's length, phrases) among the phrases of `text` that punctuation closes:
    how far a sample has come from noise to five- and seven-character lines."""
    phrases = [p for p in PHRASE.findall(text) if p]
    return sum(len(p) in lengths for p in phrases), len(phrases)
