"""The tokenizer playground in a real browser on the bundled models: the tokenizers side by side, the
pieces drawn as escaped text, a BPE trained and stepped back to its bytes."""

from __future__ import annotations

import re

import pytest

from tests.live_server import FIRST_RENDER_MS, RERUN_MS, require_browser

require_browser(allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

from tests.test_browser import expect_no_exception, open_with_text  # noqa: E402
from tests.test_browser_attention import idle  # noqa: E402

pytestmark = pytest.mark.browser


def test_tokenizers_side_by_side_and_a_bpe(app_page, base_url) -> None:
    page, external = app_page
    open_with_text(page, f"{base_url}/tokenizers?bpe_word=Jerusalem", "I <b>love</b> 北京 🙂 naïve")
    idle(page, FIRST_RENDER_MS)
    main = page.get_by_test_id("stMain")
    expect(page.get_by_role("heading", name="Tokenizer playground", level=1)).to_be_visible(timeout=RERUN_MS)
    expect(main.get_by_role("cell", name="smollm2-135m = smollm2-135m-mlm", exact=True)).to_be_visible()
    expect(main.get_by_text("Trained: 1,000 tokens")).to_be_visible()
    assert main.locator(".lmviz-pieces b").count() == 0  # the <b> in the text stays text
    expect(main.locator(".lmviz-pieces", has_text="⟨").first).to_be_attached()  # byte pieces labelled
    expect(main.get_by_text(re.compile(r"^Merge (\d+) of \1:"))).to_be_visible()  # every merge applied
    slider = main.get_by_test_id("stSlider").filter(has_text="Merges applied").get_by_role("slider")
    slider.focus()
    slider.press("Home")
    idle(page)
    expect(main.get_by_text("Before any merge")).to_be_visible(timeout=RERUN_MS)
    expect(main.get_by_text("Trained: 1,000 tokens")).to_be_visible()  # the vocabulary slider did not move
    expect_no_exception(page)
    assert not external, "requests left localhost:\n" + "\n".join(external)
