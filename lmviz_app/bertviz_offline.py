"""bertviz's head view and model view as one self-contained HTML page: no CDN, no request, safe token text.

bertviz 1.4.1 loads require.js, d3 and jQuery from a CDN, so offline it draws nothing. Here its own
`head_view.js` / `model_view.js` run against d3 5.7.0 and jQuery 2.2.4 inlined from `lmviz_app/vendor/`,
with a ten-line stand-in for `requirejs`. Show the result with `st.iframe(html, height=...)`.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import importlib.util
import json
import math
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from lmviz.errors import LmvizError

VENDOR_DIR = Path(__file__).resolve().parent / "vendor"
DECIMALS = 3  # a weight under 0.0005 draws an invisible line anyway; 3 decimals bound the page size
# Weights travel as whole thousandths ("123" for 0.123, 2 bytes fewer per weight: ~20% of a page) and the
# page divides them back before bertviz reads them.
SCALE = 10**DECIMALS
_DECODE_JS = (
    "params.attention.forEach(function (a) { a.attn = a.attn.map(function (layer) { "
    "return layer.map(function (head) { return head.map(function (row) { "
    f"return row.map(function (w) {{ return w / {SCALE}; }}); }}); }}); }}); }});"
)
# Every weight is one SVG line. On a 2-core CPU Chromium draws the 6x12-head model view in 5 s at 64 tokens
# (295k weights, 1.8 MB) and 24 s at 128 tokens (1.2M, 5.8 MB); past this the page refuses with a message.
MAX_WEIGHTS = 1_200_000
ROOT_ID = "bertviz"  # each page lives in its own iframe, so a fixed id is unique and keeps the output stable

# bertviz's layout constants (head_view.js / model_view.js), for sizing the iframe.
_HEAD_BOX_HEIGHT, _HEAD_TEXT_TOP = 22.5, 30
_MODEL_AXIS, _MODEL_PAD, _MODEL_DETAIL_BOX, _MODEL_DETAIL_EXTRA = 38, 5, 18, 55
_CONTROLS_HEIGHT = 60  # the layer <select>, body margins and a little slack

_PARAMS_MARKER = "const params = PYTHON_PARAMS;"
_REQUIRE_CONFIG = re.compile(r"require\.config\(\{.*?\n\}\);\n", re.S)  # the block naming the CDN URLs
_HEADER_COMMENT = re.compile(r"\A\s*/\*\*.*?\*\*/\n", re.S)  # change log with a link to tensor2tensor
_URL_SCHEME = re.compile(r"(https?)://")
# Inside a JSON string these five may become \u escapes; then no token can close the <script> it sits in.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)

# bertviz calls requirejs(['jquery', 'd3'], fn): hand it the globals the inlined libraries just set.
_REQUIRE_SHIM = """(function () {
  var modules = { jquery: window.jQuery, d3: window.d3 };
  function requireShim(names, callback) {
    var deps = names.map(function (name) {
      if (!modules[name]) { throw new Error("lmviz bertviz: no inlined module " + name); }
      return modules[name];
    });
    return callback.apply(window, deps);
  }
  requireShim.config = function () {};
  window.require = window.requirejs = requireShim;
})();"""


def head_view_html(
    tokens: Sequence[str],
    attentions: np.ndarray,
    layer: int | None = None,
    heads: Sequence[int] | None = None,
    max_weights: int = MAX_WEIGHTS,
) -> str:
    """bertviz's head view of `attentions` (L, H, T, T) over `tokens` (T display strings), as an HTML page.

    `layer` is the layer shown first (default 0); `heads` the heads switched on at first (default all).
    Raises LmvizError when the page would carry more than `max_weights` weights (every layer is sent).
    """
    weights = _check(tokens, attentions)
    _check_size(weights.shape, "head", max_weights)
    n_layers, n_heads = weights.shape[:2]
    if layer is not None and not 0 <= layer < n_layers:
        raise ValueError(f"layer {layer} does not exist: the model has layers 0 to {n_layers - 1}")
    if heads is not None:
        heads = _check_indices(heads, n_heads, "head")
    params = {
        "default_filter": "0",
        "root_div_id": ROOT_ID,
        "layer": layer,
        "heads": heads,
        "include_layers": list(range(n_layers)),
    }
    controls = 'Layer: <select id="layer"></select>'
    return _page(_bertviz_js("head_view"), _params_json(tokens, weights, params), controls)


def model_view_html(
    tokens: Sequence[str],
    attentions: np.ndarray,
    layers: Sequence[int] | None = None,
    heads: Sequence[int] | None = None,
    display_mode: str = "light",
    max_weights: int = MAX_WEIGHTS,
) -> str:
    """bertviz's model view (one thumbnail per layer and head; click one for detail) as an HTML page.

    `layers` / `heads` pick which rows / columns to draw (default all); `display_mode` is "light" or "dark".
    Raises LmvizError when the picked layers and heads hold more than `max_weights` weights.
    """
    weights = _check(tokens, attentions)
    n_layers, n_heads = weights.shape[:2]
    if display_mode not in ("light", "dark"):
        raise ValueError(f"display_mode must be 'light' or 'dark', not {display_mode!r}")
    layers = list(range(n_layers)) if layers is None else _check_indices(layers, n_layers, "layer")
    heads = list(range(n_heads)) if heads is None else _check_indices(heads, n_heads, "head")
    weights = weights[layers][:, heads]  # (len(layers), len(heads), T, T)
    _check_size(weights.shape, "model", max_weights)
    params = {
        "default_filter": "0",
        "display_mode": display_mode,
        "root_div_id": ROOT_ID,
        "include_layers": layers,
        "include_heads": heads,
        "total_heads": n_heads,  # as bertviz: thumbnail width is set by the model's head count
    }
    return _page(_bertviz_js("model_view"), _params_json(tokens, weights, params), controls="")


def head_view_height(n_tokens: int) -> int:
    """Pixels of iframe height the head view needs for `n_tokens` tokens."""
    return math.ceil(n_tokens * _HEAD_BOX_HEIGHT + _HEAD_TEXT_TOP) + _CONTROLS_HEIGHT


def model_view_height(n_layers: int, n_heads: int, n_tokens: int) -> int:
    """Pixels of iframe height the model view needs: n_layers drawn, n_heads in the model (as bertviz)."""
    thumbnail = n_tokens * 7 * 12 / n_heads + 2 * _MODEL_PAD  # bertviz: 7 px per token at 12 heads
    detail = n_tokens * _MODEL_DETAIL_BOX + _MODEL_DETAIL_EXTRA
    return math.ceil(max(n_layers * thumbnail + _MODEL_AXIS, detail)) + _CONTROLS_HEIGHT


def _check(tokens: Sequence[str], attentions: np.ndarray) -> np.ndarray:
    """Validate the (L, H, T, T) weights against the tokens; return them as an array (not copied)."""
    weights = np.asarray(attentions)
    if weights.ndim != 4 or weights.shape[2] != weights.shape[3]:
        raise ValueError(f"attentions must have shape (layers, heads, tokens, tokens), not {weights.shape}")
    if 0 in weights.shape[:3]:
        raise ValueError(f"attentions is empty (shape {weights.shape}): there is nothing to draw")
    if weights.shape[2] != len(tokens):
        raise ValueError(f"attentions cover {weights.shape[2]} tokens but {len(tokens)} tokens were given")
    if not np.isfinite(weights).all():
        raise ValueError("attentions contain NaN or infinite values")
    if not all(isinstance(t, str) for t in tokens):
        raise ValueError("tokens must be strings")
    return weights


def _check_size(shape: tuple[int, ...], view: str, max_weights: int) -> None:
    n_layers, n_heads, n_tokens = shape[:3]
    n_weights = n_layers * n_heads * n_tokens * n_tokens
    if n_weights > max_weights:
        fits = math.isqrt(max_weights // (n_layers * n_heads))
        sizes = dict(n_weights=n_weights, layers=n_layers, heads=n_heads, n=n_tokens, max_weights=max_weights)
        if view == "model":
            raise LmvizError("bertviz.too_many_weights_model", **sizes, fits=fits)
        raise LmvizError("bertviz.too_many_weights_head", **sizes, fits=fits)


def _check_indices(indices: Sequence[int], size: int, what: str) -> list[int]:
    picked = [int(i) for i in indices]
    if not picked:
        raise ValueError(f"pick at least one {what}")
    bad = [i for i in picked if not 0 <= i < size]
    if bad:
        raise ValueError(f"{what}s {bad} do not exist: the model has {what}s 0 to {size - 1}")
    return picked


def _params_json(tokens: Sequence[str], weights: np.ndarray, params: dict) -> str:
    """bertviz's PYTHON_PARAMS as a JS literal that is safe inside <script>; weights as whole thousandths
    (the page decodes them with _DECODE_JS)."""
    scaled = np.rint(weights.astype(np.float64) * SCALE).astype(np.int32)  # (L, H, T, T)
    attn = json.dumps(scaled.tolist(), separators=(",", ":"))
    text = json.dumps(list(tokens))
    entry = f'{{"name":null,"attn":{attn},"left_text":{text},"right_text":{text}}}'
    rest = json.dumps(params, separators=(",", ":"))
    return ('{"attention":[' + entry + "]," + rest[1:]).translate(_SCRIPT_SAFE)


def _page(view_js: str, params_json: str, controls: str) -> str:
    view = view_js.replace(_PARAMS_MARKER, f"const params = {params_json};\n{_DECODE_JS}", 1)
    scripts = [f"\n{s}\n" for s in (*_libraries(), view)]
    # Only these exact scripts may run and nothing may be fetched: a second guard behind the escaping.
    hashes = " ".join(f"'sha256-{_sha256_b64(s)}'" for s in scripts)
    csp = f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'"
    body = "\n".join(f"<script>{s}</script>" for s in scripts)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<style>
  body {{ margin: 8px; background: #fff; color: #111; font-size: 15px; }}
  select {{ font-size: 15px; }}
</style>
</head>
<body>
<div id="{ROOT_ID}" style="font-family: 'Helvetica Neue', Helvetica, Arial, sans-serif;">
<span style="user-select: none">{controls}</span>
<div id="vis"></div>
</div>
{body}
</body>
</html>
"""


@cache
def _libraries() -> tuple[str, str, str]:
    d3 = (VENDOR_DIR / "d3" / "d3.min.js").read_text(encoding="utf-8")
    jquery = (VENDOR_DIR / "jquery" / "jquery.min.js").read_text(encoding="utf-8")
    return _inline(d3, "d3.min.js"), _inline(jquery, "jquery.min.js"), _REQUIRE_SHIM


@cache
def _bertviz_js(view: str) -> str:
    """bertviz's own `<view>.js`, minus its header comment and the require.config that names the CDN."""
    spec = importlib.util.find_spec("bertviz")  # not imported: its __init__ pulls in IPython and torch
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("bertviz is not installed: pip install bertviz==1.4.1")
    source = (Path(spec.submodule_search_locations[0]) / f"{view}.js").read_text(encoding="utf-8")
    version = importlib.metadata.version("bertviz")
    header = f"/* {view}.js from bertviz {version} (Apache-2.0, Jesse Vig); CDN config removed by lmviz */\n"
    js, n_header = _HEADER_COMMENT.subn(lambda _: header, source, count=1)
    js, n_config = _REQUIRE_CONFIG.subn("", js, count=1)
    if n_header != 1 or n_config != 1 or js.count(_PARAMS_MARKER) != 1:
        raise RuntimeError(
            f"bertviz {version}'s {view}.js is not laid out as lmviz expects (written for bertviz 1.4.1)"
        )
    return _inline(js, f"bertviz/{view}.js")


def _inline(js: str, name: str) -> str:
    """Make library code safe to paste between <script> tags, or fail loudly."""
    if re.search(r"</script|<!--", js, re.I):
        raise RuntimeError(f"{name} contains '</script' or '<!--' and cannot be inlined as is")
    # d3 names XML namespaces with http URIs (identifiers, never fetched). Written as http\u003a\/\/ a string
    # or regex keeps its value and the page holds no literal URL, so a search for one finds real regressions.
    js = _URL_SCHEME.sub(r"\1\\u003a\\/\\/", js)
    if re.search(r"https?:", js, re.I):
        raise RuntimeError(f"{name} names a URL lmviz does not know how to neutralise")
    return js


def _sha256_b64(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
