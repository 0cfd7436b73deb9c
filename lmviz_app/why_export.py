"""CSV downloads of the "Why" page: attributions, head scores, ablations, patching and steering. Built in
memory from results, never from files."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import numpy as np

from lmviz.analysis.why.attribution import Attribution, shares
from lmviz.analysis.why.patching import Patching


def _csv(header: Sequence[str], rows) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def attribution_csv(a: Attribution, tokens: Sequence[str], ids: Sequence[int]) -> str:
    """One row per token: each method's score and its share of the method's total absolute score."""
    cols = (a.integrated, a.grad_input, a.attention_grad)
    share = [shares(c) for c in cols]
    rows = [
        [
            i,
            tokens[i],
            int(ids[i]),
            *(f"{float(c[i]):.6g}" for c in cols),
            *(f"{float(s[i]):.6g}" for s in share),
        ]
        for i in range(len(tokens))
    ]
    header = ["position", "token", "token_id", "integrated_gradients", "gradient_x_input",
              "attention_x_gradient", "ig_share", "gxi_share", "axg_share"]  # fmt: skip
    return _csv(header, rows)


def matrix_csv(named: dict[str, np.ndarray | None], row_name: str, col_name: str) -> str:
    """Long format: row index, column index, then one column per named (rows x cols) matrix."""
    present = {k: v for k, v in named.items() if v is not None}
    shape = next(iter(present.values())).shape
    rows = [
        [r, c, *(f"{float(v[r, c]):.6g}" for v in present.values())]
        for r in range(shape[0])
        for c in range(shape[1])
    ]
    return _csv([row_name, col_name, *present], rows)


def patching_csv(p: Patching, tokens: Sequence[str]) -> str:
    restored = p.restored
    rows = [
        [layer, pos, tokens[pos], f"{p.diffs[layer, pos]:.6g}", f"{restored[layer, pos]:.6g}"]
        for layer in range(p.diffs.shape[0])
        for pos in range(p.diffs.shape[1])
    ]
    return _csv(["layer", "position", "token", "logit_difference", "restored"], rows)


def tokens_csv(columns: dict[str, Sequence[str]]) -> str:
    """Steps side by side (a generation with and without steering)."""
    n = max(len(v) for v in columns.values())
    rows = [[i, *(v[i] if i < len(v) else "" for v in columns.values())] for i in range(n)]
    return _csv(["step", *columns], rows)
