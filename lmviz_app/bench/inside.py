"""Inside the Transformer's cost: the recorded pass against the attention page's plain inspection of the
same text, and what a widget change recomputes from the record (one head by hand, the logit shares)."""

from __future__ import annotations

import numpy as np

from lmviz.analysis.inspection import inspect_text
from lmviz.analysis.internals import head_steps, logit_parts, trace
from lmviz.models.loading import LoadedModel
from lmviz_app.bench.analysis import sample_text
from lmviz_app.bench.measure import median_s, side_by_side


def inside_figures(loaded: LoadedModel, repeats: int = 5) -> tuple[dict, dict]:
    n = trace.MAX_TOKENS
    text = sample_text(loaded, n)
    medians = side_by_side(
        {"trace": lambda: trace.trace_text(loaded, text), "inspect": lambda: inspect_text(loaded, text, n)},
        repeats,
    )
    traced = trace.trace_text(loaded, text)
    layer, last = traced.n_layers // 2, traced.inspection.n_tokens - 1
    steps_s = median_s(lambda: head_steps.head_steps(loaded, traced, layer, 0), repeats)
    target = int(np.argmax(logit_parts.head_logits(loaded, traced, last)))
    shares_s = median_s(lambda: logit_parts.logit_parts(loaded, traced, last, target), repeats)
    record_mb = sum(getattr(traced, name).nbytes for name in trace._RECORDED) / 2**20
    figures = {
        "inside_trace_vs_inspect": round(medians["trace"] / medians["inspect"], 3),
        "inside_head_steps_s": round(steps_s, 4),
        "inside_logit_parts_s": round(shares_s, 4),
    }
    details = {
        "inside": {
            "tokens": traced.inspection.n_tokens,
            "trace_s": round(medians["trace"], 4),
            "inspect_s": round(medians["inspect"], 4),
            "record_mb": round(record_mb, 1),
        }
    }
    return figures, details
