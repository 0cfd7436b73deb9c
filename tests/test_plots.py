"""What the plotly figures send to the browser: small, and still enough for every hover label."""

from __future__ import annotations

import numpy as np

from lmviz.analysis import attention
from lmviz_app import plots


def test_grid_hover_coordinates_round_to_layer_and_head():
    n_layers, n_heads, cell = 3, 4, 5
    att = np.random.default_rng(0).random((n_layers, n_heads, cell, cell))
    trace = plots.head_grid(plots.mosaic(att, cell), n_layers, n_heads, cell, "grid").data[0]
    assert trace.customdata is None  # no per-cell data: the coordinates carry layer and head
    assert trace.z.dtype == np.float32
    step = cell + 1
    for layer in range(n_layers):
        for head in range(n_heads):
            for i in (0, cell - 1):  # first and last row/column of the tile
                x = trace.x0 + (head * step + i) * trace.dx
                y = trace.y0 + (layer * step + i) * trace.dy
                assert round(x) == head and round(y) == layer
                assert abs(x - head) < 0.5 and abs(y - layer) < 0.5


def test_linear_heatmap_sends_the_matrix_once():
    w = np.random.default_rng(1).dirichlet(np.ones(6), size=6)  # (6, 6) rows sum to 1
    labels = [f"t{i}" for i in range(6)]
    linear = plots.attention_heatmap(w, attention.scale_for_display(w, "linear"), labels, labels, "t").data[0]
    assert linear.customdata is None and "%{z:.4f}" in linear.hovertemplate
    log = plots.attention_heatmap(w, attention.scale_for_display(w, "log"), labels, labels, "t").data[0]
    assert log.customdata is not None and "%{customdata:.4f}" in log.hovertemplate
    np.testing.assert_allclose(log.customdata, np.round(w, 4), atol=1e-6)


def test_sentence_strip_draws_the_first_row_on_top():
    """The caption says "Top row: the causal model": plotly draws a heatmap's first row at the bottom
    unless the y axis is reversed."""
    fig = plots.sentence_strip(["The", "dog"], [[-1.0, -2.0], [-0.5, -0.1]], ["causal", "masked"])
    assert fig.data[0].y == ("causal", "masked") and fig.layout.yaxis.autorange == "reversed"


def test_a_long_bar_carries_its_label_inside():
    """An 89% bar on a 0-1 axis would push its outside label off the figure."""
    probs = np.array([0.888, 0.057, 0.036])
    fig = plots.next_token_bars(["dog", "dogs", "team"], probs, np.log(probs), np.ones(3, bool), "t")
    assert fig.data[0].textposition == ("inside", "outside", "outside")
    assert fig.layout.xaxis.range == (0, 1.0)
