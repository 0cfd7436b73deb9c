"""The URL as the view's state (read once per session, written on every run), the share link, and
presenter mode (large type, no sidebar, high-contrast figures)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from lmviz.kinds import Kind
from lmviz_app import state as S
from lmviz_app import url_state
from lmviz_app.cache import OTHER, available_models, tr
from lmviz_app.i18n import KIND_SHORT, ROLE_LABELS
from lmviz_app.widgets.nav import PAGES
from lmviz_app.widgets.text import md

LOADED = "_url_loaded"
PROBLEMS = "_url_problems"
ROLE_KINDS = {"causal": (Kind.CAUSAL,), "masked": (Kind.MASKED, Kind.ENCODER)}
MAX_PROBLEMS = 10
PRESENTER_CSS = """
<style>
html { font-size: 22px; }
section[data-testid="stSidebar"], div[data-testid="stSidebarCollapsedControl"] { display: none; }
[data-testid="stMain"] .block-container { padding-top: 1.5rem; max-width: 100%; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] label { font-size: 1.15rem; }
[data-testid="stMain"] code { font-size: 1.1rem; }
</style>
"""


def load_url_once() -> None:
    """On a session's first run, take the view from the URL; unknown or bad parameters get a notice."""
    if st.session_state.get(LOADED):
        return
    st.session_state[LOADED] = True
    parsed = url_state.parse(st.query_params.to_dict())
    problems = list(parsed.problems)
    for key, value in parsed.values.items():
        if key in ROLE_KINDS:
            problems += _set_model(key, value)
        else:
            st.session_state[key] = value
            st.session_state[f"_keep_{key}"] = value
    if "lang" not in st.session_state:
        locale = (st.context.locale or "").lower()
        st.session_state["lang"] = "zh" if locale.startswith("zh") else "en"
    if problems:
        st.session_state[PROBLEMS] = problems


def _set_model(role: str, name: str) -> list[url_state.Problem]:
    known = {m.name: m for m in available_models() if m.available}
    info = known.get(name)
    if info is None:
        return [url_state.Problem("unavailable", role, name)]
    if info.kind not in ROLE_KINDS[role]:
        return [url_state.Problem("wrong_kind", role, name, info.kind)]
    st.session_state[f"{role}_pick"] = st.session_state[f"_keep_{role}_pick"] = name
    st.session_state[S.chosen_key(role)] = True
    return []


def problem_text(problem: url_state.Problem) -> str:
    """One ignored parameter, in the page's language; what came from the link is escaped."""
    name, value = md(url_state.short(problem.name)), md(url_state.short(problem.value))
    if problem.kind == "unknown":
        return tr("url_unknown", name=name)
    if problem.kind == "unavailable":
        return f"{name}={value}: " + tr("url_model_unavailable")
    if problem.kind == "wrong_kind":
        role = tr(ROLE_LABELS[problem.name])
        return f"{name}={value}: " + tr("url_model_kind", kind=tr(KIND_SHORT[problem.detail]), role=role)
    return tr("url_invalid", name=name, value=value)


def show_problems() -> None:
    """The link's ignored parameters, at most MAX_PROBLEMS of them named (a link can hold hundreds)."""
    problems = st.session_state.pop(PROBLEMS, None)
    if not problems:
        return
    listed = [problem_text(p) for p in problems[:MAX_PROBLEMS]]
    if len(problems) > MAX_PROBLEMS:
        listed.append(tr("url_more", n=len(problems) - MAX_PROBLEMS))
    st.warning(tr("url_problems", problems=tr("list_separator").join(listed)))


def save_to_url(keys: tuple[str, ...]) -> dict[str, str]:
    """Write the shared values (the sidebar's + this page's `keys`) into the URL; returns the parameters."""
    s = st.session_state
    sidebar = (S.LANG.key, S.TEXT.key, S.PRESENTER.key)
    values = {k: s[k] for k in (*sidebar, *keys) if k in s}
    for role in ROLE_KINDS:
        pick = s.get(f"{role}_pick")
        if pick and pick != OTHER and not str(pick).startswith(("fine-tuned:", "from scratch:")):
            values[role] = pick  # a model trained in this session exists nowhere else: not shared
    if not values.get(S.PRESENTER.key):
        values.pop(S.PRESENTER.key, None)
    params = url_state.encode(values)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    return params


def share_link(params: dict[str, str]) -> None:
    """A popover with the link to this exact view, with a copy button."""
    url = urlsplit(st.context.url or "http://localhost:8501/")
    page = current_page_url()
    link = f"{url.scheme}://{url.netloc}/{page}" + (f"?{urlencode(params)}" if params else "")
    with st.popover(tr("share"), icon="🔗", use_container_width=True):
        st.caption(tr("share_help"))
        st.code(link, language=None, wrap_lines=True)


def current_page_url() -> str:
    """The URL path of the page this run draws ("" for home). A deep link's first run executes the page
    file without the router, so this asks Streamlit's page manager rather than app.py."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return ""
    url = ctx.pages_manager.get_pages().get(ctx.page_script_hash, {}).get("url_pathname", "")
    return "" if url in ("", PAGES[0].url) else url


def presenter_toggle() -> None:
    st.toggle(tr("presenter"), key="presenter", help=tr("presenter_help"))


def presenter_mode(text_box: Callable[[], None]) -> bool:
    """Apply presenter mode's look when it is on: the pages along the top (the sidebar is hidden), a
    "Text" popover with the text box, and a button that turns presenter mode off again."""
    if not st.session_state.get("presenter"):
        return False
    st.html(PRESENTER_CSS)
    with st.container(horizontal=True, wrap=True, vertical_alignment="center", key="presenter_bar"):
        for page in PAGES:
            st.page_link(page.path, label=tr(page.nav), icon=page.icon)
        with st.popover(tr("text"), icon="✏️"):
            text_box()
        st.button(tr("presenter_exit"), key="presenter_exit", on_click=_presenter_off, icon="✖️")
    return True


def _presenter_off() -> None:
    st.session_state["presenter"] = False
    st.session_state["_keep_presenter"] = False
