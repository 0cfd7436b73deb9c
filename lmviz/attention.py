"""Attention weights -> what an attention explorer shows: sinks hidden, display scales, words, rollout.

Pure numpy. Attention arrays are (..., T, T) with rows = queries summing to 1; inputs are never modified.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import numpy as np

SCALE_MODES = ("linear", "log", "row")
LOG_FLOOR = 1e-4  # log mode clips weights here: 0 would be -inf, and below 1e-4 nothing is readable anyway

WordGroups = list[tuple[str, list[int]]]  # (label, token indices), one entry per word, in order


# --- attention sinks ---------------------------------------------------------------------------------


def sink_columns(special: np.ndarray, include_first: bool = True, include_special: bool = True) -> np.ndarray:
    """Key columns that tend to soak up attention: special tokens ([CLS], [SEP], BOS) and/or token 0."""
    special = np.asarray(special, dtype=bool)  # (T,)
    sinks = special.copy() if include_special else np.zeros_like(special)
    if include_first and sinks.size:
        sinks[0] = True
    return sinks


def reweight_sinks(att: np.ndarray, sinks: np.ndarray, weight: float = 0.0) -> np.ndarray:
    """Multiply the sink key columns by `weight` (0 hides them) and rescale each row to sum to 1 again.

    A row left with no mass becomes all zeros, not NaN: with weight 0 in a causal model, the first query
    sees only itself, which is a sink, so its row is empty.
    """
    if weight < 0:
        raise ValueError(f"weight must be >= 0 (0 hides the sinks, 1 keeps them as they are), got {weight}")
    att = _float(att)  # (..., T, T)
    sinks = np.asarray(sinks, dtype=bool)  # (T,)
    if sinks.shape != att.shape[-1:]:
        raise ValueError(
            f"sinks has shape {sinks.shape}; attention over {att.shape[-1]} keys needs one per key"
        )
    scaled = att * np.where(sinks, weight, 1.0).astype(att.dtype)  # (..., T, T)
    out = _normalise_rows(scaled)
    if weight > 0:  # a row with mass only on sinks keeps its shape: the factor cancels (it may underflow)
        out = np.where(out.sum(axis=-1, keepdims=True) > 0, out, _normalise_rows(att))
    return out


# --- display -----------------------------------------------------------------------------------------


def scale_for_display(att2d: np.ndarray, mode: str) -> np.ndarray:
    """Weights as a heatmap shows them.

    "linear": as they are; "log": log10 of the weights clipped at LOG_FLOOR, so values lie in [-4, 0];
    "row": each row divided by its maximum, so every query's strongest key is 1 (all-zero rows stay 0).
    """
    att = _float(att2d)
    if mode == "linear":
        return att.copy()
    if mode == "log":
        return np.log10(np.maximum(att, LOG_FLOOR))
    if mode == "row":
        peak = att.max(axis=-1, keepdims=True)  # (..., T, 1)
        return np.divide(att, peak, out=np.zeros_like(att), where=peak > 0)
    raise ValueError(f"unknown scale mode {mode!r}: use one of {', '.join(map(repr, SCALE_MODES))}")


def top_links(att2d: np.ndarray, k: int) -> list[tuple[int, int, float]]:
    """The k strongest (query, key, weight) links, strongest first; links with weight 0 are left out."""
    att = np.asarray(att2d)  # (T, T)
    if att.ndim != 2:
        raise ValueError(f"top_links takes one (T, T) map, got shape {att.shape}")
    flat = att.ravel()
    order = np.argsort(-flat, kind="stable")[: max(k, 0)]  # ties: the earlier (query, key) first
    n_keys = att.shape[1]
    return [(int(i // n_keys), int(i % n_keys), float(flat[i])) for i in order if flat[i] > 0]


def limit_tokens(n_tokens: int, cap: int) -> tuple[slice, int]:
    """The slice of the first `cap` tokens a picture shows, and how many tokens it leaves out."""
    if cap < 1:
        raise ValueError(f"cap must be at least 1 token, got {cap}")
    return slice(0, min(n_tokens, cap)), max(n_tokens - cap, 0)


# --- layers and heads --------------------------------------------------------------------------------


def head_average(att: np.ndarray) -> np.ndarray:
    """(L, H, T, T) -> (L, T, T): the mean over heads."""
    att = _float(att)
    if att.ndim != 4:
        raise ValueError(f"expected attentions shaped (layers, heads, T, T), got {att.shape}")
    return att.mean(axis=1)


def rollout(att: np.ndarray, residual: float = 0.5) -> np.ndarray:
    """Attention rollout (Abnar & Zuidema 2020): (L, H, T, T) -> (L, T, T), [l] = flow through layers 0..l.

    Each layer is residual * I + (1 - residual) * head mean (the skip connection carries each token on),
    with rows rescaled to 1; the layers are then multiplied from layer 0 upward.
    """
    if not 0.0 <= residual <= 1.0:
        raise ValueError(f"residual must be between 0 and 1, got {residual}")
    mean = head_average(att)  # (L, T, T)
    eye = np.eye(mean.shape[-1], dtype=mean.dtype)
    layers = _normalise_rows(residual * eye + (1.0 - residual) * mean)  # (L, T, T)
    out = np.empty_like(layers)
    flow = eye
    for layer, a in enumerate(layers):
        flow = a @ flow  # queries of this layer -> inputs, through every layer below
        out[layer] = flow
    return out


# --- words -------------------------------------------------------------------------------------------


def word_groups(
    text: str,
    tokens: Sequence[str],
    spans: Sequence[tuple[int, int]],
    special: np.ndarray | Sequence[bool],
) -> WordGroups:
    """Group tokens into the words a reader sees, using their character spans in `text`.

    Tokens join when no word break lies between them: whitespace breaks; punctuation, symbols (emoji) and
    CJK characters (ideographs, kana, hangul) are words of their own. What draws one symbol stays one
    word: tokens with overlapping spans (byte pieces of one character), combining marks, variation
    selectors, skin tones and zero-width joiners, so 👍🏽 and 👨‍👩‍👧 stay whole. "don't" and "3.14" stay
    whole. Special tokens are words of their own, labelled by their token; tokens that are only
    whitespace join the word before them (or after, at the start).
    """
    words: list[list[int]] = []
    is_word: list[bool] = []  # False for a special token or a run of leading blanks
    word_end = 0  # end of the current word's characters
    pending: list[int] = []  # blank tokens with no word before them yet
    for i, (start, end) in enumerate(spans):
        current = bool(words) and is_word[-1]
        if special[i]:
            if pending:
                words.append(pending)
                is_word.append(False)
                pending = []
            words.append([i])
            is_word.append(False)
        elif not text[start:end].strip():
            (words[-1] if current else pending).append(i)
        elif current and (start < word_end or not _breaks_between(text, word_end, start)):
            words[-1].append(i)
            word_end = max(word_end, end)
        else:
            words.append([*pending, i])
            is_word.append(True)
            pending = []
            word_end = end
    if pending:
        words.append(pending)
    return [(_label(text, tokens, spans, special, idx), idx) for idx in words]


def merge_words(att: np.ndarray, groups: Sequence[tuple[str, Sequence[int]]]) -> np.ndarray:
    """Token attention (..., T, T) -> word attention (..., W, W).

    A word's attention to another word is the sum over that word's key tokens (mass it receives), averaged
    over the word's query tokens. Rows keep summing to 1, and contiguous words keep a causal map causal.
    """
    att = _float(att)
    n_tokens = att.shape[-1]
    indices = [list(idx) for _, idx in groups]
    flat = sorted(i for idx in indices for i in idx)
    if flat != list(range(n_tokens)) or any(not idx for idx in indices):
        raise ValueError(f"groups must cover each of the {n_tokens} tokens exactly once, with no empty word")
    member = np.zeros((len(indices), n_tokens), dtype=att.dtype)  # (W, T)
    for word, idx in enumerate(indices):
        member[word, idx] = 1.0
    keys_summed = att @ member.T  # (..., T, W)
    query_mean = member / member.sum(axis=1, keepdims=True)  # (W, T)
    return query_mean @ keys_summed  # (..., W, W)


# --- helpers -----------------------------------------------------------------------------------------


def _float(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a)
    return a if np.issubdtype(a.dtype, np.floating) else a.astype(np.float64)


def _normalise_rows(a: np.ndarray) -> np.ndarray:
    total = a.sum(axis=-1, keepdims=True)  # (..., T, 1)
    return np.divide(a, total, out=np.zeros_like(a), where=total > 0)


def _label(text, tokens, spans, special, idx: list[int]) -> str:
    if len(idx) == 1 and special[idx[0]]:
        return tokens[idx[0]]
    start = min(spans[i][0] for i in idx)
    end = max(spans[i][1] for i in idx)
    while end < len(text) and _extends(text[end]):
        end += 1  # marks no token covers (BERT drops the U+FE0F of ❤️) still belong to the word
    return text[start:end].strip() or "".join(tokens[i] for i in idx)


_ZWJ = "\u200d"
_INSIDE_WORD = {"'": "letter", "\u2019": "letter", ".": "digit", ",": "digit"}  # don't, 3.14, 1,000
_CJK_RANGES = (
    (0x1100, 0x11FF),  # hangul jamo
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3130, 0x318F),  # hangul compatibility jamo
    (0x31F0, 0x31FF),  # katakana extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xA960, 0xA97F),  # hangul jamo extended A
    (0xAC00, 0xD7FF),  # hangul syllables, jamo extended B
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # halfwidth katakana
    (0x20000, 0x323AF),  # CJK extensions B-H and compatibility supplement
)


def _breaks_between(text: str, end: int, start: int) -> bool:
    """Is there a word break anywhere from character `end` (one word's end) to `start` (the next token)?"""
    return any(_breaks_at(text, p) for p in range(max(end, 1), min(start, len(text) - 1) + 1))


def _breaks_at(text: str, p: int) -> bool:
    """Is there a word break between text[p - 1] and text[p]?"""
    before, after = text[p - 1], text[p]
    if before.isspace() or after.isspace():
        return True
    if _extends(after) or before == _ZWJ:
        return False  # one drawn symbol: é as e + accent, ❤️, 👍🏽, 👨‍👩‍👧
    if _is_flag_half(before) and _is_flag_half(after):
        run = 0  # regional indicators pair up into flags: 🇫🇷🇩🇪 is two flags
        while p - 1 - run >= 0 and _is_flag_half(text[p - 1 - run]):
            run += 1
        return run % 2 == 0
    if _inside_word(text, p - 1) or _inside_word(text, p):
        return False
    base = before
    for q in range(p - 1, -1, -1):  # the symbol the marks before p belong to
        base = text[q]
        if not _extends(base):
            break
    if base == after and unicodedata.category(after).startswith("P"):
        return False  # "...", "!!", "--" stay one word
    return _stands_alone(base) or _stands_alone(after)


def _extends(c: str) -> bool:
    """Does c continue the symbol before it (combining mark, variation selector, skin tone, joiner, tag)?"""
    cp = ord(c)
    return (
        unicodedata.category(c) in ("Mn", "Mc", "Me")
        or c == _ZWJ
        or 0x1F3FB <= cp <= 0x1F3FF
        or 0xE0020 <= cp <= 0xE007F
    )


def _is_flag_half(c: str) -> bool:
    return 0x1F1E6 <= ord(c) <= 0x1F1FF


def _is_cjk(c: str) -> bool:
    cp = ord(c)
    return any(lo <= cp <= hi for lo, hi in _CJK_RANGES)


def _stands_alone(c: str) -> bool:
    """Punctuation, symbols (emoji) and CJK characters are words of their own."""
    return _is_cjk(c) or unicodedata.category(c)[0] in "PS"


def _inside_word(text: str, i: int) -> bool:
    """Is text[i] an apostrophe between letters (don't) or a '.'/',' between digits (3.14, 1,000)?"""
    kind = _INSIDE_WORD.get(text[i]) if 0 < i < len(text) - 1 else None
    if kind is None:
        return False
    test = _is_letter if kind == "letter" else str.isdigit
    return test(text[i - 1]) and test(text[i + 1])


def _is_letter(c: str) -> bool:
    return c.isalpha() and not _is_cjk(c)
