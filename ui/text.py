"""User text shown inside Streamlit markdown: escaped, so it reads as text and never as markup.

Streamlit escapes raw HTML in markdown but still renders markdown itself: a sentence holding
`![x](http://host/a.png)` would load an image from outside. Everything a user typed goes through here.
"""

from __future__ import annotations

import html
import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
_ENTITY = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|~$"}


def md(text: str) -> str:
    """`text` for st.markdown/st.caption/labels: every markdown-significant character backslash-escaped."""
    return _MARKDOWN.sub(r"\\\1", text)


def html_text(text: str) -> str:
    """`text` inside HTML given to st.markdown(unsafe_allow_html=True): HTML-escaped, and the characters
    markdown would still act on turned into numeric entities."""
    return "".join(_ENTITY.get(c, c) for c in html.escape(text, quote=True))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def visible(text: str) -> str:
    """Generated text for st.text: control characters (a half-trained model writes stray bytes) as �."""
    return _CONTROL.sub("\ufffd", text)
