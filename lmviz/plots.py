"""Plotly figures from results: they take arrays and labels and return figures, never running a model."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

# Colour scales: a readable default and a high-contrast one for projectors.
COLORSCALE = "Blues"
MAX_TICK_LABELS = 64  # beyond this, label every n-th token so the axis stays readable


def _ticks(labels: list[str]) -> tuple[list[int], list[str]]:
    step = max(1, int(np.ceil(len(labels) / MAX_TICK_LABELS)))
    idx = list(range(0, len(labels), step))
    return idx, [_short(labels[i]) for i in idx]


def _short(label: str, width: int = 14) -> str:
    label = label.replace("\n", "⏎").replace("\t", "⇥")
    return label if len(label) <= width else label[: width - 1] + "…"


def attention_heatmap(
    weights: np.ndarray,
    shown: np.ndarray,
    queries: list[str],
    keys: list[str],
    title: str,
    colorbar_title: str = "",
    axis_titles: tuple[str, str] = ("key (attended to)", "query (attending)"),
    height: int | None = None,
) -> go.Figure:
    """One attention matrix: rows = queries, columns = keys.

    `shown` (the colour, e.g. log or row-scaled) may differ from `weights` (the exact values on hover).
    Each axis category is "position: token", so repeated tokens keep their own rows and columns. Values
    are rounded to 4 decimals to keep what is sent to the browser small.
    """
    n_q = len(queries)
    x = [f"{i}: {_short(k, 30)}" for i, k in enumerate(keys)]
    y = [f"{i}: {_short(q, 30)}" for i, q in enumerate(queries)]
    fig = go.Figure(
        go.Heatmap(
            z=np.round(shown, 4).astype(np.float32),
            x=x,
            y=y,
            customdata=np.round(weights, 4).astype(np.float32),
            hovertemplate="query %{y}<br>key %{x}<br>weight %{customdata:.4f}<extra></extra>",
            colorscale=COLORSCALE,
            colorbar={"title": {"text": colorbar_title}},
        )
    )
    xt, xl = _ticks(keys)
    yt, yl = _ticks(queries)
    side = height or int(min(900, max(320, 60 + 18 * n_q)))
    fig.update_layout(
        title={"text": title, "y": 0.995, "yanchor": "top"},
        height=side + 90,
        margin={"l": 10, "r": 10, "t": 130, "b": 10},
        xaxis={
            "tickvals": [x[i] for i in xt],
            "ticktext": xl,
            "title": axis_titles[0],
            "side": "top",
            "tickangle": -60,
        },
        yaxis={
            "tickvals": [y[i] for i in yt],
            "ticktext": yl,
            "title": axis_titles[1],
            "autorange": "reversed",
        },
    )
    return fig


def head_grid(mosaic: np.ndarray, n_layers: int, n_heads: int, cell: int, title: str) -> go.Figure:
    """All heads at once: a (layers x heads) mosaic of small attention maps, each `cell` pixels square.

    `mosaic` has shape (n_layers * (cell + 1) - 1, n_heads * (cell + 1) - 1) with NaN gutters.
    """
    fig = go.Figure(
        go.Heatmap(
            z=mosaic,
            colorscale=COLORSCALE,
            showscale=False,
            hoverongaps=False,
            customdata=_grid_customdata(mosaic.shape, cell),
            hovertemplate="layer %{customdata[0]}, head %{customdata[1]}<extra></extra>",
        )
    )
    step = cell + 1
    fig.update_layout(
        title=title,
        height=int(min(4000, max(300, 40 + n_layers * max(28, 2 * step)))),
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis={
            "tickvals": [h * step + cell / 2 for h in range(n_heads)],
            "ticktext": [f"H{h}" for h in range(n_heads)],
            "side": "top",
            "showgrid": False,
        },
        yaxis={
            "tickvals": [layer * step + cell / 2 for layer in range(n_layers)],
            "ticktext": [f"L{layer}" for layer in range(n_layers)],
            "autorange": "reversed",
            "showgrid": False,
            "scaleanchor": "x",
        },
        plot_bgcolor="white",
    )
    return fig


def _grid_customdata(shape: tuple[int, int], cell: int) -> np.ndarray:
    rows, cols = np.indices(shape)
    return np.dstack([rows // (cell + 1), cols // (cell + 1)])


def mosaic(att: np.ndarray, cell: int) -> np.ndarray:
    """(L, H, T, T) -> one 2-D array of L x H tiles, each T x T block-averaged down to at most `cell`."""
    n_layers, n_heads, t, _ = att.shape
    size = min(cell, t)
    edges = np.linspace(0, t, size + 1).astype(int)
    # Average blocks of queries and keys so each tile is size x size, whatever T is.
    small = np.add.reduceat(np.add.reduceat(att, edges[:-1], axis=2), edges[:-1], axis=3)
    counts = np.diff(edges)
    small = small / counts[:, None] / counts[None, :]  # (L, H, size, size)
    step = size + 1
    out = np.full((n_layers * step - 1, n_heads * step - 1), np.nan)
    for layer in range(n_layers):
        for head in range(n_heads):
            out[layer * step : layer * step + size, head * step : head * step + size] = small[layer, head]
    return out
