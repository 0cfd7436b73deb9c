"""bertviz's views as self-contained HTML: nothing fetched, token text can't escape its <script>, it draws."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pytest

import lmviz
from lmviz_app import bertviz_offline
from lmviz_app.bertviz_offline import head_view_html, model_view_html

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# Tokens that, pasted raw into the page, close the <script> and run their onerror. The first has no quotes
# on purpose: json.dumps turns " into \", which alone would spoil an onerror="..." payload.
INJECTION = "</script><img src=x onerror=window.__pwned=1>"
INJECTION_QUOTED = '</script><img src=x onerror="alert(1)">'
TEXT = f"The cat sat on the mat. {INJECTION} {INJECTION_QUOTED} It purred."
VIEWS = {"head": head_view_html, "model": model_view_html}
N_SCRIPTS = 4  # d3, jQuery, the require shim, bertviz's view


def random_attentions(n_layers: int, n_heads: int, n_tokens: int, causal: bool, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    weights = rng.random((n_layers, n_heads, n_tokens, n_tokens)) ** 4  # (L, H, T, T), peaky like real heads
    if causal:
        weights *= np.tril(np.ones((n_tokens, n_tokens)))
    return (weights / weights.sum(-1, keepdims=True)).astype(np.float32)


def with_injection(inspection: lmviz.Inspection) -> tuple[list[str], np.ndarray]:
    """Real tokens and attentions, with tokens 1 and 2 replaced by the whole injection strings.

    A tokenizer splits them into harmless pieces ('<', '/', 'script'); one token holding all of one is the
    worst case, so that is what is drawn.
    """
    tokens = list(inspection.tokens)
    tokens[1:3] = [INJECTION, INJECTION_QUOTED]
    return tokens, inspection.attentions


def embedded_params(html: str) -> dict:
    """The data bertviz's JS receives, decoded the way a JS engine would (JSON is a JS literal), weights
    divided back from whole thousandths as the page does before bertviz runs."""
    match = re.search(r"const params = (\{.*\});", html)
    assert match, "no params in the page"
    assert bertviz_offline._DECODE_JS in html
    params = json.loads(match.group(1))
    for entry in params["attention"]:
        assert np.asarray(entry["attn"]).dtype.kind == "i"  # sent as integers
        entry["attn"] = (np.asarray(entry["attn"]) / bertviz_offline.SCALE).tolist()
    return params


# --- no browser -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
def test_nothing_points_outside(view, tiny_bert):
    insp = lmviz.inspect_text(tiny_bert, TEXT)
    html = VIEWS[view](list(insp.tokens), insp.attentions)
    for needle in ("http://", "https://", "http:", "https:", 'src="//', "src='//", "cdnjs", "require.config"):
        assert needle not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(//|https?:)""", html, re.I)


@pytest.mark.parametrize("view", VIEWS)
def test_libraries_are_inlined(view):
    html = VIEWS[view](["a", "b"], random_attentions(1, 2, 2, causal=False))
    assert "v5.7.0 Copyright 2018 Mike Bostock" in html  # d3.min.js's banner
    assert "jQuery v2.2.4 | (c) jQuery Foundation" in html
    assert "window.require = window.requirejs = requireShim" in html
    assert f"{view}_view.js from bertviz 1.4.1" in html
    assert html.lower().count("</script") == N_SCRIPTS


@pytest.mark.parametrize("view", VIEWS)
def test_injection_token_is_escaped(view, tiny_bert):
    tokens, attentions = with_injection(lmviz.inspect_text(tiny_bert, TEXT))
    html = VIEWS[view](tokens, attentions)
    assert "</script><img" not in html
    assert "<img" not in html
    assert html.lower().count("</script") == N_SCRIPTS  # only the page's own closing tags
    assert "\\u003c/script\\u003e\\u003cimg src=x onerror=window.__pwned=1\\u003e" in html
    assert '\\u003c/script\\u003e\\u003cimg src=x onerror=\\"alert(1)\\"\\u003e' in html
    assert embedded_params(html)["attention"][0]["left_text"] == tokens  # ...and decodes back exactly


def test_awkward_tokens_round_trip():
    tokens = ["\u2028", "\u2029", "a & b", "<!--", "-->", "\\", '"', "0.0", "\ud83d", " lead", ""]
    html = head_view_html(tokens, random_attentions(1, 1, len(tokens), causal=False))
    for raw in ("\u2028", "\u2029", "<!--", "-->", "a & b"):
        assert raw not in html
    assert embedded_params(html)["attention"][0]["right_text"] == tokens


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("causal", [False, True])
def test_weights_are_rounded_and_complete(view, causal):
    attentions = random_attentions(2, 3, 5, causal=causal)
    html = VIEWS[view]([f"t{i}" for i in range(5)], attentions)
    attn = np.array(embedded_params(html)["attention"][0]["attn"])
    assert attn.shape == (2, 3, 5, 5)
    np.testing.assert_allclose(attn, np.round(attentions.astype(np.float64), 3), atol=1e-12)


def test_size_stays_bounded():
    # Measured: 324 KB of inlined libraries; T=64 with 2x4 random heads ~499 KB in all, with 6x12 ~1.8 MB.
    tokens = [f"tok{i}" for i in range(64)]
    small = head_view_html(tokens, random_attentions(2, 4, 64, causal=False))
    large = model_view_html(tokens, random_attentions(6, 12, 64, causal=False))
    assert len(small.encode()) < 550_000
    assert len(large.encode()) < 2_000_000


@pytest.mark.parametrize("view", VIEWS)
def test_too_many_weights_is_a_clear_error(view):
    with pytest.raises(lmviz.LmvizError, match=r"at most 12 tokens"):
        VIEWS[view]([f"t{i}" for i in range(13)], random_attentions(2, 3, 13, causal=True), max_weights=1000)


def test_model_view_limit_counts_only_the_picked_heads():
    attentions = random_attentions(2, 3, 13, causal=True)
    html = model_view_html(
        [f"t{i}" for i in range(13)], attentions, layers=[1], heads=[0, 2], max_weights=1000
    )
    assert np.array(embedded_params(html)["attention"][0]["attn"]).shape == (1, 2, 13, 13)


@pytest.mark.parametrize("view", VIEWS)
def test_single_token(view):
    html = VIEWS[view](["only"], np.ones((2, 2, 1, 1), dtype=np.float32))
    assert embedded_params(html)["attention"][0]["attn"] == [[[[1]], [[1]]], [[[1]], [[1]]]]


def test_same_input_same_page():
    attentions = random_attentions(1, 2, 3, causal=True)
    assert head_view_html(["a", "b", "c"], attentions) == head_view_html(["a", "b", "c"], attentions)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda a: head_view_html(["a", "b"], a), "3 tokens but 2"),
        (lambda a: head_view_html(["a", "b", "c"], a[0]), "shape"),
        (lambda a: head_view_html(["a", "b", "c"], a, layer=2), "layer 2"),
        (lambda a: head_view_html(["a", "b", "c"], a, heads=[]), "at least one head"),
        (lambda a: model_view_html(["a", "b", "c"], a, heads=[5]), "heads [5]"),
        (lambda a: model_view_html(["a", "b", "c"], a * np.nan), "NaN"),
    ],
)
def test_bad_input_is_a_clear_error(call: Callable, message: str):
    with pytest.raises(ValueError, match=re.escape(message)):
        call(random_attentions(2, 2, 3, causal=False))


# --- real browser ---------------------------------------------------------------------------------------


@dataclass
class Rendered:
    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # page errors, console errors, dialogs

    def svg_texts(self, selector: str = "svg text") -> list[str]:
        return self.page.eval_on_selector_all(selector, "nodes => nodes.map(n => n.textContent)")

    def assert_clean(self) -> None:
        assert self.requests == [], f"the page tried to fetch {self.requests}"
        assert self.errors == []
        assert self.page.evaluate("window.__pwned") is None
        assert self.page.locator("img").count() == 0


@pytest.fixture
def render(browser: Browser) -> Iterator[Callable[[str], Rendered]]:
    """Load HTML into a fresh page that may fetch nothing; every attempt and every error is recorded."""
    contexts = []

    def load(html: str) -> Rendered:
        context = browser.new_context(viewport={"width": 1100, "height": 900})
        contexts.append(context)
        page = context.new_page()
        rendered = Rendered(page)

        def refuse(route) -> None:
            rendered.requests.append(route.request.url)
            route.abort()

        context.route("**/*", refuse)
        page.on("request", lambda request: rendered.requests.append(request.url))
        page.on("pageerror", lambda exc: rendered.errors.append(f"pageerror: {exc}"))
        page.on("console", lambda msg: msg.type == "error" and rendered.errors.append(f"console: {msg.text}"))
        page.on(
            "dialog", lambda dialog: (rendered.errors.append(f"dialog: {dialog.message}"), dialog.dismiss())
        )
        page.set_content(html)
        return rendered

    try:
        yield load
    finally:
        for context in contexts:
            context.close()


@pytest.mark.browser
@pytest.mark.parametrize("fixture", ["tiny_bert", "tiny_gpt2"])
def test_head_view_draws_offline(fixture, request, render):
    tokens, attentions = with_injection(lmviz.inspect_text(request.getfixturevalue(fixture), TEXT))
    n_heads, n_tokens = attentions.shape[1], len(tokens)
    shown = render(head_view_html(tokens, attentions))
    shown.page.wait_for_function(f"document.querySelectorAll('svg text').length >= {2 * n_tokens}")
    assert shown.svg_texts() == tokens + tokens  # left column, then right column
    assert shown.page.locator("svg line").count() == n_heads * n_tokens * n_tokens
    assert shown.page.locator("#layer option").count() == attentions.shape[0]
    shown.assert_clean()


@pytest.mark.browser
def test_head_view_single_token(render):
    shown = render(head_view_html(["alone"], np.ones((1, 2, 1, 1), dtype=np.float32)))
    shown.page.wait_for_selector("svg text")
    assert shown.svg_texts() == ["alone", "alone"]
    shown.assert_clean()


@pytest.mark.browser
def test_model_view_draws_offline_and_shows_tokens_on_click(tiny_bert, render):
    tokens, attentions = with_injection(lmviz.inspect_text(tiny_bert, TEXT))
    n_layers, n_heads = attentions.shape[:2]
    shown = render(model_view_html(tokens, attentions))
    shown.page.wait_for_selector("#attn_background_0_0")
    assert shown.page.locator("rect.attn_background").count() == n_layers * n_heads
    box = shown.page.locator("#attn_background_0_0").bounding_box()
    shown.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    shown.page.wait_for_selector("text.token")
    assert shown.svg_texts("text.token") == tokens + tokens  # the detail panel's two columns
    shown.assert_clean()


@pytest.mark.browser
def test_escaping_alone_stops_the_injection(tiny_gpt2, render):
    """Without the page's Content-Security-Policy, the JSON escaping still keeps the token as text."""
    tokens, attentions = with_injection(lmviz.inspect_text(tiny_gpt2, TEXT))
    html, n_csp = re.subn(
        r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", head_view_html(tokens, attentions)
    )
    assert n_csp == 1
    shown = render(html)
    shown.page.wait_for_function(f"document.querySelectorAll('svg text').length >= {2 * len(tokens)}")
    assert INJECTION in shown.svg_texts() and INJECTION_QUOTED in shown.svg_texts()
    shown.assert_clean()


@pytest.mark.browser
def test_harness_sees_a_breakout(render):
    """The checks above would catch the token escaping: pasted raw, it runs and leaves an <img>."""
    shown = render(f"<script>const tokens = ['{INJECTION}'];</script>")
    shown.page.wait_for_function("window.__pwned === 1")
    assert shown.page.locator("img").count() == 1
