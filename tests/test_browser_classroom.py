"""Classroom features in a real browser: the language follows the browser, a shared link reproduces the
view, presenter mode hides the sidebar, and "Save this view" downloads pictures and numbers."""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.live_server import FIRST_RENDER_MS, RERUN_MS, require_browser

require_browser(allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

from tests.test_browser import expect_no_exception  # noqa: E402

pytestmark = pytest.mark.browser


def test_chinese_browser_gets_chinese(browser, base_url) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.goto(f"{base_url}/attention")
        expect(page.get_by_role("heading", name="注意力", exact=False).first).to_be_visible(
            timeout=FIRST_RENDER_MS
        )
        expect(page.get_by_test_id("stSidebar").get_by_text("语言")).to_be_visible()
        expect_no_exception(page)
    finally:
        context.close()


def test_shared_link_reproduces_the_view_and_presenter_mode(app_page, base_url) -> None:
    page, external = app_page
    text = "Cats chase mice at night."
    page.goto(f"{base_url}/attention?text={text.replace(' ', '+')}&view=grid&scale=log&causal=smollm2-135m")
    main = page.get_by_test_id("stMain")
    expect(main.locator(".js-plotly-plot").first).to_be_visible(timeout=FIRST_RENDER_MS)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.locator("textarea")).to_have_value(text)
    expect(main.get_by_role("combobox", name="View")).to_have_value("All heads")  # the view the link chose
    # The share link names this page and these settings.
    sidebar.get_by_text("Share this view").click()
    link = page.get_by_test_id("stCode").last.inner_text().strip()
    parts = urlsplit(link)
    assert parts.path == "/attention"
    query = parse_qs(parts.query)
    assert query["text"] == [text] and query["view"] == ["grid"] and query["scale"] == ["log"]
    page.keyboard.press("Escape")

    # Presenter mode: no sidebar, large type, the pages along the top, and a way back.
    sidebar.get_by_text("Presenter mode").click()
    leave = main.get_by_role("button", name=re.compile("Leave presenter mode"))
    expect(leave).to_be_visible(timeout=RERUN_MS)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    size = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert size == "22px"
    assert "presenter=1" in page.url
    leave.click()
    expect(page.get_by_test_id("stSidebar")).to_be_visible(timeout=RERUN_MS)
    expect_no_exception(page)
    assert not external, "requests left localhost:\n" + "\n".join(external)


def test_save_this_view_downloads_pictures_and_numbers(app_page, base_url) -> None:
    page, _ = app_page
    page.goto(f"{base_url}/attention?text=The+dog+barked.")
    main = page.get_by_test_id("stMain")
    expect(main.locator(".js-plotly-plot").first).to_be_visible(timeout=FIRST_RENDER_MS)
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=RERUN_MS)
    with page.expect_download(timeout=RERUN_MS) as info:
        page.get_by_test_id("stSidebar").get_by_role("button", name="Save this view").click()
    data = open(info.value.path(), "rb").read()
    names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    assert {
        "fig_causal_head.csv",
        "fig_causal_head.html",
        "fig_causal_head.png",
        "fig_causal_head.svg",
    } <= names
    expect_no_exception(page)


def _luminance(colour: str) -> float:
    """Relative luminance of "#rrggbb" or "rgb(r, g, b)" (WCAG)."""
    if colour.startswith("#"):
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    else:
        rgb = [int(v) / 255 for v in re.findall(r"\d+", colour)[:3]]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_presenter_mode_scale_menu_and_text_box(app_page, base_url) -> None:
    """Presenter mode: the colour scale gets darker as weights grow (as the caption says), every menu label
    is whole, and the text can still be changed."""
    page, _ = app_page
    page.goto(f"{base_url}/attention?presenter=1&view=head&text=The+cat+sat+on+the+mat.")
    main = page.get_by_test_id("stMain")
    expect(main.locator(".js-plotly-plot").first).to_be_visible(timeout=FIRST_RENDER_MS)
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=RERUN_MS)
    expect(main.get_by_text("Darker cells carry more weight")).to_be_visible()
    # the scale the browser actually draws (Streamlit's theme rewrites some colours)
    scale = page.evaluate("() => document.querySelector('.js-plotly-plot')._fullData[0].colorscale")
    lum = [_luminance(c) for _, c in scale]
    assert lum == sorted(lum, reverse=True), scale  # monotonic: 0 is the lightest, 1 the darkest
    assert lum[0] - lum[-1] > 0.8  # high contrast
    # every label of the top bar is shown whole
    bar = main.locator(".st-key-presenter_bar")
    for label in [
        "Home",
        "Attention",
        "Next token",
        "Left vs both sides",
        "Training",
        "Leave presenter mode",
    ]:
        item = bar.get_by_text(label, exact=True)
        expect(item).to_be_visible()
        assert item.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), f"{label!r} is cut"
    # the text box lives in the bar's "Text" popover while the sidebar is hidden
    bar.get_by_role("button", name="Text").click()
    box = page.get_by_test_id("stPopoverBody").locator("textarea")
    expect(box).to_have_value("The cat sat on the mat.")
    box.fill("Dogs bark loudly.")
    box.press("Control+Enter")
    expect(main.locator(".js-plotly-plot .ytick text", has_text="bark").first).to_be_attached(
        timeout=RERUN_MS
    )
    expect_no_exception(page)
