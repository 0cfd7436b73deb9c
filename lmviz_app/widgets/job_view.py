"""A long analysis run as a background job on `jobs.ANALYSIS_BOARD`: start it, watch its progress with a
Stop button (the fragment redraws every second; leaving the page does not stop it), then draw its result.
Each record a job appends is (done, total, partial result)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import streamlit as st

from lmviz.errors import LmvizError
from lmviz.kinds import Status
from lmviz.training import jobs
from lmviz_app.cache import tr, tr_core


def owner() -> str:
    return st.session_state.setdefault("_owner", uuid.uuid4().hex)


def current(slot: str, params: tuple) -> jobs.Job | None:
    """This session's job in `slot` if it was started with these parameters (else None)."""
    kept = st.session_state.get(slot)
    return kept[1] if kept and kept[0] == params else None


def start(slot: str, params: tuple, label: str, work: Callable[[jobs.Job], None]) -> None:
    try:
        job = jobs.ANALYSIS_BOARD.submit(owner(), label, work)
    except LmvizError as exc:
        st.error(tr_core(exc))
        return
    st.session_state[slot] = (params, job)
    st.rerun()


def draw(job: jobs.Job, draw_partial: Callable[[object], None], stop_key: str) -> bool:
    """Progress while the job runs (True once it has finished: the caller draws the result)."""
    job.touch()
    if job.finished:
        if job.error is not None:
            st.error(tr("analysis_failed", error=tr_core(job.error)))
        elif job.state == Status.STOPPED:
            st.info(tr("why_job_stopped"))
        return job.error is None and job.result is not None
    st.fragment(run_every=1.0)(_live)(job, draw_partial, stop_key)
    return False


def _live(job: jobs.Job, draw_partial: Callable[[object], None], stop_key: str) -> None:
    job.touch()
    if job.finished:
        st.rerun()
    if job.state == Status.QUEUED:
        st.info(tr("why_job_queued", ahead=jobs.ANALYSIS_BOARD.queue_position(job)))
    records = list(job.records)
    if records:
        done, total, partial = records[-1]
        st.progress(done / total, text=tr("why_job_progress", done=done, total=total))
    else:
        st.progress(0.0, text=tr("why_job_starting"))
    if st.button(tr("why_stop"), key=stop_key, type="primary"):
        job.stop()
    if records:
        draw_partial(records[-1][2])
