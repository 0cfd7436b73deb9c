"""Training: fine-tune a private copy of a real model, or pretrain a tiny one, and compare before/after."""

import streamlit as st

from lmviz.training.request import TrainRequest
from lmviz_app import state as S
from lmviz_app.cache import tr
from lmviz_app.panels import train as tp
from lmviz_app.widgets import inputs
from lmviz_app.widgets.sidebar import page_done, page_intro, page_setup

c = page_setup("train")
page_intro("train")
mode = inputs.segmented(S.TR_MODE)
base = tp.base_model(c) if mode == "finetune" else None
data, source = tp.text_source()
request = None
if mode == "pretrain":
    config = tp.pretrain_config()
    prompt = st.text_input(
        tr("tr_sample_prompt"), tp.SAMPLE_PROMPTS.get(data, "The"), key=f"tr_sample_{data}"
    )
    if source is not None:
        request = TrainRequest("pretrain", source, config, prompt)
elif base is not None:
    config = tp.finetune_config(base)
    probe = tp.probe_input(base.kind, data)
    if source is not None:
        request = TrainRequest("finetune", source, config, probe, base)
if tp.busy():
    st.info(tr("tr_busy"))
if st.button(tr("tr_start"), type="primary", disabled=request is None or tp.busy(), key="tr_start"):
    if tp.check_request(request):
        tp.submit(request, f"{mode}: {base.name if base else 'tiny-gpt2'}")
job = tp.current_job()
if job is not None:
    st.divider()
    tp.draw_job(job)
page_done("train")
