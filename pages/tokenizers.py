"""Tokenizer playground: the text through GPT-2's, BERT's and the sidebar's tokenizers; a BPE trained here."""

import streamlit as st

from lmviz_app.cache import tr
from lmviz_app.panels.tokenizers import draw_bpe, draw_comparison
from lmviz_app.widgets.sidebar import page_done, page_intro, page_setup

c = page_setup("tokenizers")
page_intro("tokenizers")
if not c.text.strip():
    st.info(tr("empty_text"))
else:
    draw_comparison(c.text, [c.causal, c.masked])
draw_bpe(c.text)
page_done("tokenizers")
