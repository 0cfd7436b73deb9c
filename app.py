"""lmviz entry point: the router. Run with `make run`."""

import streamlit as st
from transformers.utils import logging as hf_logging

from lmviz_app.cache import tr
from lmviz_app.widgets.nav import PAGES

hf_logging.set_verbosity_error()
hf_logging.disable_progress_bar()
st.set_page_config(page_title="lmviz", page_icon="🔍", layout="wide")

# Each page draws the shared sidebar, with the links to every page, itself (ui.sidebar.page_setup):
# Streamlit's own menu is off (.streamlit/config.toml) because it shows the pages/ file names on a
# deep link before this router has run.


pages = [
    st.Page(p.path, title=tr(p.nav), icon=p.icon, url_path=p.url, default=i == 0) for i, p in enumerate(PAGES)
]
st.navigation(pages, position="hidden").run()
