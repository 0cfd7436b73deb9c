""" "Inspect this text": one click makes a text the page produced (a continuation, a chat reply, a training
sample) the sidebar's text and opens a page that analyses it."""

from __future__ import annotations

import streamlit as st

from lmviz_app import state as S
from lmviz_app.cache import tr
from lmviz_app.widgets.lesson_bar import GOTO
from lmviz_app.widgets.nav import BY_KEY

# (button label, page, the view that page opens with)
TARGETS = (
    ("inspect_attention", "attention", {}),
    ("inspect_loss", "next_token", {S.NT_PANEL.key: "loss"}),
    ("inspect_lens", "next_token", {S.NT_PANEL.key: "lens"}),
    ("inspect_inside", "inside", {}),
)


def inspect_buttons(text: str, key: str) -> None:
    """A row of buttons that each set `text` as the sidebar text and open one page on it."""
    text = text[: S.MAX_TEXT]
    st.caption(tr("inspect_this"))
    for col, (label, page, view) in zip(st.columns(len(TARGETS)), TARGETS):
        col.button(
            tr(label), key=f"{key}_{page}_{label}", on_click=_inspect, args=(text, page, view),
            disabled=not text.strip(), width="stretch",
        )  # fmt: skip


def _inspect(text: str, page: str, view: dict) -> None:
    for k, v in {S.TEXT.key: text, **view}.items():
        st.session_state[k] = v
        st.session_state[f"_keep_{k}"] = v
    st.session_state[GOTO] = BY_KEY[page].path  # the lesson bar switches pages on the next run
