"""A lesson preset clicked through in a real browser on the bundled models, in English and in Chinese."""

from __future__ import annotations

import pytest

from lmviz_app import lessons
from tests.live_server import FIRST_RENDER_MS, RERUN_MS, require_browser

require_browser(allow_module_level=True)

from playwright.sync_api import Page, expect  # noqa: E402

from tests.test_browser import expect_no_exception  # noqa: E402
from tests.test_browser_attention import choose  # noqa: E402

pytestmark = pytest.mark.browser

LESSON = lessons.BY_KEY["both_sides"]  # compare, attention and chat: three pages, both models


def expect_step_drawn(page: Page, index: int, lang: str) -> None:
    """The lesson bar shows step `index`, the run has finished, and the step's figures are on the page."""
    n = len(LESSON.steps)
    step_text = f"step {index + 1}/{n}" if lang == "en" else f"第 {index + 1}/{n} 步"
    bar = page.locator(".st-key-lesson_bar")
    expect(bar).to_contain_text(step_text, timeout=RERUN_MS)
    expect(bar).to_contain_text(LESSON.steps[index].explain[lang].split("\n")[0])
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=RERUN_MS)
    main = page.get_by_test_id("stMain")
    step = LESSON.steps[index]
    if step.state.get("att_view", "").startswith("bv_"):
        expect(main.locator("iframe").first).to_be_visible(timeout=RERUN_MS)
    else:
        expect(main.locator(".js-plotly-plot").first).to_be_visible(timeout=RERUN_MS)
    expect_no_exception(page)


def click_through(page: Page, lang: str) -> None:
    for index in range(len(LESSON.steps)):
        if index:
            page.locator(".st-key-lesson_next button").click()
        expect_step_drawn(page, index, lang)
    expect(page.locator(".st-key-lesson_next button")).to_be_disabled()


def test_lesson_in_english(app_page: tuple[Page, list[str]]) -> None:
    page, external = app_page
    start = page.get_by_test_id("stMain").locator(".st-key-lesson_start_both_sides button")
    expect(start).to_contain_text("Left-to-right vs both sides (6 steps)", timeout=FIRST_RENDER_MS)
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=FIRST_RENDER_MS)
    start.click()
    click_through(page, "en")
    page.locator(".st-key-lesson_leave button").click()
    expect(page.locator(".st-key-lesson_bar")).to_have_count(0, timeout=RERUN_MS)
    assert not external, "requests left localhost:\n" + "\n".join(external)


def test_lesson_in_chinese(app_page: tuple[Page, list[str]], base_url: str) -> None:
    page, external = app_page
    page.goto(f"{base_url}/?lang=zh")
    picker = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text="课程")
    expect(picker).to_be_visible(timeout=FIRST_RENDER_MS)
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=FIRST_RENDER_MS)
    choose(page, "课程", LESSON.title["zh"])
    click_through(page, "zh")
    expect(page.locator(".st-key-lesson_prev button")).to_contain_text("上一步")
    assert not external, "requests left localhost:\n" + "\n".join(external)
