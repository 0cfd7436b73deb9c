"""A script hidden in the text stays inert in a real browser on every HTML view: the pages' text and tokens,
plotly labels, the bertviz head and model views in their iframe, and the training page's probe and sample.
Tiny models keep it quick: escaping does not depend on the model."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from tests.live_server import FIRST_RENDER_MS, RERUN_MS, require_browser

require_browser(allow_module_level=True)

from playwright.sync_api import Page, expect  # noqa: E402

from tests.test_browser import expect_no_exception  # noqa: E402

pytestmark = pytest.mark.browser
PAYLOAD = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
TEXT = f"The cat {PAYLOAD} sat on the mat."
MODELS = {"causal": "tiny-gpt2", "masked": "tiny-bert", "lang": "en"}
PLOT = ".js-plotly-plot .main-svg"
# (page, URL parameters, what shows that the view has drawn)
VIEWS = {
    "home": ("home", {}, "code"),
    "attention_heatmap": ("attention", {"view": "head"}, PLOT),
    "attention_grid_both": ("attention", {"view": "grid", "which": "both"}, PLOT),
    "attention_bertviz_head": ("attention", {"view": "bv_head"}, "iframe"),
    "attention_bertviz_model": ("attention", {"view": "bv_model"}, "iframe"),
    "next_token": ("next_token", {"panel": "next"}, PLOT),
    "next_token_loss": ("next_token", {"panel": "loss"}, "[data-testid=stMetric]"),  # GLTR: HTML
    "next_token_lens": ("next_token", {"panel": "lens"}, PLOT),
    "compare_strip": ("compare", {}, PLOT),
    "compare_blanks": ("compare", {"text": f"The [MASK] {PAYLOAD} sat on the mat."}, PLOT),
}
# In every frame: the payload's own globals, elements and handlers, which only exist if it ran or parsed.
PROBE = """() => ({
    pwned: typeof window.__pwned,
    images: document.querySelectorAll('img[src="x"]').length,
    handlers: document.querySelectorAll('[onerror]').length,
    scripts: [...document.scripts].filter(s => s.text.trim().startsWith('window.__pwned')).length,
})"""


def idle(page: Page, timeout_ms: int = RERUN_MS) -> None:
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=timeout_ms)


def assert_inert(page: Page, dialogs: list[str]) -> None:
    for frame in page.frames:
        found = frame.evaluate(PROBE)
        assert found == {"pwned": "undefined", "images": 0, "handlers": 0, "scripts": 0}, (frame.url, found)
    assert not dialogs, dialogs
    expect_no_exception(page)


def watch_dialogs(page: Page) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return dialogs


@pytest.mark.parametrize("view", VIEWS)
def test_script_in_the_text_stays_inert(app_page, base_url, view) -> None:
    page, external = app_page
    dialogs = watch_dialogs(page)
    path, params, drawn = VIEWS[view]
    page.goto(f"{base_url}/{path}?{urlencode({**MODELS, 'text': TEXT, **params})}")
    main = page.get_by_test_id("stMain")
    expect(main.locator(drawn).first).to_be_attached(timeout=FIRST_RENDER_MS)
    idle(page, FIRST_RENDER_MS)
    if drawn == "iframe":  # bertviz draws tokens as SVG text inside its own document
        frame = main.frame_locator("iframe").first
        if view.endswith("model"):
            frame.locator("#attn_background_0_0").click(force=True)
        expect(frame.locator("svg text", has_text="img").first).to_be_attached(timeout=RERUN_MS)
    assert_inert(page, dialogs)
    assert not external, external


def test_training_probe_and_sample_stay_inert(app_page, base_url) -> None:
    page, external = app_page
    dialogs = watch_dialogs(page)
    page.goto(f"{base_url}/train?{urlencode(MODELS)}")
    main = page.get_by_test_id("stMain")
    start = main.get_by_role("button", name="Start training")
    expect(start).to_be_enabled(timeout=FIRST_RENDER_MS)
    main.get_by_text("Paste text", exact=True).click()
    idle(page)
    paste = main.get_by_label("Text to train on")
    paste.fill((TEXT + " ") * 40)
    paste.press("Control+Enter")
    idle(page)
    probe = main.get_by_label("Probe prompt (compared before and after)")
    probe.fill(TEXT)
    probe.press("Enter")
    idle(page)
    expect(start).to_be_enabled(timeout=RERUN_MS)
    start.click()
    expect(main.get_by_text(re.compile(r"Done: \d+ steps in \d+ s"))).to_be_visible(timeout=RERUN_MS * 3)
    idle(page)
    expect(main.locator(".js-plotly-plot")).to_have_count(3)  # the loss curve and the probe's two charts
    expect(main.get_by_text(PAYLOAD, exact=False).first).to_be_attached()  # the generation, as text
    assert_inert(page, dialogs)
    assert not external, external
