"""Words and blanks as a reader sees them, whatever the tokenizer: character spans of words, the word a
user picked, and [MASK] / <mask> / ___ placeholders.

`word_groups` groups tokens (or characters) into words by their character spans: whitespace breaks,
punctuation, symbols and CJK characters are words of their own, "don't", "3.14" and 👍🏽 stay whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from lmviz.errors import LmvizError

MAX_CHARS = 20_000  # text beyond this is not even tokenized
BLANK = "[MASK]"  # lmviz's marker in clean text; each model gets its own mask token at these spans
_PLACEHOLDER = re.compile(r"\[mask\]|<mask>|_{3,}", re.IGNORECASE)
WordGroups = list[tuple[str, list[int]]]  # (label, token indices) per word, in order


@dataclass(frozen=True)
class Word:
    """A word of the text as a reader sees it: text[start:end], the index-th of find_words(text)."""

    index: int
    text: str
    start: int
    end: int
    punctuation: bool  # only punctuation (",", "!", "..."): shown, never predicted


@dataclass(frozen=True)
class Blank:
    """A placeholder the user wrote ([MASK], <mask> or ___): its span in the clean text holds BLANK."""

    index: int
    start: int
    end: int
    placeholder: str  # as written, e.g. "____"


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


def find_words(text: str) -> list[Word]:
    """The text's words by character spans, whatever the tokenizer.

    `word_groups` runs over one "token" per character, so the rule is the attention explorer's:
    whitespace breaks, punctuation and symbols (emoji) and CJK characters are words of their own, and
    "don't", "3.14" and 👍🏽 stay whole. Punctuation words are flagged, not dropped.
    """
    text = check_text(text)
    chars = list(text)
    spans = [(i, i + 1) for i in range(len(text))]
    words = []
    for _, idx in word_groups(text, chars, spans, [False] * len(text)):
        inked = [i for i in idx if not text[i].isspace()]
        if not inked:
            continue  # leading blanks
        start, end = inked[0], inked[-1] + 1
        piece = text[start:end]
        punct = all(unicodedata.category(c).startswith("P") for c in piece)
        words.append(Word(len(words), piece, start, end, punct))
    return words


def pick_word(text: str, choice: Word | int | str | None) -> Word:
    """The word a user chose: a Word, its index in find_words(text), or its text (the first match)."""
    if choice is None or isinstance(choice, bool) or (isinstance(choice, str) and not choice.strip()):
        raise LmvizError("compare.no_word_chosen")
    words = find_words(text)
    if isinstance(choice, Word):
        found = next((w for w in words if (w.start, w.end) == (choice.start, choice.end)), None)
        if found is None or found.text != choice.text:
            raise LmvizError("compare.word_moved", word=choice.text, start=choice.start, end=choice.end)
    elif isinstance(choice, int):
        if not 0 <= choice < len(words):
            raise LmvizError("compare.word_out_of_range", index=choice, n=len(words), last=len(words) - 1)
        found = words[choice]
    else:
        wanted = choice.strip()
        found = next((w for w in words if w.text == wanted), None) or next(
            (w for w in words if w.text.casefold() == wanted.casefold()), None
        )
        if found is None:
            raise LmvizError("compare.word_not_in_text", word=wanted)
    if found.punctuation:
        raise LmvizError("compare.word_is_punctuation", word=found.text)
    return found


def hide_word(text: str, choice: Word | int | str | None) -> tuple[str, Word]:
    """The text with the chosen word replaced by a ___ blank, and that word."""
    w = pick_word(text, choice)
    return text[: w.start] + "___" + text[w.end :], w


def parse_blanks(text: str) -> tuple[str, tuple[Blank, ...]]:
    """Find [MASK], <mask> and ___ (3+ underscores); return the text with each one written as BLANK, and
    the blanks' spans in that text. A blank has no true word: models only guess what goes there."""
    text = check_text(text)
    out: list[str] = []
    blanks: list[Blank] = []
    pos = length = 0
    for m in _PLACEHOLDER.finditer(text):
        out.append(text[pos : m.start()])
        length += m.start() - pos
        blanks.append(Blank(len(blanks), length, length + len(BLANK), m.group()))
        out.append(BLANK)
        length += len(BLANK)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), tuple(blanks)


def fill_blanks(clean: str, blanks: Sequence[Blank], mask_token: str, space_in_word: bool = False) -> str:
    """The text with each blank written as `mask_token`. With `space_in_word` (byte-level BPE and
    SentencePiece keep a word's leading space inside its token: " dog") the space before a blank is left
    out, so the mask stands for " dog" as in training, not for "dog" after a lone space token."""
    out, pos = [], 0
    for b in blanks:
        before = clean[pos : b.start]
        out += [before.rstrip(" ") if space_in_word else before, mask_token]
        pos = b.end
    return "".join(out) + clean[pos:]


def check_text(text: str) -> str:
    if text is None or not text.strip():
        raise LmvizError("text.empty")
    if len(text) > MAX_CHARS:
        raise LmvizError("text.too_long", n=len(text), max=MAX_CHARS)
    return text


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
