"""Build lmviz's bundled Chinese corpus (lmviz/bundled/poems_zh.json.xz) from the npm package
`chinese-poetry@2.0.1` (MIT, JackeyGao), and the Chinese cloze benchmark (lmviz/bundled/cloze_zh.json).

    npm pack chinese-poetry@2.0.1 && tar xzf chinese-poetry-2.0.1.tgz
    .venv/bin/pip install opencc          # only this script needs it
    .venv/bin/python scripts/build_poems_zh.py package/

What it keeps: the 43,103 poems of 御定全唐诗 (traditional), 唐诗三百首 and 千家诗 (their well-known
wording: 床前明月光 where 全唐诗 has 床前看月光; the 全唐诗 copy of such a poem is dropped), 三字经, 千字文,
弟子规 and 论语. Poems with missing characters (□), Latin letters or digits are dropped; notes in brackets
are cut; a regular poem (every phrase 5 or 7 characters) is rewritten as couplets "xxxxx，xxxxx。".
Each poem is converted to simplified characters with OpenCC (t2s); the traditional text is kept beside
it. Duplicates (same simplified text) are kept once. One poem in twenty of 全唐诗 (chosen by a hash of its
text, never one of the famous collections) is held out: no model trains on it.

The cloze benchmark: 100 famous lines (床前明月___ and 举头望明___, then one couplet from each
of the 98 poems of 唐诗三百首/千家诗 with the most web hits in the package's rank tables) and 120
held-out poems, one character hidden in each (seeded), the poem as context for the held-out ones.
"""

from __future__ import annotations

import argparse
import collections
import glob
import hashlib
import json
import lzma
import random
import re
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "lmviz" / "bundled" / "poems_zh.json.xz"
CLOZE_OUT = ROOT / "lmviz" / "bundled" / "cloze_zh.json"
T2S_OUT = ROOT / "lmviz" / "bundled" / "t2s_zh.json"
HELD_OUT_EVERY = 20
SEED = 0
N_FAMOUS = 100
N_HELD = 120

T2S = opencc.OpenCC("t2s")
NOTE = re.compile(r"（[^）]*）|\([^)]*\)|\[[^\]]*\]|【[^】]*】")
BAD = re.compile(r"[□A-Za-z0-9〇々\ue000-\uf8ff]")
PHRASE_END = re.compile(r"[，。？！；、]")
SENTENCE = re.compile(r"[^。？！；]+[。？！；]?")


HALF_TO_FULL = str.maketrans({",": "，", "?": "？", "!": "！", ":": "：", ";": "；"})


def clean(text: str) -> str:
    text = NOTE.sub("", text).translate(HALF_TO_FULL)
    return re.sub(r"[\s《》“”‘’()（）「」『』\-—]+", "", text)


def lines_of(paragraphs: list[str]) -> list[str] | None:
    """The poem as lines (couplets for a regular poem); None when it is damaged or empty."""
    text = clean("".join(paragraphs))
    if not text or BAD.search(text):
        return None
    phrases = [p for p in PHRASE_END.split(text) if p]
    if len(phrases) >= 2 and len(phrases) % 2 == 0 and len({len(p) for p in phrases}) == 1:
        if len(phrases[0]) in (5, 7):
            return [f"{phrases[i]}，{phrases[i + 1]}。" for i in range(0, len(phrases), 2)]
    out = [s for s in SENTENCE.findall(text) if s.strip("，。？！；")]
    return out or None


def held_out(simplified: str) -> bool:
    return int(hashlib.sha256(simplified.encode()).hexdigest(), 16) % HELD_OUT_EVERY == 0


def poem(title: str, author: str, source: str, lines_t: list[str]) -> dict:
    lines = [T2S.convert(x) for x in lines_t]
    out = {"title": T2S.convert(title), "author": T2S.convert(author), "source": source, "lines": lines}
    if lines != lines_t:
        out["lines_traditional"] = lines_t
    return out


def famous(dist: Path) -> list[dict]:
    out = []
    for name in ("tangshisanbaishou", "qianjiashi"):
        data = json.loads((dist / "mengxue" / f"{name}.json").read_text(encoding="utf-8"))
        for group in data["content"]:
            for p in group["content"]:
                author = re.sub(r"^（[^）]*）", "", p["author"])
                parts = p["paragraphs"]
                if parts and isinstance(parts[0], dict):  # a set of poems: 其一, 其二 ...
                    parts = [(f"{p['chapter']}·{q['subchapter']}", q["paragraphs"]) for q in parts]
                else:
                    parts = [(p.get("subchapter") or p["chapter"], parts)]
                for title, paragraphs in parts:
                    lines = lines_of(paragraphs)
                    if lines:
                        out.append(poem(title, author, name, lines))
    return out


def primers(dist: Path) -> list[dict]:
    out = []
    m = dist / "mengxue"
    for name, key in (("sanzijing-new", "sanzijing"), ("qianziwen", "qianziwen")):
        data = json.loads((m / f"{name}.json").read_text(encoding="utf-8"))
        out.append(poem(data["title"], data["author"], key, [clean(x) for x in data["paragraphs"]]))
    data = json.loads((m / "dizigui.json").read_text(encoding="utf-8"))
    for ch in data["content"]:
        lines = [clean(x.replace(" ", "，")) + "。" for x in ch["paragraphs"]]
        out.append(poem(f"{data['title']}·{ch['chapter']}", data["author"], "dizigui", lines))
    for ch in json.loads((dist / "lunyu" / "lunyu.json").read_text(encoding="utf-8")):
        lines = [clean(x) for x in ch["paragraphs"] if clean(x)]
        out.append(poem(f"论语·{ch['chapter']}", "孔子弟子", "lunyu", lines))
    return out


def rank(dist: Path) -> dict[tuple[str, str], int]:
    hits: dict[tuple[str, str], int] = {}
    for f in glob.glob(str(dist / "rank" / "poet" / "poet.tang.rank.*.json")):
        for r in json.loads(Path(f).read_text(encoding="utf-8")):
            key = (T2S.convert(r["author"]), T2S.convert(r["title"]))
            hits[key] = max(hits.get(key, 0), int(r.get("baidu") or 0) + int(r.get("google") or 0))
    return hits


def cloze(poems: list[dict], hits: dict[tuple[str, str], int]) -> dict:
    rng = random.Random(SEED)
    fam = [p for p in poems if p["source"] in ("tangshisanbaishou", "qianjiashi")]
    seen, ranked = set(), []
    for p in sorted(fam, key=lambda p: -hits.get((p["author"], p["title"]), 0)):
        if p["lines"][0] not in seen and len(p["lines"][0]) in (12, 16):
            seen.add(p["lines"][0])
            ranked.append(p)
    # the two lines every Chinese classroom knows come first, with the character a teacher would hide
    jys = next(p for p in fam if p["title"] == "静夜思")
    items = [
        {"id": "famous-jingyesi-1", "text": "床前明月___，疑是地上霜。", "answers": ["光"]},
        {"id": "famous-jingyesi-2", "text": "举头望明___，低头思故乡。", "answers": ["月"]},
    ]
    assert all(it["text"].replace("___", it["answers"][0]) in jys["lines"] for it in items)
    for it in items:
        it.update(clue="both", topic="famous", title=jys["title"], author=jys["author"])
    ranked = [p for p in ranked if p is not jys]
    for i, p in enumerate(ranked[: N_FAMOUS - len(items)]):
        line = p["lines"][0] if i % 2 == 0 else p["lines"][min(1, len(p["lines"]) - 1)]
        items.append(_item(f"famous-{i:03d}", p, line, line, rng, "famous"))
    held = [p for p in poems if p.get("held_out") and all(len(x) in (12, 16) for x in p["lines"])]
    held = [p for p in held if 2 <= len(p["lines"]) <= 4]
    for i, p in enumerate(rng.sample(held, N_HELD)):
        line = rng.choice(p["lines"])
        items.append(_item(f"held-{i:03d}", p, line, "".join(p["lines"]), rng, "held_out"))
    return {
        "description": (
            "Chinese cloze benchmark for lmviz: one character hidden (___) in a famous couplet (alone) or in "
            "a poem no bundled model trained on (the whole poem as context). 'answers' holds the hidden "
            "character; 'topic' is famous or held_out."
        ),
        "licence": "MIT (text from chinese-poetry@2.0.1, JackeyGao)",
        "items": items,
    }


def _item(item_id: str, p: dict, line: str, context: str, rng: random.Random, topic: str) -> dict:
    spots = [i for i, ch in enumerate(line) if "\u4e00" <= ch <= "\u9fff"]
    at = rng.choice(spots)
    start = context.index(line)
    text = context[: start + at] + "___" + context[start + at + 1 :]
    return {"id": item_id, "text": text, "answers": [line[at]], "clue": "both", "topic": topic,
            "title": p["title"], "author": p["author"]}  # fmt: skip


def t2s_table(poems: list[dict]) -> dict:
    """Traditional -> simplified, character by character, as OpenCC converted this corpus (the most
    frequent simplified form where one traditional character has two: 畫 -> 画, rarely 划)."""
    pairs = collections.defaultdict(collections.Counter)
    for p in poems:
        for trad, simp in zip(p.get("lines_traditional", p["lines"]), p["lines"], strict=True):
            if len(trad) == len(simp):
                for t, s in zip(trad, simp, strict=True):
                    if t != s:
                        pairs[t][s] += 1
    return {
        "description": "Traditional -> simplified characters, as OpenCC t2s converted lmviz's Chinese corpus",
        "licence": "derived from chinese-poetry@2.0.1 (MIT, JackeyGao) and OpenCC (Apache-2.0)",
        "table": {t: c.most_common(1)[0][0] for t, c in sorted(pairs.items())},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("package", type=Path, help="the unpacked npm package (the folder holding dist/)")
    dist = ap.parse_args().package / "dist"
    fam = famous(dist)
    titles = collections.defaultdict(list)
    for p in fam:
        titles[(p["author"], p["title"])].append(set("".join(p["lines"])))
    tang, dropped = [], collections.Counter()
    for f in sorted(glob.glob(str(dist / "yudingquantangshi" / "json" / "*.json"))):
        for p in json.loads(Path(f).read_text(encoding="utf-8")):
            lines = lines_of(p["paragraphs"])
            if not lines:
                dropped["damaged"] += 1
                continue
            q = poem(p["title"], p["author"], "quantangshi", lines)
            if (q["author"], q["title"]) in titles:
                dropped["famous_version"] += 1
                continue
            tang.append(q)
    poems, bodies = [], set()
    for p in fam + primers(dist) + tang:
        body = "".join(p["lines"])
        if body in bodies:
            dropped["duplicate"] += 1
            continue
        bodies.add(body)
        if p["source"] == "quantangshi" and held_out(body):
            p["held_out"] = True
        poems.append(p)
    data = {
        "source": "chinese-poetry@2.0.1 (npm), https://github.com/chinese-poetry/chinese-poetry",
        "licence": "MIT, Copyright (c) 2016 JackeyGao",
        "conversion": "traditional -> simplified with OpenCC t2s; lines_traditional holds the original",
        "poems": poems,
    }
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    OUT.write_bytes(lzma.compress(raw, preset=9 | lzma.PRESET_EXTREME))
    CLOZE_OUT.write_text(json.dumps(cloze(poems, rank(dist)), ensure_ascii=False, indent=1) + "\n", "utf-8")
    T2S_OUT.write_text(json.dumps(t2s_table(poems), ensure_ascii=False, indent=0) + "\n", "utf-8")
    chars = sum(len(x) for p in poems for x in p["lines"])
    by = collections.Counter(p["source"] for p in poems)
    n_held = sum(1 for p in poems if p.get("held_out"))
    print(f"{len(poems)} poems, {chars:,} characters, {n_held} held out; by source {dict(by)}")
    size = OUT.stat().st_size / 1e6
    print(f"dropped {dict(dropped)}; wrote {OUT.name} ({size:.2f} MB), {CLOZE_OUT.name}, {T2S_OUT.name}")


if __name__ == "__main__":
    main()
