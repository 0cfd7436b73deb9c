"""AppTest: every page renders with no exception, on tiny models and on the bundled ones."""

import html

import pytest
from streamlit.testing.v1 import AppTest

from lmviz.analysis import compare
from tests.apptest_pages import APP, open_page

PAGES = ["pages/home.py"]


def app(causal="tiny-gpt2", masked="tiny-bert", **state) -> AppTest:
    return open_page(None, causal, masked, **state)


def page_text(at: AppTest) -> str:
    """The page's text as a reader sees it (token chips are HTML with entities)."""
    return html.unescape(
        "\n".join(str(m.value) for m in [*at.markdown, *at.caption, *at.title, *at.subheader])
    )


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(page):
    at = app()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_home_shows_models_devices_and_tokens():
    at = app(text="The capital of France is Paris.")
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table.iloc[:, 1]) == ["tiny-gpt2", "tiny-bert"]
    assert set(table.iloc[:, 5]) == {"cpu"}
    text = page_text(at)
    assert "␣capital" in text and "[CLS]" in text  # the GPT-2 and the BERT tokens


@pytest.mark.bundled
def test_home_on_bundled_models():
    at = AppTest.from_file(APP, default_timeout=300).run()  # the defaults: the bundled models
    assert not at.exception and not at.error, [e.value for e in [*at.exception, *at.error]]
    assert at.selectbox[0].value == "smollm2-135m"
    assert at.selectbox[1].value == "smollm2-135m-mlm"
    assert "␣Paris" in page_text(at)


def test_language_switch_keeps_state():
    at = app()
    at.text_area[0].set_value("Language switching keeps this text").run()
    at.segmented_control[0].set_value("zh").run()
    assert at.title[0].value.startswith("lmviz：")
    assert at.text_area[0].value == "Language switching keeps this text"
    assert at.selectbox[0].value == "tiny-gpt2"
    assert "␣switching" in page_text(at)
    at.segmented_control[0].set_value("en").run()
    assert at.title[0].value == "lmviz: see how language models work"
    assert not at.exception


def test_chinese_default_text_when_starting_in_chinese():
    at = app(lang="zh")
    assert "床前明月光" in at.text_area[0].value  # 静夜思: the Chinese models read it
    assert not at.exception


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_asks_for_text(text):
    at = app(text=text)
    assert not at.exception and not at.error
    assert any("Type some text" in i.value for i in at.info)


def test_script_text_is_shown_as_text():
    at = app(text="<script>alert(1)</script><img src=x onerror=alert(2)>")
    assert not at.exception
    chips = [m.value for m in at.markdown if "<code" in m.value]
    assert chips and all("<script>" not in c and "<img" not in c for c in chips)
    assert any("&lt;" in c for c in chips)


def test_long_text_shows_the_cut_notice():
    at = app(text="word " * 600)
    assert not at.exception
    assert any("the rest was cut" in w.value for w in at.warning)


@pytest.mark.parametrize(
    "name, message",
    [
        ("no-such-model-xyz", "not in the local Hugging Face cache"),
        ("/definitely/not/here/model", "does not exist"),
    ],
)
def test_unknown_model_gives_a_message_not_a_traceback(name, message):
    at = app()
    at.selectbox[0].set_value("__other__").run()
    at.text_input[0].set_value(name).run()
    assert not at.exception
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
    # the rest of the page still works: the masked model's tokens are there
    assert "[CLS]" in page_text(at)


MARKDOWN_TRAP = "See ![x](http://example.com/a.png) and [link](http://example.com) **now**"


def test_markdown_in_the_text_stays_text_on_home():
    at = app(text=MARKDOWN_TRAP)
    assert not at.exception
    chips = "".join(m.value for m in at.markdown if "<code" in m.value)
    assert "![" not in chips and "](" not in chips and "**" not in chips
    assert "&#33;" in chips and "&#91;" in chips and "&#40;" in chips  # there, as entities


def test_markdown_in_the_text_stays_text_on_compare():
    at = open_page("pages/compare.py", text=MARKDOWN_TRAP)
    assert not at.exception
    assert at.text[0].value == MARKDOWN_TRAP  # shown with st.text, not as markdown
    at.get("pills")[0].set_value(compare.find_words(MARKDOWN_TRAP)[0].index).run()
    shown = "\n".join(m.value for m in [*at.markdown, *at.caption])
    assert "![" not in shown.replace("\\!\\[", "")
