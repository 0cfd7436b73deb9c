"""Why did it say that: attribution of the answer to the input, head types and ablation, activation
patching and steering, on the sidebar's model."""

import streamlit as st

from lmviz.analysis.internals import parts
from lmviz.errors import LmvizError
from lmviz_app import state as S
from lmviz_app.cache import model_or_error, tr, tr_core
from lmviz_app.panels.why_attribution import draw_attribution, example_button
from lmviz_app.panels.why_heads import draw_ablation, draw_head_types
from lmviz_app.panels.why_patching import draw_patching
from lmviz_app.panels.why_steering import draw_steering
from lmviz_app.widgets import inputs
from lmviz_app.widgets.sidebar import page_done, page_intro, page_setup

c = page_setup("why")
page_intro("why")
top = st.columns([1, 2])
which = inputs.segmented(S.WHY_WHICH, top[0])
part = inputs.segmented(S.WHY_PART, top[1])
name = c.causal if which == "causal" else c.masked
loaded = model_or_error(name) if name else None
if loaded is None:
    st.stop()
try:
    parts.require_family(loaded.model)
except LmvizError as exc:
    st.info(tr("in_unsupported_page", error=tr_core(exc)))
    st.stop()
if part in ("attribution", "heads"):
    example_button(loaded, c.text)
    if not c.text.strip():
        st.info(tr("empty_text"))
        st.stop()
if part == "attribution":
    draw_attribution(loaded, name, c.text)
elif part == "heads":
    draw_head_types(loaded, name, c.text)
    draw_ablation(loaded, name, c.text)
elif part == "patching":
    draw_patching(loaded, name)
else:
    draw_steering(loaded, name)
page_done("why")
