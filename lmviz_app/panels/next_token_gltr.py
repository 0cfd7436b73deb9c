"""GLTR's histograms on the loss panel: the sidebar's text beside a text the model writes itself from the
same opening, so a class can see how a human text and a generated one differ."""

from __future__ import annotations

import streamlit as st

from lmviz.analysis import gltr, surprisal
from lmviz.analysis.inspection import Inspection
from lmviz.errors import LmvizError
from lmviz.models.loading import LoadedModel
from lmviz_app import plots
from lmviz_app import state as S
from lmviz_app.cache import get_inspection, get_model_text, get_token_table, tr, tr_core
from lmviz_app.panels.next_token import gltr_html
from lmviz_app.widgets import inputs
from lmviz_app.widgets.figures import show


def draw_gltr_compare(loaded: LoadedModel, text: str, result: Inspection, table) -> None:
    st.subheader(tr("nt_gltr_heading"))
    st.caption(tr("nt_gltr_intro"))
    mode = inputs.segmented(S.NT_GLTR_MODE)
    seed = int(st.session_state.get(S.NT_SEED.key) or 0)
    try:
        start, other = get_model_text(loaded.name, text, mode, seed)
        other_result = get_inspection(loaded.name, other)
        other_table = get_token_table(loaded.name, other)
        mine = gltr.histograms(result, table, start)
        theirs = gltr.histograms(other_result, other_table, start)
    except LmvizError as exc:
        st.info(tr_core(exc))
        return
    model_name = tr("nt_gltr_model_greedy") if mode == "always_top" else tr("nt_gltr_model_sampled")
    names = (tr("nt_gltr_yours"), model_name)
    cols = st.columns(2)
    for col, name, tab, h in zip(cols, names, (table, other_table), (mine, theirs)):
        col.markdown(f"**{name}** · {tr('nt_gltr_counted', n=h.n)}")
        col.markdown(gltr_html(tab), unsafe_allow_html=True)
    bands = [tr("nt_gltr_top10"), tr("nt_gltr_top100"), tr("nt_gltr_top1000"), tr("nt_gltr_rest")]
    colours = [surprisal.gltr_color(b) for b in surprisal.BANDS]
    share = tr("nt_gltr_share")
    figs = st.columns(3)
    with figs[0]:
        series = [(names[0], mine.band_shares), (names[1], theirs.band_shares)]
        show(plots.gltr_bands(bands, series, colours, tr("nt_gltr_bands"), share), "nt_gltr_bands")
    with figs[1]:
        series = [(names[0], mine.probs), (names[1], theirs.probs)]
        fig = plots.gltr_compare(series, tr("nt_gltr_probs"), tr("nt_gltr_p_axis"), share, (0, 1.0001, 0.1))
        show(fig, "nt_gltr_probs")
    with figs[2]:
        top = float(max(mine.entropy_bits.max(), theirs.entropy_bits.max(), 1.0))
        series = [(names[0], mine.entropy_bits), (names[1], theirs.entropy_bits)]
        bins = (0, top + 1e-6, max(0.5, round(top / 10, 1)))
        fig = plots.gltr_compare(series, tr("nt_gltr_entropy"), tr("nt_gltr_bits"), share, bins)
        show(fig, "nt_gltr_entropy")
    st.caption(tr("nt_gltr_caption"))
