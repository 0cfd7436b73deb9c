"""The next-token page's lesson tools in a real browser on the bundled models: minimal pairs, the decoding
tree, GLTR's histograms and "Inspect this text"."""

from __future__ import annotations

import pytest

from tests.live_server import FIRST_RENDER_MS, RERUN_MS, require_browser

require_browser(allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

from tests.test_browser import expect_no_exception  # noqa: E402
from tests.test_browser_attention import idle  # noqa: E402

pytestmark = pytest.mark.browser


def test_a_minimal_pair_then_inspect_a_continuation(app_page, base_url) -> None:
    page, external = app_page
    page.goto(f"{base_url}/next_token?panel=pair&pair_preset=agreement")
    idle(page, FIRST_RENDER_MS)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Total variation")).to_be_visible(timeout=FIRST_RENDER_MS)
    expect(main.locator("text.gtitle", has_text="after A and after B")).to_be_attached()
    expect(main.get_by_role("cell", name="␣are", exact=True)).to_be_visible()
    expect_no_exception(page)

    main.get_by_test_id("stButtonGroup").get_by_text("Decoding tree", exact=True).click()
    idle(page)
    tree = main.locator("text.gtitle", has_text="Beam search: the tree it walks")
    expect(tree).to_be_attached(timeout=RERUN_MS)
    expect(main.get_by_text("Chosen:")).to_be_visible()
    main.get_by_test_id("stButtonGroup").get_by_text("Loss and surprise", exact=True).click()
    idle(page)
    entropy = main.locator("text.gtitle", has_text="Entropy of each prediction")
    expect(entropy).to_be_attached(timeout=RERUN_MS)
    assert main.locator(".lmviz-gltr").count() == 3
    expect_no_exception(page)

    main.get_by_test_id("stButtonGroup").get_by_text("Next token", exact=True).click()
    idle(page)
    main.get_by_role("button", name="Generate").click()
    idle(page)
    main.get_by_role("button", name="🔭 its attention").click()
    idle(page, FIRST_RENDER_MS)
    expect(page.get_by_role("heading", name="Attention explorer", level=1)).to_be_visible(timeout=RERUN_MS)
    box = page.get_by_test_id("stSidebar").get_by_test_id("stTextArea").locator("textarea")
    text = box.input_value()
    assert text.startswith("The capital of France is Paris") and len(text) > 90, text
    expect(main.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=RERUN_MS)
    expect_no_exception(page)
    assert not external, "requests left localhost:\n" + "\n".join(external)
