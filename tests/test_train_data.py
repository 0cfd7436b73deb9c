"""Training text: uploads decoded safely (or refused with a clear message), corpora, and token blocks."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import numpy as np
import pytest

from lmviz.errors import LmvizError, message
from lmviz.training.data import MAX_UPLOAD_BYTES, TextSource, corpus, decode_upload, make_blocks, pasted

CHINESE = (
    "我们正在学习语言模型。预训练让模型从大量文本中学习，微调让它适应新的任务。"
    "今天天气很好，我们去公园散步吧。"
)
FRENCH = (
    "Le café est très bon à Paris. Voilà une déjà-vu naïve, façon garçon, où l'été est chaud. "
    "Ça coûte cher!\n"
)
SPANISH = "El niño comió piñas en la montaña. ¿Qué está pasando? ¡Olé! La canción es fantástica.\n"
SMART_QUOTES = "“Smart quotes” — and an en–dash; a naïve café, 50 € please.\n"


def png_bytes() -> bytes:
    """A real 2x2 PNG, written by hand (signature, IHDR, IDAT, IEND)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\x00\xff" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def pdf_bytes() -> bytes:
    """A one-page PDF with a compressed content stream, as PDF writers make them."""
    content = zlib.compress(b"BT /F1 24 Tf 72 720 Td (Language models) Tj ET\n")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    for i, body in enumerate(objects, 1):
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    return out + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("notes.txt", "The quick brown fox jumps over the lazy dog. " * 50)
    return buffer.getvalue()


# --- uploads ---


def test_empty_upload_is_refused_by_name():
    with pytest.raises(LmvizError, match=r"'notes\.txt' is empty"):
        decode_upload(b"", "notes.txt")


def test_whitespace_only_upload_is_refused():
    with pytest.raises(LmvizError, match="only spaces"):
        decode_upload(b"  \n\t \r\n   \r\n", "blank.txt")


@pytest.mark.parametrize(
    ("name", "data"),
    [("picture.png", png_bytes()), ("paper.pdf", pdf_bytes()), ("notes.zip", zip_bytes())],
)
def test_binary_upload_is_refused_with_advice(name, data):
    with pytest.raises(LmvizError, match=r"does not look like text.*plain text \(\.txt\)"):
        decode_upload(data, name)


def test_upload_over_the_size_cap_is_refused_with_sizes():
    data = b"a" * (MAX_UPLOAD_BYTES + 1)
    with pytest.raises(LmvizError, match=r"'big\.txt' is 2\.0 MB; lmviz trains on files up to 2 MB"):
        decode_upload(data, "big.txt")


def test_upload_at_the_size_cap_is_read():
    data = b"word " * (MAX_UPLOAD_BYTES // 5)
    assert len(data) == MAX_UPLOAD_BYTES
    assert decode_upload(data).text == data.decode()


def test_upload_keeps_its_file_name_as_label():
    source = decode_upload(b"Hello there.", "notes.txt")
    assert source == TextSource("Hello there.", message("data.upload", file="notes.txt"))
    assert str(source.label) == "upload: notes.txt"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        pytest.param(b"\xef\xbb\xbfHello world\n", "Hello world\n", id="utf8-bom"),
        pytest.param("Hello wörld 你好\n".encode("utf-16"), "Hello wörld 你好\n", id="utf16-bom"),
        pytest.param(
            b"\xfe\xff" + "Hello wörld 你好\n".encode("utf-16-be"), "Hello wörld 你好\n", id="utf16be-bom"
        ),
        pytest.param(CHINESE.encode("gb18030"), CHINESE, id="gb18030"),
        pytest.param(CHINESE.encode("utf-8"), CHINESE, id="utf8-chinese"),
        pytest.param("你好，世界".encode("gb18030"), "你好，世界", id="gb18030-short"),
        pytest.param((SPANISH * 3).encode("latin-1"), SPANISH * 3, id="latin1-spanish"),
        pytest.param((FRENCH * 3).encode("latin-1"), FRENCH * 3, id="latin1-french"),
        pytest.param((SMART_QUOTES * 3).encode("cp1252"), SMART_QUOTES * 3, id="cp1252-quotes"),
        pytest.param("I ❤️ 🤖 models 👍🏽\n".encode(), "I ❤️ 🤖 models 👍🏽\n", id="emoji"),
        pytest.param(b"line one\r\nline two\r\nold mac\rend", "line one\nline two\nold mac\nend", id="crlf"),
    ],
)
def test_upload_is_decoded_to_the_original_text(data, text):
    assert decode_upload(data, "upload.txt").text == text


def test_utf16_without_text_is_refused():
    with pytest.raises(LmvizError, match="only spaces"):
        decode_upload("\ufeff   \n".encode("utf-16"), "blank.txt")


# --- pasted text and corpora ---


def test_pasted_text_must_have_words():
    for empty in ("", "   \n\t", None):
        with pytest.raises(LmvizError, match="training text is empty"):
            pasted(empty)
    assert str(pasted("Hi there").label) == "pasted text"


@pytest.mark.parametrize(("name", "credit"), [("wikipedia", "CC BY-SA"), ("kjv", "public domain")])
def test_corpus_is_cut_at_whole_documents_with_attribution(name, credit):
    source = corpus(name, max_chars=3000)
    assert str(source.label) == name
    assert credit in str(source.attribution)
    assert 0 < len(source.text) <= 3000
    assert not source.text.endswith(("\n", " "))


def test_unknown_corpus_is_refused():
    with pytest.raises(LmvizError, match="Unknown corpus 'shakespeare'"):
        corpus("shakespeare")


# --- blocks ---


def numbered_text(n: int) -> str:
    return " ".join(f"item{i}" for i in range(n))


def test_causal_blocks_partition_the_tokens_in_order(tiny_gpt2):
    tok = tiny_gpt2.tokenizer
    text = numbered_text(300)
    ids = tok(text, add_special_tokens=False)["input_ids"]
    blocks = make_blocks(tok, pasted(text), 32, held_out_fraction=0.2)
    n = len(ids) // 32
    assert blocks.n_tokens == len(ids)
    assert blocks.seq_len == 32
    assert blocks.train.dtype == np.int64
    assert len(blocks.held_out) == round(n * 0.2) > 0
    assert len(blocks.train) + len(blocks.held_out) == n
    # Train rows come first and held-out rows last: together they are the text's tokens, no row twice.
    both = np.concatenate([blocks.train, blocks.held_out]).ravel()
    assert both.tolist() == ids[: n * 32]


def test_masked_blocks_are_cls_text_sep_rows(tiny_bert):
    tok = tiny_bert.tokenizer
    text = numbered_text(200)
    ids = tok(text, add_special_tokens=False)["input_ids"]
    blocks = make_blocks(tok, pasted(text), 24, masked=True)
    rows = np.concatenate([blocks.train, blocks.held_out])
    assert rows.shape[1] == 24
    assert (rows[:, 0] == tok.cls_token_id).all()
    assert (rows[:, -1] == tok.sep_token_id).all()
    assert rows[:, 1:-1].ravel().tolist() == ids[: len(rows) * 22]
    assert len(blocks.held_out) >= 1 and len(blocks.train) >= 1


def test_two_blocks_are_enough_one_is_held_out(tiny_gpt2):
    tok = tiny_gpt2.tokenizer
    text = numbered_text(40)
    n_tokens = len(tok(text, add_special_tokens=False)["input_ids"])
    blocks = make_blocks(tok, pasted(text), n_tokens // 2)
    assert (len(blocks.train), len(blocks.held_out)) == (1, 1)


def test_too_short_text_says_how_many_tokens_it_has_and_needs(tiny_gpt2, tiny_bert):
    text = "A short sentence that will not fill two blocks."
    n_gpt2 = len(tiny_gpt2.tokenizer(text, add_special_tokens=False)["input_ids"])
    with pytest.raises(LmvizError) as caught:
        make_blocks(tiny_gpt2.tokenizer, pasted(text), 64)
    message = str(caught.value)
    assert f"is {n_gpt2} tokens" in message
    assert "sequence length of 64" in message
    assert "at least 128" in message
    # Masked rows spend two tokens on [CLS] and [SEP].
    with pytest.raises(LmvizError, match=r"sequence length of 64 it needs at least 124"):
        make_blocks(tiny_bert.tokenizer, pasted(text), 64, masked=True)


def test_tiny_sequence_length_is_refused(tiny_bert):
    with pytest.raises(LmvizError, match="sequence length of 5 tokens is too short"):
        make_blocks(tiny_bert.tokenizer, pasted(numbered_text(100)), 5, masked=True)
