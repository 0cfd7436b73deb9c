"""The home page's sections: the concept map, the softmax formula, the pages, the models and their tokens."""

from __future__ import annotations

import streamlit as st

from lmviz.models.facts import model_facts
from lmviz.models.loading import LoadedModel
from lmviz_app.cache import Choices, available_models, inspection_or_error, model_or_error, tr, tr_core
from lmviz_app.i18n import KIND_LABEL
from lmviz_app.widgets.nav import BY_KEY, PAGES
from lmviz_app.widgets.text import html_text, md

# The seed's concept map, in teaching order: (i18n stem, the page that shows it).
# The seed's concept map, in teaching order: (node key, its i18n title and description, the page showing it)
CONCEPTS = (
    ("pretrain", "concept_pretrain", "concept_pretrain_desc", "train"),
    ("arae", "concept_arae", "concept_arae_desc", "compare"),
    ("transformer", "concept_transformer", "concept_transformer_desc", "inside"),
)
SOFTMAX = r"P(x_{t+1}=w \mid x_1,\dots,x_t) = \frac{\exp(z_w/T)}{\sum_{v \in V} \exp(z_v/T)}"


def page_link(page: str, label: str | None = None) -> None:
    entry = BY_KEY[page]
    st.page_link(entry.path, label=label or tr("concept_open", page=tr(entry.nav)), icon=entry.icon)


def concept_map() -> None:
    """Three bordered nodes joined by arrows; each node links to the page that shows it."""
    st.subheader(tr("concepts_heading"))
    st.caption(tr("concepts_intro"))
    widths = [4, 0.5] * (len(CONCEPTS) - 1) + [4]
    cols = st.columns(widths, vertical_alignment="center")
    for i, (stem, title, desc, page) in enumerate(CONCEPTS):
        if i:
            cols[2 * i - 1].markdown(
                "<div style='text-align:center;font-size:2rem'>→</div>", unsafe_allow_html=True
            )
        with cols[2 * i].container(border=True, key=f"concept_{stem}"):
            st.markdown(f"**{i + 1} · {tr(title)}**")
            st.caption(tr(desc))
            page_link(page)


def softmax_formula() -> None:
    st.subheader(tr("softmax_heading"))
    st.latex(SOFTMAX)
    st.markdown(tr("softmax_explain"))
    page_link("next_token", tr("softmax_link"))


def page_list() -> None:
    st.subheader(tr("pages_heading"))
    for page in PAGES:  # a page link's label does not wrap: the description goes beside it, in a column
        link, desc = st.columns([1, 4], vertical_alignment="center")
        link.page_link(page.path, label=f"**{tr(page.nav)}**", icon=page.icon)
        desc.markdown(tr(page.desc))


def loaded_models(c: Choices) -> dict[str, LoadedModel]:
    """The sidebar's models that load ("causal_model"/"masked_model" -> model); errors are shown."""
    loaded = {}
    for role, name in (("causal_model", c.causal), ("masked_model", c.masked)):
        model = model_or_error(name) if name else None
        if model is not None:
            loaded[role] = model
    return loaded


def models_table(loaded: dict[str, LoadedModel]) -> None:
    st.subheader(tr("models_heading"))
    rows = []
    for role, model in loaded.items():
        facts = model_facts(model)
        rows.append(
            {
                tr("col_role"): tr(role),
                tr("col_model"): model.name,
                tr("col_kind"): tr(KIND_LABEL[model.kind]),
                tr("col_shape"): f"{facts.layers} × {facts.heads}",
                tr("col_params"): f"{facts.params / 1e6:.1f}M",
                tr("col_device"): str(model.device),
                tr("col_dtype"): str(model.dtype).replace("torch.", ""),
            }
        )
    if rows:
        st.dataframe(rows, hide_index=True)


def token_chips(text: str, loaded: dict[str, LoadedModel]) -> None:
    st.subheader(tr("tokens_heading"))
    if not text.strip():
        st.info(tr("empty_text"))
        return
    for model in loaded.values():
        result = inspection_or_error(model.name, text)
        if result is None:
            continue
        st.markdown(f"**{md(model.name)}**")
        if result.notice:
            st.warning(tr_core(result.notice))
        chips = " ".join(
            f'<code style="margin:2px">{html_text(tok.replace(" ", "␣"))}</code>' for tok in result.tokens
        )
        st.markdown(chips, unsafe_allow_html=True)
        st.caption(tr("tokens_caption", n=result.n_tokens))


def all_models() -> None:
    with st.expander(tr("available_heading")):
        for info in available_models():
            status = "" if info.available else f" — {tr('unavailable', reason=tr_core(info.reason))}"
            desc = tr_core(info.description)
            st.markdown(f"- **{md(info.name)}** ({tr(KIND_LABEL[info.kind])}): {desc}{status}")
