"""The autoregressive-vs-masked page's panels: one model's guesses for a word, blanks, the sentence strip."""

from __future__ import annotations

import numpy as np
import streamlit as st

from lmviz.analysis import compare
from lmviz.analysis.compare import BlankFill, Strip, WordPrediction, rescore
from lmviz.errors import LmvizError, message
from lmviz.models.loading import LoadedModel
from lmviz.text.tokens import escape_hidden
from lmviz.text.words import hide_word
from lmviz_app import plots
from lmviz_app import state as S
from lmviz_app.cache import get_blanks, get_model, get_rescored, get_word_both_ways, tr, tr_core
from lmviz_app.presets import COMPARE_PRESETS, ComparePreset
from lmviz_app.widgets.figures import show
from lmviz_app.widgets.text import distinct, md

CONFIG = {"displaylogo": False}


PRESETS = {p.key: p for p in COMPARE_PRESETS}
RESCORE_ASKED = "_cmp_rescore_asked"  # session: the (models, text, word) whose rescoring was asked for


def pick_word(text: str, preset: ComparePreset | None) -> int | None:
    """The word pills: each occurrence its own pill (a repeated word too); the preset's word by default.
    Returns the chosen word's index in compare.find_words(text), or None."""
    words = [w for w in compare.find_words(text) if not w.punctuation]
    default = next((w.index for w in words if preset and w.text == preset.word), None)
    if st.session_state.get(S.CMP_WORD.key) not in [w.index for w in words]:
        st.session_state[S.CMP_WORD.key] = default
    labels = dict(zip((w.index for w in words), distinct([escape_hidden(w.text) for w in words])))
    return st.pills(tr(S.CMP_WORD.label), list(labels), key=S.CMP_WORD.key, format_func=labels.get)


def draw_word_both_ways(causal: LoadedModel, masked: LoadedModel, text: str, word: int) -> None:
    left_pred, right_pred = get_word_both_ways(causal.name, masked.name, text, word)
    left, right, third = st.columns(3)
    with left:
        draw_prediction(left_pred, "cmp_causal_side", "cmp_causal")
    with right:
        draw_prediction(right_pred, "cmp_masked_side", "cmp_masked")
    with third:
        draw_rescored(causal, masked, text, word)


def draw_rescored(causal: LoadedModel, masked: LoadedModel, text: str, word: int | None = None) -> None:
    """The third answer, on request (it reads one sentence per candidate): the causal model using the right
    side the only way it can, by scoring whole sentences; its cost beside it."""
    st.markdown(f"#### {tr('cmp_rescore_side')}")
    st.caption(tr("cmp_rescore_explain", left=rescore.N_LEFT, masked=rescore.N_MASKED))
    key = ("cmp_rescore", causal.name, masked.name, text, word)
    try:
        rescore.rescorable_blank(causal, text if word is None else hide_word(text, word)[0])
    except LmvizError as exc:
        st.info(tr_core(exc))
        return
    if not st.session_state.get(RESCORE_ASKED) == key:
        if st.button(
            tr("cmp_rescore_run", n=rescore.N_LEFT + rescore.N_MASKED), key="cmp_rescore_run", icon="🧮"
        ):
            st.session_state[RESCORE_ASKED] = key
            st.rerun()
        return
    try:
        with st.spinner(tr("app_running")):
            result = get_rescored(causal.name, masked.name, text, word)
    except LmvizError as exc:  # the rest of the page stays
        st.error(tr_core(exc))
        return
    if result.word is not None:
        st.markdown(
            tr("cmp_rescore_word", word=md(result.word), prob=result.word_prob, rank=result.word_rank)
        )
    cost = dict(n=result.n_candidates, passes=result.passes, seconds=result.seconds)
    st.caption(tr("cmp_rescore_cost", **cost, masked=result.masked_seconds or 0.0))
    candidate_bars(result.top, tr("cmp_top_title", model=result.model_name), "cmp_rescored_bars")


def draw_blanks(causal: LoadedModel, masked: LoadedModel, text: str) -> None:
    """Fill in the blanks: the causal model's guess at the first, the masked model's at every one."""
    st.subheader(tr("cmp_blanks_heading"))
    first, fills = get_blanks(causal.name, masked.name, text)
    left, right, third = st.columns(3)
    with left:
        st.markdown(f"#### {tr('cmp_causal_side')}")
        draw_fill(first, "cmp_blank_causal")
    with right:
        st.markdown(f"#### {tr('cmp_masked_side')}")
        for fill in fills:
            st.markdown(f"**{tr('cmp_blank_n', n=fill.blank.index + 1)}**")
            draw_fill(fill, f"cmp_blank_{fill.blank.index}")
    with third:
        if len(fills) == 1:
            draw_rescored(causal, masked, text)
        else:
            st.markdown(f"#### {tr('cmp_rescore_side')}")
            st.info(tr_core(message("rescore.one_blank", n=len(fills))))


def draw_prediction(pred: WordPrediction, side: str, key: str) -> None:
    st.markdown(f"#### {tr(side)}")
    st.caption(tr("cmp_read", context=md(pred.context)))
    if pred.unknown:
        st.warning(tr("cmp_unk", word=md(pred.word.text)))
    elif pred.log_prob is None:
        st.info(tr("cmp_true_word_unscored", word=md(pred.word.text)))
    else:
        st.metric(md(pred.word.text), f"{pred.prob:.2%}", help=tr_core(pred.method))
        st.markdown(tr("cmp_true_word", word=md(pred.word.text), prob=pred.prob, rank=pred.rank))
    if pred.notice:
        st.caption(tr_core(pred.notice))
    st.caption(tr_core(pred.method))
    candidate_bars(pred.top, tr("cmp_top_title", model=pred.model_name), f"{key}_bars")


def draw_fill(fill: BlankFill, key: str) -> None:
    st.caption(tr("cmp_read", context=md(fill.context)))
    if fill.notice:
        st.caption(tr_core(fill.notice))
    candidate_bars(fill.top, tr("cmp_top_title", model=fill.model_name), key)


def candidate_bars(top, title: str, key: str) -> None:
    """A model's top candidates (Candidate: text, prob) as next-token bars."""
    probs = np.array([c.prob for c in top])
    log_p = np.log(np.maximum(probs, 1e-12))
    fig = plots.next_token_bars(
        [c.text for c in top], probs, log_p, np.ones(len(top), bool), title, tr("nt_prob_axis"), "log p"
    )
    show(fig, key, CONFIG)


def draw_strip(strip: Strip) -> None:
    st.subheader(tr("cmp_strip_heading"))
    if strip.notice:
        st.info(tr_core(strip.notice))
    fig = plots.sentence_strip(
        [w.word.text for w in strip.words],
        [list(strip.causal_row), list(strip.masked_row)],
        [tr("cmp_row_causal"), tr("cmp_row_masked")],
    )
    show(fig, "cmp_strip", CONFIG)
    for row, label, model in (
        (strip.causal_row, "cmp_row_causal", strip.causal_model),
        (strip.masked_row, "cmp_row_masked", strip.masked_model),
    ):
        if all(v is None for v in row):
            st.info(_empty_row(strip, tr(label), model, masked=label == "cmp_row_masked"))
    st.caption(tr("cmp_strip_caption"))
    st.caption(f"{tr_core(strip.causal_method)} · {tr_core(strip.masked_method)}")


def _empty_row(strip: Strip, row: str, model: str, masked: bool) -> str:
    """Why a whole row of the strip is blank (every word unknown to the model, or another reason)."""
    if masked and all(w.unknown_to_masked for w in strip.words):
        unk = get_model(model).tokenizer.unk_token
        return tr("cmp_strip_empty_unknown", row=row, model=md(model), unk=md(unk))
    notes = [w.note for w in strip.words if w.note]
    return tr("cmp_strip_empty", row=row, model=md(model), why=tr_core(notes[0]) if notes else "—")
