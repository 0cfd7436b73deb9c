"""Every user-facing string has an English and a Chinese version, with the same placeholders."""

import ast
import re
from pathlib import Path

import pytest

from lmviz_app import i18n

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("key", sorted(i18n.STRINGS))
def test_every_string_is_translated(key):
    entry = i18n.STRINGS[key]
    assert set(entry) == set(i18n.LANGUAGES), key
    assert all(entry[lang].strip() for lang in i18n.LANGUAGES), key
    fields = {lang: set(re.findall(r"{(\w+)}", entry[lang])) for lang in entry}
    assert fields["en"] == fields["zh"], key
    assert entry["zh"] != entry["en"] or not re.search("[A-Za-z]{4}", entry["en"]), key


APP_SOURCES = [*ROOT.glob("pages/*.py"), *ROOT.glob("lmviz_app/**/*.py"), ROOT / "app.py"]


def _tr_calls():
    """Every call tr(...) / i18n.t(...) / t(...) in the app, with its first argument's node."""
    for path in APP_SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            if name in ("tr", "t") and (
                name == "tr" or getattr(func, "value", None) is not None or path.name == "i18n.py"
            ):
                yield path, node.args[0]


def test_every_key_used_in_code_exists_and_none_is_built_at_run_time():
    used, built = set(), []
    for path, arg in _tr_calls():
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            used.add(arg.value)
        elif isinstance(arg, (ast.JoinedStr, ast.BinOp)) or (
            isinstance(arg, ast.Call) and getattr(arg.func, "attr", "") == "format"
        ):
            built.append(f"{path.relative_to(ROOT)}:{arg.lineno}")
    assert len(used) > 150, "the scan found too few tr() calls"
    assert not built, f"keys built at run time (write them out): {built}"
    missing = used - set(i18n.STRINGS)
    assert not missing, missing


def test_every_key_a_declaration_names_exists():
    """Keys held in data rather than written in tr() calls: settings, pages, kinds, presets, demos."""
    from lmviz_app import presets, state
    from lmviz_app.panels import home, home_faq
    from lmviz_app.widgets import nav

    keys = set()
    for setting in state.ALL:
        keys |= {setting.label, *([setting.help] if setting.help else []), *setting.option_labels.values()}
    for page in nav.PAGES:
        keys |= {page.nav, page.desc, page.title} | {
            k for k in (page.intro, page.explain_heading, page.explain) if k
        }
    keys |= set(i18n.KIND_LABEL.values()) | set(i18n.KIND_SHORT.values()) | set(i18n.ROLE_LABELS.values())
    keys |= {p.label for p in presets.COMPARE_PRESETS}
    keys |= {k for _, title, desc, _ in home.CONCEPTS for k in (title, desc)}
    keys |= {k for pair in home_faq.DEMO_TEXT.values() for k in pair}
    missing = {k for k in keys if k} - set(i18n.STRINGS)
    assert not missing, missing
    for page in nav.PAGES[1:]:  # every page but home has its whole frame
        assert page.intro and page.explain_heading and page.explain, page.key


def test_lookup_and_fallback():
    assert i18n.t("tokens_caption", "en", n=3).startswith("3 tokens")
    assert i18n.t("tokens_caption", "zh", n=3).startswith("3 个词元")
    assert i18n.t("app_title", "fr") == i18n.t("app_title", "en")


def _texts_shown_as_markdown():
    """(where, text) of every string a page renders as markdown: the strings table, the core's
    catalogues, the lessons' explanations."""
    from lmviz.messages import CATALOGUES
    from lmviz_app import lessons

    for key, entry in i18n.STRINGS.items():
        yield from ((f"{key}/{lang}", text) for lang, text in entry.items())
    for lang, catalogue in CATALOGUES.items():
        yield from ((f"message {code}/{lang}", text) for code, text in catalogue.items())
    for lesson in lessons.LESSONS:
        for i, step in enumerate(lesson.steps):
            yield from ((f"lesson {lesson.key} {i}/{lang}", text) for lang, text in step.explain.items())


def test_markdown_emphasis_closes_in_every_language():
    """CommonMark does not close `**` after full-width punctuation before a letter (`**自回归（causal）**模型`
    shows its asterisks): render each text as the page does and find no asterisk left outside code."""
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark")
    broken = []
    for where, text in _texts_shown_as_markdown():
        filled = re.sub(r"{(\w+)(:[^}]*)?}", "X", text)
        html = re.sub(r"<code>.*?</code>", "", renderer.render(filled), flags=re.S)
        if "*" in html:
            broken.append(where)
    assert not broken, broken
