"""Bidirectional controls and other hidden characters are shown as ⟨U+XXXX⟩ wherever tokens and words are
drawn (chips, pills, axis labels), so they never reorder or hide what is on the page."""

import pytest

from lmviz import inspect_text
from lmviz.text.tokens import escape_hidden, token_strings
from lmviz_app import plots
from tests.apptest_pages import ok, open_page

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: everything after it on the line is drawn backwards
TEXT = f"The {RLO}cat sat on the mat"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain", "plain"),
        (f"a{RLO}b", "a⟨U+202E⟩b"),
        ("\u200b", "⟨U+200B⟩"),  # a zero-width space on its own
        ("x\x07y", "x⟨U+0007⟩y"),
        ("\ufeff", "⟨U+FEFF⟩"),
        ("\u2066isolate\u2069", "⟨U+2066⟩isolate⟨U+2069⟩"),
        ("👨\u200d👩", "👨\u200d👩"),  # a joiner inside an emoji sequence stays: it draws one picture
        ("\u200d", "⟨U+200D⟩"),  # a joiner alone is escaped
        ("line\nnext\ttab", "line\nnext\ttab"),  # newlines and tabs are left to each view
        ("中文 ünï", "中文 ünï"),
    ],
)
def test_escape_hidden(raw, shown):
    assert escape_hidden(raw) == shown


def test_tokens_and_token_strings_show_the_override(tiny_gpt2):
    result = inspect_text(tiny_gpt2, TEXT)
    assert RLO not in "".join(result.tokens)
    assert any("⟨U+202E⟩" in t for t in result.tokens)
    ids = tiny_gpt2.tokenizer(RLO, add_special_tokens=False)["input_ids"]
    assert RLO not in "".join(token_strings(tiny_gpt2.tokenizer, ids))


def test_axis_labels_show_the_override():
    fig = plots.sentence_strip([f"{RLO}cat", "sat"], [[-1.0, -2.0], [-1.5, None]], ["a", "b"])
    labels = list(fig.data[0].x)
    assert RLO not in "".join(labels) and "⟨U+202E⟩" in labels[0]


def test_pills_chips_and_context_show_the_override():
    at = open_page("pages/compare.py", text=TEXT)
    ok(at)
    pills = at.get("pills")[0]
    assert "⟨U+202E⟩cat" in pills.proto.options[1].content
    assert all(RLO not in o.content for o in pills.proto.options)
    pills.set_value(1).run()
    ok(at)
    assert all(RLO not in c.value for c in at.caption)
    home = open_page(None, text=TEXT)
    ok(home)
    chips = [m.value for m in home.markdown if "<code" in m.value]
    assert chips and all(RLO not in c for c in chips) and any("U&#43;202E" in c for c in chips)
