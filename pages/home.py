"""Home: the concept map, softmax, lessons, the FAQ with live examples, one-click demos, models, tokens."""

import streamlit as st

from lmviz_app.cache import tr
from lmviz_app.panels import home as home_panel
from lmviz_app.panels import home_faq
from lmviz_app.widgets import lesson_bar as lessons
from lmviz_app.widgets.sidebar import page_setup

c = page_setup("home")
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
