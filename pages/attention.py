"""Attention explorer: one head, all heads, averages, rollout and bertviz views, for one or two models."""

import streamlit as st

from lmviz.analysis import attention
from lmviz_app import attention_view
from lmviz_app.attention_view import AttentionSettings
from lmviz_app.cache import inspection_or_error, keep_widgets, tr
from lmviz_app.panels.attention import draw_attention_model
from lmviz_app.url_state import ATTENTION_VIEWS
from lmviz_app.widgets.sidebar import page_intro, page_setup

VIEWS = ATTENTION_VIEWS
LAYER_HEAD = ("att_layer_causal", "att_head_causal", "att_layer_masked", "att_head_masked")
KEYS = ("att_which", "att_view", "att_sinks", "att_sink_weight", "att_scale", "att_words", "att_fmt")

c = page_setup(KEYS, url_keys=LAYER_HEAD)
page_intro("att")

top = st.columns([1, 1])
which = (
    top[0].segmented_control(
        tr("att_which"),
        ["causal", "masked", "both"],
        key="att_which",
        default="causal",
        format_func=lambda k: tr(f"att_which_{k}"),
    )
    or "causal"
)
view = top[1].selectbox(tr("att_view"), VIEWS, key="att_view", format_func=lambda v: tr(f"att_view_{v}"))
opts = st.columns([1.3, 1, 1])
sinks = opts[0].radio(
    tr("att_sinks"),
    attention_view.SINK_MODES,
    key="att_sinks",
    horizontal=True,
    format_func=lambda m: tr(f"att_sinks_{m}"),
    help=tr("att_sinks_help"),
)
weight = 0.2
if sinks == "down":
    weight = opts[0].slider(tr("att_sink_weight"), 0.0, 1.0, 0.2, 0.05, key="att_sink_weight")
scale = opts[1].radio(
    tr("att_scale"),
    attention.SCALE_MODES,
    key="att_scale",
    horizontal=True,
    format_func=lambda m: tr(f"att_scale_{m}"),
)
words = opts[2].toggle(tr("att_words"), key="att_words", help=tr("att_words_help"))
fmt = opts[2].selectbox(tr("att_image_format"), ["png", "svg"], key="att_fmt")
keep_widgets(KEYS)

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
