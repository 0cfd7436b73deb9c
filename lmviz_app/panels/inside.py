"""The "Inside the Transformer" page's frame: the loaded model's architecture diagram and its parameter
table, and the choice of block that the parts below open."""

from __future__ import annotations

import html
from collections.abc import Sequence

import streamlit as st

from lmviz.analysis.internals import architecture
from lmviz.analysis.internals.architecture import Architecture
from lmviz.analysis.internals.trace import Trace
from lmviz_app import inside_export, plots_inside
from lmviz_app.cache import tr
from lmviz_app.widgets import inputs
from lmviz_app.widgets.figures import show
from lmviz_app.widgets.text import md


def choose(setting, options: Sequence[int], default: int, format_func, where=st) -> int:
    """A selectbox over `options` whose value falls back to `default` when the text or model changed."""
    if st.session_state.get(setting.key) not in options:
        st.session_state[setting.key] = default
    return inputs.selectbox(setting, where, options=list(options), format_func=format_func)


def index_slider(setting, n: int, where=st) -> int:
    """A layer or head slider over this model's n (a one-layer or one-head model has nothing to slide)."""
    return 0 if n <= 1 else inputs.int_slider(setting, where, high=n - 1)


def token_label(trace: Trace, i: int) -> str:
    return f"{i}: {trace.inspection.tokens[i]}"


def _shape(shape: tuple[int, ...], params: int) -> str:
    return tr("in_arch_shape_params", shape=", ".join(map(str, shape)), params=f"{params:,}")


def _block_rows(arch: Architecture, layer: int, pre_norm: bool, gated: bool) -> list[tuple[str, str, str]]:
    t, d = arch.n_tokens, arch.d_model
    p = arch.layer_params[layer]
    attn = tr(
        "in_arch_attention_detail", heads=arch.n_heads, kv=arch.n_kv_heads, dh=arch.d_head, t=t, d=d,
        params=f"{p['attention']:,}",
    )  # fmt: skip
    gate = tr("in_arch_gated") if gated else ""
    mlp = tr(
        "in_arch_mlp_detail", t=t, d=d, f=arch.d_mlp, act=arch.activation, gate=gate, params=f"{p['mlp']:,}"
    )
    add = ("add", "", tr("in_arch_add", t=t, d=d))
    norm1 = ("norm", tr("in_arch_norm1"), _shape((t, d), p["norm1"]))
    norm2 = ("norm", tr("in_arch_norm2"), _shape((t, d), p["norm2"]))
    a, m = ("attention", tr("in_arch_attention"), attn), ("mlp", tr("in_arch_mlp"), mlp)
    return [norm1, a, add, norm2, m, add] if pre_norm else [a, add, norm1, m, add, norm2]


def diagram_rows(
    arch: Architecture, trace: Trace, layer: int
) -> tuple[list[tuple[str, str, str]], tuple[int, int]]:
    """The boxes top to bottom (the block's with `layer`'s counts) and the first and last row of the block."""
    family, t = trace.family, arch.n_tokens
    outer = {part.key: part for part in arch.outer}
    rows = [("embed", tr("in_arch_tokens"), tr("in_arch_tokens_detail", n=t))]
    rows.append(("embed", tr("in_arch_embed"), _shape(outer["embed"].shape, outer["embed"].params)))
    pos = outer["positions"]
    if family.rope:
        rows.append(("embed", tr("in_arch_positions_rope"), tr("in_arch_rope_detail")))
    else:
        key = "in_arch_positions_learned" if family.pre_norm else "in_arch_positions_bert"
        rows.append(("embed", tr(key), _shape(pos.shape, pos.params)))
    first = len(rows)
    rows += _block_rows(arch, layer, family.pre_norm, family.gated_mlp)
    block = (first, len(rows) - 1)
    if "final_norm" in outer:
        part = outer["final_norm"]
        rows.append(("norm", tr("in_arch_final_norm"), _shape(part.shape, part.params)))
    if "head_extra" in outer:
        extra = tr("in_arch_head_extra_detail", params=f"{outer['head_extra'].params:,}")
        rows.append(("out", tr("in_arch_head_extra"), extra))
    if "unembed" in outer:
        part = outer["unembed"]
        if arch.tied:
            bias = tr("in_arch_bias", n=f"{part.params:,}") if part.params else ""
            detail = tr("in_arch_tied", t=t, v=arch.vocab, bias=bias)
        else:
            detail = _shape(part.shape, part.params)
        rows.append(("out", tr("in_arch_unembed"), detail))
    return rows, block


def draw_architecture(model_name: str, arch: Architecture, trace: Trace, layer: int) -> None:
    st.subheader(tr("in_arch_heading", model=md(model_name)))
    rows, block = diagram_rows(arch, trace, layer)
    title = tr(
        "in_arch_title",
        model=model_name,
        params=f"{arch.total:,}",
        layers=arch.n_layers,
        tokens=arch.n_tokens,
    )
    label = tr("in_arch_frame", layer=layer, layers=arch.n_layers, params=f"{arch.block_params[layer]:,}")
    label = "<br>".join(html.escape(line) for line in label.split("\n"))
    show(plots_inside.architecture(rows, block, title, label), "in_architecture")
    total = architecture.parts_total(arch)
    st.caption(tr("in_arch_sum", layers=arch.n_layers, total=f"{total:,}", model_total=f"{arch.total:,}"))
    st.download_button(
        tr("in_arch_table"),
        inside_export.parameter_csv(arch),
        file_name="architecture.csv",
        mime="text/csv",
        key="in_arch_csv",
    )
