"""In Chinese, with no model chosen, the pages read Chinese with the Chinese models and a poem; a model
someone picked stays; characters a model cannot read get a notice (AppTest on the bundled models)."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_pages import APP, ok, open_page

pytestmark = pytest.mark.bundled


def pickers(at: AppTest) -> tuple[str, str]:
    return at.selectbox[0].value, at.selectbox[1].value


def test_chinese_starts_on_the_chinese_models_and_a_poem():
    at = AppTest.from_file(APP, default_timeout=300)
    at.session_state["lang"] = "zh"
    at.run()
    ok(at)
    assert pickers(at) == ("poem-gpt-zh", "poem-bert-zh")
    assert at.text_area[0].value == "床前明月光，疑是地上霜。举头望明月，低头思故乡。"
    chips = "".join(m.value for m in at.markdown if "<code" in m.value)
    assert ">床<" in chips and ">光<" in chips  # one pill per character
    assert not at.info or not any("[UNK]" in i.value for i in at.info)  # every character known


def test_untouched_defaults_follow_the_language_and_a_choice_stays():
    at = AppTest.from_file(APP, default_timeout=300)
    at.session_state["lang"] = "zh"
    at.run()
    at.selectbox[1].set_value("minilm-l6-mlm").run()  # chosen by hand
    at.segmented_control[0].set_value("en").run()
    ok(at)
    assert pickers(at) == ("smollm2-135m", "minilm-l6-mlm")
    assert at.text_area[0].value.startswith("The capital of France")
    at.segmented_control[0].set_value("zh").run()
    assert pickers(at) == ("poem-gpt-zh", "minilm-l6-mlm")
    assert at.text_area[0].value.startswith("床前明月光")


def test_an_edited_text_stays_when_the_language_changes():
    at = AppTest.from_file(APP, default_timeout=300)
    at.session_state["lang"] = "zh"
    at.run()
    at.text_area[0].set_value("白日依山尽，黄河入海流。").run()
    at.segmented_control[0].set_value("en").run()
    assert at.text_area[0].value == "白日依山尽，黄河入海流。"


def test_a_link_that_names_a_model_keeps_it_in_chinese():
    at = AppTest.from_file(APP, default_timeout=300)
    at.query_params.update({"lang": "zh", "masked": "minilm-l6-mlm"})
    at.run()
    ok(at)
    assert pickers(at) == ("poem-gpt-zh", "minilm-l6-mlm")


def test_unknown_and_traditional_characters_get_a_notice():
    at = open_page(None, "poem-gpt-zh", "poem-bert-zh", lang="zh", text="風吹門開 hello 😀 床前明月光")
    ok(at)
    notes = [i.value for i in at.info if "[UNK]" in i.value]
    assert len(notes) == 2, notes  # one per model
    assert all("風" in n and "风" in n and "门" in n and "😀" in n and "繁体字" in n for n in notes), notes
    chips = "".join(m.value for m in at.markdown if "<code" in m.value)
    assert "&#91;UNK&#93;" in chips and ">床<" in chips
