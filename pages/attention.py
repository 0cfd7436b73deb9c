"""Attention explorer: one head, all heads, averages, rollout and bertviz views, for one or two models."""

import streamlit as st

from lmviz_app import state as S
from lmviz_app.attention_view import AttentionSettings
from lmviz_app.cache import inspection_or_error, tr
from lmviz_app.panels.attention import draw_attention_model
from lmviz_app.widgets import inputs
from lmviz_app.widgets.sidebar import page_done, page_intro, page_setup

c = page_setup("attention")
page_intro("attention")

top = st.columns([1, 1])
which = inputs.segmented(S.ATT_WHICH, top[0])
view = inputs.selectbox(S.ATT_VIEW, top[1])
opts = st.columns([1.3, 1, 1])
sinks = inputs.radio(S.ATT_SINKS, opts[0])
weight = S.ATT_SINK_WEIGHT.default
if sinks == "down":
    weight = inputs.slider(S.ATT_SINK_WEIGHT, opts[0])
scale = inputs.radio(S.ATT_SCALE, opts[1])
words = inputs.toggle(S.ATT_WORDS, opts[2])
fmt = inputs.selectbox(S.ATT_FMT, opts[2])
page_done("attention")

settings = AttentionSettings(sinks=sinks, sink_weight=weight, words=words)
slots = {"causal": ["causal"], "masked": ["masked"], "both": ["causal", "masked"]}[which]
names = {"causal": c.causal, "masked": c.masked}
if not c.text.strip():
    st.info(tr("empty_text"))
    st.stop()
for slot, col in zip(slots, st.columns(len(slots))):
    with col:
        result = inspection_or_error(names[slot], c.text) if names[slot] else None
        if result is not None:
            draw_attention_model(result, slot, view, settings, scale, fmt)
