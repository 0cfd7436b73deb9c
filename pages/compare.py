"""Autoregressive vs masked: one word predicted from its left context and from both sides."""

import streamlit as st

from lmviz.analysis import compare
from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz_app import state as S
from lmviz_app.cache import get_strip, model_or_error, tr, tr_core
from lmviz_app.panels.compare import PRESETS, draw_blanks, draw_strip, draw_word_both_ways, pick_word
from lmviz_app.widgets import inputs
from lmviz_app.widgets.sidebar import page_done, page_intro, page_setup

c = page_setup("compare")
page_intro("compare")
preset = inputs.selectbox(S.CMP_PRESET)
preset = None if preset == S.OWN_TEXT else PRESETS[preset]
text = preset.text if preset else c.text
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
    if compare.parse_blanks(text)[1]:
        draw_blanks(causal, masked, text)
    else:
        word = pick_word(text, preset)
        if word is None:
            st.info(tr("cmp_no_word"))
        else:
            draw_word_both_ways(causal, masked, text, word)
        draw_strip(get_strip(causal.name, masked.name, text))
except LmvizError as exc:
    st.error(tr_core(exc))
page_done("compare")
