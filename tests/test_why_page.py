"""The Why page in Streamlit's AppTest on the tiny models: every part draws, the preset-or-own prompts of
patching and steering, and the messages a bad pair or an encoder-only use gets."""

import pytest

from lmviz_app.presets import PATCH_PRESETS, STEER_PRESETS
from tests.apptest_pages import ok, open_page

TEXT = "The capital of France is"


def _why(**state):
    return open_page("pages/why.py", text=TEXT, **state)


@pytest.mark.parametrize("part", ["attribution", "heads", "patching", "steering"])
def test_every_part_draws_on_the_tiny_causal_model(part):
    at = _why(why_part=part)
    ok(at)
    assert at.get("plotly_chart") or at.button or at.markdown


def test_a_preset_shows_its_prompts_and_own_prompts_start_from_the_first_preset():
    at = _why(why_part="patching")
    ok(at)
    shown = " ".join(m.value for m in at.markdown)
    assert PATCH_PRESETS[0].clean in shown and PATCH_PRESETS[0].corrupt in shown
    assert not at.text_input  # a preset is shown, not typed
    at = _why(why_part="patching", why_patch_preset="own")
    ok(at)
    assert at.text_input(key="why_clean").value == PATCH_PRESETS[0].clean
    assert at.text_input(key="why_corrupt").value == PATCH_PRESETS[0].corrupt


def test_own_patching_prompts_of_different_lengths_get_a_clear_message():
    at = _why(why_part="patching", why_patch_preset="own")
    at.text_input(key="why_corrupt").set_value("The big old Colosseum in Rome is in").run()
    ok(at)
    assert any("same number of tokens" in w.value for w in at.warning)
    assert "why_patch_start" not in [b.key for b in at.button]  # no job is offered for a pair it cannot patch


def test_own_steering_prompts_need_text_and_then_generate():
    own = {"why_part": "steering", "why_steer_preset": "own"}
    at = _why(**own)
    ok(at)
    assert at.text_input(key="why_steer_a").value == STEER_PRESETS[0].a
    at.text_input(key="why_steer_a").set_value("   ").run()
    ok(at)
    assert any("Prompts A and B both need some text" in i.value for i in at.info)
    at.text_input(key="why_steer_a").set_value("<b>I love</b> this").run()
    ok(at)
    assert not any("both need some text" in i.value for i in at.info)
    page = " ".join(m.value for m in at.markdown)
    assert "<b>I love</b>" not in page  # typed HTML is shown as text, never as markup


def test_steering_on_a_masked_model_says_what_applies():
    at = _why(why_which="masked", why_part="steering")
    ok(at)
    assert any("causal" in i.value for i in at.info)
