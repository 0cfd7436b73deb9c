"""The "Why" page's input attribution: which tokens of the text made the model give its answer (or the
answer rather than a contrast), by integrated gradients, gradient x input and attention x gradient."""

from __future__ import annotations

import numpy as np
import streamlit as st

from lmviz.analysis.why import answer, attribution
from lmviz.analysis.why.answer import Answer
from lmviz.errors import LmvizError
from lmviz.models.loading import LoadedModel
from lmviz_app import plots_inside, why_export
from lmviz_app import state as S
from lmviz_app.cache import get_attribution, inspection_or_error, tr, tr_core
from lmviz_app.panels.inside_parts import coloured_text
from lmviz_app.widgets import inputs
from lmviz_app.widgets.figures import show
from lmviz_app.widgets.text import md

CAPTIONS = {"integrated": "why_method_integrated_caption", "grad_input": "why_method_grad_input_caption",
            "attention_grad": "why_method_attention_grad_caption"}  # fmt: skip


def typed_answer(loaded: LoadedModel, setting, logits: np.ndarray, where=st) -> Answer | None | bool:
    """A word typed into `setting`'s box as an Answer (None: nothing typed; False: no tokens, warned)."""
    raw = where.text_input(tr(setting.label), key=setting.key, help=tr(setting.help), max_chars=40)
    if not raw.strip():
        return None
    try:
        a = answer.typed(loaded, raw)
    except LmvizError as exc:
        st.warning(tr_core(exc))
        return False
    if a.n_pieces > 1:
        st.caption(tr("why_first_piece", word=md(a.word), n=a.n_pieces, piece=md(a.piece)))
    return a


def _use_text(text: str) -> None:
    st.session_state["text"] = text


def example_button(loaded: LoadedModel, text: str) -> None:
    """A button that puts this view's example into the sidebar's text (when it is not there already)."""
    example = answer.example(loaded)
    if text.strip() != example:
        st.button(tr("why_example", text=example), key="why_example", on_click=_use_text, args=(example,))


def answer_and_context(loaded: LoadedModel, name: str, text: str, contrast: bool = True):
    """(inspection, position, answer, contrast or None) for the sidebar's text, or None after a message."""
    ins = inspection_or_error(name, text, attribution.MAX_TOKENS)
    if ins is None:
        return None
    if ins.notice:
        st.warning(tr_core(ins.notice))
    try:
        pos = answer.position(loaded, ins.token_ids.tolist())
    except LmvizError as exc:
        st.info(tr_core(exc))
        return None
    logits = ins.logits[pos]
    top = answer.top(loaded, logits)
    cols = st.columns(2)
    typed = typed_answer(loaded, S.WHY_ANSWER, logits, cols[0])
    contrast = typed_answer(loaded, S.WHY_CONTRAST, logits, cols[1]) if contrast else None
    if typed is False or contrast is False:
        return None
    target = typed or top
    if contrast is not None and contrast.token_id == target.token_id:
        st.warning(tr("why_same_contrast", piece=md(target.piece)))
        contrast = None
    probs = np.exp(logits - logits.max())
    probs /= probs.sum()
    where = tr("why_reads_last") if pos == len(ins.tokens) - 1 else tr("why_reads_mask", position=pos)
    line = tr("why_answer_line", piece=md(target.piece), p=float(probs[target.token_id]),
              top=md(top.piece), top_p=float(probs[top.token_id]), where=where)  # fmt: skip
    if contrast is not None:
        line += " " + tr("why_contrast_line", piece=md(contrast.piece), p=float(probs[contrast.token_id]))
    st.markdown(line)
    return ins, pos, target, contrast


def draw_attribution(loaded: LoadedModel, name: str, text: str) -> None:
    st.subheader(tr("why_attr_heading"))
    found = answer_and_context(loaded, name, text)
    if found is None:
        return
    ins, _pos, target, contrast = found
    cols = st.columns([2, 1])
    st.session_state.setdefault(S.WHY_STEPS.key, S.WHY_STEPS.default)
    method = inputs.segmented(S.WHY_METHOD, cols[0])
    steps = inputs.int_slider(S.WHY_STEPS, cols[1])
    c_id = None if contrast is None else contrast.token_id
    try:
        with st.spinner(tr("why_attr_running", steps=steps, n=len(ins.tokens))):
            a = get_attribution(name, text, target.token_id, c_id, steps)
    except LmvizError as exc:
        st.error(tr("analysis_failed", error=tr_core(exc)))
        return
    objective = tr("why_objective_diff", a=md(target.piece), b=md(contrast.piece)) if contrast else tr(
        "why_objective_logit", a=md(target.piece))  # fmt: skip
    st.markdown(
        tr("why_completeness", objective=objective, value=a.objective, base=a.baseline_objective,
           gap=a.objective - a.baseline_objective, total=a.integrated_sum, delta=a.delta, steps=a.steps)
    )  # fmt: skip
    if abs(a.delta) > 0.05 * max(1e-6, abs(a.objective - a.baseline_objective)):
        st.warning(tr("why_completeness_far", delta=a.delta))
    scores = a.method(method)
    labels = list(ins.tokens)
    share = attribution.shares(scores)
    peak = float(np.abs(share).max()) or 1.0
    st.markdown(coloured_text(labels, share, peak), unsafe_allow_html=True)
    st.caption(tr(CAPTIONS[method]))
    order = np.argsort(-np.abs(share))[: min(20, len(share))]
    title = tr("why_attr_bars", method=tr(S.WHY_METHOD.option_label(method)))
    bars = plots_inside.hbars(
        [f"{i}: {labels[i]}" for i in order], [float(share[i]) for i in order], title, tr("why_share")
    )
    show(bars, "why_attr_bars")
    if method == "attention_grad":
        layers = [str(i) for i in range(a.attention_grad_layers.shape[0])]
        fig = plots_inside.matrix(a.attention_grad_layers, layers, labels, tr("why_axg_layers"),
                                  x_title=tr("why_token"), y_title=tr("in_dla_layer"))  # fmt: skip
        show(fig, "why_axg_layers")
    agree = _agreement(a)
    st.caption(tr("why_agreement", ig_gxi=agree[0], ig_axg=agree[1]))
    st.download_button(tr("why_csv"), why_export.attribution_csv(a, labels, ins.token_ids.tolist()),
                       file_name="attribution.csv", mime="text/csv", key="why_attr_csv")  # fmt: skip


def _agreement(a: attribution.Attribution) -> tuple[float, float]:
    """Correlation of integrated gradients with the other two methods over the tokens (NaN if constant)."""

    def corr(x: np.ndarray, y: np.ndarray) -> float:
        if len(x) < 2 or np.std(x) == 0 or np.std(y) == 0:
            return float("nan")
        return float(np.corrcoef(x, y)[0, 1])

    return corr(a.integrated, a.grad_input), corr(a.integrated, a.attention_grad)
