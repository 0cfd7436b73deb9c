"""The sidebar every page shares: language, the causal and the masked model, the text.

Each page calls `page_setup()` first. Widget values are mirrored in plain session keys so they survive
moving between pages (Streamlit forgets a widget's state on a run where it is not drawn).
"""

from __future__ import annotations

import streamlit as st

from lmviz.kinds import Kind
from lmviz.models.registry import default_model
from lmviz_app import i18n, state
from lmviz_app.cache import (
    OTHER,
    Choices,
    available_models,
    choices,
    keep_widgets,
    model_kind,
    own_models,
    restore_widgets,
    tr,
)
from lmviz_app.i18n import KIND_SHORT, ROLE_LABELS
from lmviz_app.state import MAX_TEXT
from lmviz_app.widgets import figures, lesson_bar, share
from lmviz_app.widgets.nav import BY_KEY, PAGES
from lmviz_app.widgets.text import md

TEXT_CUT = "_text_cut"  # session: the length of a text that was cut to MAX_TEXT, for the notice
_PERSISTED = ("lang", "causal_pick", "causal_other", "masked_pick", "masked_other", "text", "presenter")


def _model_picker(role: str, kinds: tuple[str, ...]) -> None:
    infos = [m for m in available_models() if m.kind in kinds and m.available]
    names = [m.name for m in infos]
    labels = {m.name: _label(m) for m in infos}
    own = [m for m in own_models().values() if m.kind in kinds]
    names += [m.name for m in own]
    labels.update({m.name: f"{m.name} · {tr('kind_own_suffix')}" for m in own})
    labels[OTHER] = tr("other_model")
    lang = st.session_state.get(state.LANG.key, "en")
    default = default_model(kinds[0], lang)
    options = names + [OTHER]
    pick_key, other_key = f"{role}_pick", f"{role}_other"
    pick = st.session_state.get(pick_key)
    # A pick nobody made (the other language's default) follows the language: Chinese reads Chinese.
    untouched = not st.session_state.get(state.chosen_key(role)) and pick in _language_defaults(kinds[0])
    if pick not in options or (untouched and pick != default):
        st.session_state[pick_key] = default if default in names else options[0]
    pick = st.selectbox(
        tr(ROLE_LABELS[role]), options, key=pick_key, format_func=lambda n: labels.get(n, n),
        on_change=_mark_chosen, args=(role,),
    )  # fmt: skip
    if pick == OTHER:
        other = st.text_input(tr("other_model_input"), key=other_key, help=tr("other_model_help"))
        st.session_state[f"{role}_model"] = other.strip()
        kind = model_kind(other.strip()) if other.strip() else None
        if kind is not None and kind not in kinds:
            args = {"name": md(other.strip()), "kind": tr(KIND_SHORT[kind])}
            st.caption(tr("model_kind_mismatch", **args, wanted=tr(KIND_SHORT[kinds[0]])))
    else:
        st.session_state[f"{role}_model"] = pick


def _mark_chosen(role: str) -> None:
    st.session_state[state.chosen_key(role)] = True


def _language_defaults(kind: str) -> set[str]:
    return {default_model(kind, lang) for lang in i18n.LANGUAGES}


def _default_text() -> None:
    """The text box starts with the language's example; while nobody (the user, a link, a lesson) has
    given another text, the example follows the language."""
    text = st.session_state.get("text")
    examples = {i18n.t("default_text", lang) for lang in i18n.LANGUAGES}
    if text is None or (st.session_state.get(state.TEXT_FOLLOWS) and text in examples):
        st.session_state["text"] = i18n.t("default_text", st.session_state[state.LANG.key])
        st.session_state[state.TEXT_FOLLOWS] = True


def _label(info) -> str:
    kind = tr(KIND_SHORT[info.kind])
    suffix = f" · {tr('kind_tiny_suffix')}" if info.source == "tiny" else ""
    return f"{info.name} ({kind}){suffix}"


def text_box() -> None:
    """The text every page reads (the sidebar's, or presenter mode's "Text" popover)."""
    _cut_text()  # a text set by a lesson, a link or a test is held to the limit too, before the box
    st.text_area(tr("text"), key="text", height=120, on_change=_cut_text)
    if cut := st.session_state.pop(TEXT_CUT, None):
        st.warning(tr("text_cut", n=cut, max=MAX_TEXT))


def _cut_text() -> None:
    """The text box takes any paste; beyond MAX_TEXT characters it is cut, with a notice (on_change)."""
    text = st.session_state.get("text") or ""
    if len(text) > MAX_TEXT:
        st.session_state["text"] = text[:MAX_TEXT]
        st.session_state[TEXT_CUT] = len(text)


def _never_empty() -> None:
    # Clicking the active choice of a segmented control again clears it: keep a language.
    if not st.session_state.get("lang"):
        st.session_state["lang"] = st.session_state.get("_keep_lang") or "en"


def page_setup(page: str) -> Choices:
    """Draw the shared sidebar and return what it says. The page's settings (lmviz_app.state) get their
    values back from the last time the page was drawn; call `page_done(page)` once its widgets are drawn.
    The view (sidebar and the page's shared settings) is written into the URL so it can be shared."""
    st.set_page_config(layout="wide")  # per page too: a page run otherwise falls back to "centered"
    settings = state.PAGE_SETTINGS[page]
    share.load_url_once()
    figures.start_page()
    restore_widgets(_PERSISTED + state.keys(settings))
    with st.sidebar:
        for entry in PAGES:
            st.page_link(entry.path, label=tr(entry.nav), icon=entry.icon)
        st.divider()
        st.segmented_control(
            tr(state.LANG.label),
            list(i18n.LANGUAGES),
            key=state.LANG.key,
            format_func=lambda code: i18n.LANGUAGES[code],
            selection_mode="single",
            on_change=_never_empty,
        )
        _model_picker("causal", (Kind.CAUSAL,))
        _model_picker("masked", (Kind.MASKED, Kind.ENCODER))
        _default_text()
        if not st.session_state.get("presenter"):  # presenter mode hides the sidebar: the box moves up
            text_box()
        share.presenter_toggle()
    keep_widgets(_PERSISTED)
    params = share.save_to_url(tuple(s.key for s in settings if s.url))
    with st.sidebar:
        share.share_link(params)
        figures.save_view_button()
    share.presenter_mode(text_box)
    share.show_problems()
    lesson_bar.lesson_bar()
    return choices()


def page_done(page: str) -> None:
    """Remember the page's settings for the next time it is drawn (after its widgets)."""
    keep_widgets(state.keys(state.PAGE_SETTINGS[page]))


def page_intro(page: str) -> None:
    """A page's title, one-line introduction and "what am I looking at" expander (keys in widgets.nav)."""
    entry = BY_KEY[page]
    st.title(tr(entry.title))
    st.caption(tr(entry.intro))
    with st.expander(tr(entry.explain_heading)):
        st.markdown(tr(entry.explain))
