"""Bundled text corpora: Wikipedia lead paragraphs (CC BY-SA 4.0), the King James Bible (public domain) and
Tang poems with China's classic primers (MIT, from chinese-poetry; lmviz/bundled/poems_zh.json.xz)."""

from __future__ import annotations

import functools
import json
import lzma
import re
import sqlite3
from dataclasses import dataclass

from lmviz.errors import LmvizError, Message, message
from lmviz.models.assets import asset_path
from lmviz.models.paths import BUNDLED_DIR

POEMS_FILE = BUNDLED_DIR / "poems_zh.json.xz"
SPLITS = ("train", "held_out", "all")
SCRIPTS = ("simplified", "traditional")
TANG = ("tangshisanbaishou", "qianjiashi", "quantangshi")  # the other sources are primers and 论语


@dataclass(frozen=True)
class Corpus:
    name: str
    attribution: Message
    documents: tuple[str, ...]


WIKIPEDIA_ATTRIBUTION = message("corpus.wikipedia_attribution")
KJV_ATTRIBUTION = message("corpus.kjv_attribution")
POEMS_ATTRIBUTION = message("corpus.poems_zh_attribution")

_VERSE_MARKER = re.compile(r"^\s*\d+:\d+\s+")


def wikipedia() -> Corpus:
    """~10,000 English Wikipedia lead paragraphs, sorted by title so the order is stable."""
    with open(asset_path("wikipedia_json"), encoding="utf-8") as f:
        data = json.load(f)
    docs = []
    for title in sorted(data):
        text = (data[title] or {}).get("extract", "").strip()
        if text:
            docs.append(text)
    return Corpus("wikipedia", WIKIPEDIA_ATTRIBUTION, tuple(docs))


def kjv(verses_per_document: int = 1) -> Corpus:
    """The KJV, verse markers stripped, in canonical order; optionally grouped into documents."""
    con = sqlite3.connect(f"file:{asset_path('kjv_db')}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT Passage1, Passage2 FROM Bible ORDER BY TestamentID, BookID, ChapterID, VerseID"
        ).fetchall()
    finally:
        con.close()
    verses = []
    for p1, p2 in rows:
        text = " ".join(s for s in (p1, p2) if s)
        text = _VERSE_MARKER.sub("", text).strip()
        if text:
            verses.append(text)
    n = max(1, verses_per_document)
    docs = tuple(" ".join(verses[i : i + n]) for i in range(0, len(verses), n))
    return Corpus("kjv", KJV_ATTRIBUTION, docs)


@dataclass(frozen=True)
class Poem:
    title: str
    author: str
    source: str  # quantangshi (全唐诗), tangshisanbaishou, qianjiashi, sanzijing, qianziwen, dizigui, lunyu
    lines: tuple[str, ...]  # simplified; a regular poem's lines are couplets "xxxxx，xxxxx。"
    lines_traditional: tuple[str, ...]
    held_out: bool  # one 全唐诗 poem in twenty: no bundled model trained on it

    def lines_in(self, script: str = "simplified") -> tuple[str, ...]:
        return self.lines if script == "simplified" else self.lines_traditional

    def text(self, script: str = "simplified") -> str:
        return "".join(self.lines_in(script))


@functools.lru_cache(maxsize=1)
def poems() -> tuple[Poem, ...]:
    """Every poem of the bundled Chinese corpus: 唐诗三百首 and 千家诗 first, then the primers,
    then 全唐诗."""
    data = json.loads(lzma.decompress(POEMS_FILE.read_bytes()).decode("utf-8"))
    return tuple(
        Poem(p["title"], p["author"], p["source"], tuple(p["lines"]),
             tuple(p.get("lines_traditional", p["lines"])), bool(p.get("held_out")))
        for p in data["poems"]
    )  # fmt: skip


def poems_zh(
    split: str = "train", script: str = "simplified", lines: bool = False, tang_only: bool = False
) -> Corpus:
    """The Chinese corpus, one document per poem: the training split (what the bundled Chinese models
    read), the held-out poems, or all; in simplified (default) or traditional characters; `lines`: a
    line break after each couplet; `tang_only`: the Tang poems without the primers."""
    if split not in SPLITS or script not in SCRIPTS:
        raise LmvizError("corpus.poems_choice", split=split, script=script, splits=list(SPLITS),
                         scripts=list(SCRIPTS))  # fmt: skip
    keep = {"train": lambda p: not p.held_out, "held_out": lambda p: p.held_out, "all": lambda p: True}[split]
    docs = tuple(
        "\n".join(p.lines_in(script)) if lines else p.text(script)
        for p in poems()
        if keep(p) and (not tang_only or p.source in TANG)
    )
    return Corpus("poems_zh", POEMS_ATTRIBUTION, docs)


CORPORA = {"wikipedia": wikipedia, "kjv": kjv, "poems_zh": poems_zh}
