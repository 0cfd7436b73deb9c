"""The lesson bar: pick a lesson in the sidebar, then step through it with Previous/Next on every page.

A step's state is written in button callbacks, before any widget is drawn, into the session keys and
their `_keep_` copies (what `restore_widgets` reads on the next page); the run then switches page.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from lmviz_app import lessons
from lmviz_app.cache import tr
from lmviz_app.state import PAGE_SETTINGS, TEXT_FOLLOWS, chosen_key
from lmviz_app.widgets.nav import PAGES

LESSON = "lesson"  # session: the key of the lesson being followed, or None
STEP = "lesson_step"  # session: the index of its current step
GOTO = "_lesson_goto"  # session: the page a callback asked to open, switched to on the same run
PICK = "lesson_pick"
NONE = "none"
ROLE_KEYS = {"causal": "causal_pick", "masked": "masked_pick"}  # url_state's model keys -> the pickers
PAGE_PATHS = {p.key: p.path for p in PAGES}


def apply_state(page: str, state: Mapping[str, object]) -> None:
    """Set session values (url_state keys) and open `page` (a ui.nav key). Call from a callback. The page's
    settings that have no default (a token, a word, a neuron chosen by hand) are cleared, so the page
    picks its own: the step looks the same whatever was clicked before it."""
    for setting in PAGE_SETTINGS[page]:
        if setting.default is None and setting.key not in state:
            st.session_state.pop(setting.key, None)
            st.session_state.pop(f"_keep_{setting.key}", None)
    for key, value in state.items():
        if key in ROLE_KEYS:
            st.session_state[chosen_key(key)] = True  # the lesson's model stays in either language
        key = ROLE_KEYS.get(key, key)
        st.session_state[key] = value
        st.session_state[f"_keep_{key}"] = value
    st.session_state.pop("nt_path", None)  # the next-token lab starts the lesson's prompt afresh
    st.session_state.pop(TEXT_FOLLOWS, None)  # the lesson's text stays in either language
    st.session_state[GOTO] = PAGE_PATHS[page]


def start(key: str) -> None:
    st.session_state[LESSON] = key
    go_to_step(0)


def go_to_step(index: int) -> None:
    step = lessons.BY_KEY[st.session_state[LESSON]].steps[index]
    st.session_state[STEP] = index
    apply_state(step.page, step.state)


def leave() -> None:
    st.session_state[LESSON] = None
    st.session_state[STEP] = 0


def _picked() -> None:
    key = st.session_state.get(PICK)
    if key in lessons.BY_KEY:
        start(key)
    else:
        leave()


def current() -> lessons.Lesson | None:
    return lessons.BY_KEY.get(st.session_state.get(LESSON) or "")


def lesson_bar() -> None:
    """The sidebar's lesson picker; the open lesson's bar at the top of the page; pending page switches."""
    lang = st.session_state.get("lang", "en")
    labels = {NONE: tr("lesson_none"), **{k: les.title[lang] for k, les in lessons.BY_KEY.items()}}
    st.session_state[PICK] = st.session_state.get(LESSON) or NONE  # before the widget: always in step
    with st.sidebar:
        st.selectbox(tr("lesson_pick"), list(labels), key=PICK, format_func=labels.get, on_change=_picked)
    goto = st.session_state.pop(GOTO, None)
    if goto:
        st.switch_page(goto)
    lesson = current()
    if lesson is None:
        return
    index = min(int(st.session_state.get(STEP, 0)), len(lesson.steps) - 1)
    step, last = lesson.steps[index], len(lesson.steps) - 1
    with st.container(border=True, key="lesson_bar"):
        text, prev, nxt, end = st.columns([7, 1.8, 1.4, 1.4], vertical_alignment="center")
        heading = tr("lesson_heading", title=lesson.title[lang], k=index + 1, n=len(lesson.steps))
        text.markdown(f"**{heading}**  \n" + step.explain[lang].replace("\n", "  \n"))
        prev.button(
            tr("lesson_prev"),
            key="lesson_prev",
            icon="⬅️",
            disabled=index == 0,
            on_click=go_to_step,
            args=(index - 1,),
            width="stretch",
        )
        nxt.button(
            tr("lesson_next"),
            key="lesson_next",
            icon="➡️",
            type="primary",
            disabled=index == last,
            on_click=go_to_step,
            args=(index + 1,),
            width="stretch",
        )
        end.button(tr("lesson_leave"), key="lesson_leave", icon="✖️", on_click=leave, width="stretch")


def lesson_buttons() -> None:
    """One "start" button per lesson, with its steps' count (for the home page)."""
    lang = st.session_state.get("lang", "en")
    for col, lesson in zip(st.columns(len(lessons.LESSONS)), lessons.LESSONS):
        col.button(
            tr("lesson_start", title=lesson.title[lang], n=len(lesson.steps)),
            key=f"lesson_start_{lesson.key}",
            icon="🎓",
            on_click=start,
            args=(lesson.key,),
            width="stretch",
        )
