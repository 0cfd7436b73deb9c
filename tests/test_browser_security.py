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


# --- markdown in what a link or the Other box says: shown as text, never a link, an image or bold ---

LINK_TRAPS = {
    "link": ("[Session expired - click here](http://evil.example/login)", "a[href*='evil.example']"),
    "image": ("![x](http://127.0.0.1:9/c.png)", "img[src*='127.0.0.1:9']"),
    "bold": ("**bold**", "strong:has-text('bold')"),
}


@pytest.mark.parametrize("trap", LINK_TRAPS)
def test_a_link_cannot_put_markdown_into_lmviz_warnings(app_page, base_url, trap) -> None:
    page, external = app_page
    value, element = LINK_TRAPS[trap]
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for name_or_value in ("causal", "value"):  # as a model name, then as a parameter's name
        query = urlencode({**MODELS, "causal": value} if name_or_value == "causal" else {value: "1"})
        page.goto(f"{base_url}/?{query}")
        warning = page.get_by_test_id("stAlertContentWarning").first
        expect(warning).to_be_visible(timeout=FIRST_RENDER_MS)
        expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=RERUN_MS)
        expect(page.locator(f"[data-testid=stMain] {element}")).to_have_count(0)
        shown = warning.inner_text()
        assert value.strip("*!")[:30] in shown.replace("\\", ""), shown  # the text (cut at 40)
    assert not [u for u in requests if "127.0.0.1:9" in u], requests
    expect_no_exception(page)


def test_a_link_with_hundreds_of_unknown_parameters_names_ten(app_page, base_url) -> None:
    page, _ = app_page
    query = urlencode({f"p{i}": "1" for i in range(190)})
    page.goto(f"{base_url}/?{query}")
    warning = page.get_by_test_id("stAlertContentWarning").first
    expect(warning).to_be_visible(timeout=FIRST_RENDER_MS)
    shown = warning.inner_text()
    assert shown.count("unknown parameter") == 10 and "and 180 more" in shown, shown


def test_markdown_typed_into_the_other_box_stays_text(app_page, base_url) -> None:
    page, _ = app_page
    page.goto(f"{base_url}/?{urlencode(MODELS)}")
    sidebar = page.get_by_test_id("stSidebar")
    expect(page.get_by_test_id("stMain").locator("code").first).to_be_visible(timeout=FIRST_RENDER_MS)
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=RERUN_MS)
    box = sidebar.get_by_test_id("stSelectbox").filter(has_text="Causal (GPT-style) model")
    box.get_by_role("combobox").click()
    page.get_by_role("option", name="Other: hub id or local folder…").click()
    box = sidebar.get_by_role("textbox", name="Hub id (e.g. gpt2, bert-base-uncased) or local folder")
    box.fill("[click me](http://evil.example/x)")
    box.press("Enter")
    error = page.get_by_test_id("stAlertContentError").first
    expect(error).to_be_visible(timeout=RERUN_MS)
    expect(page.locator("[data-testid=stMain] a[href*='evil.example']")).to_have_count(0)
    assert "[click me](http://evil.example/x)" in error.inner_text().replace("\\", "")
    expect_no_exception(page)
