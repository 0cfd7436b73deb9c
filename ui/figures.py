"""Every chart goes through `show`: presenter mode restyles it (large type, high-contrast colours), and
the page remembers it for "Save this view" (PNG, SVG, HTML and CSV of every figure in one zip)."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from lmviz import view_export
from lmviz.st_bridge import tr
from ui.share import current_page_url

FIGURES = "_view_figures"  # session state: the figures the current page drew, by key
PRESENTER_COLORSCALE = "Inferno"  # black to yellow: keeps its contrast on a washed-out projector
PRESENTER_FONT = 20


def start_page() -> None:
    """Forget the last page's figures (called by page_setup before the page draws anything)."""
    st.session_state.setdefault(FIGURES, {}).clear()


def show(fig: go.Figure, key: str, config: dict | None = None) -> None:
    if st.session_state.get("presenter"):
        fig = presenter_style(fig)
    st.plotly_chart(fig, config=config or {"displaylogo": False}, key=key)
    st.session_state.setdefault(FIGURES, {})[key] = fig


def presenter_style(fig: go.Figure) -> go.Figure:
    """A copy with large type and a high-contrast colour scale, for the back of a room."""
    fig = go.Figure(fig)
    fig.update_layout(font={"size": PRESENTER_FONT}, title_font={"size": PRESENTER_FONT + 6})
    fig.update_traces(colorscale=PRESENTER_COLORSCALE, selector={"type": "heatmap"})
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
