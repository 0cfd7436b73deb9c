"""Home: what lmviz shows, the models in use and their device, and the text as each model reads it."""

import streamlit as st

from lmviz.st_bridge import available_models, inspection_or_error, model_or_error, tr
from ui.nav import PAGES
from ui.sidebar import page_setup
from ui.text import html_text, md

c = page_setup()
st.title(tr("app_title"))
st.write(tr("home_intro"))

st.subheader(tr("pages_heading"))
for page in PAGES:
    st.page_link(
        page.path, label=f"**{tr(f'nav_{page.key}')}**: {tr(f'page_{page.key}_desc')}", icon=page.icon
    )

st.subheader(tr("models_heading"))
rows = []
loaded = {}
for role, name in (("causal_model", c.causal), ("masked_model", c.masked)):
    model = model_or_error(name) if name else None
    if model is None:
        continue
    loaded[role] = model
    n_params = sum(p.numel() for p in model.model.parameters())
    rows.append(
        {
            tr("col_role"): tr(role),
            tr("col_model"): model.name,
            tr("col_kind"): tr(f"kind_{model.kind}"),
            tr("col_shape"): f"{model.n_layers} × {model.n_heads}",
            tr("col_params"): f"{n_params / 1e6:.1f}M",
            tr("col_device"): str(model.device),
            tr("col_dtype"): str(model.dtype).replace("torch.", ""),
        }
    )
if rows:
    st.dataframe(rows, hide_index=True)

st.subheader(tr("tokens_heading"))
if not c.text.strip():
    st.info(tr("empty_text"))
for model in loaded.values():
    result = inspection_or_error(model.name, c.text) if c.text.strip() else None
    if result is None:
        continue
    st.markdown(f"**{md(model.name)}**")
    if result.notice:
        st.warning(result.notice)
    chips = " ".join(
        f'<code style="margin:2px">{html_text(tok.replace(" ", "␣"))}</code>' for tok in result.tokens
    )
    st.markdown(chips, unsafe_allow_html=True)
    st.caption(tr("tokens_caption", n=result.n_tokens))

with st.expander(tr("available_heading")):
    for info in available_models():
        status = "" if info.available else f" — {tr('unavailable', reason=info.reason)}"
        st.markdown(f"- **{info.name}** ({tr(f'kind_{info.kind}')}): {info.description}{status}")
