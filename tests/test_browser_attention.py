"""The attention page in a real browser on the bundled models: heatmap and both bertviz views draw
offline, and a script hidden in the text stays inert text."""

from __future__ import annotations

import pytest

from tests.live_server import FIRST_RENDER_MS, RERUN_MS, require_browser

require_browser(allow_module_level=True)

from playwright.sync_api import Page, expect  # noqa: E402

from tests.test_browser import expect_no_exception, open_with_text  # noqa: E402

pytestmark = pytest.mark.browser
INJECTION = 'The cat </script><img src=x onerror="window.__pwned=1"> sat on the mat.'


def idle(page: Page, timeout_ms: int = RERUN_MS) -> None:
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=timeout_ms)


def choose(page: Page, label: str, option: str, tries: int = 3) -> None:
    """Pick an option of a Streamlit selectbox by its label. A rerun that lands while the list is open
    closes it again (a page's first run can still be finishing on a busy machine): the list is reopened."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=label)
    item = page.get_by_role("option", name=option, exact=True)
    for attempt in range(tries):
        box.get_by_role("combobox").click()
        try:
            expect(item).to_be_visible(timeout=10_000)
            break
        except AssertionError:
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")
    item.click()
    idle(page)


def test_attention_page_draws_offline_and_escapes_tokens(app_page, base_url) -> None:
    page, external = app_page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_with_text(page, f"{base_url}/attention", INJECTION)
    idle(page, FIRST_RENDER_MS)

    main = page.get_by_test_id("stMain")
    heatmap = main.locator(".js-plotly-plot .main-svg").first
    expect(heatmap).to_be_visible(timeout=FIRST_RENDER_MS)
    expect(main.locator(".js-plotly-plot .heatmaplayer").first).to_be_attached()
    expect_no_exception(page)

    for view in ("bertviz head view", "bertviz model view"):
        choose(page, "View", view)
        frame = main.frame_locator("iframe").first
        if view == "bertviz model view":  # thumbnails first; a click opens one head with its tokens
            thumbnail = frame.locator("#attn_background_0_0")
            expect(thumbnail).to_be_attached(timeout=RERUN_MS)
            thumbnail.click(force=True)
        # the injected text is drawn as SVG text (split into tokens such as "img"), never as markup
        expect(frame.locator("svg text", has_text="img").first).to_be_attached(timeout=RERUN_MS)
        assert frame.locator("svg text").count() > 5, view
        assert frame.locator("img").count() == 0, f"{view}: an <img> from the text was created"
        expect_no_exception(page)

    pwned = [f.evaluate("() => window.__pwned === undefined") for f in page.frames]
    assert all(pwned), "the onerror handler in the text ran"
    assert not dialogs
    page.wait_for_load_state("networkidle")
    assert not external, "requests left localhost:\n" + "\n".join(external)
