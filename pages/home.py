"""Home: the concept map, softmax, lessons, the FAQ with live examples, one-click demos, models, tokens."""

import streamlit as st

from lmviz.st_bridge import tr
from ui import home_faq, home_panel, lessons
from ui.sidebar import page_setup

c = page_setup()
st.title(tr("app_title"))
st.write(tr("home_intro"))

home_panel.concept_map()
home_panel.softmax_formula()
st.subheader(tr("lessons_heading"))
st.caption(tr("lessons_intro"))
lessons.lesson_buttons()
loaded = home_panel.loaded_models(c)
home_faq.faq(loaded)
home_faq.applications(loaded)
home_panel.page_list()
home_panel.models_table(loaded)
home_panel.token_chips(c.text, loaded)
home_panel.all_models()
