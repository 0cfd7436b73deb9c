"""The Chinese interface leaves no English behind: core notes and methods, model descriptions, link
problems, demo inputs explained (AppTest on the tiny models)."""

import re

from streamlit.testing.v1 import AppTest

from tests.apptest_pages import APP, ok, open_page

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_SENTENCE = re.compile(r"\b(the|is|are|of|to|and|with|from|not)\b [a-z]+ [a-z]+", re.IGNORECASE)


def test_compare_methods_and_notes_are_in_chinese():
    # One run: AppTest formats widget options outside the script, in English, on a second run.
    at = open_page("pages/compare.py", lang="zh", text="The dog barked all night.", cmp_word=1)  # "dog"
    ok(at)
    captions = [c.value for c in at.caption]
    methods = [c for c in captions if "log P" in c or "概率" in c]
    assert methods and all(CJK.search(c) for c in methods), captions
    assert not any("words to its left" in c or "every other word" in c for c in captions), captions


def test_home_model_descriptions_and_demo_inputs_in_chinese():
    at = open_page(None, lang="zh")
    ok(at)
    listing = [m.value for m in at.markdown if m.value.startswith("- **")]
    assert listing, "the models list"
    for line in listing:
        description = line.split("):", 1)[1]
        assert CJK.search(description) and not ENGLISH_SENTENCE.search(description), line
    glosses = [c.value for c in at.caption if c.value.startswith("意思是")]
    assert len(glosses) >= 3, "each English demo sentence is explained in Chinese"


def test_link_problems_are_chinese_with_no_english_inside():
    at = AppTest.from_file(APP, default_timeout=240)
    at.query_params.update({"lang": "zh", "view": "bogus", "hello": "1", "masked": "tiny-gpt2"})
    at.run()
    ok(at)
    notice = " ".join(w.value for w in at.warning)
    assert "链接中的部分设置无法识别" in notice and "无效" in notice and "未知参数" in notice
    assert "is not valid" not in notice and "unknown parameter" not in notice
    assert "不适用于" in notice  # a causal model in the masked slot, said in Chinese


def test_the_pages_name_a_cjk_font_stack():
    """Chinese is drawn in a CJK font the reader has (Streamlit's Source Sans has no Chinese glyphs)."""
    from pathlib import Path

    import tomllib

    theme = tomllib.loads((Path(__file__).parents[1] / ".streamlit" / "config.toml").read_text())["theme"]
    for key in ("font", "codeFont"):
        fonts = [f.strip() for f in theme[key].split(",")]
        assert fonts[0].startswith("Source") and fonts[-1] in ("sans-serif", "monospace")
        assert {"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei"} <= set(fonts), fonts
