"""lmviz entry point: the router. Run with `make run`."""

import streamlit as st
from transformers.utils import logging as hf_logging

from lmviz.st_bridge import tr

hf_logging.set_verbosity_error()
hf_logging.disable_progress_bar()
st.set_page_config(page_title="lmviz", page_icon="🔍", layout="wide")

# Each page draws the shared sidebar itself (lmviz.sidebar.page_setup), so its state is kept per page run.
pages = [st.Page("pages/home.py", title=tr("nav_home"), icon="🏠", default=True, url_path="home")]
st.navigation(pages).run()
