"""Text for training: pasted text, an uploaded file (decoded safely) or a bundled corpus, cut into
fixed-length token blocks with a held-out split."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from transformers import PreTrainedTokenizerBase

from lmviz.errors import LmvizError, Message, message
from lmviz.text import corpora
from lmviz.text.tokens import special_frame
from lmviz.training.masking import framed

MAX_UPLOAD_BYTES = 2_000_000  # an upload larger than this is refused (a long novel is ~1 MB)
MAX_TEXT_CHARS = 2_000_000  # text beyond this is not read (more than any demo run trains on)
MIN_BLOCKS = 2  # one block to train on and one held out
CORPORA = ("wikipedia", "kjv", "poems_zh")
_BINARY_SIGNATURES = (
    b"%PDF-",
    b"PK\x03\x04",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x1f\x8b",
    b"7z\xbc\xaf",
)
_PREFERRED_ENCODINGS = ("gb18030", "cp1252")  # Chinese and Western European, before look-alike code pages
DOC_SEP = "\n\n"  # between a corpus's documents
CORPUS_CHARS = 300_000  # the slice of a bundled corpus a run reads: ~70k tokens, plenty for minutes


@dataclass(frozen=True)
class TextSource:
    """Where the training text came from, and what to say about it (attribution, what was cut)."""

    text: str
    label: Message  # "pasted text", "upload: notes.txt", "kjv"
    attribution: Message | None = None
    notice: Message | None = None
    # Documents joined by this separator: causal rows then start where a document does (a poem's first
    # character is at position 0, so a model learns where a line ends from the position), not anywhere.
    row_start: str | None = None


@dataclass(frozen=True)
class Blocks:
    """Token blocks for training and evaluation. Rows are model inputs of equal length."""

    train: np.ndarray  # (N, T) int64
    held_out: np.ndarray  # (M, T) int64
    n_tokens: int  # tokens in the text before cutting into blocks
    notice: Message | None = None

    @property
    def seq_len(self) -> int:
        return int(self.train.shape[1])


def decode_upload(data: bytes, filename: str = "upload") -> TextSource:
    """Bytes of an uploaded file -> text. Refuses empty, huge and binary files with a clear message;
    detects UTF-8/UTF-16 (BOM) first, then lets charset-normalizer guess (GB18030, Latin-1, ...)."""
    if not data:
        raise LmvizError("data.file_empty", file=filename)
    if len(data) > MAX_UPLOAD_BYTES:
        raise LmvizError("data.file_too_big", file=filename, size=len(data) / 1e6, max=MAX_UPLOAD_BYTES / 1e6)
    text = _decode(data, filename)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise LmvizError("data.file_blank", file=filename)
    return TextSource(text, message("data.upload", file=filename))


def _decode(data: bytes, filename: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" not in data[:4096]:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data[:4096]:
        raise LmvizError("data.not_text", file=filename)
    from charset_normalizer import from_bytes

    guesses = [m.encoding for m in from_bytes(data[:200_000])]
    # Short texts are ambiguous between code pages: prefer the ones a class most likely saved with.
    preferred = [e for e in _PREFERRED_ENCODINGS if e in guesses]
    encoding = (preferred or guesses or [None])[0]
    if encoding is not None:
        text = data.decode(encoding, errors="replace")
        if _printable_share(text) > 0.95:
            return text
    raise LmvizError("data.not_text", file=filename)


def _printable_share(text: str) -> float:
    sample = text[:20_000]
    if not sample:
        return 0.0
    ok = sum(ch.isprintable() or ch in "\n\t" for ch in sample)
    return ok / len(sample)


def pasted(text: str) -> TextSource:
    if not (text or "").strip():
        raise LmvizError("data.text_empty")
    return TextSource(text, message("data.pasted"))


def corpus(name: str, max_chars: int = CORPUS_CHARS) -> TextSource:
    """The first `max_chars` characters of a bundled corpus (whole documents), with its attribution."""
    if name == "wikipedia":
        found = corpora.wikipedia()
    elif name == "kjv":
        found = corpora.kjv(verses_per_document=10)
    elif name == "poems_zh":  # Tang poems of the training split, a couplet a line (the primers aside)
        found = corpora.poems_zh("train", lines=True, tang_only=True)
    else:
        raise LmvizError("data.unknown_corpus", name=name, choices=list(CORPORA))
    docs, size = [], 0
    for doc in found.documents:
        if size + len(doc) > max_chars and docs:
            break
        docs.append(doc)
        size += len(doc) + 2
    label = message("data.corpus", name=name)
    row_start = DOC_SEP if name == "poems_zh" else None
    return TextSource(DOC_SEP.join(docs), label, attribution=found.attribution, row_start=row_start)


def _document_rows(tok, text: str, sep: str, body: int) -> tuple[list[int], list[int]]:
    """(all ids, where each row of `body` ids starts: at a document): a row runs on into the next
    documents; the part of a document that runs past a row's end is not used."""
    ids: list[int] = []
    starts = []
    for doc in text.split(sep):
        if doc.strip():
            starts.append(len(ids))
            ids += tok(doc + sep, add_special_tokens=False, verbose=False)["input_ids"]
    rows, free = [], 0
    for start in starts:
        if start >= free and start + body <= len(ids):
            rows.append(start)
            free = start + body
    return ids, rows


def make_blocks(
    tok: PreTrainedTokenizerBase,
    source: TextSource,
    seq_len: int,
    held_out_fraction: float = 0.1,
    masked: bool = False,
) -> Blocks:
    """Tokenize the text and cut it into blocks of `seq_len` tokens; the last blocks are held out.

    Causal blocks are plain token runs (the labels are the inputs shifted inside the model); masked
    blocks are framed the way the tokenizer frames a text ([CLS] ... [SEP] for BERT, <|endoftext|> ... for
    the masked SmolLM2), like their pretraining rows. Short texts give fewer, not shorter, blocks:
    a text shorter than two blocks is refused with the number of tokens it has and needs.
    """
    text = source.text[:MAX_TEXT_CHARS]
    notice = source.notice
    if len(source.text) > MAX_TEXT_CHARS:
        notice = message("data.cut", n=MAX_TEXT_CHARS)
    lead, trail = special_frame(tok) if masked else ([], [])
    body = seq_len - len(lead) - len(trail)
    if body < 4:
        raise LmvizError("data.seq_too_short", n=seq_len)
    if source.row_start and not masked:
        ids, starts = _document_rows(tok, text, source.row_start, body)
        rows = np.asarray([ids[s : s + body] for s in starts], dtype=np.int64).reshape(len(starts), body)
    else:
        ids = tok(text, add_special_tokens=False, verbose=False)["input_ids"]
        rows = np.asarray(ids[: len(ids) // body * body], dtype=np.int64).reshape(-1, body)
    n = len(rows)
    if n < MIN_BLOCKS:
        raise LmvizError("data.too_short", n=len(ids), seq_len=seq_len, min=MIN_BLOCKS * body)
    if masked:
        rows = framed(rows, lead, trail)
    n_held = min(n - 1, max(1, round(n * held_out_fraction)))
    return Blocks(rows[: n - n_held], rows[n - n_held :], len(ids), notice)
