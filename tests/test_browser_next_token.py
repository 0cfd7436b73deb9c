"""The next-token lab in a real browser on SmolLM2: step through three tokens by clicking."""

from __future__ import annotations

import re

import pytest

from tests.live_server import FIRST_RENDER_MS, RERUN_MS, require_browser

require_browser(allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

from tests.test_browser import expect_no_exception, open_with_text  # noqa: E402

pytestmark = pytest.mark.browser


def test_step_through_three_tokens_on_smollm2(app_page, base_url) -> None:
    page, external = app_page
    open_with_text(page, f"{base_url}/next_token", "The capital of France is")
    main = page.get_by_test_id("stMain")
    running = page.get_by_test_id("stStatusWidgetRunningIcon")
    expect(main.locator(".js-plotly-plot .barlayer").first).to_be_attached(timeout=FIRST_RENDER_MS)
    expect(running).to_have_count(0, timeout=FIRST_RENDER_MS)
    # the most likely next token, drawn first on the chart
    top = main.locator(".js-plotly-plot .ytick text", has_text=re.compile(r"^1\. ␣Paris$"))
    expect(top).to_have_count(1, timeout=RERUN_MS)

    append = main.get_by_role("button", name="Append a candidate", exact=True)
    so_far = main.get_by_test_id("stCode").first
    for n in range(1, 4):
        append.click()
        rows = main.get_by_test_id("stTable").first.locator("tbody tr")
        expect(rows).to_have_count(n, timeout=RERUN_MS)  # one row per token taken so far
        expect(running).to_have_count(0, timeout=RERUN_MS)
        expect_no_exception(page)
        if n == 1:
            expect(so_far).to_have_text("The capital of France is Paris")
            expect(rows.first).to_contain_text("Paris")
    assert not external, "requests left localhost:\n" + "\n".join(external)
