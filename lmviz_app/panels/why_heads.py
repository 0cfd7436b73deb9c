"""The "Why" page's heads: what kind of head each head is (scored from attention weights), and what the
answer loses when one head, a layer's attention or its MLP is switched off; every head in turn as a job."""

from __future__ import annotations

import numpy as np
import streamlit as st

from lmviz.analysis.internals import parts
from lmviz.analysis.why import ablation, answer, attribution, head_types
from lmviz.errors import LmvizError
from lmviz.kinds import Status
from lmviz.models.loading import LoadedModel
from lmviz.training.jobs import Job
from lmviz_app import plots_inside, why_export
from lmviz_app import state as S
from lmviz_app.cache import get_ablation, get_inspection, get_reference, get_repeated_scores, tr, tr_core
from lmviz_app.panels.inside import index_slider
from lmviz_app.panels.why_attribution import answer_and_context
from lmviz_app.widgets import inputs, job_view
from lmviz_app.widgets.figures import show
from lmviz_app.widgets.text import md

KIND_TITLES = {"previous": "why_ht_previous", "first": "why_ht_first", "duplicate": "why_ht_duplicate",
               "induction": "why_ht_induction"}  # fmt: skip
KIND_DEFS = {"previous": "why_ht_previous_def", "first": "why_ht_first_def",
             "duplicate": "why_ht_duplicate_def", "induction": "why_ht_induction_def"}  # fmt: skip
SWEEP = "_why_sweep"


def _heatmap(values: np.ndarray, title: str, key: str, diverging: bool = False) -> None:
    rows = [str(i) for i in range(values.shape[0])]
    cols = [str(h) for h in range(values.shape[1])]
    fig = plots_inside.matrix(values, rows, cols, title, diverging=diverging, x_title=tr("in_dla_head_label"),
                              y_title=tr("in_dla_layer"), numbered=False)  # fmt: skip
    show(fig, key)


def _top_heads(values: np.ndarray, n: int = 3) -> str:
    flat = np.where(np.isfinite(values), values, -np.inf).ravel()
    best = np.argsort(-flat)[:n]
    return ", ".join(f"L{i // values.shape[1]}.H{i % values.shape[1]} ({flat[i]:.2f})" for i in best)


def draw_head_types(loaded: LoadedModel, name: str, text: str) -> None:
    st.subheader(tr("why_ht_heading"))
    cols = st.columns([1, 2])
    on = inputs.segmented(S.WHY_HT_ON, cols[0])
    seed = int(inputs.number(S.WHY_SEED, cols[1]))
    try:
        with st.spinner(tr("why_ht_running")):
            seq, repeated = get_repeated_scores(name, seed)
            ins = get_inspection(name, text, attribution.MAX_TOKENS)
    except LmvizError as exc:
        st.error(tr("analysis_failed", error=tr_core(exc)))
        return
    shown = repeated if on == "sequence" else head_types.scores(ins.attentions, ins.token_ids.tolist())
    for row in (("previous", "first"), ("duplicate", "induction")):
        cols = st.columns(2)
        for kind, col in zip(row, cols):
            with col:
                values = repeated.induction if kind == "induction" else shown.score(kind)
                if values is None:
                    st.markdown(f"**{tr(KIND_TITLES[kind])}**")
                    st.info(tr("why_ht_no_repeats"))
                    continue
                _heatmap(values, tr(KIND_TITLES[kind]), f"why_ht_{kind}")
                st.caption(tr(KIND_DEFS[kind]) + " " + tr("why_ht_top", heads=_top_heads(values)))
    pieces = " · ".join(answer.label(loaded, i) for i in seq.ids[seq.start : seq.start + seq.n])
    st.caption(tr("why_ht_sequence", n=seq.n, seed=seed, text=md(pieces)))
    named = {k: repeated.induction if k == "induction" else shown.score(k) for k in head_types.KINDS}
    csv = why_export.matrix_csv(named, "layer", "head")
    st.download_button(tr("why_csv"), csv, file_name="head_types.csv", mime="text/csv", key="why_ht_csv")


def draw_ablation(loaded: LoadedModel, name: str, text: str) -> None:
    st.subheader(tr("why_ab_heading"))
    found = answer_and_context(loaded, name, text, contrast=False)
    if found is None:
        return
    ins, pos, target, _contrast = found
    cols = st.columns(4)
    part = inputs.selectbox(S.WHY_ABLATE, cols[0])
    mode = inputs.selectbox(S.WHY_ABLATE_MODE, cols[1])
    n_layers = len(parts.blocks(loaded.model))
    layer = index_slider(S.WHY_LAYER, n_layers, cols[2])
    n_heads = parts.attention_weights(loaded.model, layer).n_heads
    head = index_slider(S.WHY_HEAD, n_heads, cols[3]) if part == "head" else 0
    try:
        with st.spinner(tr("why_ab_running")):
            before, after = get_ablation(name, text, target.token_id, part, layer, head, mode)
    except LmvizError as exc:
        st.error(tr("analysis_failed", error=tr_core(exc)))
        return
    what = {"head": tr("why_ab_what_head", layer=layer, head=head),
            "attention": tr("why_ab_what_attention", layer=layer),
            "mlp": tr("why_ab_what_mlp", layer=layer)}[part]  # fmt: skip
    m = st.columns(3)
    m[0].metric(
        tr("why_ab_prob", piece=target.piece), f"{after.prob:.2%}", f"{after.prob - before.prob:+.2%}"
    )
    m[1].metric(tr("why_ab_logit"), f"{after.logit:.2f}", f"{after.logit - before.logit:+.2f}")
    if after.loss is not None:
        m[2].metric(
            tr("why_ab_loss"), f"{after.loss:.3f}", f"{after.loss - before.loss:+.3f}", delta_color="inverse"
        )
    mode_name = tr(S.WHY_ABLATE_MODE.option_label(mode))
    st.caption(tr("why_ab_caption", what=what, mode=mode_name, before=before.prob, after=after.prob))
    if mode == "mean":
        st.caption(tr("why_ab_reference", n=get_reference(name).n_tokens))
    _draw_sweep(loaded, name, text, ins.token_ids.tolist(), pos, target, mode)


def _draw_sweep(
    loaded: LoadedModel, name: str, text: str, ids: list[int], pos: int, target, mode: str
) -> None:
    st.markdown(f"**{tr('why_sweep_heading')}**")
    n_layers = len(parts.blocks(loaded.model))
    n_heads = parts.attention_weights(loaded.model, 0).n_heads
    st.caption(tr("why_sweep_cost", layers=n_layers, heads=n_heads, passes=n_layers * n_heads, n=len(ids)))
    params = (name, text, target.token_id, mode)
    job = job_view.current(SWEEP, params)
    if job is None or job.finished:
        if st.button(tr("why_sweep_start"), key="why_sweep_start"):
            ref = get_reference(name) if mode == "mean" else None

            def work(job: Job) -> None:
                def on_layer(done: int, total: int) -> None:
                    job.records.append((done, total, None))

                job.result = ablation.head_sweep(loaded, ids, pos, target.token_id, mode, ref, on_layer,
                                                 job.stop_requested.is_set)  # fmt: skip
                if job.result.layers_done < n_layers:
                    job.final_state = Status.STOPPED

            job_view.start(SWEEP, params, tr("why_sweep_heading"), work)
    if job is None:
        return
    if job_view.draw(job, lambda _partial: None, "why_sweep_stop") or job.result is not None:
        _sweep_result(job.result, target)


def _sweep_result(sweep: ablation.HeadSweep | None, target) -> None:
    if sweep is None:
        return
    change = sweep.prob - sweep.before.prob
    _heatmap(change, tr("why_sweep_title", piece=target.piece, layers=sweep.layers_done), "why_sweep", True)
    worst = np.unravel_index(np.nanargmin(change), change.shape) if np.isfinite(change).any() else None
    if worst is not None:
        st.caption(tr("why_sweep_worst", layer=int(worst[0]), head=int(worst[1]), before=sweep.before.prob,
                      after=float(sweep.prob[worst])))  # fmt: skip
    named = {
        "prob_change": change,
        "loss_change": None if sweep.loss is None else sweep.loss - sweep.before.loss,
    }
    csv = why_export.matrix_csv(named, "layer", "head")
    st.download_button(
        tr("why_csv"), csv, file_name="head_ablation.csv", mime="text/csv", key="why_sweep_csv"
    )
