"""The "Why" page's activation patching: a clean and a corrupted prompt, and how much of the difference
between their answers each (layer, position) of the clean run restores. Runs as a background job."""

from __future__ import annotations

import numpy as np
import streamlit as st

from lmviz.analysis.internals import parts
from lmviz.analysis.why import answer, patching
from lmviz.errors import LmvizError
from lmviz.kinds import Status
from lmviz.models.loading import LoadedModel
from lmviz.training.jobs import Job
from lmviz_app import plots_inside, why_export
from lmviz_app import state as S
from lmviz_app.cache import get_inspection, tr, tr_core
from lmviz_app.presets import PATCH_PRESETS
from lmviz_app.widgets import inputs, job_view
from lmviz_app.widgets.figures import show
from lmviz_app.widgets.text import md

SLOT = "_why_patching"
PROMPT_CHARS = 300


def _prompts() -> tuple[str, str]:
    presets = {p.key: (p.clean, p.corrupt) for p in PATCH_PRESETS}
    boxes = (S.WHY_CLEAN, S.WHY_CORRUPT)
    return inputs.preset_or_own(S.WHY_PATCH_PRESET, S.OWN, presets, boxes, PROMPT_CHARS)


def _read(name: str, text: str):
    ins = get_inspection(name, text, patching.MAX_TOKENS)
    if ins.notice:
        raise LmvizError("why.too_long", n=len(ins.tokens), max=patching.MAX_TOKENS)
    return ins


def draw_patching(loaded: LoadedModel, name: str) -> None:
    st.subheader(tr("why_patch_heading"))
    clean, corrupt = _prompts()
    site = inputs.segmented(S.WHY_PATCH_SITE)
    try:
        a, b = _read(name, clean), _read(name, corrupt)
        ids_a, ids_b = a.token_ids.tolist(), b.token_ids.tolist()
        patching.check_pair(ids_a, ids_b)
        pos = answer.position(loaded, ids_a)
        if answer.position(loaded, ids_b) != pos:
            raise LmvizError("why.patch_lengths", clean=len(ids_a), corrupt=len(ids_b))
    except LmvizError as exc:
        st.warning(tr_core(exc))
        return
    right, wrong = answer.top(loaded, a.logits[pos]), answer.top(loaded, b.logits[pos])
    if right.token_id == wrong.token_id:
        st.warning(tr("why_patch_same_answer", piece=md(right.piece)))
        return
    st.markdown(tr("why_patch_answers", right=md(right.piece), wrong=md(wrong.piece)))
    n_layers = len(parts.blocks(loaded.model))
    st.caption(
        tr("why_patch_cost", layers=n_layers, n=len(ids_a), passes=patching.passes(n_layers, len(ids_a)))
    )
    params = (name, tuple(ids_a), tuple(ids_b), site)
    job = job_view.current(SLOT, params)
    labels = list(a.tokens)
    if job is None or job.finished:
        if st.button(tr("why_patch_start"), key="why_patch_start", type="primary"):

            def work(job: Job) -> None:
                def on_layer(done: int, total: int, diffs: np.ndarray) -> None:
                    job.records.append((done, total, diffs.copy()))

                job.result = patching.patch(loaded, ids_a, ids_b, pos, right.token_id, wrong.token_id, site,
                                            on_layer, job.stop_requested.is_set)  # fmt: skip
                if job.result.layers_done < n_layers:
                    job.final_state = Status.STOPPED

            job_view.start(SLOT, params, tr("why_patch_heading"), work)
    if job is None:
        return
    if job_view.draw(job, lambda diffs: _partial(diffs, labels), "why_patch_stop") or job.result is not None:
        _result(job.result, labels, right.piece, wrong.piece)


def _partial(diffs: np.ndarray, labels: list[str]) -> None:
    rows = [str(i) for i in range(diffs.shape[0])]
    show(plots_inside.matrix(diffs, rows, labels, tr("why_patch_live"), x_title=tr("why_token"),
                             y_title=tr("in_dla_layer")), "why_patch_live")  # fmt: skip


def _result(p: patching.Patching | None, labels: list[str], right: str, wrong: str) -> None:
    if p is None:
        return
    st.markdown(
        tr("why_patch_diffs", right=md(right), wrong=md(wrong), clean=p.clean_diff, corrupt=p.corrupt_diff)
    )
    rows = [str(i) for i in range(p.diffs.shape[0])]
    title = tr("why_patch_title", site=tr(S.WHY_PATCH_SITE.option_label(p.site)), layers=p.layers_done)
    show(plots_inside.matrix(p.restored, rows, labels, title, x_title=tr("why_token"),
                             y_title=tr("in_dla_layer")), "why_patch")  # fmt: skip
    r = p.restored
    if np.isfinite(r).any():
        best = np.unravel_index(np.nanargmax(r), r.shape)
        st.caption(tr("why_patch_best", layer=int(best[0]), token=md(labels[best[1]]), share=float(r[best])))
    st.caption(tr("why_patch_explain"))
    st.download_button(tr("why_csv"), why_export.patching_csv(p, labels), file_name="patching.csv",
                       mime="text/csv", key="why_patch_csv")  # fmt: skip
