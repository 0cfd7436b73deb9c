"""Widgets drawn from a `Setting` (lmviz_app.state): its key, label, help, choices, range and default come
from the one declaration, so no page writes them again."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import streamlit as st

from lmviz_app.cache import tr
from lmviz_app.state import Setting
from lmviz_app.widgets.text import md


def _common(s: Setting) -> dict:
    out = {"key": s.key}
    if s.help:
        out["help"] = tr(s.help)
    return out


def _labels(s: Setting) -> Callable[[object], str]:
    return lambda value: tr(s.option_label(value))


def selectbox(s: Setting, where=st, options: Sequence | None = None, format_func=None, **kw):
    options = list(s.choices if options is None else options)
    format_func = format_func or (_labels(s) if s.option_labels else str)
    return where.selectbox(tr(s.label), options, format_func=format_func, **_common(s), **kw)


def radio(s: Setting, where=st, **kw):
    fmt = _labels(s) if s.option_labels else str
    return where.radio(tr(s.label), list(s.choices), format_func=fmt, horizontal=True, **_common(s), **kw)


def segmented(s: Setting, where=st, label: str | None = None, **kw):
    """A segmented control that never comes back empty (clicking the active choice clears it): the
    setting's default then."""
    fmt = _labels(s) if s.option_labels else str
    text = tr(s.label) if label is None else label
    options = list(s.choices)
    chosen = where.segmented_control(text, options, format_func=fmt, default=s.default, **_common(s), **kw)
    return s.default if chosen is None else chosen


def slider(s: Setting, where=st, high: float | None = None, **kw):
    high = s.high if high is None else high
    default = min(s.default, high) if s.default is not None else s.low
    return where.slider(tr(s.label), s.low, high, default, s.step, **_common(s), **kw)


def int_slider(s: Setting, where=st, high: int | None = None, **kw) -> int:
    """An integer slider whose top follows the model (fewer layers than last time: the value follows)."""
    high = int(s.high if high is None else high)
    if st.session_state.get(s.key, 0) > high:
        st.session_state[s.key] = high
    return where.slider(tr(s.label), int(s.low), high, key=s.key, **kw)


def number(s: Setting, where=st, high: float | None = None, **kw):
    high = s.high if high is None else high
    default = s.default if high is None else min(s.default, high)
    return where.number_input(tr(s.label), s.low, high, default, **_common(s), **kw)


def toggle(s: Setting, where=st, **kw) -> bool:
    return bool(where.toggle(tr(s.label), **_common(s), **kw))


def select_slider(s: Setting, where=st, options: Sequence | None = None, **kw):
    options = list(s.choices if options is None else options)
    default = s.default if s.default in options else options[0]
    return where.select_slider(tr(s.label), options, default, **_common(s), **kw)


def preset_or_own(
    choice: Setting, own: str, presets: Mapping[str, Sequence[str]], boxes: Sequence[Setting], max_chars: int
) -> tuple[str, ...]:
    """A preset list whose last entry (`own`) opens one text box per setting in `boxes`: the preset's
    prompts are shown (escaped) under the boxes' labels, and the boxes start from the first preset's."""
    key = selectbox(choice)
    cols = st.columns(len(boxes))
    if key != own:
        texts = tuple(presets[key])
        for col, box, text in zip(cols, boxes, texts):
            col.markdown(f"{tr(box.label)} · {md(text)}")
        return texts
    first = next(iter(presets.values()))
    for box, default, col in zip(boxes, first, cols):
        st.session_state.setdefault(box.key, default)
        col.text_input(tr(box.label), key=box.key, max_chars=max_chars)
    return tuple(st.session_state[box.key] for box in boxes)
