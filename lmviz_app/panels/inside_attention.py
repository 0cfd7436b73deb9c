"""One attention head of one layer, step by step, on the sidebar's text: the matrices of head_steps, each
with a line that says what was computed and how it compares with what the model itself returned."""

from __future__ import annotations

import numpy as np
import streamlit as st

from lmviz.analysis.internals import head_steps as hs
from lmviz.analysis.internals.head_steps import HeadSteps
from lmviz.analysis.internals.trace import Trace
from lmviz_app import inside_export, plots_inside
from lmviz_app.cache import tr
from lmviz_app.widgets.figures import show

NUMBERS = "③④⑤⑥⑦⑧⑨⑩⑪⑫"  # the steps after q, k, v (RoPE takes ③ where the model uses it)


def score_hover(steps: HeadSteps, labels: list[str]) -> list[list[str]]:
    """For each cell of q·kᵀ: the dot product written as a sum, its largest terms first."""
    q, k = steps.q_used, steps.k_used
    n, dh = q.shape
    rows = []
    for i in range(n):
        row = []
        for j in range(n):
            shown, rest = hs.dot_terms(q[i], k[j])
            terms = " + ".join(f"({a:.2f})({b:.2f})" for _, a, b in shown)
            total = float(np.dot(q[i].astype(np.float64), k[j].astype(np.float64)))
            more = dh - len(shown)
            row.append(
                f"{labels[i]} → {labels[j]}<br>"
                + tr("in_att_hover", q=i, k=j, terms=terms, rest=rest, more=more, total=total)
            )
        rows.append(row)
    return rows


def _heat(values, rows, cols, title, key, **kw) -> None:
    show(plots_inside.matrix(values, rows, cols, title, **kw), key)


def draw_head_steps(trace: Trace, steps: HeadSteps, model_attention: np.ndarray) -> None:
    """Every step of `steps`; `model_attention` (T, T) is what the model returned for this layer and head."""
    labels = list(trace.inspection.tokens)
    n, d = steps.x.shape
    dh, n_heads = steps.q.shape[1], steps.n_heads
    family = trace.family
    st.subheader(tr("in_att_heading", layer=steps.layer, head=steps.head))
    dims = tr("in_dims")

    st.markdown(f"**{tr('in_att_x', t=n, d=d)}**")
    if family.pre_norm:
        h = trace.block_in[steps.layer]
        scale = hs.ln_scale(h if family.rms_norm else h - h.mean(-1, keepdims=True))
        what = tr("in_att_rms") if family.rms_norm else tr("in_att_std")
        norm = "RMSNorm" if family.rms_norm else "LayerNorm"
        st.caption(tr("in_att_x_pre", norm=norm, what=what, low=scale.min(), high=scale.max()))
    else:
        st.caption(tr("in_att_x_post"))
    _heat(steps.x, labels, None, "x", "in_x", x_title=dims)

    st.markdown(f"**{tr('in_att_qkv', dh=dh)}**")
    if steps.group > 1:
        first = steps.kv_head * steps.group
        st.caption(
            tr("in_att_gqa", heads=steps.n_heads, kv=steps.n_kv_heads, head=steps.head, kv_head=steps.kv_head,
               first=first, last=first + steps.group - 1)
        )  # fmt: skip
    cols = st.columns(3)
    for col, (name, values) in zip(
        cols, (("in_att_q", steps.q), ("in_att_k", steps.k), ("in_att_v", steps.v))
    ):
        with col:
            _heat(values, labels, None, tr(name), f"in_{name}", x_title=dims)
    numbers = iter(NUMBERS)
    if steps.q_rot is not None:
        next(numbers)
        st.markdown(f"**{tr('in_att_rope')}**")
        st.caption(tr("in_att_rope_caption", half=dh // 2))
        cols = st.columns(4)
        pairs = (("in_att_q_before", steps.q), ("in_att_q_after", steps.q_rot), ("in_att_k_before", steps.k),
                 ("in_att_k_after", steps.k_rot))  # fmt: skip
        for col, (name, values) in zip(cols, pairs):
            with col:
                _heat(values, labels, None, tr(name), f"in_{name}", x_title=dims)

    st.markdown(f"**{tr('in_att_scores', n=next(numbers), t=n)}**")
    st.caption(tr("in_att_scores_caption", dh=dh))
    _heat(steps.scores, labels, labels, "q·kᵀ", "in_scores", hover=score_hover(steps, labels))
    st.markdown(f"**{tr('in_att_scaled', n=next(numbers), root=1 / steps.scale)}**")
    st.caption(tr("in_att_scaled_caption", dh=dh))
    _heat(steps.scaled, labels, labels, "q·kᵀ / √d", "in_scaled")
    number = next(numbers)
    if steps.causal:
        st.markdown(f"**{tr('in_att_mask_causal', n=number)}**")
        st.caption(tr("in_att_mask_causal_caption"))
        _heat(steps.masked, labels, labels, "mask", "in_masked")
    else:
        st.markdown(f"**{tr('in_att_mask_none', n=number)}**")
        st.caption(tr("in_att_mask_none_caption"))
    st.markdown(f"**{tr('in_att_softmax', n=next(numbers))}**")
    diff = float(np.abs(steps.probs - model_attention).max())
    key = "in_att_softmax_caption_cut" if trace.inspection.truncated else "in_att_softmax_caption"
    st.caption(tr(key, layer=steps.layer, head=steps.head, diff=diff, n=n))
    _heat(steps.probs, labels, labels, "softmax", "in_probs", diverging=False)

    st.markdown(f"**{tr('in_att_z', n=next(numbers), t=n, dh=dh)}**")
    _heat(steps.z, labels, None, "z", "in_z", x_title=dims)
    width = steps.all_heads.shape[1]
    st.markdown(f"**{tr('in_att_concat', n=next(numbers), heads=n_heads, t=n, width=width, dh=dh)}**")
    band = (steps.head * dh, (steps.head + 1) * dh)
    _heat(steps.all_heads, labels, None, "concat", "in_concat", x_title=dims, mark_cols=band)
    st.markdown(f"**{tr('in_att_wo', n=next(numbers), width=width, d=d)}**")
    diff = float(np.abs(steps.attn_out - trace.attn_out[steps.layer]).max())
    st.caption(tr("in_att_wo_caption", d=d, diff=diff))
    _heat(steps.attn_out, labels, None, "attention output", "in_attn_out", x_title=dims)
    key = "in_att_residual_pre" if family.pre_norm else "in_att_residual_post"
    st.markdown(f"**{tr(key, n=next(numbers))}**")
    _heat(steps.residual, labels, None, "residual", "in_residual", x_title=dims)
    st.markdown(f"**{tr('in_att_block', n=next(numbers))}**")
    model_out = trace.block_out[steps.layer]
    diff = float(np.abs(steps.block_out - model_out).max())
    peak = float(np.abs(model_out).max())
    if steps.layer + 1 < trace.n_layers:
        st.caption(tr("in_att_block_caption", next=steps.layer + 1, diff=diff, peak=peak))
    elif family.pre_norm:
        st.caption(tr("in_att_block_caption_final", diff=diff, peak=peak))
    else:
        st.caption(tr("in_att_block_caption_head", diff=diff, peak=peak))
    _heat(steps.block_out, labels, None, "block output", "in_block_out", x_title=dims)
    st.download_button(
        tr("in_att_csv"), inside_export.steps_csv(steps, labels),
        file_name=f"head_L{steps.layer}_H{steps.head}.csv", mime="text/csv", key="in_att_csv",
    )  # fmt: skip
