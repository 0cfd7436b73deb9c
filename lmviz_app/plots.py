"""Plotly figures from results: they take arrays and labels and return figures, never running a model."""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from lmviz.text.tokens import escape_hidden

# Colour scales: a readable default and a high-contrast one for projectors.
COLORSCALE = "Blues"
COLOUR_KEPT = "#1f77b4"  # next-token bars a sampler may pick
COLOUR_CUT = "#d3d3d3"  # and those top-k/top-p removed
MAX_TICK_LABELS = 64  # beyond this, label every n-th token so the axis stays readable


def _ticks(labels: list[str]) -> tuple[list[int], list[str]]:
    step = max(1, int(np.ceil(len(labels) / MAX_TICK_LABELS)))
    idx = list(range(0, len(labels), step))
    return idx, [_short(labels[i]) for i in idx]


def _short(label: str, width: int = 14) -> str:
    """A label cut to `width`, HTML-escaped (plotly renders tags such as <a href> in labels), with hidden
    and bidirectional control characters written out (tokens.escape_hidden)."""
    label = escape_hidden(label.replace("\n", "⏎").replace("\t", "⇥"))
    label = label if len(label) <= width else label[: width - 1] + "…"
    return html.escape(label, quote=False)


def _title(text: str) -> dict:
    return {"text": html.escape(text, quote=False)}


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
    are rounded to 4 decimals to keep what is sent to the browser small, and when the colour is the weight
    itself (the linear scale) the matrix is sent once, not twice.
    """
    n_q = len(queries)
    z = np.round(shown, 4).astype(np.float32)  # (Q, K)
    exact = np.round(weights, 4).astype(np.float32)
    same = np.array_equal(z, exact)
    x = [f"{i}: {_short(k, 30)}" for i, k in enumerate(keys)]
    y = [f"{i}: {_short(q, 30)}" for i, q in enumerate(queries)]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            customdata=None if same else exact,
            hovertemplate="query %{y}<br>key %{x}<br>weight "
            + ("%{z:.4f}" if same else "%{customdata:.4f}")
            + "<extra></extra>",
            colorscale=COLORSCALE,
            colorbar={"title": {"text": colorbar_title}},
        )
    )
    xt, xl = _ticks(keys)
    yt, yl = _ticks(queries)
    side = height or int(min(900, max(320, 60 + 18 * n_q)))
    fig.update_layout(
        title={**_title(title), "y": 0.995, "yanchor": "top"},
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
    Axes count in tiles: mosaic column c sits at (c + 0.5) / (cell + 1) - 0.5, so every column of head h lies
    within h +- 0.5 and the hover rounds it back to h. No per-cell (layer, head) data is sent: float32 values
    only (a third of the bytes, e.g. 0.4 MB instead of 1.1 MB for SmolLM2's 270 heads at 16 tokens).
    """
    step = cell + 1
    fig = go.Figure(
        go.Heatmap(
            z=mosaic.astype(np.float32),
            x0=0.5 / step - 0.5,
            dx=1 / step,
            y0=0.5 / step - 0.5,
            dy=1 / step,
            colorscale=COLORSCALE,
            showscale=False,
            hoverongaps=False,
            hovertemplate="layer %{y:.0f}, head %{x:.0f}<extra></extra>",
        )
    )
    centre = -0.5 / step  # a tile's middle, relative to its index (the gutter is on its right and below)
    fig.update_layout(
        title=_title(title),
        height=int(min(4000, max(300, 40 + n_layers * max(28, 2 * step)))),
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis={
            "tickvals": [h + centre for h in range(n_heads)],
            "ticktext": [f"H{h}" for h in range(n_heads)],
            "side": "top",
            "showgrid": False,
            "zeroline": False,
        },
        yaxis={
            "tickvals": [layer + centre for layer in range(n_layers)],
            "ticktext": [f"L{layer}" for layer in range(n_layers)],
            "autorange": "reversed",
            "showgrid": False,
            "zeroline": False,
            "scaleanchor": "x",
        },
        plot_bgcolor="white",
    )
    return fig


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


def next_token_bars(
    labels: list[str],
    probs: np.ndarray,
    logits: np.ndarray,
    kept: np.ndarray,
    title: str,
    prob_axis: str = "probability",
    score_name: str = "logit",
) -> go.Figure:
    """Top candidates for the next token as horizontal bars, most likely on top.

    `probs` are the probabilities after temperature (before top-k/top-p), so a cut token keeps its bar,
    drawn grey; `logits` are written beside each bar.
    """
    colours = [COLOUR_KEPT if k else COLOUR_CUT for k in kept]
    shown = [_short(label, 24).replace(" ", "␣") for label in labels]
    top = min(1.0, float(max(probs, default=0)) * 1.35 + 0.02)  # the axis's end
    # a bar longer than 60% of the axis carries its label inside: outside, it would run off the figure
    where = ["inside" if p > 0.6 * top else "outside" for p in probs]
    fig = go.Figure(
        go.Bar(
            x=probs,
            y=[f"{i + 1}. {s}" for i, s in enumerate(shown)],
            orientation="h",
            marker_color=colours,
            text=[f"{p:.1%} · {score_name} {z:.2f}" for p, z in zip(probs, logits)],
            textposition=where,
            insidetextanchor="end",
            cliponaxis=False,
            hovertemplate="%{y}<br>p = %{x:.4f}<extra></extra>",
        )
    )
    fig.update_layout(
        title=_title(title),
        height=int(80 + 26 * len(labels)),
        margin={"l": 10, "r": 40, "t": 50, "b": 10},
        xaxis={"title": prob_axis, "range": [0, top]},
        yaxis={"autorange": "reversed"},
        showlegend=False,
    )
    return fig


def lens_heatmap(
    final_prob: np.ndarray,
    top_tokens: list[list[str]],
    positions: list[str],
    title: str,
    axis_titles: tuple[str, str] = ("position", "layer"),
) -> go.Figure:
    """Logit lens: rows = layers (embeddings at the bottom), columns = positions, text = top token,
    colour = the probability that layer gives to the model's final answer at that position."""
    n_layers, n_pos = final_prob.shape  # (L+1, T)
    x = [f"{i}: {_short(p, 20)}" for i, p in enumerate(positions)]
    text = [[_short(t, 10) for t in row] for row in top_tokens]
    fig = go.Figure(
        go.Heatmap(
            z=np.round(final_prob, 4).astype(np.float32),
            x=x,
            y=list(range(n_layers)),
            text=text,
            texttemplate="%{text}" if n_pos * n_layers <= 1500 else None,
            textfont={"size": 10},
            colorscale="Viridis",
            zmin=0,
            zmax=1,
            hovertemplate="layer %{y}, position %{x}<br>top: %{text}<br>P(final answer) = %{z:.3f}"
            "<extra></extra>",
        )
    )
    xt, xl = _ticks(positions)
    fig.update_layout(
        title=_title(title),
        height=int(min(1400, max(320, 80 + 22 * n_layers))),
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis={"tickvals": [x[i] for i in xt], "ticktext": xl, "title": axis_titles[0], "tickangle": -45},
        yaxis={"title": axis_titles[1]},
    )
    return fig


def sentence_strip(
    words: list[str],
    rows: list[list[float | None]],
    row_labels: list[str],
    title: str = "",
) -> go.Figure:
    """Aligned rows of per-word log-probabilities (nats): one row per model, one column per word.

    Colour runs from red (surprising, very negative) to green (0, certain); unscored words stay blank.
    """
    z = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float)  # (R, W)
    text = [["" if v is None else f"{v:.1f}" for v in row] for row in rows]
    x = [f"{i}: {_short(w, 16)}" for i, w in enumerate(words)]
    floor = float(np.nanmin(z)) if np.isfinite(z).any() else -10.0
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=row_labels,
            text=text,
            texttemplate="%{text}",
            colorscale="RdYlGn",
            zmin=min(floor, -1.0),
            zmax=0,
            hoverongaps=False,
            hovertemplate="%{y}<br>%{x}<br>log p = %{z:.2f} nats<extra></extra>",
            colorbar={"title": {"text": "log p"}},
        )
    )
    xt, xl = _ticks(words)
    fig.update_layout(
        title=_title(title),
        height=230,
        margin={"l": 10, "r": 10, "t": 40 if title else 10, "b": 10},
        xaxis={"tickvals": [x[i] for i in xt], "ticktext": xl, "tickangle": -45},
        yaxis={"autorange": "reversed"},  # the first row on top, as the caption says
    )
    return fig


def pair_bars(labels: list[str], probs_a: np.ndarray, probs_b: np.ndarray, names: tuple[str, str], title: str,
              prob_axis: str = "probability") -> go.Figure:  # fmt: skip
    """The top tokens after two prompts, on one axis: two bars per token, A above B."""
    shown = [_short(label, 24).replace(" ", "␣") for label in labels]
    fig = go.Figure()
    for name, probs, colour in ((names[0], probs_a, COLOUR_KEPT), (names[1], probs_b, "#ff7f0e")):
        fig.add_bar(
            x=probs, y=shown, orientation="h", name=_short(name, 40), marker_color=colour,
            text=[f"{p:.1%}" for p in probs], textposition="outside", cliponaxis=False,
            hovertemplate="%{y}<br>p = %{x:.4f}<extra>" + html.escape(name[:40]) + "</extra>",
        )  # fmt: skip
    top = min(1.0, float(max(max(probs_a, default=0), max(probs_b, default=0))) * 1.3 + 0.02)
    fig.update_layout(
        title=_title(title), barmode="group", height=int(110 + 34 * len(labels)),
        margin={"l": 10, "r": 40, "t": 50, "b": 10}, xaxis={"title": prob_axis, "range": [0, top]},
        yaxis={"autorange": "reversed", "type": "category"}, legend={"orientation": "h", "y": -0.12},
    )  # fmt: skip
    return fig


def gltr_compare(
    series: list[tuple[str, np.ndarray]], title: str, x_title: str, y_title: str, bins: tuple[float, ...]
) -> go.Figure:
    """Histograms of several texts' values on one axis, each as a share of its own tokens."""
    fig = go.Figure()
    for (name, values), colour in zip(series, (COLOUR_KEPT, "#ff7f0e")):
        fig.add_histogram(
            x=np.round(np.asarray(values, dtype=np.float64), 4), name=_short(name, 40),
            histnorm="probability", xbins={"start": bins[0], "end": bins[1], "size": bins[2]},
            marker_color=colour, opacity=0.8,
        )  # fmt: skip
    fig.update_layout(
        title=_title(title), barmode="group", height=320, margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis={"title": x_title}, yaxis={"title": y_title, "tickformat": ".0%"},
        legend={"orientation": "h", "y": -0.3},
    )  # fmt: skip
    return fig


def gltr_bands(
    labels: list[str], series: list[tuple[str, tuple[float, ...]]], colours: list[str], title: str,
    y_title: str,
) -> go.Figure:  # fmt: skip
    """The share of each text's tokens in each GLTR band; the bands keep GLTR's colours as outlines."""
    fig = go.Figure()
    for (name, shares), colour in zip(series, (COLOUR_KEPT, "#ff7f0e")):
        fig.add_bar(
            x=labels, y=list(shares), name=_short(name, 40), marker_color=colour,
            marker_line={"color": colours, "width": 4}, text=[f"{s:.0%}" for s in shares],
            textposition="outside", cliponaxis=False,
        )  # fmt: skip
    fig.update_layout(
        title=_title(title), barmode="group", height=320, margin={"l": 10, "r": 10, "t": 50, "b": 10},
        yaxis={"title": y_title, "tickformat": ".0%", "range": [0, 1.15]},
        legend={"orientation": "h", "y": -0.3},
    )  # fmt: skip
    return fig


def decoding_tree(
    steps: list[int], ys: list[float], parents: list[int], labels: list[str], probs: list[float],
    sums: list[float], kept: list[bool], chosen: set[int], prompt: str, title: str, axis: str,
) -> go.Figure:  # fmt: skip
    """A tree laid out left to right: the prompt at x = 0, each step's candidates in a column (best on top),
    an edge from each to the token it follows; the final sequence in red, the kept ones in blue."""
    fig = go.Figure()
    pos = [(s + 1, y) for s, y in zip(steps, ys)]
    at = lambda i: (0, 0.0) if i < 0 else pos[i]  # noqa: E731
    for style, pick in (("#d0d0d0", lambda i: i not in chosen), ("#d62728", lambda i: i in chosen)):
        xs, yy = [], []
        for i, p in enumerate(parents):
            if pick(i):
                (x0, y0), (x1, y1) = at(p), pos[i]
                xs += [x0, x1, None]
                yy += [y0, y1, None]
        width = 3 if style == "#d62728" else 1
        fig.add_scatter(x=xs, y=yy, mode="lines", line={"color": style, "width": width}, hoverinfo="skip")
    colour = ["#d62728" if i in chosen else (COLOUR_KEPT if k else "#aaaaaa") for i, k in enumerate(kept)]
    fig.add_scatter(
        x=[p[0] for p in pos], y=[p[1] for p in pos], mode="markers+text",
        marker={"size": [8 + 14 * p for p in probs], "color": colour, "line": {"color": "white", "width": 1}},
        text=[_short(t, 12).replace(" ", "␣") for t in labels], textposition="middle right",
        customdata=np.stack([probs, sums], axis=1) if probs else None,
        hovertext=[_short(t, 30) for t in labels],
        hovertemplate="%{hovertext}<br>p = %{customdata[0]:.3f}<br>Σ log p = %{customdata[1]:.3f}"
        "<extra></extra>",
    )  # fmt: skip
    fig.add_scatter(x=[0], y=[0], mode="markers+text", text=[_short(prompt, 24)], textposition="middle left",
                    marker={"size": 12, "color": "#333"}, hoverinfo="skip")  # fmt: skip
    rows = max([-y for y in ys] + [1])
    fig.update_layout(
        title=_title(title), showlegend=False, height=int(140 + 46 * (rows + 1)),
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis={"title": axis, "dtick": 1, "range": [-1.6, max(steps + [0]) + 1.8], "zeroline": False},
        yaxis={"visible": False, "range": [-rows - 0.7, 0.7]},
    )  # fmt: skip
    return fig
