"""The "Why" page's steering: a direction (prompt A's mean residual stream minus prompt B's) pushed into
one layer while the model continues a third prompt, next to the same continuation without the push."""

from __future__ import annotations

import streamlit as st

from lmviz.analysis.internals import parts
from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz.models.loading import LoadedModel
from lmviz_app import state as S
from lmviz_app import why_export
from lmviz_app.cache import get_steered, tr, tr_core
from lmviz_app.panels.inside import index_slider
from lmviz_app.presets import STEER_PRESETS
from lmviz_app.widgets import inputs
from lmviz_app.widgets.text import html_text

PROMPT_CHARS = 300


def _prompts() -> tuple[str, str, str]:
    presets = {p.key: (p.a, p.b, p.prompt) for p in STEER_PRESETS}
    boxes = (S.WHY_STEER_A, S.WHY_STEER_B, S.WHY_STEER_PROMPT)
    return inputs.preset_or_own(S.WHY_STEER_PRESET, S.OWN, presets, boxes, PROMPT_CHARS)


def _continuation(loaded: LoadedModel, path) -> str:
    return html_text(path.text(loaded.tokenizer, include_prompt=False)).replace("\n", "<br>")


def draw_steering(loaded: LoadedModel, name: str) -> None:
    st.subheader(tr("why_steer_heading"))
    if loaded.kind != Kind.CAUSAL:
        st.info(tr("why_steer_causal_only"))
        return
    a, b, prompt = _prompts()
    cols = st.columns(4)
    st.session_state.setdefault(S.WHY_STEER_LAYER.key, S.WHY_STEER_LAYER.default)
    layer = index_slider(S.WHY_STEER_LAYER, len(parts.blocks(loaded.model)), cols[0])
    alpha = float(inputs.slider(S.WHY_ALPHA, cols[1]))
    temp = float(inputs.slider(S.WHY_STEER_TEMP, cols[2]))
    seed = int(inputs.number(S.WHY_SEED, cols[3]))
    if not (a.strip() and b.strip() and prompt.strip()):
        st.info(tr_core(LmvizError("why.steer_empty")))
        return
    try:
        with st.spinner(tr("why_steer_running")):
            s = get_steered(name, a, b, prompt, layer, alpha, temp, seed)
    except LmvizError as exc:
        st.error(tr("analysis_failed", error=tr_core(exc)))
        return
    d = s.direction
    st.caption(tr("why_steer_norms", layer=layer, norm=d.norm, stream=d.stream_norm, alpha=alpha,
                  push=abs(alpha) * d.norm))  # fmt: skip
    left, right = st.columns(2)
    for col, title, path in (
        (left, tr("why_steer_plain"), s.plain),
        (right, tr("why_steer_pushed", alpha=alpha), s.steered),
    ):
        with col:
            st.markdown(f"**{title}**")
            body = f"<b>{html_text(prompt)}</b>{_continuation(loaded, path)}"
            st.markdown(f'<div class="lmviz-steer">{body}</div>', unsafe_allow_html=True)
    strategy = tr("why_steer_greedy") if temp == 0 else tr("why_steer_sampled", temp=temp, seed=seed)
    st.caption(tr("why_steer_caption", strategy=strategy))
    columns = {"plain": [x.text for x in s.plain.steps], "steered": [x.text for x in s.steered.steps]}
    csv = why_export.tokens_csv(columns)
    st.download_button(tr("why_csv"), csv, file_name="steering.csv", mime="text/csv", key="why_steer_csv")
