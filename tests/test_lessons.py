"""Lesson presets: well-formed steps, valid state, and clicking through each lesson in the app (AppTest)."""

from __future__ import annotations

import pytest

from lmviz.analysis.compare import find_words
from lmviz.models.registry import list_models
from lmviz_app import i18n, lessons, url_state
from lmviz_app.presets import COMPARE_PRESETS
from lmviz_app.widgets.nav import PAGES
from tests.apptest_pages import ok, open_page

PAGE_KEYS = {p.key for p in PAGES}
TITLES = {
    "home": "app_title", "attention": "att_title", "next_token": "nt_title", "compare": "cmp_title",
    "inside": "in_title",
}  # fmt: skip
STEPS = [(lesson, i, step) for lesson in lessons.LESSONS for i, step in enumerate(lesson.steps)]
STEP_IDS = [f"{lesson.key}-{i + 1}" for lesson, i, _ in STEPS]


def test_lessons_have_five_to_eight_steps_and_titles():
    assert len(lessons.LESSONS) >= 2
    assert len(lessons.BY_KEY) == len(lessons.LESSONS)  # keys are unique
    for lesson in lessons.LESSONS:
        assert 5 <= len(lesson.steps) <= 8, lesson.key
        assert set(lesson.title) == set(i18n.LANGUAGES)
        assert lesson.title["zh"] != lesson.title["en"] and all(lesson.title.values())


@pytest.mark.parametrize("lesson, index, step", STEPS, ids=STEP_IDS)
def test_every_step_is_a_page_and_valid_state(lesson, index, step):
    assert step.page in PAGE_KEYS
    assert {"causal", "masked", "text"} <= set(step.state)  # models and text, on every step
    for key, value in step.state.items():
        assert key in url_state.BY_KEY, f"{key} is not a session key any page reads"
        parsed = url_state.parse(url_state.encode({key: value}))
        assert not parsed.problems, parsed.problems
        assert parsed.values == {key: value}, (key, value)


@pytest.mark.parametrize("lesson, index, step", STEPS, ids=STEP_IDS)
def test_every_step_explains_itself_in_two_lines_in_both_languages(lesson, index, step):
    assert set(step.explain) == set(i18n.LANGUAGES)
    for lang in i18n.LANGUAGES:
        lines = step.explain[lang].split("\n")
        assert len(lines) == 2 and all(line.strip() for line in lines), (lang, lines)
    assert step.explain["zh"] != step.explain["en"]


def test_lesson_models_are_bundled_and_available():
    infos = {m.name: m for m in list_models()}
    for _, _, step in STEPS:
        for role, name in step.models.items():
            assert infos[name].available and infos[name].source == "bundled", infos[name].reason
            assert infos[name].kind == role


def test_compare_steps_pick_their_preset_word():
    presets = {p.key: p for p in COMPARE_PRESETS}
    for _, _, step in STEPS:
        preset = presets.get(step.state.get("cmp_preset"))
        if preset and preset.word:
            words = find_words(preset.text)
            assert words[step.state["cmp_word"]].text == preset.word
            assert step.state["text"] == preset.text


@pytest.mark.bundled
def test_layers_and_heads_exist_in_the_bundled_models(smollm2, masked_default, poem_gpt, poem_bert):
    shapes = {m.name: (m.n_layers, m.n_heads) for m in (smollm2, masked_default, poem_gpt, poem_bert)}
    for _, _, step in STEPS:
        for role, name in step.models.items():
            layers, heads = shapes[name]
            assert step.state.get(f"att_layer_{role}", 0) < layers
            assert step.state.get(f"att_head_{role}", 0) < heads


# --- in the app -------------------------------------------------------------------------------------


def expect_step(at, lesson: lessons.Lesson, index: int, lang: str = "en") -> None:
    """The app shows step `index` of `lesson`: its page, its state, its bar, and no error."""
    ok(at)
    step = lesson.steps[index]
    s = at.session_state
    assert at.title[0].value == i18n.t(TITLES[step.page], lang), (index, at.title[0].value)
    assert s["lesson"] == lesson.key and s["lesson_step"] == index
    for key, value in step.state.items():
        key = {"causal": "causal_pick", "masked": "masked_pick"}.get(key, key)
        assert s[key] == value, (index, key, s[key], value)
    heading = i18n.t("lesson_heading", lang, title=lesson.title[lang], k=index + 1, n=len(lesson.steps))
    bar = [m.value for m in at.markdown if heading in m.value]
    assert bar and step.explain[lang].split("\n")[0] in bar[0]
    if step.page in ("attention", "compare") or step.state.get("nt_panel") == "next":
        # the step's figures are drawn (bertviz is an iframe; the loss panel is coloured text)
        assert len(at.get("plotly_chart")) + len(at.get("iframe")) >= 1, index


@pytest.mark.bundled
@pytest.mark.parametrize("lesson", lessons.LESSONS, ids=lambda lesson: lesson.key)
def test_click_through_every_step(lesson):
    at = open_page(None)  # starts on tiny models: the lesson switches to the bundled ones
    at.selectbox(key="lesson_pick").set_value(lesson.key).run()
    expect_step(at, lesson, 0)
    assert at.button(key="lesson_prev").disabled
    for index in range(1, len(lesson.steps)):
        at.button(key="lesson_next").click().run()
        expect_step(at, lesson, index)
    assert at.button(key="lesson_next").disabled
    at.button(key="lesson_prev").click().run()
    expect_step(at, lesson, len(lesson.steps) - 2)
    at.button(key="lesson_leave").click().run()
    ok(at)
    assert at.session_state["lesson"] is None
    assert not any("lesson_next" == b.key for b in at.button)
    assert at.selectbox(key="lesson_pick").value == "none"


@pytest.mark.bundled
def test_a_lesson_in_chinese():
    # AppTest formats a selectbox's options outside the script, in English, so a Chinese rerun breaks on
    # pages whose selectbox labels are translated (attention, compare): those lessons run in Chinese in
    # tests/test_browser_lessons.py. This one visits the home and next-token pages only.
    lesson = lessons.BY_KEY["next_word"]
    at = open_page(None, lang="zh")
    at.button(key="lesson_start_next_word").click().run()  # the home page's start button
    expect_step(at, lesson, 0, "zh")
    assert at.button(key="lesson_next").label == "下一步"
    for index in range(1, len(lesson.steps)):
        at.button(key="lesson_next").click().run()
        expect_step(at, lesson, index, "zh")
