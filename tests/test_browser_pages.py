"""Every page of the menu (ui/nav.py) in a real browser on the bundled models: it draws its figures, shows
no exception box and no error, and no request leaves localhost. A page added to the menu without a check
here fails."""

from __future__ import annotations

import pytest

from lmviz_app.widgets.nav import PAGES
from tests.live_server import FIRST_RENDER_MS, require_browser

require_browser(allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

from tests.test_browser import expect_no_exception  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.bundled]
PLOT = ".js-plotly-plot .main-svg"
# What shows that each page has drawn on the default models and text (the training page draws its
# figures once a run has finished: tests/test_browser_train.py).
DRAWN = {
    "home": "code",
    "attention": PLOT,
    "next_token": PLOT,
    "compare": PLOT,
    "inside": PLOT,
    "why": PLOT,
    "tokenizers": ".lmviz-pieces",
    "train": "button:has-text('Start training'):enabled",
}


@pytest.mark.parametrize("entry", PAGES, ids=[p.key for p in PAGES])
def test_page_draws_on_the_bundled_models(app_page, base_url, entry) -> None:
    assert entry.key in DRAWN, f"add what page '{entry.key}' draws to DRAWN"
    page, external = app_page
    page.goto(f"{base_url}/{entry.url if entry != PAGES[0] else ''}")  # the first page is the root
    main = page.get_by_test_id("stMain")
    expect(main.locator(DRAWN[entry.key]).first).to_be_visible(timeout=FIRST_RENDER_MS)
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=FIRST_RENDER_MS)
    expect_no_exception(page)
    expect(main.get_by_test_id("stAlertContentError")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    assert not external, "requests left localhost:\n" + "\n".join(external)
