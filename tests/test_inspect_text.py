""" "Inspect this text": a generated continuation or chat reply becomes the sidebar text in one click and
opens a page that analyses it (AppTest on the real pages)."""

from __future__ import annotations

import pytest

from lmviz_app import i18n
from tests.apptest_pages import ok, open_page


def _generate(at, n: int = 4):
    at.number_input(key="nt_n").set_value(n).run()
    at.button(key="nt_generate_go").click().run()
    ok(at)
    return at.session_state["nt_path"]


@pytest.mark.parametrize(
    "button, title, panel",
    [("attention", "att_title", None), ("loss", "nt_title", "loss"), ("lens", "nt_title", "lens"),
     ("inside", "in_title", None)],
)  # fmt: skip
def test_a_continuation_opens_each_page(button, title, panel):
    at = open_page("pages/next_token.py", text="The capital of France is", nt_greedy=True)
    ok(at)
    assert not [b for b in at.button if b.key and b.key.startswith("nt_insp")]  # nothing generated yet
    path = _generate(at)
    at.button(key=f"nt_insp_{'next_token' if panel else button}_inspect_{button}").click().run()
    ok(at)
    assert at.title[0].value == i18n.t(title, "en")
    text = at.session_state["text"]
    assert text.startswith("The capital of France is") and len(text) > len("The capital of France is")
    assert at.text_area(key="text").value == text
    if panel:
        assert at.session_state["nt_panel"] == panel
    assert len(path.steps) == 4


@pytest.mark.bundled
def test_a_chat_reply_is_inspected_without_its_prompt():
    at = open_page("pages/next_token.py", "smollm2-135m", text="What is the capital of France?", nt_chat=True,
                   nt_greedy=True)  # fmt: skip
    ok(at)
    path = _generate(at, 6)
    at.button(key="nt_insp_attention_inspect_attention").click().run()
    ok(at)
    reply = at.session_state["text"]
    assert reply and "assistant" not in reply and "capital of France?" not in reply
    assert len(at.get("plotly_chart")) >= 1 and len(path.steps) == 6
