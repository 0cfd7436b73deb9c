"""The tokenizer playground: the sidebar's text through GPT-2's, BERT's and the sidebar models'
tokenizers, side by side, and a BPE trained on the spot with its merges stepped through on one word."""

from __future__ import annotations

import streamlit as st

from lmviz.errors import LmvizError
from lmviz.models import tiny
from lmviz.text import bpe
from lmviz.text.tokenizer_compare import Tokenization, tokenize_with
from lmviz_app import state as S
from lmviz_app.cache import get_bpe, model_or_error, tr, tr_core
from lmviz_app.widgets import inputs
from lmviz_app.widgets.text import html_text, md

MAX_CHIPS = 400  # pieces drawn per tokenizer; the counts cover the whole text
COLOURS = ("#e8f1fb", "#fde9d9")


def tokenizers(model_names: list[str]) -> list[tuple[str, object]]:
    """(label, tokenizer) of the vendored GPT-2 BPE, BERT's WordPiece and the sidebar's models; a model whose
    tokenizer is the same as one already listed is named beside it instead."""
    found: list[tuple[str, object]] = [
        (tr("tk_gpt2"), tiny.gpt2_tokenizer()),
        (tr("tk_bert"), tiny.bert_tokenizer()),
    ]
    seen = {_fingerprint(t): i for i, (_, t) in enumerate(found)}
    for name in dict.fromkeys(model_names):
        loaded = model_or_error(name) if name else None
        if loaded is None:
            continue
        key = _fingerprint(loaded.tokenizer)
        if key in seen:
            label, tok = found[seen[key]]
            found[seen[key]] = (f"{label} = {name}", tok)
        else:
            seen[key] = len(found)
            found.append((name, loaded.tokenizer))
    return found


def _fingerprint(tok) -> tuple:
    """Tokenizers that split a mixed probe the same way over the same vocabulary size are one."""
    probe = "The quick brown fox, 你好, naïve 🙂"
    return tok.vocab_size, tuple(tok(probe, add_special_tokens=False)["input_ids"])


def draw_comparison(text: str, model_names: list[str]) -> None:
    results: list[Tokenization] = []
    for label, tok in tokenizers(model_names):
        try:
            results.append(tokenize_with(label, tok, text))
        except LmvizError as exc:
            st.warning(tr_core(exc))
            return
    st.table([_summary_row(r) for r in results], hide_index=True)
    st.caption(tr("tk_table_caption", n=len(text)))
    for r in results:
        with st.container(border=True):
            st.markdown(f"**{md(r.name)}** · {tr('tk_tokens', n=len(r.ids))}")
            st.markdown(chips(r.pieces[:MAX_CHIPS], r.ids[:MAX_CHIPS]), unsafe_allow_html=True)
            if len(r.ids) > MAX_CHIPS:
                st.caption(tr("tk_chips_cut", shown=MAX_CHIPS, n=len(r.ids)))
            st.code(" ".join(map(str, r.ids[:MAX_CHIPS])), language=None, wrap_lines=True)
            if r.unknown:
                st.caption(tr("tk_unknown", n=r.unknown))


def _shown(piece: str) -> str:
    """A piece for a table cell (tables render markdown): spaces as ␣, markup inert."""
    return md(piece.replace(" ", "␣"))


def _summary_row(r: Tokenization) -> dict:
    return {
        tr("tk_col_tokenizer"): md(r.name), tr("tk_col_vocab"): f"{r.vocab_size:,}",
        tr("tk_col_tokens"): len(r.ids), tr("tk_col_cpt"): round(r.chars_per_token, 2),
        tr("tk_col_unk"): r.unknown, tr("tk_col_bytes"): r.byte_pieces,
    }  # fmt: skip


def _merge_row(i: int, step: bpe.MergeStep) -> dict:
    return {
        "#": i + 1, tr("tk_col_merge"): f"{_shown(step.pair[0])} + {_shown(step.pair[1])}",
        tr("tk_col_rank"): step.rank + 1, tr("tk_col_pieces"): " · ".join(_shown(p) for p in step.pieces),
    }  # fmt: skip


def chips(pieces, ids) -> str:
    """Pieces as alternately shaded chips (spaces as ␣), each with its id on hover; HTML-escaped."""
    spans = [
        f'<span title="id {i}" style="background:{COLOURS[k % 2]};padding:1px 3px;margin:1px;'
        f'border-radius:3px;line-height:2;font-family:monospace">{html_text(p.replace(" ", "␣"))}</span>'
        for k, (p, i) in enumerate(zip(pieces, ids))
    ]
    return '<div class="lmviz-pieces">' + "".join(spans) + "</div>"


def draw_bpe(text: str) -> None:
    st.subheader(tr("tk_bpe_heading"))
    st.caption(tr("tk_bpe_intro"))
    cols = st.columns([1.5, 2, 1.2])
    corpus = inputs.segmented(S.TK_CORPUS, cols[0])
    vocab = int(inputs.slider(S.TK_VOCAB, cols[1]))
    st.session_state.setdefault(S.TK_WORD.key, S.TK_WORD.default)
    word = cols[2].text_input(tr(S.TK_WORD.label), key=S.TK_WORD.key, help=tr(S.TK_WORD.help),
                              max_chars=bpe.WORD_CHARS)  # fmt: skip
    try:
        trained = get_bpe(corpus, vocab, text if corpus == "text" else "")
        start, steps = bpe.merge_steps(trained, word)
    except LmvizError as exc:
        st.warning(tr_core(exc))
        return
    st.caption(tr("tk_bpe_trained", vocab=trained.vocab_size, merges=len(trained.merges),
                  chars=trained.trained_chars, s=trained.seconds))  # fmt: skip
    if steps:
        if st.session_state.get(S.TK_STEP.key) is None or st.session_state[S.TK_STEP.key] > len(steps):
            st.session_state[S.TK_STEP.key] = len(steps)
        k = st.slider(tr(S.TK_STEP.label), 0, len(steps), key=S.TK_STEP.key)
    else:
        k = 0
    pieces = start if k == 0 else steps[k - 1].pieces
    st.markdown(chips(pieces, range(len(pieces))), unsafe_allow_html=True)
    if k:
        a, b = steps[k - 1].pair
        st.caption(tr("tk_bpe_step", k=k, n=len(steps), a=_shown(a), b=_shown(b), rank=steps[k - 1].rank + 1))
    else:
        st.caption(tr("tk_bpe_start", n=len(start)))
    st.table([_merge_row(i, s) for i, s in enumerate(steps)], hide_index=True)
    first = ", ".join(f"{_shown(bpe.byte_level_text(a))} + {_shown(bpe.byte_level_text(b))}"
                      for a, b in trained.merges[:12])  # fmt: skip
    st.caption(tr("tk_bpe_first", merges=first))
