"""The real app in a real browser: it renders, stays on localhost, and reacts to new text."""

from __future__ import annotations

import re

import pytest

from tests.live_server import FIRST_RENDER_MS, RERUN_MS, require_browser

require_browser(allow_module_level=True)

from playwright.sync_api import Page, expect  # noqa: E402

pytestmark = pytest.mark.browser

TITLE = "lmviz: see how language models work"
CAUSAL = "smollm2-135m"


def wait_for_tokens(page: Page, timeout_ms: int) -> None:
    """Wait until the home page shows the causal model's token chips and the script run has finished."""
    main = page.get_by_test_id("stMain")
    # The model list in the expander below also bolds the name; the chips' heading comes first.
    heading = main.locator("strong", has_text=re.compile(rf"^{re.escape(CAUSAL)}$")).first
    expect(heading).to_be_visible(timeout=timeout_ms)
    expect(main.locator("code").nth(4)).to_be_visible(timeout=timeout_ms)
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=timeout_ms)


def expect_no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def open_with_text(page: Page, url: str, text: str) -> None:
    """Go to `url`, type `text` into the sidebar and apply it (Ctrl+Enter)."""
    page.goto(url)
    textarea = page.get_by_test_id("stSidebar").get_by_test_id("stTextArea").locator("textarea")
    expect(textarea).to_be_visible(timeout=FIRST_RENDER_MS)
    textarea.fill(text)
    textarea.press("Control+Enter")


def test_home_renders_tokens(app_page: tuple[Page, list[str]]) -> None:
    page, _ = app_page
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible(timeout=FIRST_RENDER_MS)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_test_id("stTextArea").locator("textarea")).to_be_visible()
    wait_for_tokens(page, FIRST_RENDER_MS)
    # The default text mentions Paris: the cased causal model keeps it as one token.
    expect(page.get_by_test_id("stMain").locator("code", has_text=re.compile("Paris")).first).to_be_visible()
    expect_no_exception(page)


def test_no_request_leaves_localhost(app_page: tuple[Page, list[str]]) -> None:
    page, external = app_page
    wait_for_tokens(page, FIRST_RENDER_MS)
    page.wait_for_load_state("networkidle")
    assert not external, "requests left localhost:\n" + "\n".join(external)


def test_new_text_retokenizes(app_page: tuple[Page, list[str]]) -> None:
    page, _ = app_page
    wait_for_tokens(page, FIRST_RENDER_MS)
    main = page.get_by_test_id("stMain")
    textarea = page.get_by_test_id("stSidebar").get_by_test_id("stTextArea").locator("textarea")
    textarea.fill("Der Hund bellt 🐶 我爱你")
    textarea.press("Control+Enter")

    expect(main.locator("code", has_text=re.compile(r"^Der$"))).to_be_visible(timeout=RERUN_MS)
    expect(main.locator("code", has_text="bell").first).to_be_visible(timeout=RERUN_MS)
    expect(main.locator("code", has_text="🐶").first).to_be_visible(timeout=RERUN_MS)
    expect(main.locator("code", has_text=re.compile("paris", re.IGNORECASE))).to_have_count(
        0, timeout=RERUN_MS
    )
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=RERUN_MS)
    expect_no_exception(page)


def test_a_pasted_text_over_the_limit_is_cut_with_a_notice(app_page: tuple[Page, list[str]]) -> None:
    """The box used to ignore a paste over its limit silently (the old text stayed)."""
    page, _ = app_page
    wait_for_tokens(page, FIRST_RENDER_MS)
    textarea = page.get_by_test_id("stSidebar").get_by_test_id("stTextArea").locator("textarea")
    textarea.fill("word " * 5_000)  # 25,000 characters, as a paste delivers them
    textarea.press("Control+Enter")
    notice = page.get_by_test_id("stSidebar").get_by_text(re.compile("The text had 25,000 characters"))
    expect(notice).to_be_visible(timeout=RERUN_MS)
    expect(textarea).to_have_value("word " * 4_000, timeout=RERUN_MS)  # cut at 20,000
    expect_no_exception(page)
