"""The pages of the app, in menu order: the router builds st.Page objects from this, the sidebar links."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    path: str  # script, relative to the repository root
    key: str  # i18n keys: nav_<key> (menu title) and page_<key>_desc (what the page shows)
    icon: str
    url: str  # the file's stem: a deep link is first resolved against pages/ before the router runs


PAGES = (
    PageEntry("pages/home.py", "home", "🏠", "home"),
    PageEntry("pages/attention.py", "attention", "🔭", "attention"),
    PageEntry("pages/next_token.py", "next_token", "🎲", "next_token"),
    PageEntry("pages/compare.py", "compare", "⚖️", "compare"),
    PageEntry("pages/train.py", "train", "🏋️", "train"),
)
