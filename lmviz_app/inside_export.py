"""CSV downloads of the "Inside the Transformer" page: the parameter table, one head's steps, the logit
shares. Built in memory from results, never from files."""

from __future__ import annotations

import csv
import io

from lmviz.analysis.internals.architecture import Architecture
from lmviz.analysis.internals.head_steps import HeadSteps
from lmviz.analysis.internals.logit_parts import LogitParts


def parameter_csv(arch: Architecture) -> str:
    """One row per part (per layer for the blocks' parts) with its output shape and parameters."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["part", "layer", "output_shape", "parameters"])
    for part in arch.outer:
        w.writerow([part.key, "", "x".join(map(str, part.shape)), part.params])
    for layer, total in enumerate(arch.block_params):
        for part in arch.block:
            w.writerow([part.key, layer, "x".join(map(str, part.shape)), arch.layer_params[layer][part.key]])
        w.writerow(["block_total", layer, "", total])
    w.writerow(["total", "", "", arch.total])
    return out.getvalue()


def steps_csv(steps: HeadSteps, labels: list[str]) -> str:
    """Long format: step, query row, key or dimension column, value."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["step", "row", "token", "column", "value"])
    named = {"q": steps.q, "k": steps.k, "v": steps.v, "scores": steps.scores, "scaled": steps.scaled,
             "weights": steps.probs, "z": steps.z}  # fmt: skip
    if steps.q_rot is not None:
        named |= {"q_rotated": steps.q_rot, "k_rotated": steps.k_rot}
    for name, values in named.items():
        for i, row in enumerate(values):
            for j, v in enumerate(row):
                w.writerow([name, i, labels[i], j, f"{v:.6g}"])
    return out.getvalue()


def shares_csv(parts: LogitParts) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["part", "layer", "head", "share"])
    w.writerow(["embeddings", "", "", f"{parts.embeddings:.6g}"])
    for layer in range(len(parts.attention)):
        for head, v in enumerate(parts.heads[layer]):
            w.writerow(["attention_head", layer, head, f"{v:.6g}"])
        w.writerow(["attention_bias", layer, "", f"{parts.attention_bias[layer]:.6g}"])
        w.writerow(["mlp", layer, "", f"{parts.mlp[layer]:.6g}"])
    w.writerow(["constant", "", "", f"{parts.constant:.6g}"])
    w.writerow(["total", "", "", f"{parts.total:.6g}"])
    w.writerow(["model_logit", "", "", f"{parts.logit:.6g}"])
    return out.getvalue()
