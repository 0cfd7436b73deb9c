"""Inside the Transformer: the loaded model's architecture, and one of its layers computed on real numbers."""

import streamlit as st

from lmviz.analysis.internals import architecture
from lmviz.errors import LmvizError
from lmviz_app import state as S
from lmviz_app.cache import get_head_steps, get_trace, model_or_error, tr, tr_core
from lmviz_app.panels.inside import draw_architecture, index_slider
from lmviz_app.panels.inside_attention import draw_head_steps
from lmviz_app.panels.inside_parts import draw_logits, draw_mlp, draw_vectors
from lmviz_app.widgets import inputs
from lmviz_app.widgets.sidebar import page_done, page_intro, page_setup
from lmviz_app.widgets.text import md

c = page_setup("inside")
page_intro("inside")
top = st.columns([1, 2])
which = inputs.segmented(S.IN_WHICH, top[0])
name = c.causal if which == "causal" else c.masked
if not c.text.strip():
    st.info(tr("empty_text"))
    st.stop()
loaded = model_or_error(name) if name else None
if loaded is None:
    st.stop()
try:
    traced = get_trace(name, c.text)
except LmvizError as exc:
    if exc.code != "inside.unsupported":
        st.error(tr("analysis_failed", error=tr_core(exc)))
        st.stop()
    st.info(tr("in_unsupported_page", error=tr_core(exc)))
    total = sum(p.numel() for p in loaded.model.parameters())
    st.caption(tr("in_unsupported_total", model=md(name), params=f"{total:,}"))
    draw_vectors(name, None, loaded.model.get_input_embeddings().weight.shape[1])
    st.stop()
if traced.inspection.notice:
    st.warning(tr_core(traced.inspection.notice))
arch = architecture.describe(loaded.model, traced.inspection.n_tokens)
layer = index_slider(S.IN_LAYER, arch.n_layers, top[1])
draw_architecture(name, arch, traced, layer)
part = inputs.segmented(S.IN_PART)
if part == "attention":
    head = index_slider(S.IN_HEAD, arch.n_heads)
    steps = get_head_steps(name, c.text, layer, head)
    draw_head_steps(traced, steps, traced.inspection.attentions[layer, head])
elif part == "mlp":
    draw_mlp(traced, arch, layer)
elif part == "logits":
    draw_logits(loaded, traced)
else:
    draw_vectors(name, traced, arch.d_model)
page_done("inside")
