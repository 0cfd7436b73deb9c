"""Messages by code: an error or a notice is a `Message` (a code and its parameters); each language renders
it from its own catalogue (lmviz/messages/), English included. `LmvizError` carries one.

    raise LmvizError("text.empty")                      # str(exc): "The text is empty: type a sentence."
    raise LmvizError("model.not_cached", model=name)    # the page renders it in Chinese just as well
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


class Params(dict):
    """A message's parameters: a dict that cannot be changed. Unlike a mappingproxy it pickles (results
    cached by Streamlit), deep-copies and goes through `dataclasses.asdict` (a training report)."""

    def _frozen(self, *_args, **_kwargs):
        raise TypeError("a message's parameters cannot be changed")

    __setitem__ = __delitem__ = __ior__ = _frozen
    clear = pop = popitem = setdefault = update = _frozen

    def __reduce__(self):
        return (Params, (dict(self),))

    def __hash__(self) -> int:  # hashable when every value is
        return hash(frozenset(self.items()))

    def __repr__(self) -> str:
        return f"Params({dict.__repr__(self)})"


@dataclass(frozen=True)
class Message:
    """Something the core says to a person: a catalogue code and the values its template needs. Values may
    be numbers, user text (escaped by the caller's renderer), enums, lists, or other Messages."""

    code: str
    params: Mapping[str, object] = field(default_factory=Params)

    def __str__(self) -> str:
        from lmviz.messages import render

        return render(self)


def message(code: str, **params: object) -> Message:
    """`Message(code, params)` with the parameters frozen."""
    return Message(code, Params(params))


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

    def __reduce__(self):  # pickled with its parameters, not only its code
        return (_error, (self.message,))


def _error(message: Message) -> LmvizError:
    return LmvizError(message.code, **message.params)
