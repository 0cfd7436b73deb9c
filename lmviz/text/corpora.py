"""Bundled text corpora: Wikipedia lead paragraphs (CC BY-SA 4.0) and the King James Bible (public domain)."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass

from lmviz.errors import Message, message
from lmviz.models.assets import asset_path


@dataclass(frozen=True)
class Corpus:
    name: str
    attribution: Message
    documents: tuple[str, ...]


WIKIPEDIA_ATTRIBUTION = message("corpus.wikipedia_attribution")
KJV_ATTRIBUTION = message("corpus.kjv_attribution")

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


CORPORA = {"wikipedia": wikipedia, "kjv": kjv}
