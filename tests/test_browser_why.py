"""The "Why" page in a real browser on the bundled models: attribution of ' Paris' draws offline, and
activation patching runs as a background job to its heatmap, and steering shows the generation with and
without the push side by side."""

from __future__ import annotations

import pytest

from tests.live_server import FIRST_RENDER_MS, require_browser

require_browser(allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

from tests.test_browser import expect_no_exception, open_with_text  # noqa: E402
from tests.test_browser_attention import idle  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.bundled]


def test_why_page_attributes_and_patches(app_page, base_url) -> None:
    page, external = app_page
    open_with_text(page, f"{base_url}/why", "The capital of France is")
    idle(page, FIRST_RENDER_MS)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Explaining ' Paris'", exact=False)).to_be_visible(timeout=FIRST_RENDER_MS)
    expect(main.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=FIRST_RENDER_MS)
    expect(main.locator(".lmviz-neuron span").filter(has_text="France")).to_have_count(1)
    expect_no_exception(page)

    main.get_by_test_id("stButtonGroup").get_by_text("Patching", exact=True).click()
    idle(page, FIRST_RENDER_MS)
    expect(main.get_by_text("The measure is logit(' Paris') − logit(' Rome')", exact=False)).to_be_visible()
    main.get_by_role("button", name="Run the patching").click()
    expect(main.get_by_text("Share of the difference restored", exact=False)).to_be_visible(timeout=180_000)
    expect(main.get_by_role("button", name="Download the numbers (CSV)")).to_be_visible()
    expect_no_exception(page)

    main.get_by_test_id("stButtonGroup").get_by_text("Steering", exact=True).click()
    idle(page, FIRST_RENDER_MS)
    expect(main.get_by_text("Without the push", exact=True)).to_be_visible(timeout=FIRST_RENDER_MS)
    expect(main.get_by_text("Pushed (α =", exact=False)).to_be_visible()
    expect(main.locator(".lmviz-steer")).to_have_count(2)
    expect_no_exception(page)
    assert not external, external
