"""The MLP's neurons, each layer's share of a logit, and words as vectors, on the "Inside the Transformer"
page: all drawn from the page's one trace (and the weights), no other forward pass."""

from __future__ import annotations

import numpy as np
import streamlit as st

from lmviz.analysis.internals import logit_parts, neurons, vectors
from lmviz.analysis.internals.architecture import Architecture
from lmviz.analysis.internals.trace import Trace
from lmviz.errors import LmvizError
from lmviz.models.loading import LoadedModel
from lmviz_app import inside_export, plots_inside
from lmviz_app import state as S
from lmviz_app.cache import get_word_map, tr, tr_core
from lmviz_app.panels.inside import choose, token_label
from lmviz_app.presets import WORD_LISTS
from lmviz_app.widgets import inputs
from lmviz_app.widgets.figures import show
from lmviz_app.widgets.text import html_text, md

GRID_NEURONS = 24
TOP_NEURONS = 12
TOP_TARGETS = 10


def _token(trace: Trace, where=st) -> int:
    n = trace.inspection.n_tokens
    return choose(S.IN_TOKEN, range(n), n - 1, lambda i: token_label(trace, i), where)


def draw_mlp(trace: Trace, arch: Architecture, layer: int) -> None:
    f, d = trace.n_neurons, arch.d_model
    st.subheader(tr("in_mlp_heading", layer=layer, f=f))
    key = "in_mlp_caption_gated" if trace.family.gated_mlp else "in_mlp_caption"
    st.caption(tr(key, act=arch.activation, f=f, d=d))
    labels = list(trace.inspection.tokens)
    top = neurons.most_active(trace, layer, GRID_NEURONS)
    title = tr("in_mlp_grid", k=len(top))
    grid = trace.neurons[layer][:, top]
    cols = [f"#{i}" for i in top]
    show(plots_inside.matrix(grid, labels, cols, title, x_title=tr("in_neuron")), "in_mlp_grid")
    left, right = st.columns(2)
    with left:
        pos = _token(trace)
        pairs = neurons.top_for_token(trace, layer, pos, TOP_NEURONS)
        fig = plots_inside.hbars([f"#{i}" for i, _ in pairs], [v for _, v in pairs],
                                 tr("in_mlp_top", token=labels[pos]), tr("in_activation"))  # fmt: skip
        show(fig, "in_mlp_top")
    with right:
        options = list(dict.fromkeys([*map(int, top), *(i for i, _ in pairs)]))
        neuron = choose(S.IN_NEURON, options, options[0], lambda i: f"#{i}")
        st.markdown(f"**{tr('in_mlp_text', neuron=neuron)}**")
        vals = neurons.values(trace, layer, neuron)
        peak = float(np.abs(vals).max()) or 1.0
        st.markdown(coloured_text(labels, vals, peak), unsafe_allow_html=True)
        st.caption(tr("in_mlp_text_caption", peak=float(vals[np.abs(vals).argmax()])))


def coloured_text(labels: list[str], values: np.ndarray, peak: float) -> str:
    """Tokens as spans, red for positive and blue for negative values, opacity by size; title = value."""
    spans = []
    for label, v in zip(labels, values):
        a = min(1.0, abs(float(v)) / peak)
        rgb = "214,96,77" if v >= 0 else "67,147,195"
        text = html_text(label.replace("\n", "⏎")).replace(" ", "&nbsp;")
        spans.append(
            f'<span title="{float(v):.4f}" style="background:rgba({rgb},{a:.2f});padding:1px 2px;'
            f'margin:1px;border-radius:3px;line-height:2">{text}</span>'
        )
    return '<div class="lmviz-neuron">' + "".join(spans) + "</div>"


def draw_logits(loaded: LoadedModel, trace: Trace) -> None:
    st.subheader(tr("in_dla_heading"))
    try:
        logit_parts.check_supported(loaded)
    except LmvizError as exc:
        st.info(tr_core(exc))
        return
    labels = list(trace.inspection.tokens)
    left, middle, right = st.columns(3)
    pos = _token(trace, left)
    logits = logit_parts.head_logits(loaded, trace, pos)
    probs = np.exp(logits - logits.max())
    probs /= probs.sum()
    best = [int(i) for i in np.argsort(-logits)[:TOP_TARGETS]]
    names = {i: loaded.tokenizer.decode([i]) for i in best}
    target = choose(
        S.IN_TARGET, best, best[0], lambda i: tr("in_dla_prob", token=names[i], p=probs[i]), middle
    )
    st.caption(tr("in_dla_reads", position=pos, token=md(labels[pos])))
    typed = _typed_target(loaded, logits, probs, right)
    if typed is False:
        return
    if typed is not None:
        target, names[typed] = typed, loaded.tokenizer.decode([typed])
    parts = logit_parts.logit_parts(loaded, trace, pos, target)
    attn, mlp = float(parts.attention.sum()), float(parts.mlp.sum())
    st.markdown(
        tr("in_dla_sum", target=md(names[target]), logit=parts.logit, total=parts.total,
           embed=parts.embeddings, attn=attn, mlp=mlp, const=parts.constant)
    )  # fmt: skip
    st.caption(tr("in_dla_explain", scale=parts.scale))
    axis = {"embeddings": tr("in_dla_embeddings"), "attention": tr("in_dla_attention"),
            "mlp": tr("in_dla_mlp"), "layer": tr("in_dla_layer"), "share": tr("in_dla_share")}  # fmt: skip
    title = tr("in_dla_layers", target=names[target])
    show(
        plots_inside.layer_shares(parts.embeddings, parts.attention, parts.mlp, axis, title), "in_dla_layers"
    )
    left, right = st.columns([3, 2])
    with left:
        fig = plots_inside.matrix(parts.heads, [str(i) for i in range(trace.n_layers)],
                                  [str(h) for h in range(parts.heads.shape[1])], tr("in_dla_heads"),
                                  x_title=tr("in_dla_head_label"), y_title=tr("in_dla_layer"),
                                  numbered=False)  # fmt: skip
        show(fig, "in_dla_heads")
    with right:
        named = [(tr("in_dla_part_attn", layer=i), v) for i, v in enumerate(parts.attention)]
        named += [(tr("in_dla_part_mlp", layer=i), v) for i, v in enumerate(parts.mlp)]
        named.append((tr("in_dla_embeddings"), parts.embeddings))
        named.sort(key=lambda kv: -abs(kv[1]))
        fig = plots_inside.hbars([k for k, _ in named[:10]], [v for _, v in named[:10]], tr("in_dla_top"))
        show(fig, "in_dla_top")
    st.download_button(tr("in_dla_csv"), inside_export.shares_csv(parts), file_name="logit_shares.csv",
                       mime="text/csv", key="in_dla_csv")  # fmt: skip


def _typed_target(loaded: LoadedModel, logits: np.ndarray, probs: np.ndarray, where) -> int | bool | None:
    """The first token of a word the user typed (None: nothing typed; False: a word with no tokens)."""
    s = S.IN_TARGET_WORD
    typed = where.text_input(tr(s.label), key=s.key, help=tr(s.help), max_chars=vectors.WORD_CHARS).strip()
    if not typed:
        return None
    ids = vectors.word_ids(loaded, typed)
    if not ids:
        st.warning(tr_core(LmvizError("inside.word_no_tokens", word=typed)))
        return False
    piece = md(loaded.tokenizer.decode([ids[0]]))
    if len(ids) > 1:
        st.caption(tr("in_dla_first_piece", word=md(typed), n=len(ids), piece=piece))
    rank = int((logits > logits[ids[0]]).sum()) + 1
    st.caption(tr("in_dla_typed_prob", token=piece, p=float(probs[ids[0]]), rank=rank))
    return ids[0]


def draw_vectors(model_name: str, trace: Trace | None, d_model: int) -> None:
    """The word map (it needs only the input embeddings), then one token's path when there is a trace."""
    st.subheader(tr("in_vec_heading"))
    cols = st.columns([1, 2])
    wordset = inputs.selectbox(S.IN_WORDSET, cols[0])
    if wordset == "own":
        st.session_state.setdefault(S.IN_WORDLIST.key, WORD_LISTS["royals"])
        raw = cols[1].text_input(tr(S.IN_WORDLIST.label), key=S.IN_WORDLIST.key, help=tr(S.IN_WORDLIST.help),
                                 max_chars=2000)  # fmt: skip
    else:
        raw = WORD_LISTS[wordset]
        cols[1].caption(md(raw))
    try:
        wm = get_word_map(model_name, tuple(vectors.parse_words(raw)))
    except LmvizError as exc:
        st.warning(tr_core(exc))
        return
    axes = tuple(tr("in_vec_axis", n=i + 1, share=wm.explained[i]) for i in range(2))
    title = tr("in_vec_title", n=len(wm.words), model=model_name)
    show(plots_inside.word_map(wm.points, wm.words, None, "", title, axes), "in_vectors")
    st.caption(tr("in_vec_caption", d=d_model, rest=d_model - 2))
    several = [f"{w} ({n})" for w, n in zip(wm.words, wm.pieces) if n > 1]
    if several:
        st.caption(tr("in_vec_pieces", words=md(", ".join(several))))
    if trace is None:
        return
    left, right = st.columns(2)
    with left:
        pos = _token(trace)
    st.session_state.setdefault(S.IN_RESCALE.key, S.IN_RESCALE.default)
    with right:
        rescale = inputs.toggle(S.IN_RESCALE)
    label = tr("in_vec_path", token=trace.inspection.tokens[pos])
    path = vectors.layer_path(trace, pos, wm, rescale)
    show(plots_inside.word_map(wm.points, wm.words, path, label, label, axes), "in_vector_path")
    st.caption(tr("in_vec_path_caption"))
