"""Figures of the "Inside the Transformer" page: the architecture diagram, the matrices of one head's
computation, each layer's share of a logit, neurons, and the word map. Arrays in, figures out."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from lmviz_app.plots import COLORSCALE, _short, _title

DIVERGING = "RdBu_r"  # q, k, v, scores, logit shares: red = positive, blue = negative, white = 0
BOX_FILL = {"embed": "#e8f1fb", "norm": "#f2f2f2", "attention": "#fde9d9", "mlp": "#e5f5e0", "add": "#ffffff",
            "out": "#efe6f6"}  # fmt: skip


def architecture(rows: Sequence[tuple[str, str, str]], block: tuple[int, int], title: str, block_label: str):
    """A top-to-bottom diagram. `rows`: (style, bold name, detail) per box, in data order; `block`: the
    first and last row index inside the repeated block (drawn in a dashed frame with `block_label`, HTML
    already escaped, lines split by <br>)."""
    n = len(rows)
    fig = go.Figure()
    row_h = 1.0
    for i, (style, name, detail) in enumerate(rows):
        y = -i * row_h
        if style == "add":  # the residual add: a circle on the stream line
            fig.add_shape(type="circle", x0=0.515, x1=0.565, y0=y - 0.28, y1=y + 0.28, line={"color": "#555"})
            fig.add_annotation(x=0.54, y=y, text="+", showarrow=False, font={"size": 18})
            fig.add_annotation(x=0.58, y=y, text=_short(detail, 80), showarrow=False, xanchor="left",
                               font={"size": 12, "color": "#444"})  # fmt: skip
            continue
        fig.add_shape(type="rect", x0=0.15, x1=0.93, y0=y - 0.38, y1=y + 0.38, fillcolor=BOX_FILL[style],
                      line={"color": "#888"}, layer="below")  # fmt: skip
        fig.add_annotation(x=0.54, y=y, text=f"<b>{_short(name, 40)}</b>  {_short(detail, 120)}",
                           showarrow=False, font={"size": 12, "color": "#1a1a1a"})  # fmt: skip
    for i in range(n - 1):  # arrows between rows
        fig.add_annotation(x=0.54, y=-(i + 1) * row_h + 0.38, ax=0.54, ay=-i * row_h - 0.38, xref="x",
                           yref="y", axref="x", ayref="y", showarrow=True, arrowhead=2, arrowsize=0.8,
                           arrowcolor="#999", text="")  # fmt: skip
    first, last = block
    fig.add_shape(type="rect", x0=0.01, x1=0.99, y0=-last * row_h - 0.5, y1=-first * row_h + 0.5,
                  line={"color": "#c0504d", "dash": "dash", "width": 2})  # fmt: skip
    fig.add_annotation(x=0.02, y=-first * row_h + 0.4, text=block_label, showarrow=False, align="left",
                       xanchor="left", yanchor="top", font={"size": 13, "color": "#c0504d"})  # fmt: skip
    fig.update_layout(
        title=_title(title), height=int(80 + 46 * n), margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis={"visible": False, "range": [0, 1]},
        yaxis={"visible": False, "range": [-(n - 1) * row_h - 0.7, 1.3]},
        plot_bgcolor="white", showlegend=False,
    )  # fmt: skip
    return fig


def matrix(
    values: np.ndarray,
    rows: Sequence[str],
    cols: Sequence[str] | None,
    title: str,
    *,
    diverging: bool = True,
    hover: np.ndarray | None = None,
    height: int | None = None,
    x_title: str = "",
    y_title: str = "",
    mark_cols: tuple[int, int] | None = None,
    numbered: bool = True,
) -> go.Figure:
    """A heatmap of a (rows x cols) matrix; -inf cells (the causal mask) show empty. `hover`: one text per
    cell (e.g. a dot product written as a sum); `mark_cols`: a [start, stop) column band framed in red;
    `numbered`: labels are prefixed with their index (token labels repeat)."""
    z = np.where(np.isfinite(values), values, np.nan).astype(np.float32)
    label = (lambda i, t: f"{i}: {_short(t, 20)}") if numbered else (lambda _i, t: _short(t, 20))
    r = [label(i, t) for i, t in enumerate(rows)]
    c = list(range(z.shape[1])) if cols is None else [label(i, t) for i, t in enumerate(cols)]
    peak = float(np.nanmax(np.abs(z))) if np.isfinite(z).any() else 1.0
    scale = {"colorscale": DIVERGING, "zmid": 0, "zmin": -peak, "zmax": peak} if diverging else {
        "colorscale": COLORSCALE, "zmin": 0}  # fmt: skip
    heat = go.Heatmap(z=np.round(z, 4), x=c, y=r, **scale)
    if hover is not None:
        heat.update(text=hover, hovertemplate="%{text}<extra></extra>")
    else:
        heat.update(hovertemplate="%{y} · %{x}<br>%{z:.4f}<extra></extra>")
    fig = go.Figure(heat)
    if mark_cols is not None:
        fig.add_vrect(x0=mark_cols[0] - 0.5, x1=mark_cols[1] - 0.5, line={"color": "#c0504d", "width": 2})
    side = height or int(min(700, max(220, 60 + 20 * len(rows))))
    fig.update_layout(
        title=_title(title), height=side, margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis={"title": x_title, "showticklabels": cols is not None, "tickangle": -60},
        yaxis={"title": y_title, "autorange": "reversed"},
    )  # fmt: skip
    return fig


def layer_shares(
    embeddings: float, attention: np.ndarray, mlp: np.ndarray, names: dict[str, str], title: str
) -> go.Figure:
    """Bars: the embeddings' share, then each layer's attention and MLP share of one logit."""
    n = len(attention)
    x = [names["embeddings"]] + [str(i) for i in range(n)]
    fig = go.Figure()
    fig.add_bar(x=x, y=[embeddings] + [0.0] * n, name=names["embeddings"], marker_color="#7f7f7f")
    fig.add_bar(x=x, y=[0.0, *attention], name=names["attention"], marker_color="#e6550d")
    fig.add_bar(x=x, y=[0.0, *mlp], name=names["mlp"], marker_color="#31a354")
    fig.update_layout(
        title=_title(title), barmode="relative", height=380, margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis={"title": names["layer"], "type": "category"}, yaxis={"title": names["share"]},
        legend={"orientation": "h", "y": -0.25},
    )  # fmt: skip
    return fig


def hbars(labels: Sequence[str], values: Sequence[float], title: str, x_title: str = "") -> go.Figure:
    """Horizontal bars, largest first, coloured by sign."""
    colours = ["#d6604d" if v >= 0 else "#4393c3" for v in values]
    fig = go.Figure(go.Bar(x=list(values), y=[_short(s, 30) for s in labels], orientation="h",
                           marker_color=colours, hovertemplate="%{y}: %{x:.4f}<extra></extra>"))  # fmt: skip
    fig.update_layout(
        title=_title(title), height=int(80 + 26 * len(labels)), margin={"l": 10, "r": 10, "t": 50, "b": 10},
        yaxis={"autorange": "reversed", "type": "category"}, xaxis={"title": x_title},
    )  # fmt: skip
    return fig


def word_map(
    points: np.ndarray, words: Sequence[str], path: np.ndarray | None, path_label: str, title: str,
    axis: tuple[str, str],
) -> go.Figure:  # fmt: skip
    """The words in the PCA plane, and one token's path through the layers (L0 = its embedding)."""
    fig = go.Figure(go.Scatter(
        x=points[:, 0], y=points[:, 1], mode="markers+text", text=[_short(w, 20) for w in words],
        textposition="top center", name="", showlegend=False,
        marker={"size": 10 if path is None else 7, "color": "#1f77b4" if path is None else "#9ecae1"},
        hovertemplate="%{text}<br>(%{x:.2f}, %{y:.2f})<extra></extra>",
    ))  # fmt: skip
    if path is not None:
        labels = [f"L{i}" for i in range(len(path))]
        fig.add_scatter(
            x=path[:, 0], y=path[:, 1], mode="lines+markers", name=_short(path_label, 30),
            marker={"size": 7, "color": np.arange(len(path)), "colorscale": "Viridis"},
            line={"color": "#bbb"}, text=labels, hovertemplate="%{text}: (%{x:.2f}, %{y:.2f})<extra></extra>",
        )  # fmt: skip
        for i in {0, len(path) - 1}:
            fig.add_annotation(x=path[i, 0], y=path[i, 1], text=labels[i], showarrow=False, yshift=12)
    fig.update_layout(
        title=_title(title), height=560, margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis={"title": axis[0], "zeroline": False}, yaxis={"title": axis[1], "zeroline": False},
        showlegend=False,
    )  # fmt: skip
    return fig
