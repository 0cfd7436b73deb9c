"""Shareable views: URL parameters parsed and written (unit), and a view restored from its URL (AppTest)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lmviz_app import state, url_state
from tests.apptest_pages import APP, ok, open_page


def test_parse_accepts_good_values_and_names_every_bad_one():
    parsed = url_state.parse(
        {
            "lang": "zh",
            "text": "法国的首都是巴黎 <script>",
            "view": "grid",
            "temperature": "0.7",
            "top_k": "40",
            "words": "1",
            "layer": "3",
            "bogus": "x",
            "scale": "rainbow",
            "top_p": "nan",
            "seed": "-1",
            "causal": "bad\x00name",
        }
    )
    assert parsed.values == {
        "lang": "zh",
        "text": "法国的首都是巴黎 <script>",
        "att_view": "grid",
        "nt_temperature": 0.7,
        "nt_top_k": 40,
        "att_words": True,
        "att_layer_causal": 3,
    }
    problems = [str(p) for p in parsed.problems]
    assert len(problems) == 5
    assert "unknown parameter 'bogus'" in problems
    assert any(p.startswith("'scale=rainbow'") for p in problems)
    assert any(p.startswith("'seed=-1'") for p in problems)


def test_text_longer_than_the_sidebar_allows_is_refused():
    parsed = url_state.parse({"text": "a" * (url_state.MAX_TEXT + 1)})
    assert parsed.values == {} and len(parsed.problems) == 1


def test_encode_then_parse_is_the_identity():
    state = {
        "lang": "en",
        "causal": "smollm2-135m",
        "text": "a & b = c?",
        "att_sink_weight": 0.25,
        "att_words": False,
        "nt_top_k": 5,
        "cmp_preset": "dog",
        "not_shared": 1,
    }
    params = url_state.encode(state)
    assert "not_shared" not in params
    state.pop("not_shared")
    assert url_state.parse(params).values == state
    assert url_state.parse(params).problems == ()


def test_every_parameter_names_a_distinct_session_key():
    shared = [s for s in state.ALL if s.url]
    assert len({s.key for s in shared}) == len({s.url for s in shared}) == len(shared)
    assert len(shared) == len(url_state.BY_URL)
    assert len(state.BY_KEY) == len(state.ALL)  # no two settings share a session key


def _from_url(params: dict[str, str], page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=240)
    at.query_params.update(params)
    at.run()
    return at.switch_page(page).run()


def test_a_view_round_trips_through_its_url():
    # Set a view by hand, take the URL it writes, open that URL in a new session: the same view.
    at = open_page(
        "pages/attention.py",
        text="The cat sat on the mat.",
        att_view="grid",
        att_scale="log",
        att_sinks="hide",
        att_which="both",
    )
    at.run()  # the page's own widgets are now in the state the URL is written from
    ok(at)
    params = dict(at.query_params)
    assert params["view"] == "grid" and params["scale"] == "log" and params["which"] == "both"
    assert params["causal"] == "tiny-gpt2" and params["text"] == "The cat sat on the mat."
    again = _from_url(params, "pages/attention.py")
    ok(again)
    for key in ("text", "att_view", "att_scale", "att_sinks", "att_which", "causal_pick", "masked_pick"):
        assert again.session_state[key] == at.session_state[key], key
    assert not again.warning


def test_bad_parameters_fall_back_to_defaults_with_a_notice():
    at = AppTest.from_file(APP, default_timeout=240)
    at.query_params.update({"view": "nonsense", "hello": "1", "causal": "no-such-model", "text": "Hi there."})
    at.run()
    ok(at)
    assert at.session_state["text"] == "Hi there."
    assert at.session_state["causal_pick"] == "smollm2-135m"  # the default
    notice = " ".join(w.value for w in at.warning)
    assert "“view=nonsense” is not valid" in notice and "unknown parameter “hello”" in notice
    assert "causal=no\\-such\\-model" in notice  # what came from the link, markdown-escaped


def test_chinese_from_the_url_and_the_share_link():
    at = AppTest.from_file(APP, default_timeout=240)
    at.query_params.update({"lang": "zh", "causal": "tiny-gpt2", "masked": "tiny-bert"})
    at.run()
    ok(at)
    assert at.session_state["lang"] == "zh"
    link = at.sidebar.code[0].value
    assert link.startswith("http") and "lang=zh" in link and "causal=tiny-gpt2" in link


def test_presenter_mode_hides_the_sidebar_and_can_be_left():
    at = open_page("pages/attention.py", presenter=True)
    ok(at)
    assert dict(at.query_params).get("presenter") == "1"
    exit_button = at.button(key="presenter_exit")
    exit_button.click().run()
    ok(at)
    assert at.session_state["presenter"] is False
    assert "presenter" not in dict(at.query_params)


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"masked": "tiny-gpt2"}, "masked=tiny\\-gpt2: this is a causal model, not one for the slot"),
        ({"causal": "tiny-bert"}, "causal=tiny\\-bert: this is a masked model, not one for the slot"),
    ],
)
def test_a_model_of_the_wrong_kind_in_the_link_says_what_it_is(params, says):
    at = AppTest.from_file(APP, default_timeout=240)
    at.query_params.update(params)
    at.run()
    ok(at)
    notice = " ".join(w.value for w in at.warning)
    assert says in notice and "not available" not in notice
    assert at.session_state["causal_pick"] == "smollm2-135m"  # the defaults are kept
    assert at.session_state["masked_pick"] == "smollm2-135m-mlm"


def test_a_masked_model_typed_into_the_causal_slot_is_noted():
    at = open_page(None, causal="__other__")
    at.text_input(key="causal_other").input("tiny-bert").run()
    ok(at)
    assert any("bert is a masked model, not a causal one" in c.value for c in at.sidebar.caption)


def test_a_huge_text_is_cut_with_a_notice():
    at = open_page(None)
    at.text_area(key="text").input("word " * 5_000).run()  # 25,000 characters
    ok(at)
    assert len(at.session_state["text"]) == url_state.MAX_TEXT
    assert any("25,000 characters" in w.value for w in at.sidebar.warning)
