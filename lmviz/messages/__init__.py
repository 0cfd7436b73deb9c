"""Rendering `Message`s: one catalogue per language (`en.py`, `zh.py`), each mapping a code to a template.

Templates use `str.format` fields ({n:,}, {share:.1%}). A parameter that is a Message is rendered in the
same language; an enum (Kind, Method) through the catalogue's "kind.causal"-style entry when it has one;
a list or tuple joined the language's way; plain text passed through `escape` (a page escapes markdown
there: user text must never become a link or an image). The template itself is never escaped.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from enum import Enum

from lmviz.errors import Message
from lmviz.messages import en, zh

CATALOGUES: dict[str, dict[str, str]] = {"en": en.MESSAGES, "zh": zh.MESSAGES}
LIST_SEPARATOR = {"en": ", ", "zh": "、"}
SENTENCE_SEPARATOR = {"en": " ", "zh": ""}


class _Formatter(string.Formatter):
    def __init__(self, lang: str, escape: Callable[[str], str] | None) -> None:
        super().__init__()
        self.lang, self.escape = lang, escape

    def format_field(self, value: object, spec: str) -> str:
        if isinstance(value, Message):
            return render(value, self.lang, self.escape)
        if isinstance(value, Enum):
            code = f"{type(value).__name__.lower()}.{value.value}"
            return CATALOGUES[self.lang].get(code, str(value.value))
        if isinstance(value, (list, tuple)):
            return LIST_SEPARATOR.get(self.lang, ", ").join(self.format_field(v, spec) for v in value)
        if isinstance(value, str):
            text = format(value, spec)
            return self.escape(text) if self.escape else text
        return format(value, spec)


def render(message: Message, lang: str = "en", escape: Callable[[str], str] | None = None) -> str:
    """`message` in `lang` (English for a language lmviz has no catalogue for)."""
    catalogue = CATALOGUES.get(lang) or CATALOGUES["en"]
    template = catalogue.get(message.code) or CATALOGUES["en"].get(message.code)
    if template is None:  # not in any catalogue (a test fails on this): show the code, never crash
        return message.code
    return _Formatter(lang if lang in CATALOGUES else "en", escape).vformat(
        template, (), dict(message.params)
    )


def render_all(messages: Sequence[Message | None], lang: str = "en", escape=None) -> str:
    """Several messages as one text, in order (None entries skipped)."""
    parts = [render(m, lang, escape) for m in messages if m is not None]
    return SENTENCE_SEPARATOR.get(lang, " ").join(parts)
