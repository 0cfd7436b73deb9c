"""Strange input on every page (AppTest, tiny models) and in the core: each gets a clear message in the
sidebar's language, nothing crashes, and nothing the user set is lost."""

from __future__ import annotations

import json
import re
import socket

import pytest
import streamlit

import lmviz
from lmviz.errors import LmvizError
from lmviz.messages import CATALOGUES, render
from lmviz.models import registry as models
from lmviz.training import before_after
from lmviz.training import data as train_data
from lmviz.training.config import TrainConfig, bound
from lmviz_app.cache import OTHER
from lmviz_app.url_state import MAX_TEXT
from lmviz_app.widgets.nav import PAGES
from tests.apptest_pages import ok, open_page

PAGE_PATHS = [p.path for p in PAGES]
SCRIPT = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
BAD_TEXTS = {
    "empty": "",
    "whitespace": " \n\t \u3000 ",
    "long": "The cat sat on the mat and looked at the dog. " * 250,  # 11,500 characters
    "over_the_box_limit": "word " * 5_000 + "x" * 6_000,  # 31,000: more than the text box takes
    "emoji": "I love 🍕 and 🐱‍👤 so much 👍🏽 🇫🇷",
    "chinese": "今天天气很好，我们去公园散步。",
    "arabic": "مرحبا بالعالم، كيف حالك اليوم؟",
    "control": "a\x00b\x07c\x1b[31m red\u200bzero\u200dwidth\u200e\u202eevil\ufeff end",
    "html": SCRIPT,
    "no_mask": "There is no blank in this sentence.",
    "many_masks": " ".join(["[MASK]"] * 30),
    "only_masks": "[MASK]",
}
FIXED_TEXT = "The cat sat on the mat."
CJK = re.compile(r"[\u4e00-\u9fff]")
RAW = re.compile(r"Traceback|File \"|\w+Error\b|\w+Exception\b")
# The errors a bad text may raise, each one a sentence that says what to do (all others fail the test).
EXPECTED_ERRORS = {
    "long": ("Shorten the prompt", "shorten it"),
    "over_the_box_limit": ("Shorten the prompt", "shorten it"),
    "many_masks": ("Remove some blanks",),
}


def messages(at) -> list[str]:
    return [m.value for m in (*at.error, *at.warning, *at.info)]


def assert_clear(at, lang: str = "en") -> None:
    """No exception box; every message reads as a sentence in `lang`, never a raw error."""
    assert not at.exception, [e.value for e in at.exception]
    for text in messages(at):
        assert not RAW.search(text), text
        if lang == "zh":
            assert CJK.search(text), f"not in Chinese: {text}"


@pytest.fixture
def closed_port() -> int:
    """A localhost port nothing listens on: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- bad text on every page, in English: a clear message, and the page works again after a fix ---


@pytest.mark.parametrize("case", BAD_TEXTS)
@pytest.mark.parametrize("page", PAGE_PATHS)
def test_bad_text_on_every_page(page, case):
    text = BAD_TEXTS[case]
    at = open_page(page, text=text)
    assert_clear(at)
    assert at.title, "the page drew nothing"
    allowed = EXPECTED_ERRORS.get(case, ())
    for error in at.error:
        assert any(phrase in error.value for phrase in allowed), error.value
    if not text.strip():
        assert any("Type some text" in m for m in messages(at)) or page.endswith(("home.py", "train.py"))
    # Nothing the user set is lost: the text box (which holds at most MAX_TEXT characters, like a
    # browser's) and the models are as they were ...
    assert at.session_state["text"] == text[:MAX_TEXT]
    assert at.session_state["causal_pick"] == "tiny-gpt2"
    assert at.session_state["masked_pick"] == "tiny-bert"
    # ... and the page works again once the text is fixed.
    at.sidebar.text_area(key="text").set_value(FIXED_TEXT).run()
    ok(at)
    assert at.session_state["text"] == FIXED_TEXT


@pytest.mark.parametrize("case", ["empty", "long", "emoji", "arabic", "control", "html", "many_masks"])
@pytest.mark.parametrize("page", PAGE_PATHS)
def test_bad_text_in_chinese(page, case):
    # One run per case: AppTest formats widget options outside the script, in English, on a second run.
    at = open_page(page, text=BAD_TEXTS[case], lang="zh")
    assert_clear(at, "zh")
    assert CJK.search(at.title[0].value)


def test_html_text_is_shown_as_text_on_the_compare_page():
    at = open_page("pages/compare.py", text=SCRIPT)
    ok(at)
    assert any(SCRIPT in t.value for t in at.text), "the text is shown verbatim, as text"
    assert not any("<script>" in m.value for m in at.markdown)


# --- masks on the compare page ---


def test_no_mask_asks_for_a_word_and_many_masks_says_how_many():
    at = open_page("pages/compare.py", text=BAD_TEXTS["no_mask"])
    ok(at)
    assert any("Click a word" in i.value for i in at.info)
    at = open_page("pages/compare.py", text=BAD_TEXTS["many_masks"])
    assert not at.exception
    assert any("30 blanks" in e.value and "at most 20" in e.value for e in at.error)
    at.sidebar.text_area(key="text").set_value("The [MASK] sat on the [MASK].").run()
    ok(at)


# --- models that cannot be loaded, typed into the sidebar ("Other") ---


def _pickle_only(folder):
    (folder / "config.json").write_text(
        json.dumps({"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"]})
    )
    (folder / "pytorch_model.bin").write_bytes(b"not even a pickle")
    return str(folder)


def _corrupt(folder):
    (folder / "config.json").write_text("{ this is not json")
    (folder / "model.safetensors").write_bytes(b"\x00garbage")
    return str(folder)


MODEL_CASES = {
    "unknown_id": (lambda tmp: "surely-not-a-model-xyz", "not in the local Hugging Face cache"),
    "malformed": (lambda tmp: "not a model!! <b>", "is not a model name lmviz knows"),
    "missing_folder": (lambda tmp: str(tmp / "missing" / "model"), "does not exist"),
    "not_a_model_folder": (lambda tmp: str(tmp), "holds no config.json"),
    "pickle_only": (_pickle_only, "only pickle weights"),
    "corrupt": (_corrupt, "could not be read as a model"),
}


@pytest.mark.parametrize("case", MODEL_CASES)
@pytest.mark.parametrize("page", PAGE_PATHS)
def test_model_that_cannot_load(page, case, tmp_path):
    make, expected = MODEL_CASES[case]
    name = make(tmp_path)
    at = open_page(page, causal=OTHER, causal_other=name, text=FIXED_TEXT)
    assert_clear(at)
    assert any(expected in e.value for e in at.error), messages(at)
    # The choice, the typed name, the text and the other model are kept ...
    assert at.session_state["causal_pick"] == OTHER
    assert at.session_state["causal_other"] == name
    assert at.session_state["text"] == FIXED_TEXT
    assert at.session_state["masked_pick"] == "tiny-bert"
    # ... and picking a model that loads makes the page work again.
    at.sidebar.selectbox(key="causal_pick").set_value("tiny-gpt2").run()
    ok(at)


@pytest.mark.parametrize("case", MODEL_CASES)
def test_model_that_cannot_load_in_chinese(case, tmp_path):
    make, _ = MODEL_CASES[case]
    at = open_page("pages/attention.py", causal=OTHER, causal_other=make(tmp_path), lang="zh")
    assert_clear(at, "zh")
    assert at.error


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hub_unreachable(monkeypatch, closed_port, lang):
    """Downloads allowed but no network: the hub check fails at once and says what to do."""
    monkeypatch.setenv("LMVIZ_ALLOW_DOWNLOADS", "1")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(models, "HUB_HOST", ("127.0.0.1", closed_port))
    at = open_page("pages/next_token.py", causal=OTHER, causal_other="gpt2-not-cached-here", lang=lang)
    assert_clear(at, lang)
    expected = "Cannot reach the Hugging Face hub" if lang == "en" else "无法连接"
    assert any(expected in e.value for e in at.error), messages(at)
    assert at.session_state["causal_other"] == "gpt2-not-cached-here"


def test_unknown_masked_model_keeps_the_causal_side_working():
    at = open_page("pages/attention.py", masked=OTHER, masked_other="nope-nope-xyz", att_which="both")
    assert_clear(at)
    assert len(at.error) == 1
    assert at.get("plotly_chart"), "the causal model's attention is still drawn"


# --- uploads on the training page ---

UPLOADS = {
    "binary": ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "does not look like text"),
    "huge": ("novel.txt", b"a" * (train_data.MAX_UPLOAD_BYTES + 1), "trains on files up to 2 MB"),
    "empty": ("empty.txt", b"", "is empty"),
    "zip": ("notes.docx", b"PK\x03\x04" + b"\x00\x01" * 500, "does not look like text"),
}


def _upload_page(lang: str = "en"):
    return open_page("pages/train.py", tr_data="upload", lang=lang)


@pytest.mark.parametrize("case", UPLOADS)
def test_bad_upload_is_refused_and_a_good_one_is_read_after(case):
    name, data, expected = UPLOADS[case]
    at = _upload_page()
    at.file_uploader(key="tr_upload").set_value((name, data, "application/octet-stream")).run()
    assert_clear(at)
    assert any(expected in e.value for e in at.error), messages(at)
    assert at.button(key="tr_start").disabled
    text = "Le café était très bon. Ça coûte cher. " * 80
    at.file_uploader(key="tr_upload").set_value(("french.txt", text.encode("cp1252"), "text/plain")).run()
    ok(at)
    assert not at.button(key="tr_start").disabled


def test_wrongly_encoded_upload_is_decoded():
    at = _upload_page()
    chinese = "床前明月光，疑是地上霜。举头望明月，低头思故乡。" * 40
    at.file_uploader(key="tr_upload").set_value(("poem.txt", chinese.encode("gb18030"), "text/plain")).run()
    ok(at)
    assert not at.button(key="tr_start").disabled


class _FakeUpload:
    def __init__(self, name: str, data: bytes) -> None:
        self.name, self._data = name, data

    def getvalue(self) -> bytes:
        return self._data


@pytest.mark.parametrize("case", UPLOADS)
def test_bad_upload_in_chinese(monkeypatch, case):
    # One run (see test_bad_text_in_chinese): the uploader hands the page a file from the first run.
    name, data, _ = UPLOADS[case]
    monkeypatch.setattr(streamlit, "file_uploader", lambda *a, **k: _FakeUpload(name, data))
    at = _upload_page("zh")
    assert_clear(at, "zh")
    assert at.error


# --- probes the before/after comparison cannot use are refused before training, not after ---

TRAIN_TEXT = "The cat sat on the mat and looked at the dog. " * 60


@pytest.mark.parametrize(
    ("base", "probe", "expected"),
    [
        ("tiny-bert", "There is no blank here.", "The probe has no blank"),
        ("tiny-gpt2", "   ", "The prompt is empty"),
        ("tiny-gpt2", "🐱‍👤" * 120, "this model reads at most"),
    ],
)
def test_unusable_probe_is_refused_before_training(base, probe, expected):
    kind = "causal" if base == "tiny-gpt2" else "masked"
    state = {"tr_data": "paste", "tr_paste": TRAIN_TEXT, f"tr_probe_{kind}_paste": probe}
    at = open_page("pages/train.py", tr_base=base, **state)
    at.button(key="tr_start").click().run()
    assert_clear(at)
    assert any(expected in e.value for e in at.error), messages(at)
    assert "_train_job" not in at.session_state, "no run was started"
    assert at.session_state["tr_paste"] == TRAIN_TEXT


def test_empty_sample_prompt_is_refused_before_pretraining():
    state = {"tr_mode": "pretrain", "tr_data": "paste", "tr_paste": TRAIN_TEXT, "tr_sample_paste": ""}
    at = open_page("pages/train.py", **state)
    at.button(key="tr_start").click().run()
    assert any("The prompt is empty" in e.value for e in at.error), messages(at)
    assert "_train_job" not in at.session_state


# --- absurd training settings: the widgets are bounded, the core brings numbers inside its limits ---


@pytest.mark.parametrize(
    ("key", "value"), [("tr_batch_finetune", 0), ("tr_steps_finetune", 1_000_000), ("tr_seed", -5)]
)
def test_training_widgets_stay_inside_their_bounds(key, value):
    at = open_page("pages/train.py", **{key: value})
    assert_clear(at)
    widget = at.number_input(key=key)
    assert widget.min <= widget.value <= widget.max


def test_absurd_training_settings_are_bounded_with_notices_in_both_languages():
    config, notices = bound(TrainConfig(lr=10.0, steps=1_000_000, batch=0))
    assert (config.lr, config.steps, config.batch) == (1e-2, 20_000, 1)
    assert len(notices) == 3
    for notice in notices:
        assert notice.code == "train.setting_outside" and "is outside" in str(notice)
        assert CJK.search(render(notice, "zh"))
    for value in (float("nan"), float("inf"), -1.0, "ten"):
        config, notices = bound(TrainConfig(lr=value, steps=value, batch=value))
        assert 1e-6 <= config.lr <= 1e-2 and config.steps >= 1 and config.batch >= 1
        assert notices


# --- the core, for what has no page of its own ---


@pytest.mark.parametrize("case", [c for c in BAD_TEXTS if BAD_TEXTS[c].strip()])
def test_core_reads_every_bad_text(case, tiny_gpt2, tiny_bert):
    text = BAD_TEXTS[case]
    for model in (tiny_gpt2, tiny_bert):
        result = lmviz.inspect_text(model, text)
        assert len(result.tokens) >= 1
        assert result.attentions.shape[-1] == len(result.tokens)
        if len(result.tokens) < model.max_tokens - 2:
            assert not result.notice


@pytest.mark.parametrize("text", ["", "   ", "\n\t\u3000"])
def test_core_refuses_empty_text_in_both_languages(text, tiny_gpt2):
    with pytest.raises(LmvizError, match="empty") as info:
        lmviz.inspect_text(tiny_gpt2, text)
    assert info.value.code in CATALOGUES["zh"] and CJK.search(render(info.value.message, "zh"))


@pytest.mark.parametrize(
    "message_from",
    [
        lambda: train_data.decode_upload(b"", "a.txt"),
        lambda: train_data.decode_upload(b"\x89PNG\r\n\x1a\n\x00\x00", "a.png"),
        lambda: train_data.decode_upload(b"x" * (train_data.MAX_UPLOAD_BYTES + 1), "big.txt"),
        lambda: train_data.decode_upload("   \n ".encode("utf-16"), "blank.txt"),
        lambda: train_data.pasted(" \n "),
        lambda: lmviz.load_model("surely-not-a-model-xyz"),
        lambda: lmviz.load_model("/surely/not/a/folder"),
        lambda: before_after.check_probe("masked", "no blank"),
        lambda: before_after.check_probe("causal", " "),
    ],
)
def test_core_errors_have_chinese(message_from):
    with pytest.raises(LmvizError) as info:
        message_from()
    assert info.value.code in CATALOGUES["zh"], info.value.code
    zh = render(info.value.message, "zh")
    assert CJK.search(zh), zh
