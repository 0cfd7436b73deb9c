"""The autoregressive-vs-masked page in a real browser on the bundled models."""

from __future__ import annotations

import pytest

from tests.live_server import FIRST_RENDER_MS, RERUN_MS, require_browser

require_browser(allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

from tests.test_browser import expect_no_exception, open_with_text  # noqa: E402

pytestmark = pytest.mark.browser


def test_pick_a_word_and_see_both_sides(app_page, base_url) -> None:
    page, external = app_page
    open_with_text(page, f"{base_url}/compare", "She went to the store yesterday and bought some bread.")
    main = page.get_by_test_id("stMain")
    running = page.get_by_test_id("stStatusWidgetRunningIcon")
    expect(main.get_by_text("Click a word above")).to_be_visible(timeout=FIRST_RENDER_MS)
    expect(main.locator(".js-plotly-plot")).to_have_count(1, timeout=FIRST_RENDER_MS)  # the strip

    main.get_by_test_id("stButtonGroup").get_by_text("went", exact=True).click()  # a word pill
    expect(main.get_by_test_id("stMetric")).to_have_count(2, timeout=RERUN_MS)
    expect(running).to_have_count(0, timeout=RERUN_MS)
    expect(main.locator(".js-plotly-plot")).to_have_count(3)  # both sides' guesses + the strip
    expect(main.get_by_text("Causal: left context only")).to_be_visible()
    expect(main.get_by_text("Masked: both sides")).to_be_visible()
    # the masked model, seeing "... to the store", has "went" among its top guesses
    masked_bars = main.locator(".js-plotly-plot").nth(1)
    expect(masked_bars.locator(".ytick text", has_text="went").first).to_be_attached()
    expect_no_exception(page)
    assert not external, "requests left localhost:\n" + "\n".join(external)
