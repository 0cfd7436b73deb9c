"""The training page's parts: the form that builds a TrainRequest, the live view of a job, the results."""

from __future__ import annotations

import re
import uuid
from dataclasses import asdict

import streamlit as st

from lmviz.errors import LmvizError
from lmviz.kinds import Kind, Method, Status
from lmviz.models.loading import LoadedModel
from lmviz.models.registry import default_model
from lmviz.text import chinese
from lmviz.training import before_after, export, jobs, pretrain
from lmviz.training import data as train_data
from lmviz.training.config import PRETRAIN_CONFIG, TrainConfig
from lmviz.training.request import TrainOutcome, TrainRequest, run_request
from lmviz_app import plots_train
from lmviz_app import state as S
from lmviz_app.cache import Choices, add_own_model, model_or_error, own_models, tr, tr_core
from lmviz_app.panels.compare import candidate_bars
from lmviz_app.widgets import inputs
from lmviz_app.widgets.figures import show
from lmviz_app.widgets.inspect_text import inspect_buttons
from lmviz_app.widgets.nav import BY_KEY
from lmviz_app.widgets.text import md, visible

JOB = "_train_job"
ZIP = "_train_zip_{}"  # session: the prepared download of job {id} (export.PreparedZip)
CONFIG = {"displaylogo": False}
PROBES = {  # (kind, data) -> the default probe; a masked probe needs a blank
    (Kind.CAUSAL, "kjv"): "And the LORD said unto",
    (Kind.CAUSAL, "wikipedia"): "The capital of France is",
    (Kind.MASKED, "kjv"): "And God said, Let there be [MASK].",
    (Kind.MASKED, "wikipedia"): "Paris is the capital of [MASK].",
    (Kind.CAUSAL, "poems_zh"): "床前明月光，",
    (Kind.MASKED, "poems_zh"): "床前明月[MASK]，疑是地上霜。",
}
SAMPLE_PROMPTS = {"kjv": "And the LORD", "wikipedia": "The city", "poems_zh": "春风"}


def current_job() -> jobs.Job | None:
    return st.session_state.get(JOB)


def busy() -> bool:
    job = current_job()
    return job is not None and not job.finished


def base_model(c: Choices) -> LoadedModel | None:
    """The model to fine-tune, from the sidebar's models, the bundled ones and this session's own."""
    names = [c.causal, c.masked, default_model(Kind.CAUSAL), default_model(Kind.MASKED), *own_models()]
    options = list(dict.fromkeys(n for n in names if n))
    if st.session_state.get(S.TR_BASE.key) not in options:
        st.session_state[S.TR_BASE.key] = options[0]
    name = inputs.selectbox(S.TR_BASE, options=options)
    loaded = model_or_error(name)
    if loaded is not None and loaded.kind not in (Kind.CAUSAL, Kind.MASKED):
        st.info(tr("tr_need_model"))
        return None
    return loaded


def text_source() -> tuple[str, train_data.TextSource | None]:
    """(data choice, TextSource) from the corpus/paste/upload widgets; None after a message."""
    if S.TR_DATA.key not in st.session_state and st.session_state.get(S.LANG.key) == "zh":
        st.session_state[S.TR_DATA.key] = "poems_zh"  # in Chinese the first choice is the Tang poems
    data = inputs.radio(S.TR_DATA)
    try:
        if data == "paste":
            return data, train_data.pasted(st.text_area(tr(S.TR_PASTE.label), key=S.TR_PASTE.key, height=160))
        if data == "upload":
            file = st.file_uploader(tr("tr_upload"), key="tr_upload")
            if file is None:
                st.info(tr("tr_upload_needed"))
                return data, None
            return data, train_data.decode_upload(file.getvalue(), file.name)
        source = _corpus(data)
        st.caption(tr_core(source.attribution))
        return data, source
    except LmvizError as exc:
        st.error(tr_core(exc))
        return data, None


@st.cache_resource(max_entries=2, show_spinner=False)
def _corpus(name: str) -> train_data.TextSource:
    return train_data.corpus(name)


def finetune_config(base: LoadedModel) -> TrainConfig:
    method = inputs.radio(S.TR_METHOD)
    with st.expander(tr("tr_settings"), expanded=False):
        a, b, c = st.columns(3)
        steps = inputs.number(S.TR_STEPS_FINETUNE, a)
        lr = inputs.select_slider(S.TR_LR[method], b, format_func="{:g}".format)
        batch = inputs.number(S.TR_BATCH_FINETUNE, c)
        a, b, c = st.columns(3)
        seq_len = inputs.select_slider(S.TR_SEQ_LEN, a, options=_seq_lens(base))
        extra = {}
        if method == Method.TOP:
            extra["top_layers"] = inputs.number(S.TR_TOP_LAYERS, b, high=base.n_layers)
        if method == Method.LORA:
            extra["lora_rank"] = inputs.select_slider(S.TR_LORA_RANK, b)
        seed = inputs.number(S.TR_SEED, c)
    return TrainConfig(method=method, steps=steps, lr=lr, batch=batch, seq_len=seq_len, seed=seed, **extra)


def pretrain_config() -> TrainConfig:
    with st.expander(tr("tr_settings"), expanded=False):
        a, b, c = st.columns(3)
        steps = inputs.number(S.TR_STEPS_PRETRAIN, a)
        lr = inputs.select_slider(S.TR_LR_PRETRAIN, b, format_func="{:g}".format)
        batch = inputs.number(S.TR_BATCH_PRETRAIN, c)
        seed = inputs.number(S.TR_SEED, a)
    return TrainConfig(**{**asdict(PRETRAIN_CONFIG), "steps": steps, "lr": lr, "batch": batch, "seed": seed})


def _seq_lens(base: LoadedModel) -> tuple[int, ...]:
    return tuple(n for n in S.SEQ_LENS if n <= base.max_tokens) or (16,)


def probe_input(kind: str, data: str) -> str:
    default = PROBES.get((kind, data), "The" if kind == Kind.CAUSAL else "The [MASK] is here.")
    label = tr("tr_probe") if kind == Kind.CAUSAL else tr("tr_probe_masked")
    return st.text_input(label, default, key=f"tr_probe_{kind}_{data}", max_chars=500)


def check_request(request: TrainRequest) -> bool:
    """Tell the user now (not after the job starts) when the text is too short for the settings or the
    probe cannot be used for the before/after comparison (empty, too long, a masked probe with no blank)."""
    base = request.base
    try:
        if base is None:  # pretraining: the probe is the sample prompt of a model not built yet
            before_after.check_probe(Kind.CAUSAL, request.probe)
            return True
        before_after.check_probe(base.kind, request.probe, base)
        masked = base.kind == Kind.MASKED
        train_data.make_blocks(base.tokenizer, request.source, request.config.seq_len, masked=masked)
        return True
    except LmvizError as exc:
        st.error(tr_core(exc))
        return False


def submit(request: TrainRequest, label: str) -> None:
    owner = st.session_state.setdefault("_owner", uuid.uuid4().hex)
    try:
        st.session_state[JOB] = jobs.BOARD.submit(owner, label, lambda job: run_request(job, request))
    except LmvizError as exc:
        st.error(tr_core(exc))
        return
    st.rerun()  # redraw with the Start button disabled and the live view


def draw_job(job: jobs.Job) -> None:
    """A running job redraws itself every second (a fragment); a finished one shows its results."""
    job.touch()
    if job.finished:
        draw_finished(job)
    else:
        st.fragment(run_every=1.0)(_live)(job)


def _live(job: jobs.Job) -> None:
    job.touch()
    if job.finished:
        st.rerun()  # the whole page: results, and the new model in the sidebar
    if job.state == Status.QUEUED:
        st.info(tr("tr_queued", ahead=jobs.BOARD.queue_position(job), limit=jobs.BOARD.max_running))
    elif job.state == Status.FINISHING:
        st.info(tr("tr_finishing"))
    elif not job.records:
        st.info(tr("tr_preparing"))
    _describe_run(job)
    if job.records:
        last = job.records[-1]
        st.progress(last.step / last.steps)
        st.caption(
            tr(
                "tr_progress",
                step=last.step,
                steps=last.steps,
                loss=last.loss,
                tps=last.tokens_per_s,
                eta=last.eta_s,
            )
        )
    _curve(job, "tr_curve_live")
    if st.button(tr("tr_stop"), key="tr_stop", type="primary"):
        job.stop()
    _samples(job)


def _describe_run(job: jobs.Job) -> None:
    outcome: TrainOutcome | None = job.result
    if outcome is None or outcome.blocks is None or not outcome.total:
        return
    if outcome.notices:
        st.caption(tr("tr_notices", notes=tr_core(outcome.notices)))
    b = outcome.blocks
    st.caption(
        tr(
            "tr_params",
            trainable=outcome.trainable,
            total=outcome.total,
            share=outcome.trainable / outcome.total,
            blocks=len(b.train),
            seq=b.seq_len,
            held=len(b.held_out),
        )
    )


def _curve(job: jobs.Job, key: str) -> None:
    if not job.records:
        return
    fig = plots_train.loss_curve(
        list(job.records),
        tr("tr_loss_title"),
        tr("tr_loss_train"),
        tr("tr_loss_held"),
        tr("tr_step_axis"),
        tr("tr_loss_axis"),
    )
    show(fig, key, CONFIG)


def _samples(job: jobs.Job, inspect: bool = False) -> None:
    samples = [r for r in job.records if r.sample is not None]
    if not samples:
        return
    st.subheader(tr("tr_samples"))
    prompt = job.result.request.probe if job.result is not None else ""
    for i, r in enumerate(reversed(samples)):
        caption = tr("tr_sample_at", step=r.step)
        right, phrases = chinese.metre_share(prompt + r.sample)
        if phrases and pretrain.is_chinese(r.sample):  # from noise to five- and seven-character lines
            caption += " · " + tr("tr_sample_metre", right=right, n=phrases)
        st.caption(caption)
        st.text(visible(prompt + r.sample))
        if inspect and i == 0:  # the newest sample, once the run is over (the live view reruns every second)
            inspect_buttons(prompt + r.sample, f"tr_inspect_{job.id}")


def draw_finished(job: jobs.Job) -> None:
    outcome: TrainOutcome | None = job.result
    last = job.records[-1] if job.records else None
    if job.state == Status.FAILED:
        st.error(tr("tr_failed", error=tr_core(job.error)))
    elif job.state == Status.DIVERGED:
        st.error(tr("tr_diverged", why=tr_core(job.message)))
    elif outcome is not None and outcome.model is not None:
        if outcome.model.name not in own_models() and not st.session_state.get(f"_added_{job.id}"):
            add_own_model(outcome.model)
            st.session_state[f"_added_{job.id}"] = True
            st.rerun()  # redraw the sidebar with the new model in its lists
        seconds = last.elapsed_s if last else 0.0
        key = "tr_done" if job.state == Status.DONE else "tr_stopped"
        st.success(
            tr(key, steps=outcome.model.extra.get("steps", 0), seconds=seconds, name=outcome.model.name)
        )
    else:
        st.warning(tr("tr_stopped_empty"))
    _describe_run(job)
    _curve(job, "tr_curve_done")
    _samples(job, inspect=True)
    if outcome is not None and outcome.model is not None:
        _before_after(outcome)
        _model_actions(job, outcome)


def _before_after(outcome: TrainOutcome) -> None:
    if outcome.comparison_error:
        st.warning(tr("tr_compare_failed", error=tr_core(outcome.comparison_error)))
        return
    result = outcome.comparison
    if result is None:
        return
    st.subheader(f"{tr('tr_before')} / {tr('tr_after')}")
    st.caption(tr("tr_shift", shift=result.shift))
    title_key = "tr_next_title" if outcome.model.kind == Kind.CAUSAL else "tr_fill_title"
    for col, side, label, key in zip(
        st.columns(2), (result.before, result.after), ("tr_before", "tr_after"), ("before", "after")
    ):
        with col:
            st.markdown(f"#### {tr(label)}")
            delta = None
            if side is result.after:
                delta = f"{side.perplexity - result.before.perplexity:+.1f}"
            st.metric(tr("tr_perplexity"), f"{side.perplexity:.1f}", delta, delta_color="inverse")
            candidate_bars(side.top, tr(title_key, model=side.name), f"tr_probe_{key}")
            if side.generation is not None:
                st.caption(tr("tr_generation", seed=result.seed))
                st.text(visible(result.probe + side.generation))


def _model_actions(job: jobs.Job, outcome: TrainOutcome) -> None:
    model = outcome.model
    report = {
        "source": outcome.request.source.label,
        "attribution": outcome.request.source.attribution,
        "config": model.extra.get("config"),
        "records": list(job.records),
    }
    _download(job, model, report)
    role = "causal" if model.kind == Kind.CAUSAL else "masked"
    target = ("pages/next_token.py", "next_token") if role == "causal" else ("pages/compare.py", "compare")
    for path, page in (("pages/attention.py", "attention"), target):
        if st.button(
            tr("tr_inspect", page=tr(BY_KEY[page].nav)),
            key=f"tr_go_{page}",
            on_click=_pick,
            args=(role, model.name),
        ):
            st.switch_page(path)


def _download(job: jobs.Job, model: LoadedModel, report: dict) -> None:
    """Two steps: "Prepare" writes the zip now (a failure to save is said on the page, not lost in a
    download request), then "Download" sends that file."""
    prepared: export.PreparedZip | None = st.session_state.get(ZIP.format(job.id))
    if prepared is None or not prepared.ready():
        if st.button(
            tr("tr_prepare_download"), key="tr_prepare_download", icon="📦", help=tr("tr_download_help")
        ):
            try:
                with st.spinner(tr("tr_preparing_download")):
                    prepared = export.prepare_zip(model, model.name, report)
            except Exception as exc:  # a boundary: disk full, an unsaveable model, ...: say so on the page
                st.error(tr("tr_download_failed", error=md(f"{type(exc).__name__}: {exc}")))
                return
            st.session_state[ZIP.format(job.id)] = prepared
            st.rerun()
        return
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", model.name).strip("-")
    st.download_button(
        tr("tr_download"),
        data=prepared.read,
        file_name=f"lmviz-{slug}.zip",
        mime="application/zip",
        help=tr("tr_download_help"),
        on_click="ignore",
        key="tr_download",
        icon="⬇️",
    )
    st.caption(tr("tr_download_size", mb=prepared.size_bytes / 1e6))


def _pick(role: str, name: str) -> None:
    """Make the trained model the sidebar's choice (a callback: it runs before the widgets are drawn)."""
    st.session_state[f"{role}_pick"] = name
    st.session_state[f"_keep_{role}_pick"] = name
