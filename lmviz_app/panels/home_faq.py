"""The home page's FAQ, each answer with a live example from the loaded models, and the one-click demos."""

from __future__ import annotations

import streamlit as st

from lmviz.analysis.compare import Candidate
from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz.models.facts import model_facts
from lmviz.models.loading import LoadedModel
from lmviz_app import concepts
from lmviz_app import state as S
from lmviz_app.cache import get_blanks, get_model, tr, tr_core
from lmviz_app.panels.home import page_link
from lmviz_app.widgets import lesson_bar as lessons
from lmviz_app.widgets.nav import BY_KEY
from lmviz_app.widgets.text import md

DEMO = "_home_demo_{}"  # session: this demo's button was clicked
# Generation, understanding (fill-mask), dialogue: (kind, the page that explores it, its view)
DEMOS = (
    ("gen", "next_token", {S.NT_CHAT.key: False, S.NT_PANEL.key: "next"}),
    ("fill", "compare", {S.CMP_PRESET.key: S.OWN_TEXT}),
    ("chat", "next_token", {S.NT_CHAT.key: True, S.NT_PANEL.key: "next"}),
)
DEMO_TEXT = {  # kind -> i18n keys of its title, description, and what its English input means
    "gen": ("app_gen", "app_gen_desc", "gloss_gen"),
    "fill": ("app_fill", "app_fill_desc", "gloss_fill"),
    "chat": ("app_chat", "app_chat_desc", "gloss_chat"),
}


def gloss(key: str, examples: concepts.Examples) -> None:
    """In the Chinese interface, what an English example sentence means."""
    if examples.glossed and st.session_state.get("lang") == "zh":
        st.caption(tr(key))


def demo_input(kind: str, examples: concepts.Examples) -> str:
    return {"gen": examples.generation, "fill": examples.fill, "chat": examples.dialogue}[kind]


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _continuation(model_name: str, prompt: str) -> str:
    return concepts.continue_text(get_model(model_name), prompt)


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _reply(model_name: str, question: str) -> str:
    return concepts.chat_reply(get_model(model_name), question)


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _fill(model_name: str, text: str) -> tuple[Candidate, ...]:
    return concepts.fill_in(get_model(model_name), text)


def percent(p: float) -> str:
    """A probability as a percentage that stays readable when tiny (a random test model's 0.003%)."""
    return f"{p:.1%}" if p >= 0.001 else f"{p:.2g}"


def _candidates(top, k: int = 5) -> None:
    """A top-k table (st.table: readable in the browser and by tests)."""
    st.table(
        {
            tr("col_token"): [c.text.replace(" ", "␣") for c in top[:k]],
            tr("col_prob"): [percent(c.prob) for c in top[:k]],
        }
    )


def faq(loaded: dict[str, LoadedModel]) -> None:
    st.subheader(tr("faq_heading"))
    causal, masked = loaded.get("causal_model"), loaded.get("masked_model")
    with st.expander(tr("faq_size_q"), expanded=True):
        st.markdown(tr("faq_size_a"))
        facts = [model_facts(m) for m in loaded.values()]
        if facts:
            st.table(
                {
                    tr("col_model"): [f.name for f in facts],
                    tr("col_params"): [f"{f.params:,}" for f in facts],
                    tr("col_shape"): [f"{f.layers} × {f.heads}" for f in facts],
                    tr("col_hidden"): [f.hidden for f in facts],
                    tr("col_vocab"): [f"{f.vocab:,}" for f in facts],
                }
            )
            biggest = max(facts, key=lambda f: f.params)
            refs = "; ".join(
                f"{name}: {size / 1e6:,.0f}M ≈ {size / biggest.params:,.1f} × {biggest.name}"
                for name, size in concepts.REFERENCE_SIZES
            )
            st.caption(tr("faq_size_scale", refs=md(refs)))
    with st.expander(tr("faq_arae_q"), expanded=True):
        st.markdown(tr("faq_arae_a"))
        _faq_both_ways(causal, masked)
    with st.expander(tr("faq_transformer_q"), expanded=True):
        st.markdown(tr("faq_transformer_a"))
        for model in loaded.values():
            f = model_facts(model)
            st.markdown(
                "- "
                + tr(
                    "faq_transformer_live",
                    name=md(f.name),
                    layers=f.layers,
                    heads=f.heads,
                    maps=f.attention_maps,
                    hidden=f.hidden,
                )
            )
        page_link("attention", tr("faq_transformer_link"))


def _faq_both_ways(causal: LoadedModel | None, masked: LoadedModel | None) -> None:
    if causal is None or masked is None or causal.kind != Kind.CAUSAL or masked.kind != Kind.MASKED:
        st.info(tr("cmp_need_models"))
        return
    examples = concepts.examples([causal, masked])
    st.markdown(tr("faq_arae_sentence", sentence=md(examples.blank)))
    gloss("gloss_faq_blank", examples)
    try:
        first, fills = get_blanks(causal.name, masked.name, examples.blank)
    except LmvizError as exc:
        st.error(tr_core(exc))
        return
    left, right = st.columns(2)
    with left:
        if examples.blank.split("___")[0].strip():
            st.markdown(tr("faq_arae_causal", name=md(causal.name)))
        else:  # the blank comes first
            st.markdown(tr("faq_arae_causal_nothing", name=md(causal.name)))
        _candidates(first.top)
    with right:
        st.markdown(tr("faq_arae_masked", name=md(masked.name)))
        _candidates(fills[0].top)
    page_link("compare", tr("faq_arae_link"))


def _clicked(kind: str) -> None:
    st.session_state[DEMO.format(kind)] = True


def applications(loaded: dict[str, LoadedModel]) -> None:
    """Generation, understanding (fill-mask) and dialogue: each a button that runs a small demo here."""
    st.subheader(tr("apps_heading"))
    causal, masked = loaded.get("causal_model"), loaded.get("masked_model")
    examples = concepts.examples(list(loaded.values()))
    for col, (kind, page, view) in zip(st.columns(len(DEMOS)), DEMOS):
        text = demo_input(kind, examples)
        with col.container(border=True, key=f"app_{kind}"):
            st.markdown(f"**{tr(DEMO_TEXT[kind][0])}**")
            st.caption(tr(DEMO_TEXT[kind][1]))
            if examples.glossed:
                st.markdown(tr("app_input", text=md(text)))
            else:
                st.markdown(tr("app_input_plain", text=md(text)))
            gloss(DEMO_TEXT[kind][2], examples)
            st.button(tr("app_run"), key=f"app_{kind}_run", icon="▶️", on_click=_clicked, args=(kind,))
            if st.session_state.get(DEMO.format(kind)):
                _demo_result(kind, text, causal, masked)
            st.button(
                tr("app_open", page=tr(BY_KEY[page].nav)),
                key=f"app_{kind}_open",
                on_click=lessons.apply_state,
                args=(page, {"text": text, **view}),
            )


def _demo_result(kind: str, text: str, causal: LoadedModel | None, masked: LoadedModel | None) -> None:
    try:
        if kind == "fill":
            if masked is None or masked.kind != Kind.MASKED:
                st.info(tr("app_need_masked"))
                return
            _candidates(_fill(masked.name, text))
            return
        if causal is None or causal.kind != Kind.CAUSAL:
            st.info(tr("nt_no_causal"))
        elif kind == "chat" and not concepts.has_chat_template(causal):
            st.info(tr("app_need_chat", name=md(causal.name)))
        else:
            with st.spinner(tr("app_running")):
                out = _continuation(causal.name, text) if kind == "gen" else _reply(causal.name, text)
            st.success(md(out) if kind == "chat" else f"…{md(out)}", icon="💬" if kind == "chat" else "✍️")
    except LmvizError as exc:
        st.error(tr_core(exc))
