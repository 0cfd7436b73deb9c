"""The real app in a real browser: it renders, stays on localhost, and reacts to new text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from tests.live_server import launch_chromium, require_browser, serve_app

require_browser(allow_module_level=True)

from playwright.sync_api import Browser, Page, Route, expect, sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser

TITLE = "lmviz: see how language models work"
CAUSAL = "smollm2-135m"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
NETWORK_SCHEMES = {"http", "https", "ws", "wss"}
# The first run loads both models on a busy 2-core CPU: be generous.
FIRST_RENDER_MS = 180_000
RERUN_MS = 90_000


def is_external(url: str) -> bool:
    """True for a network URL whose host is not this machine (data:, blob: and the like are local)."""
    parsed = urlparse(url)
    return parsed.scheme in NETWORK_SCHEMES and parsed.hostname not in LOCAL_HOSTS


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve_app() as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def app_page(browser: Browser, base_url: str) -> Iterator[tuple[Page, list[str]]]:
    """A fresh browser context on the app; yields the page and the external URLs it tried to reach."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    external: list[str] = []

    def record(url: str) -> None:
        if is_external(url) and url not in external:
            external.append(url)

    def guard(route: Route) -> None:
        if is_external(route.request.url):
            record(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("request", lambda request: record(request.url))
    page.on("websocket", lambda ws: record(ws.url))
    try:
        page.goto(base_url, wait_until="domcontentloaded")
        yield page, external
    finally:
        context.close()


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
