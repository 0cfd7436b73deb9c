"""Next-token lab: the softmax over the vocabulary, sampling, step-by-step generation, loss, logit lens."""

import streamlit as st

from lmviz.analysis import generation
from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz_app import state as S
from lmviz_app.cache import (
    LENS_MAX_TOKENS,
    get_inspection,
    get_lens,
    get_token_table,
    model_or_error,
    tr,
    tr_core,
)
from lmviz_app.panels.next_token import (
    current_path,
    draw_lens,
    draw_loss,
    draw_step_through,
    strategy_controls,
)
from lmviz_app.panels.next_token_gltr import draw_gltr_compare
from lmviz_app.panels.next_token_pair import draw_pair
from lmviz_app.panels.next_token_tree import draw_tree
from lmviz_app.widgets import inputs
from lmviz_app.widgets.sidebar import page_done, page_intro, page_setup

c = page_setup("next_token")
page_intro("next_token")
loaded = model_or_error(c.causal) if c.causal else None
if loaded is None or loaded.kind != Kind.CAUSAL:
    st.info(tr("nt_no_causal"))
    st.stop()
if not c.text.strip():
    st.info(tr("empty_text"))
    st.stop()

panel = inputs.segmented(S.NT_PANEL, label=" ", label_visibility="collapsed")
options = st.columns([3, 1], vertical_alignment="bottom")
chat = inputs.toggle(S.NT_CHAT, options[0])
fmt = inputs.selectbox(S.NT_FMT, options[1])
try:
    if panel in ("next", "tree"):
        prompt = generation.chat_prompt_ids if chat else generation.text_prompt_ids
        ids = prompt(loaded, c.text)
        if panel == "next":
            draw_step_through(loaded, current_path(loaded, ids), strategy_controls(), fmt, chat)
        else:
            draw_tree(loaded, ids, fmt, chat)
    elif panel == "pair":
        draw_pair(loaded, fmt)
    elif panel == "loss":
        result = get_inspection(loaded.name, c.text)
        if result.notice:
            st.warning(tr_core(result.notice))
        table = get_token_table(loaded.name, c.text)
        draw_loss(loaded, result, table)
        if result.n_tokens >= 2:
            draw_gltr_compare(loaded, c.text, result, table)
    else:
        if len(loaded.tokenizer(c.text)["input_ids"]) > LENS_MAX_TOKENS:
            st.info(tr("nt_lens_cut", n=LENS_MAX_TOKENS))
        draw_lens(
            get_lens(loaded.name, c.text), fmt, tr("nt_lens_title", model=loaded.name), "nt_lens_causal"
        )
        masked = model_or_error(c.masked) if c.masked else None
        if masked is not None and masked.kind == Kind.MASKED:
            with st.expander(tr("nt_masked_lens")):
                lens = get_lens(masked.name, c.text)
                draw_lens(lens, fmt, tr("nt_lens_title", model=masked.name), "nt_lens_masked")
except LmvizError as exc:
    st.error(tr_core(exc))
page_done("next_token")
