"""One model's attention picture on the attention page: the chosen view, its controls and downloads."""

from __future__ import annotations

import numpy as np
import streamlit as st

from lmviz.analysis import attention
from lmviz.analysis.inspection import Inspection
from lmviz_app import attention_view, bertviz_offline, plots
from lmviz_app.attention_view import AttentionSettings
from lmviz_app.cache import tr, tr_core
from lmviz_app.i18n import KIND_LABEL
from lmviz_app.state import ATT_SCALE, LAYER_HEAD, Setting
from lmviz_app.widgets import inputs
from lmviz_app.widgets.figures import show
from lmviz_app.widgets.text import md


def _clamped_slider(setting: Setting, n: int) -> int:
    """Layer or head: a slider over this model's n (a smaller model than last time moves the value)."""
    return 0 if n <= 1 else inputs.int_slider(setting, high=n - 1)


def _show(fig, fmt: str, key: str) -> None:
    config = {"toImageButtonOptions": {"format": fmt, "filename": key, "scale": 2}, "displaylogo": False}
    show(fig, key, config)


def draw_attention_model(
    result: Inspection, slot: str, view: str, settings: AttentionSettings, scale: str, fmt: str
) -> None:
    st.markdown(f"**{md(result.model_name)}** · {tr(KIND_LABEL[result.kind])}")
    if result.notice:
        st.warning(tr_core(result.notice))
    prepared = attention_view.prepare(result, settings)
    if settings.words:
        st.caption(tr("att_words_help"))
    att, labels = prepared.attentions, prepared.labels  # (L, H, N, N)
    n_layers, n_heads = att.shape[:2]
    if view in ("bv_head", "bv_model"):
        _draw_bertviz(att, labels, view, slot)
        return
    layer_setting, head_setting = LAYER_HEAD[slot]
    layer = _clamped_slider(layer_setting, n_layers)
    if view == "grid":
        _draw_grid(att, result.model_name, scale, fmt, slot)
    if view in ("head", "grid"):
        head = _clamped_slider(head_setting, n_heads)
        matrix = att[layer, head]
        title = tr("att_head_title", model=result.model_name, layer=layer, head=head)
    elif view == "average":
        matrix = attention.head_average(att)[layer]
        title = tr("att_avg_title", model=result.model_name, layer=layer, n=n_heads)
    else:
        matrix = attention.rollout(att)[layer]
        title = tr("att_rollout_title", model=result.model_name, layer=layer)
        st.caption(tr("att_rollout_help"))
    _draw_matrix(matrix, labels, title, scale, fmt, f"{slot}_{view}")


def _draw_matrix(matrix: np.ndarray, labels, title: str, scale: str, fmt: str, key: str) -> None:
    shown = attention.scale_for_display(matrix, scale)
    fig = plots.attention_heatmap(
        matrix,
        shown,
        list(labels),
        list(labels),
        title,
        colorbar_title=tr(ATT_SCALE.option_label(scale)),
        axis_titles=(tr("att_key_axis"), tr("att_query_axis")),
    )
    _show(fig, fmt, f"fig_{key}")
    links = attention.top_links(matrix, 3)
    if links:
        text = ", ".join(f"{labels[q].strip()} → {labels[k].strip()} ({w:.2f})" for q, k, w in links)
        st.caption(tr("att_strongest", links=md(text)))
    st.download_button(
        tr("att_csv"),
        attention_view.matrix_csv(matrix, labels, labels),
        file_name=f"attention_{key}.csv",
        mime="text/csv",
        key=f"csv_{key}",
    )


def _draw_grid(att: np.ndarray, model: str, scale: str, fmt: str, slot: str) -> None:
    n_layers, n_heads, n, _ = att.shape
    tiles = np.stack([[attention.scale_for_display(a, scale) for a in layer] for layer in att])
    cell = min(n, attention_view.GRID_CELL)
    fig = plots.head_grid(
        plots.mosaic(tiles, cell),
        n_layers,
        n_heads,
        cell,
        tr("att_grid_title", model=model, layers=n_layers, heads=n_heads),
    )
    _show(fig, fmt, f"grid_{slot}")
    st.caption(tr("att_grid_help"))
    if n > cell:
        st.caption(tr("att_grid_downsampled", n=n, cell=cell))


def _draw_bertviz(att: np.ndarray, labels, view: str, slot: str) -> None:
    n_layers, n_heads, n, _ = att.shape
    cap = attention_view.bertviz_token_cap(n_layers, n_heads)
    keep, left_out = attention.limit_tokens(n, cap)
    if left_out:
        st.info(tr("att_bertviz_cut", shown=keep.stop, total=n))
    tokens, sub = list(labels[keep]), att[:, :, keep, keep]
    if view == "bv_head":
        html = bertviz_offline.head_view_html(tokens, sub)
        height = bertviz_offline.head_view_height(len(tokens))
    else:
        html = bertviz_offline.model_view_html(tokens, sub)
        height = bertviz_offline.model_view_height(n_layers, n_heads, len(tokens))
    st.iframe(html, height=min(height, 6000))
    st.download_button(
        tr("att_html"), html, file_name=f"bertviz_{view}_{slot}.html", mime="text/html", key=f"html_{slot}"
    )
