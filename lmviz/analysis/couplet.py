"""Attention in a regular poem's couplets: does a head read the character in the same place of the other
line (白日依山尽，黄河入海流: 黄 -> 白, 河 -> 日, ...), or the rhyme of the couplet before (霜 -> 光)?

parallel: for each couplet whose two lines are the same length, the mean weight character k of the second
line gives character k of the first (in a causal model the first line is on the left, so it can); rhyme:
the weight the last character of a couplet gives the last character of the couplet before. Both are
scored for every head, in [0, 1], beside `chance`: the mean weight a character gives one character of the
other line picked at random (what a head that ignores the places would give).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from lmviz.analysis.inspection import Inspection
from lmviz.text.chinese import PUNCTUATION

COUPLET = re.compile(rf"([^{PUNCTUATION}\s]+)，([^{PUNCTUATION}\s]+)[。？！；]")


@dataclass(frozen=True, eq=False)
class CoupletScores:
    parallel: np.ndarray | None  # (L, H), None without a couplet of two equal lines
    rhyme: np.ndarray | None  # (L, H), None with fewer than two couplets
    chance: np.ndarray | None  # (L, H): the mean weight on a character of the first line, any place
    pairs: tuple[tuple[int, int], ...]  # (query token, key token) of the parallel places
    rhymes: tuple[tuple[int, int], ...]  # (query token, key token): a couplet's end -> the one before


def couplets(text: str) -> list[tuple[int, int, int]]:
    """(start of line 1, start of line 2, length) of each couplet 'xxxxx，xxxxx。' of equal lines."""
    found = []
    for m in COUPLET.finditer(text):
        a, b = m.span(1), m.span(2)
        if a[1] - a[0] == b[1] - b[0]:
            found.append((a[0], b[0], a[1] - a[0]))
    return found


def scores(ins: Inspection) -> CoupletScores:
    """Parallel-place and rhyme attention of every head on the inspected text."""
    at_char = {a: i for i, (a, b) in enumerate(ins.spans) if b - a == 1 and not ins.special[i]}
    att = ins.attentions  # (L, H, T, T), rows are queries
    pairs, others, ends = [], [], []
    for one, two, n in couplets(ins.text):
        line1 = [at_char.get(one + k) for k in range(n)]
        line2 = [at_char.get(two + k) for k in range(n)]
        if None in line1 or None in line2:
            continue  # a character the tokenizer merged or split: no single token to point at
        pairs += list(zip(line2, line1, strict=True))
        others += [(q, line1) for q in line2]
        ends.append(line2[-1])
    rhymes = list(zip(ends[1:], ends[:-1], strict=False))
    if not pairs:
        return CoupletScores(None, None, None, (), ())
    q, k = np.array(pairs).T
    parallel = att[:, :, q, k].mean(-1)
    chance = np.mean([att[:, :, qi, line].mean(-1) for qi, line in others], axis=0)
    rhyme = None
    if rhymes:
        rq, rk = np.array(rhymes).T
        rhyme = att[:, :, rq, rk].mean(-1)
    return CoupletScores(parallel, rhyme, chance, tuple(pairs), tuple(rhymes))
