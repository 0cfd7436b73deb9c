"""Every chart goes through `show`: presenter mode restyles it (large type, high-contrast colours), and
the page remembers it for "Save this view" (PNG, SVG, HTML and CSV of every figure in one zip)."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import streamlit as st

from lmviz_app import plots, view_export
from lmviz_app.cache import tr
from lmviz_app.widgets.share import current_page_url

FIGURES = "_view_figures"  # session state: the figures the current page drew, by key
# Perceptually uniform, cream (0) to black (1): more contrast than Blues on a washed-out projector, and
# still "darker = more", as every caption says. Only the scales that mean "attention weight" change.
PRESENTER_COLORSCALE = "Magma_r"
PRESENTER_FONT = 20
# Streamlit's theme treats the colours #000001 ... #000010 in a figure as placeholders for its own palette
# (Magma's and Inferno's black, #000004, became pink): such colours are nudged before a figure is sent.
_PLACEHOLDER = re.compile(r"^#0000(0[1-9]|10)$", re.IGNORECASE)


def start_page() -> None:
    """Forget the last page's figures (called by page_setup before the page draws anything)."""
    st.session_state.setdefault(FIGURES, {}).clear()


def show(fig: go.Figure, key: str, config: dict | None = None) -> None:
    if st.session_state.get("presenter"):
        fig = presenter_style(fig)
    fig = without_placeholder_colours(fig)
    st.plotly_chart(fig, config=config or {"displaylogo": False}, key=key)
    st.session_state.setdefault(FIGURES, {})[key] = fig


def presenter_style(fig: go.Figure) -> go.Figure:
    """A copy with large type and the high-contrast attention scale, for the back of a room."""
    fig = go.Figure(fig)
    fig.update_layout(font={"size": PRESENTER_FONT}, title_font={"size": PRESENTER_FONT + 6})
    default = go.Heatmap(colorscale=plots.COLORSCALE).colorscale
    for trace in fig.data:  # attention weights (and scales left to the template); the strip keeps its own
        if trace.type == "heatmap" and trace.colorscale in (None, default):
            trace.colorscale = PRESENTER_COLORSCALE
    return fig


def without_placeholder_colours(fig: go.Figure) -> go.Figure:
    """`fig`, or a copy whose colour scales avoid the colours Streamlit replaces (see _PLACEHOLDER)."""
    if not any(_PLACEHOLDER.match(c) for t in fig.data for _, c in (getattr(t, "colorscale", None) or ())):
        return fig
    fig = go.Figure(fig)
    for trace in fig.data:
        if getattr(trace, "colorscale", None):
            scale = trace.colorscale
            trace.colorscale = [(v, "#01" + c[3:] if _PLACEHOLDER.match(c) else c) for v, c in scale]
    return fig


def save_view_button() -> None:
    """One click: a zip of every figure on this page (made when clicked, from the figures drawn last)."""
    figures = st.session_state.setdefault(FIGURES, {})
    page = current_page_url() or "home"
    st.download_button(
        tr("save_view"),
        data=lambda: view_export.view_zip(dict(figures))[0],
        file_name=f"lmviz-{page}.zip",
        mime="application/zip",
        help=tr("save_view_help"),
        on_click="ignore",
        icon="💾",
        key="save_view",
        use_container_width=True,
    )
