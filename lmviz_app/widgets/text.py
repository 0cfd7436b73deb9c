"""User text shown inside Streamlit markdown: escaped, so it reads as text and never as markup.

Streamlit escapes raw HTML in markdown but still renders markdown itself: a sentence holding
`![x](http://host/a.png)` would load an image from outside. Everything a user typed goes through here.
"""

from __future__ import annotations

import html
import re

from lmviz.text.tokens import escape_hidden

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
_ENTITY = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|~$"}


def md(text: str) -> str:
    """`text` for st.markdown/st.caption/labels: every markdown-significant character backslash-escaped,
    hidden and bidirectional control characters written out (⟨U+202E⟩)."""
    return _MARKDOWN.sub(r"\\\1", escape_hidden(text))


def html_text(text: str) -> str:
    """`text` inside HTML given to st.markdown(unsafe_allow_html=True): HTML-escaped, and the characters
    markdown would still act on turned into numeric entities."""
    return "".join(_ENTITY.get(c) or html.escape(c, quote=True) for c in escape_hidden(text))


def visible(text: str) -> str:
    """Generated text for st.text: control and bidirectional characters (a half-trained model writes stray
    bytes) written out as ⟨U+XXXX⟩, newlines kept."""
    return escape_hidden(text)


def distinct(labels: list[str]) -> list[str]:
    """Labels for a widget that tells its options apart by label (st.pills, st.segmented_control send the
    label back, not the option): each repeat gets one more zero-width space, so "a" and "a" stay two
    choices that look the same."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        out.append(label + "\u200b" * seen.get(label, 0))
        seen[label] = seen.get(label, 0) + 1
    return out
