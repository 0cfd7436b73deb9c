"""Autoregressive vs masked: one word predicted from its left context and from both sides."""

import streamlit as st

from lmviz.analysis import compare
from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz.text.tokens import escape_hidden
from lmviz_app.cache import (
    get_blanks,
    get_strip,
    get_word_both_ways,
    keep_widgets,
    model_or_error,
    tr,
    tr_core,
)
from lmviz_app.panels.compare import draw_fill, draw_prediction, draw_strip
from lmviz_app.presets import COMPARE_PRESETS
from lmviz_app.widgets.sidebar import page_intro, page_setup
from lmviz_app.widgets.text import distinct

KEYS = ("cmp_preset", "cmp_word")
PRESETS = {p.key: p for p in COMPARE_PRESETS}
OWN_TEXT = "own"  # the sidebar's text (a selectbox shows None as "Choose an option")

c = page_setup(KEYS)
page_intro("cmp")
preset = st.selectbox(
    tr("cmp_preset"),
    [OWN_TEXT, *PRESETS],
    key="cmp_preset",
    format_func=lambda k: tr("cmp_preset_none") if k == OWN_TEXT else tr(f"preset_{k}"),
)
preset = None if preset == OWN_TEXT else preset
text = PRESETS[preset].text if preset else c.text
causal = model_or_error(c.causal) if c.causal else None
masked = model_or_error(c.masked) if c.masked else None
if causal is None or masked is None or causal.kind != Kind.CAUSAL or masked.kind != Kind.MASKED:
    st.info(tr("cmp_need_models"))
    st.stop()
if not text.strip():
    st.info(tr("empty_text"))
    st.stop()
st.text(text)
try:
    clean, blanks = compare.parse_blanks(text)
    if blanks:
        st.subheader(tr("cmp_blanks_heading"))
        first, fills = get_blanks(causal.name, masked.name, text)
        left, right = st.columns(2)
        with left:
            st.markdown(f"#### {tr('cmp_causal_side')}")
            draw_fill(first, "cmp_blank_causal")
        with right:
            st.markdown(f"#### {tr('cmp_masked_side')}")
            for fill in fills:
                st.markdown(f"**{tr('cmp_blank_n', n=fill.blank.index + 1)}**")
                draw_fill(fill, f"cmp_blank_{fill.blank.index}")
    else:
        words = [w for w in compare.find_words(text) if not w.punctuation]
        default = next((w.index for w in words if preset and w.text == PRESETS[preset].word), None)
        if st.session_state.get("cmp_word") not in [w.index for w in words]:
            st.session_state["cmp_word"] = default
        labels = dict(zip((w.index for w in words), distinct([escape_hidden(w.text) for w in words])))
        pick = st.pills(tr("cmp_word"), list(labels), key="cmp_word", format_func=labels.get)
        if pick is None:
            st.info(tr("cmp_no_word"))
        else:
            left_pred, right_pred = get_word_both_ways(causal.name, masked.name, text, pick)
            left, right = st.columns(2)
            with left:
                draw_prediction(left_pred, "cmp_causal_side", "cmp_causal")
            with right:
                draw_prediction(right_pred, "cmp_masked_side", "cmp_masked")
        draw_strip(get_strip(causal.name, masked.name, text))
except LmvizError as exc:
    st.error(tr_core(exc))
keep_widgets(KEYS)
