"""Shareable views: the URL query parameters lmviz reads and writes, from the settings in `state`.

The page itself is the URL's path (/attention); the parameters carry the language, the models, the text
and the view settings. `parse` turns query parameters into session values, with a `Problem` for every
parameter it did not understand (which then keeps its default); `encode` does the reverse.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lmviz_app.state import BY_KEY, BY_URL, MAX_TEXT, SHARED

__all__ = ["BY_KEY", "BY_URL", "MAX_TEXT", "Parsed", "Problem", "encode", "parse"]
SHORT = 40  # characters of a bad name or value quoted back


@dataclass(frozen=True)
class Problem:
    """A parameter that was ignored: unknown, or a value it cannot take. `str()` is the English text; pages
    render it from their strings table, with the name and value escaped (they come from the link)."""

    kind: str  # "unknown", "invalid"; for models also "unavailable" and "wrong_kind"
    name: str
    value: str = ""
    detail: str = ""  # wrong_kind: the kind the model is

    def __str__(self) -> str:
        if self.kind == "unknown":
            return f"unknown parameter '{short(self.name)}'"
        if self.kind == "unavailable":
            return f"{self.name}={short(self.value)}: this model is not available on this server"
        if self.kind == "wrong_kind":
            return f"{self.name}={short(self.value)}: this is a {self.detail} model"
        return f"'{self.name}={short(self.value)}' is not valid"


@dataclass(frozen=True)
class Parsed:
    values: dict  # session key -> value
    problems: tuple[Problem, ...]


def parse(query: Mapping[str, str]) -> Parsed:
    values: dict = {}
    problems: list[Problem] = []
    for name, raw in query.items():
        setting = BY_URL.get(name)
        if setting is None:
            problems.append(Problem("unknown", name))
            continue
        value = setting.parse(raw)
        if value is None:
            problems.append(Problem("invalid", name, raw if isinstance(raw, str) else str(raw)))
        else:
            values[setting.key] = value
    return Parsed(values, tuple(problems))


def encode(state: Mapping[str, object]) -> dict[str, str]:
    """URL parameters for the session values in `state` that lmviz shares (keys it knows, in order)."""
    return {s.url: s.encode(state[s.key]) for s in SHARED if s.key in state and state[s.key] is not None}


def short(text: str, n: int = SHORT) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
