"""The sidebar every page shares: language, the causal and the masked model, the text.

Each page calls `page_setup()` first. Widget values are mirrored in plain session keys so they survive
moving between pages (Streamlit forgets a widget's state on a run where it is not drawn).
"""

from __future__ import annotations

import streamlit as st

from lmviz.models.registry import default_model
from lmviz_app import i18n
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
from lmviz_app.url_state import MAX_TEXT
from lmviz_app.widgets import figures, share
from lmviz_app.widgets import lesson_bar as lessons
from lmviz_app.widgets.nav import PAGES
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
    default = default_model(kinds[0])
    options = names + [OTHER]
    pick_key, other_key = f"{role}_pick", f"{role}_other"
    if st.session_state.get(pick_key) not in options:
        st.session_state[pick_key] = default if default in names else options[0]
    pick = st.selectbox(tr(f"{role}_model"), options, key=pick_key, format_func=lambda n: labels.get(n, n))
    if pick == OTHER:
        other = st.text_input(tr("other_model_input"), key=other_key, help=tr("other_model_help"))
        st.session_state[f"{role}_model"] = other.strip()
        kind = model_kind(other.strip()) if other.strip() else None
        if kind is not None and kind not in kinds:
            args = {"name": md(other.strip()), "kind": tr(f"kind_short_{kind}")}
            st.caption(tr("model_kind_mismatch", **args, wanted=tr(f"kind_short_{kinds[0]}")))
    else:
        st.session_state[f"{role}_model"] = pick


def _label(info) -> str:
    kind = tr(f"kind_short_{info.kind}")
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


def page_setup(page_widgets: tuple[str, ...] = (), url_keys: tuple[str, ...] = ()) -> Choices:
    """Draw the shared sidebar and return what it says; `page_widgets` (the page's own widget keys) get
    their values back from the last time the page was drawn. Call `keep_widgets` with them at the end.
    The view (sidebar, page widgets and `url_keys`) is written into the URL so it can be shared."""
    st.set_page_config(layout="wide")  # per page too: a page run otherwise falls back to "centered"
    share.load_url_once()
    figures.start_page()
    restore_widgets(_PERSISTED + page_widgets)
    with st.sidebar:
        for page in PAGES:
            st.page_link(page.path, label=tr(f"nav_{page.key}"), icon=page.icon)
        st.divider()
        st.segmented_control(
            tr("language"),
            list(i18n.LANGUAGES),
            key="lang",
            format_func=lambda code: i18n.LANGUAGES[code],
            selection_mode="single",
            on_change=_never_empty,
        )
        _model_picker("causal", ("causal",))
        _model_picker("masked", ("masked", "encoder"))
        st.session_state.setdefault("text", i18n.t("default_text", st.session_state["lang"]))
        if not st.session_state.get("presenter"):  # presenter mode hides the sidebar: the box moves up
            text_box()
        share.presenter_toggle()
    keep_widgets(_PERSISTED)
    params = share.save_to_url(page_widgets + url_keys)
    with st.sidebar:
        share.share_link(params)
        figures.save_view_button()
    share.presenter_mode(text_box)
    share.show_problems()
    lessons.lesson_bar()
    return choices()


def page_intro(prefix: str) -> None:
    """A page's title, one-line introduction and "what am I looking at" expander, from the strings table
    (<prefix>_title, <prefix>_intro, <prefix>_explain_heading, <prefix>_explain)."""
    st.title(tr(f"{prefix}_title"))
    st.caption(tr(f"{prefix}_intro"))
    with st.expander(tr(f"{prefix}_explain_heading")):
        st.markdown(tr(f"{prefix}_explain"))
