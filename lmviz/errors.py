"""Messages by code: an error or a notice is a `Message` (a code and its parameters); each language renders
it from its own catalogue (lmviz/messages/), English included. `LmvizError` carries one.

    raise LmvizError("text.empty")                      # str(exc): "The text is empty: type a sentence."
    raise LmvizError("model.not_cached", model=name)    # the page renders it in Chinese just as well
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Message:
    """Something the core says to a person: a catalogue code and the values its template needs. Values may
    be numbers, user text (escaped by the caller's renderer), enums, lists, or other Messages."""

    code: str
    params: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    def __str__(self) -> str:
        from lmviz.messages import render

        return render(self)


def message(code: str, **params: object) -> Message:
    """`Message(code, params)` with the parameters frozen."""
    return Message(code, MappingProxyType(dict(params)))


class LmvizError(Exception):
    """An error a person can act on (what happened, what to do). Pages render `.message` in the reader's
    language instead of showing a traceback; `str(exc)` is the English text."""

    def __init__(self, code: str, **params: object) -> None:
        self.message = message(code, **params)
        super().__init__(code)

    @property
    def code(self) -> str:
        return self.message.code

    @property
    def params(self) -> Mapping[str, object]:
        return self.message.params

    def __str__(self) -> str:
        return str(self.message)
