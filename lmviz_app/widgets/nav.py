"""The pages of the app, in menu order: the router builds st.Page objects from this, the sidebar links.

Every string key a page's frame shows is written here, once (no key is built from a page name).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    path: str  # script, relative to the repository root
    key: str  # the page's name in lmviz_app.state.PAGE_SETTINGS and in lessons
    icon: str
    url: str  # the file's stem: a deep link is first resolved against pages/ before the router runs
    nav: str  # i18n key: the menu title
    desc: str  # i18n key: what the page shows (the home page's list)
    title: str  # i18n key: the page's title
    intro: str = ""  # i18n keys of the one-line introduction and the "what am I looking at" expander
    explain_heading: str = ""
    explain: str = ""


PAGES = (
    PageEntry("pages/home.py", "home", "🏠", "home", "nav_home", "page_home_desc", "app_title"),
    PageEntry(
        "pages/attention.py", "attention", "🔭", "attention", "nav_attention", "page_attention_desc",
        "att_title", "att_intro", "att_explain_heading", "att_explain",
    ),
    PageEntry(
        "pages/inside.py", "inside", "🧩", "inside", "nav_inside", "page_inside_desc",
        "in_title", "in_intro", "in_explain_heading", "in_explain",
    ),
    PageEntry(
        "pages/why.py", "why", "🔍", "why", "nav_why", "page_why_desc",
        "why_title", "why_intro", "why_explain_heading", "why_explain",
    ),
    PageEntry(
        "pages/next_token.py", "next_token", "🎲", "next_token", "nav_next_token", "page_next_token_desc",
        "nt_title", "nt_intro", "nt_explain_heading", "nt_explain",
    ),
    PageEntry(
        "pages/tokenizers.py", "tokenizers", "🔤", "tokenizers", "nav_tokenizers", "page_tokenizers_desc",
        "tk_title", "tk_intro", "tk_explain_heading", "tk_explain",
    ),
    PageEntry(
        "pages/compare.py", "compare", "⚖️", "compare", "nav_compare", "page_compare_desc",
        "cmp_title", "cmp_intro", "cmp_explain_heading", "cmp_explain",
    ),
    PageEntry(
        "pages/train.py", "train", "🏋️", "train", "nav_train", "page_train_desc",
        "tr_title", "tr_intro", "tr_explain_heading", "tr_explain",
    ),
)  # fmt: skip
BY_KEY = {p.key: p for p in PAGES}
