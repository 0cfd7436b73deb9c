"""Tokens as people read them: display strings without Ġ/▁ markers (characters that would hide or reorder
the text written as ⟨U+XXXX⟩), and character spans in the text."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from transformers import PreTrainedTokenizerBase

REPLACEMENT = "\ufffd"
# Format characters that only join what surrounds them (emoji sequences, Indic scripts): kept in a string
# that has something visible, escaped when they are all there is.
_JOINERS = frozenset("\u200c\u200d\ufe0e\ufe0f")
_HIDDEN = frozenset(("Cc", "Cf", "Co", "Cs", "Zl", "Zp"))


@dataclass(frozen=True)
class Tokenized:
    ids: tuple[int, ...]
    tokens: tuple[str, ...]  # display strings
    spans: tuple[tuple[int, int], ...]  # (start, end) in the text; special tokens get an empty span
    special: tuple[bool, ...]


def tokenize(tok: PreTrainedTokenizerBase, text: str, max_tokens: int | None = None) -> Tokenized:
    """Tokenize with offsets; cut to `max_tokens` ids (special tokens kept at both ends)."""
    enc = tok(
        text,
        return_offsets_mapping=True,
        return_special_tokens_mask=True,
        truncation=max_tokens is not None,
        max_length=max_tokens,
    )
    ids = list(enc["input_ids"])
    special = [bool(s) for s in enc["special_tokens_mask"]]
    raw_spans = [tuple(o) for o in enc["offset_mapping"]]
    spans = _spans(raw_spans, special, len(text))
    shown = tuple(escape_hidden(t) for t in display_tokens(tok, ids, spans, special, text))
    return Tokenized(tuple(ids), shown, spans, tuple(special))


def _spans(raw, special, n_chars) -> tuple[tuple[int, int], ...]:
    out = []
    last_end = 0
    for (start, end), is_special in zip(raw, special):
        if is_special:
            # Leading specials ([CLS], BOS) sit at 0; trailing ones ([SEP], EOS) after the last character.
            start = end = last_end if out else 0
        last_end = max(last_end, end)
        out.append((int(start), int(end)))
    return tuple(out)


def display_tokens(tok, ids, spans, special, text) -> list[str]:
    """One display string per token.

    The token's own decoding keeps the leading space that byte-level BPE and SentencePiece attach to a
    word (" Paris"), which a plain span would hide. A character split into several byte pieces (emoji,
    rare CJK in byte-level BPE) decodes to U+FFFD alone: each piece of such a run shows the text the
    whole run decodes to, with a piece counter, e.g. "😀 (1/2)".
    """

    def decode(chunk) -> str:
        return tok.decode(list(chunk), clean_up_tokenization_spaces=False, skip_special_tokens=False)

    shown: list[str] = []
    i = 0
    while i < len(ids):
        if special[i]:
            shown.append(tok.convert_ids_to_tokens(ids[i]))
            i += 1
            continue
        piece = decode(ids[i : i + 1])
        if REPLACEMENT in piece and REPLACEMENT not in text[spans[i][0] : spans[i][1]]:
            j = i + 1  # grow the run until its bytes decode cleanly (a UTF-8 character is <= 4 bytes)
            while j < len(ids) and not special[j] and j - i < 8 and REPLACEMENT in decode(ids[i:j]):
                j += 1
            whole = decode(ids[i:j])
            n = j - i
            shown.extend(f"{whole} ({k + 1}/{n})" for k in range(n))
            i = j
            continue
        if not piece.strip() and text[spans[i][0] : spans[i][1]].strip():
            piece = text[spans[i][0] : spans[i][1]]
        shown.append(piece)
        i += 1
    return shown


def escape_hidden(text: str) -> str:
    """`text` with every character that would hide or reorder what is shown written as an escape:
    bidirectional controls (U+202E turns the rest of a line around), zero-width and other format
    characters, control characters (newline and tab are left to each view). "a\u202eb" -> "a⟨U+202E⟩b"."""
    if all(c.isprintable() or c in "\n\t" for c in text):
        return text
    inked = any(not (unicodedata.category(c) in _HIDDEN or c.isspace()) for c in text)
    out = []
    for c in text:
        hidden = unicodedata.category(c) in _HIDDEN and c not in "\n\t"
        out.append(f"⟨U+{ord(c):04X}⟩" if hidden and not (inked and c in _JOINERS) else c)
    return "".join(out)


def token_strings(tok: PreTrainedTokenizerBase, ids) -> list[str]:
    """Each id read on its own: its decoded text (" Paris" keeps its space, no Ġ/▁), a special token's name
    ("[SEP]"), or U+FFFD for a byte piece that is only part of a character."""
    ids = [int(i) for i in ids]
    decoded = tok.batch_decode(
        [[i] for i in ids], skip_special_tokens=False, clean_up_tokenization_spaces=False
    )
    special = set(tok.all_special_ids)
    return [
        tok.convert_ids_to_tokens(i) if i in special else escape_hidden(piece or REPLACEMENT)
        for i, piece in zip(ids, decoded)
    ]


def token_text(tok: PreTrainedTokenizerBase, token_id: int) -> str:
    """One token as `token_strings` reads it."""
    return token_strings(tok, [token_id])[0]


def space_in_word(tok: PreTrainedTokenizerBase) -> bool:
    """True when the tokenizer keeps the space before a word inside the word's token (" dog": byte-level
    BPE, SentencePiece), False when it drops spaces (WordPiece)."""
    ids = tok(" a", add_special_tokens=False)["input_ids"]
    first = tok.convert_ids_to_tokens(ids[:1])[0] if ids else ""
    return first.startswith(("Ġ", "▁", " ")) and len(ids) == 1


def special_frame(tok: PreTrainedTokenizerBase) -> tuple[list[int], list[int]]:
    """The special tokens the tokenizer puts before and after a text: ([CLS], [SEP]) for BERT, ([], []) for
    GPT-2, ([<|endoftext|>], []) for the masked SmolLM2."""
    plain = tok("a", add_special_tokens=False)["input_ids"]
    full = tok("a")["input_ids"]
    for lead in range(len(full) - len(plain) + 1):
        if full[lead : lead + len(plain)] == plain:
            return [int(i) for i in full[:lead]], [int(i) for i in full[lead + len(plain) :]]
    return [], []


@functools.cache
def _byte_of_char() -> dict[str, int]:
    """Byte-level BPE (GPT-2, SmolLM2) writes each byte as one printable character: the inverse map."""
    from transformers.convert_slow_tokenizer import bytes_to_unicode

    return {ch: b for b, ch in bytes_to_unicode().items()}


def readable_token(tok: PreTrainedTokenizerBase, token_id: int) -> str:
    """`token_text`, except that a byte piece holding only part of a character (shown as U+FFFD) is
    labelled by its bytes, ⟨E5 A5⟩, so two such pieces can be told apart."""
    text = token_text(tok, token_id)
    if REPLACEMENT not in text:
        return text
    raw = tok.convert_ids_to_tokens(int(token_id)) or ""
    if raw.startswith("<0x") and raw.endswith(">"):  # SentencePiece byte fallback: <0xE5>
        return f"⟨{raw[3:-1].upper()}⟩"
    return byte_level_text(raw) if raw else text


def byte_level_text(piece: str) -> str:
    """A byte-level BPE piece (Ġthe, å¥) as text: " the", or ⟨E5 A5⟩ when its bytes are not whole
    characters."""
    table = _byte_of_char()
    if not piece or not all(ch in table for ch in piece):
        return piece
    data = bytes(table[ch] for ch in piece)
    try:
        return escape_hidden(data.decode("utf-8"))
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        spaces = len(text) - len(text.lstrip(" "))  # a leading space stays a space: " ⟨E5 8C⟩"
        return " " * spaces + "⟨" + " ".join(f"{b:02X}" for b in data[spaces:]) + "⟩"
