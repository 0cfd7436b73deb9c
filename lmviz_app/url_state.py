"""Shareable views: which URL query parameters lmviz reads and writes, and how each is checked.

The page itself is the URL's path (/attention); the parameters carry the language, the models, the text
and the view settings. `parse` turns query parameters into session values, with a notice for every
parameter it did not understand (which then keeps its default); `encode` does the reverse.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from lmviz.analysis.attention import SCALE_MODES
from lmviz_app.attention_view import SINK_MODES
from lmviz_app.presets import COMPARE_PRESETS

MAX_TEXT = 20_000  # the sidebar's limit too
ATTENTION_VIEWS = ("head", "grid", "average", "rollout", "bv_head", "bv_model")
NEXT_TOKEN_PANELS = ("next", "loss", "lens")
# A model is a registry name, a hub id or a folder path: printable, no control characters, bounded.
_MODEL = re.compile(r"^[^\x00-\x1f\x7f]{1,300}$")


@dataclass(frozen=True)
class Param:
    name: str  # in the URL
    key: str  # in session state
    kind: str  # "choice", "int", "float", "bool", "text", "model"
    choices: tuple = ()
    low: float = 0
    high: float = 0


def _params() -> tuple[Param, ...]:
    presets = ("own", *(p.key for p in COMPARE_PRESETS))
    return (
        Param("lang", "lang", "choice", ("en", "zh")),
        Param("causal", "causal", "model"),
        Param("masked", "masked", "model"),
        Param("text", "text", "text"),
        Param("presenter", "presenter", "bool"),
        Param("which", "att_which", "choice", ("causal", "masked", "both")),
        Param("view", "att_view", "choice", ATTENTION_VIEWS),
        Param("sinks", "att_sinks", "choice", SINK_MODES),
        Param("sink_weight", "att_sink_weight", "float", low=0.0, high=1.0),
        Param("scale", "att_scale", "choice", SCALE_MODES),
        Param("words", "att_words", "bool"),
        Param("layer", "att_layer_causal", "int", low=0, high=1000),
        Param("head", "att_head_causal", "int", low=0, high=1000),
        Param("mlayer", "att_layer_masked", "int", low=0, high=1000),
        Param("mhead", "att_head_masked", "int", low=0, high=1000),
        Param("panel", "nt_panel", "choice", NEXT_TOKEN_PANELS),
        Param("chat", "nt_chat", "bool"),
        Param("temperature", "nt_temperature", "float", low=0.05, high=3.0),
        Param("top_k", "nt_top_k", "int", low=0, high=1000),
        Param("top_p", "nt_top_p", "float", low=0.05, high=1.0),
        Param("greedy", "nt_greedy", "bool"),
        Param("seed", "nt_seed", "int", low=0, high=2**31 - 1),
        Param("preset", "cmp_preset", "choice", presets),
        Param("word", "cmp_word", "int", low=0, high=10_000),
    )


PARAMS = _params()
BY_NAME = {p.name: p for p in PARAMS}
BY_KEY = {p.key: p for p in PARAMS}


@dataclass(frozen=True)
class Parsed:
    values: dict  # session key -> value
    problems: tuple[str, ...]  # one line per parameter that was ignored, saying why


def parse(query: Mapping[str, str]) -> Parsed:
    values: dict = {}
    problems: list[str] = []
    for name, raw in query.items():
        param = BY_NAME.get(name)
        if param is None:
            problems.append(f"unknown parameter '{_short(name)}'")
            continue
        value = _value(param, raw)
        if value is None:
            problems.append(f"'{name}={_short(raw)}' is not valid")
        else:
            values[param.key] = value
    return Parsed(values, tuple(problems))


def _value(param: Param, raw: str):
    raw = raw if isinstance(raw, str) else str(raw)
    if param.kind == "text":
        return raw if len(raw) <= MAX_TEXT else None
    if param.kind == "model":
        return raw.strip() if _MODEL.match(raw.strip()) else None
    if param.kind == "choice":
        return raw if raw in param.choices else None
    if param.kind == "bool":
        return {"1": True, "true": True, "0": False, "false": False}.get(raw.lower())
    try:
        number = int(raw) if param.kind == "int" else float(raw)
    except ValueError:
        return None
    if not math.isfinite(number) or not param.low <= number <= param.high:
        return None
    return number


def encode(state: Mapping[str, object]) -> dict[str, str]:
    """URL parameters for the session values in `state` that lmviz shares (keys it knows, in order)."""
    out: dict[str, str] = {}
    for param in PARAMS:
        if param.key not in state or state[param.key] is None:
            continue
        value = state[param.key]
        if param.kind == "bool":
            out[param.name] = "1" if value else "0"
        elif param.kind == "float":
            out[param.name] = f"{float(value):g}"
        else:
            out[param.name] = str(value)
    return out


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
