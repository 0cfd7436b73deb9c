"""The training page's loss curve: training loss per step and held-out loss where it was measured."""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go

from lmviz.training.loop import StepRecord
from lmviz_app.plots import _title


def loss_curve(
    records: Sequence[StepRecord],
    title: str,
    train_label: str,
    held_label: str,
    step_axis: str,
    loss_axis: str,
) -> go.Figure:
    """Lines of the training loss (every step) and the held-out loss (every few steps)."""
    steps = [r for r in records if r.status in ("running", "done") and math.isfinite(r.loss)]
    held = [r for r in steps if r.held_out_loss is not None]
    fig = go.Figure()
    fig.add_scatter(
        x=[r.step for r in steps],
        y=[r.loss for r in steps],
        mode="lines",
        name=train_label,
        line={"width": 1.5},
        hovertemplate="%{x}: %{y:.3f}<extra></extra>",
    )
    fig.add_scatter(
        x=[r.step for r in held],
        y=[r.held_out_loss for r in held],
        mode="lines+markers",
        name=held_label,
        line={"width": 2.5},
        marker={"size": 8},
        hovertemplate="%{x}: %{y:.3f}<extra></extra>",
    )
    planned = records[-1].steps if records else 1
    fig.update_layout(
        title=_title(title),
        xaxis={"title": step_axis, "range": [0, max(planned, 1) + 0.5]},
        yaxis={"title": loss_axis},
        height=340,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        legend={"orientation": "h", "y": -0.25},
    )
    return fig
