"""The "Inside the Transformer" page in a real browser on the bundled models: the diagram and every step
draw offline, a score cell's hover writes its dot product as a sum, and the other parts open."""

from __future__ import annotations

import re

import pytest

from tests.live_server import FIRST_RENDER_MS, RERUN_MS, require_browser

require_browser(allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

from tests.test_browser import expect_no_exception, open_with_text  # noqa: E402
from tests.test_browser_attention import idle  # noqa: E402

pytestmark = pytest.mark.browser


def _stated_difference(text: str) -> float:
    return float(re.search(r"returned (\d\.\de[+-]\d\d)", text).group(1))


def test_inside_page_steps_hover_and_parts(app_page, base_url) -> None:
    page, external = app_page
    open_with_text(page, f"{base_url}/inside?in_layer=23&in_head=4", "The capital of France is")
    idle(page, FIRST_RENDER_MS)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("134,515,008 parameters, 30 blocks, for your 5 tokens")).to_be_visible(
        timeout=FIRST_RENDER_MS
    )
    expect(main.get_by_text("Layer 23, head 4, computed step by step")).to_be_visible()
    softmax = main.get_by_text("largest difference from what the model returned")
    expect(softmax).to_be_visible()
    assert _stated_difference(softmax.inner_text()) < 1e-4
    expect_no_exception(page)

    title = page.locator("text.gtitle", has_text="q·kᵀ")
    scores = main.get_by_test_id("stPlotlyChart").filter(has=title).first
    scores.scroll_into_view_if_needed()
    drag = scores.locator(".nsewdrag").first
    box = drag.bounding_box()
    assert box, "the score heatmap has no plot area"
    # the last row (" is"), the column of " France": the dot product written as a sum
    page.mouse.move(box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.9)
    hover = scores.locator(".hoverlayer")
    expect(hover).to_contain_text("Σ", timeout=10_000)
    expect(hover).to_contain_text("smaller terms")

    main.get_by_test_id("stButtonGroup").get_by_text("What each layer adds", exact=True).click()
    idle(page)
    expect(main.get_by_text("The parts add up to")).to_be_visible(timeout=RERUN_MS)
    expect(main.get_by_text("Logit of “ Paris”: 17.3")).to_be_visible()
    main.get_by_test_id("stButtonGroup").get_by_text("Words as vectors", exact=True).click()
    idle(page)
    expect(main.locator("text", has_text="princess").first).to_be_attached(timeout=RERUN_MS)
    main.get_by_test_id("stButtonGroup").get_by_text("MLP neurons", exact=True).click()
    idle(page)
    expect(main.locator(".lmviz-neuron")).to_be_visible(timeout=RERUN_MS)
    expect_no_exception(page)

    # the masked slot: the default masked model reads both sides, so there is no mask step
    main.get_by_test_id("stButtonGroup").get_by_text("Attention step by step", exact=True).click()
    idle(page)
    main.get_by_test_id("stButtonGroup").get_by_text("Masked", exact=True).click()
    idle(page, FIRST_RENDER_MS)
    expect(main.get_by_text("The architecture of smollm2-135m-mlm")).to_be_visible(timeout=RERUN_MS)
    expect(main.get_by_text("No mask: this model reads both sides")).to_be_visible()
    assert _stated_difference(softmax.inner_text()) < 1e-4
    expect_no_exception(page)
    assert not external, "requests left localhost:\n" + "\n".join(external)
