"""Minimal pairs on the next-token page: two prompts with one difference, their next-token bars on one
axis, the tokens that moved most, the total-variation distance and the KL divergence."""

from __future__ import annotations

import streamlit as st

from lmviz.analysis import minimal_pair
from lmviz.analysis.generation import text_prompt_ids
from lmviz.errors import LmvizError
from lmviz.models.loading import LoadedModel
from lmviz.text.tokens import readable_token
from lmviz_app import plots
from lmviz_app import state as S
from lmviz_app.cache import get_next_logits, tr, tr_core
from lmviz_app.presets import PAIR_PRESETS
from lmviz_app.widgets import inputs
from lmviz_app.widgets.figures import show
from lmviz_app.widgets.text import md

BARS = 8  # the top tokens of each prompt (their union is drawn)
CHANGED = 8


def _prompts() -> tuple[str, str]:
    presets = {p.key: (p.a, p.b) for p in PAIR_PRESETS}
    boxes = (S.NT_PAIR_A, S.NT_PAIR_B)
    return inputs.preset_or_own(S.NT_PAIR_PRESET, S.OWN_PAIR, presets, boxes, minimal_pair.PAIR_CHARS)


def draw_pair(loaded: LoadedModel, fmt: str) -> None:
    a, b = _prompts()
    try:
        a, b = minimal_pair.check_prompts(a, b)
        logits_a = get_next_logits(loaded.name, text_prompt_ids(loaded, a))
        logits_b = get_next_logits(loaded.name, text_prompt_ids(loaded, b))
        shift = minimal_pair.pair_shift(logits_a, logits_b, CHANGED)
    except LmvizError as exc:
        st.warning(tr_core(exc))
        return
    if minimal_pair.different_scripts(a, b):
        st.info(tr("nt_pair_scripts"))
    m = st.columns(3)
    m[0].metric(tr("nt_pair_tv"), f"{shift.total_variation:.3f}", help=tr("nt_pair_tv_help"))
    m[1].metric(tr("nt_pair_kl_ab"), f"{shift.kl_ab:.3f}", help=tr("nt_pair_kl_help"))
    m[2].metric(tr("nt_pair_kl_ba"), f"{shift.kl_ba:.3f}", help=tr("nt_pair_kl_help"))
    ids = shift.top_union(BARS)
    labels = [readable_token(loaded.tokenizer, i) for i in ids]
    fig = plots.pair_bars(labels, shift.probs_a[ids], shift.probs_b[ids], (f"A: {a}", f"B: {b}"),
                          tr("nt_pair_title"), tr("nt_prob_axis"))  # fmt: skip
    show(fig, "nt_pair_bars", {"toImageButtonOptions": {"format": fmt}, "displaylogo": False})
    st.caption(tr("nt_pair_caption"))
    st.markdown(f"**{tr('nt_pair_changed')}**")
    st.table(
        [
            {
                tr("nt_col_token"): md(readable_token(loaded.tokenizer, i).replace(" ", "␣")),
                "A": f"{pa:.2%}",
                "B": f"{pb:.2%}",
                tr("nt_pair_col_change"): f"{(pb - pa) * 100:+.2f}",
            }
            for i, pa, pb in shift.changed
        ],
        hide_index=True,
    )
