"""The training page in a real browser on the bundled causal model: a short LoRA fine-tune on the KJV,
the live view, before/after, and the trained model opened on the attention page; a broken upload."""

from __future__ import annotations

import json
import re
import zipfile

import pytest

from tests.live_server import FIRST_RENDER_MS, RERUN_MS, require_browser

require_browser(allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

from tests.test_browser import expect_no_exception  # noqa: E402

pytestmark = pytest.mark.browser
TRAIN_MS = 600_000  # 3 LoRA steps + held-out loss + before/after; minutes when the 2 cores are busy


def test_short_finetune_then_inspect_the_model(app_page, base_url) -> None:
    page, external = app_page
    page.goto(f"{base_url}/train")
    main = page.get_by_test_id("stMain")
    start = main.get_by_role("button", name="Start training")
    expect(start).to_be_enabled(timeout=FIRST_RENDER_MS)
    expect(main.get_by_text("King James Bible (public domain").first).to_be_visible()
    main.get_by_text("Settings", exact=True).click()
    for label, value in (("Steps", "3"), ("Batch (blocks per step)", "2")):
        box = main.get_by_label(label)
        box.fill(value)
        box.press("Enter")
        expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=RERUN_MS)
    seq_len = main.get_by_role("slider", name=re.compile("^Sequence length"))
    seq_len.press("ArrowLeft")  # 64 -> 32 tokens (the first of the choices)
    expect(seq_len).to_have_attribute("aria-valuetext", "32", timeout=RERUN_MS)
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=RERUN_MS)
    start.click()
    # The live view: the Stop button and a progress line while it runs, then the result.
    expect(main.get_by_role("button", name="Stop")).to_be_visible(timeout=RERUN_MS)
    done = main.get_by_text(re.compile(r"Done: 3 steps in \d+ s"))
    expect(done).to_be_visible(timeout=TRAIN_MS)
    expect(main.get_by_test_id("stMetric")).to_have_count(2, timeout=RERUN_MS)  # perplexity before/after
    expect(main.locator(".js-plotly-plot")).to_have_count(3)  # loss curve + two probe charts
    name = re.search(r"“(fine-tuned: smollm2-135m #\d+)”", done.inner_text()).group(1)
    expect_no_exception(page)

    # The download (it failed silently when the converted SmolLM2 still named its GGUF quantisation).
    main.get_by_role("button", name="Prepare the download (.zip)").click()
    download = main.get_by_role("button", name="Download the trained model (.zip)")
    expect(download).to_be_visible(timeout=TRAIN_MS)
    with page.expect_download(timeout=TRAIN_MS) as info:
        download.click()
    with zipfile.ZipFile(info.value.path()) as zf:
        names = set(zf.namelist())
        config = json.loads(zf.read("config.json"))
    assert {"model.safetensors", "config.json", "tokenizer.json", "training_report.json"} <= names
    assert "quantization_config" not in config
    expect(main.get_by_test_id("stAlertContentError")).to_have_count(0)

    main.get_by_role("button", name="Look at it on the Attention page").click()
    sidebar = page.get_by_test_id("stSidebar")
    picker = sidebar.get_by_role("combobox", name="Causal (GPT-style) model")
    expect(picker).to_have_value(re.compile(re.escape(name)), timeout=RERUN_MS)  # the chosen causal model
    expect(main.get_by_text("Attention explorer").first).to_be_visible()
    expect(main.locator(".js-plotly-plot").first).to_be_visible(timeout=RERUN_MS)
    expect_no_exception(page)
    assert not external, "requests left localhost:\n" + "\n".join(external)


def test_binary_upload_is_refused_with_a_message(app_page, base_url) -> None:
    page, _ = app_page
    page.goto(f"{base_url}/train")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("button", name="Start training")).to_be_visible(timeout=FIRST_RENDER_MS)
    main.get_by_text("Upload a text file", exact=True).click()
    uploader = main.get_by_test_id("stFileUploaderDropzoneInput")
    expect(uploader).to_be_attached(timeout=RERUN_MS)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    uploader.set_input_files(files=[{"name": "photo.txt", "mimeType": "text/plain", "buffer": png}])
    expect(main.get_by_text("does not look like text")).to_be_visible(timeout=RERUN_MS)
    expect(main.get_by_role("button", name="Start training")).to_be_disabled()
    expect_no_exception(page)
