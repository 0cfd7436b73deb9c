"""Every sentence a preset, a lesson step or the home page's FAQ says about what the models do is true on
the bundled models (the default causal and masked models, as a lesson loads them)."""

from __future__ import annotations

import numpy as np
import pytest

from lmviz import inspect_text
from lmviz.analysis import attention, cloze, compare, sampling
from lmviz.analysis.compare.words import top_words
from lmviz.analysis.generation import next_distribution, text_prompt_ids
from lmviz_app import concepts, lessons
from lmviz_app.presets import COMPARE_PRESETS

pytestmark = pytest.mark.bundled
PRESETS = {p.key: p for p in COMPARE_PRESETS}


def both_ways(causal, masked, key):
    preset = PRESETS[key]
    word = compare.pick_word(preset.text, preset.word)
    return compare.causal_word(causal, preset.text, word), compare.masked_word(masked, preset.text, word)


def fill_words(loaded, text, k=5, blank=0):
    read = compare.fills.masked_reading(loaded, text) if loaded.kind == "masked" else None
    if read is None:
        read = compare.fills.causal_reading_at_blank(loaded, text)
    return [g.word.casefold() for g in top_words(loaded.tokenizer, read.log_probs[blank], k)]


def test_the_right_side_gives_dog_away(smollm2, masked_default):
    """preset "Right context gives it away", lesson "Left-to-right vs both sides" step 1, the FAQ's blank:
    reading "barked all night", the masked model has dog in its top 5 (top 3 on the short sentence) and
    gives it hundreds of times the causal model's probability; from "The" alone the causal model does not
    come close."""
    causal, masked = both_ways(smollm2, masked_default, "dog")
    assert masked.rank <= 5 and causal.rank > 100, (masked.rank, causal.rank)
    assert masked.prob > 100 * causal.prob
    short = compare.masked_fills(masked_default, "The [MASK] barked all night.", 3)[0].top
    assert "dog" in [c.text.strip() for c in short]
    assert "dog" in fill_words(masked_default, concepts.FAQ_BLANK, 5)
    assert "dog" not in fill_words(smollm2, concepts.FAQ_BLANK, 5)


def test_rescoring_lets_the_causal_model_use_the_right_side(smollm2, masked_default):
    """lesson step 1 and the page's third column: scored as whole sentences, dog wins for the causal model,
    at the cost of one sentence per candidate."""
    preset = PRESETS["dog"]
    read = compare.rescore_word(smollm2, preset.text, preset.word, masked_default)
    assert read.word_rank == 1, [c.text for c in read.top[:5]]
    assert read.n_candidates > 100 and read.passes > 1


def test_the_right_side_pins_down_went(smollm2, masked_default):
    """preset "A verb the right side pins down": the masked model ranks went first; the causal model, from
    "She" alone, does not have it in its top 5."""
    causal, masked = both_ways(smollm2, masked_default, "went")
    assert masked.rank == 1 and causal.rank > 5, (masked.rank, causal.rank)


def test_left_context_is_enough_for_umbrella(smollm2, masked_default):
    """preset "Left context is enough", lesson step 2: with the clue on the left, the causal model does
    about as well as the masked one (both have umbrella in their top 3)."""
    causal, masked = both_ways(smollm2, masked_default, "umbrella")
    assert causal.rank <= 3 and masked.rank <= 3, (causal.rank, masked.rank)
    assert causal.prob > masked.prob / 2


def test_the_first_word_has_no_left_context(smollm2, masked_default, masked_lm):
    """preset "The first word", lesson step 3: the causal model has nothing to go on; the default masked
    model does little better (it reads the first word at the start token); minilm-l6-mlm, the BERT
    architecture, has Paris near the top; the strip shows the masked side ahead on most words."""
    causal, masked = both_ways(smollm2, masked_default, "paris")
    text = PRESETS["paris"].text
    bert = compare.masked_word(masked_lm, text, compare.pick_word(text, "Paris"))
    assert causal.rank > 1000 and masked.rank > 100, (causal.rank, masked.rank)
    assert bert.rank <= 3, bert.rank
    strip = compare.sentence_strip(smollm2, masked_default, text)
    scored = [w for w in strip.words if w.causal_log_prob is not None and w.masked_log_prob is not None]
    ahead = [w.masked_log_prob > w.causal_log_prob for w in scored]
    assert sum(ahead) > len(ahead) / 2, ahead


def test_two_blanks_filled_by_the_masked_model(masked_default):
    """preset "Two blanks at once", lesson step 4: sensible fills for both blanks."""
    text = PRESETS["blanks"].text
    assert {"dog", "cat", "dogs", "cats", "boy", "boys"} & set(fill_words(masked_default, text, 5, 0))
    assert {"cat", "squirrel", "cats", "squirrels", "bird", "monkey"} & set(
        fill_words(masked_default, text, 5, 1)
    )


def test_the_fill_in_demo(masked_default):
    """Home page demo "understanding": the masked model fills "take the [MASK] twice a day" with medicine."""
    words = fill_words(masked_default, concepts.FILL_TEXT, 3)
    assert {"medicine", "medication", "pills", "pill", "tablets", "drug", "drugs"} & set(words), words


def test_causal_attention_is_a_triangle_masked_is_full(smollm2, masked_default):
    """lesson step 5: a causal model's tokens attend only to their left (a triangle); the masked model's
    in both directions."""
    text = PRESETS["dog"].text
    step = next(s for s in lessons.BOTH_SIDES.steps if s.page == "attention")
    layer = step.view["att_layer_causal"]
    causal = attention.head_average(inspect_text(smollm2, text).attentions)[layer]
    masked = attention.head_average(inspect_text(masked_default, text).attentions)[layer]
    assert np.triu(causal, 1).sum() == 0
    assert np.triu(masked, 1).sum() / masked.sum() > 0.2  # a real share of it above the diagonal


def test_much_attention_lands_on_the_first_token(smollm2):
    """lesson "Inside attention" step 3: the first token is a sink."""
    att = inspect_text(smollm2, lessons.ATTENTION.steps[2].text).attentions  # (L, H, T, T)
    to_first = att[:, :, 1:, 0].mean()  # every query but the first token itself
    assert to_first > 0.3, to_first


def test_rollout_drains_into_the_sink(smollm2):
    """lesson step 5: by layer 20 nearly all of the causal model's rollout sits on the first token."""
    roll = attention.rollout(inspect_text(smollm2, lessons.ATTENTION.steps[4].text).attentions)  # (L, T, T)
    step = lessons.ATTENTION.steps[4].view["att_layer_causal"]
    assert roll[0, 1:, 0].mean() < 0.5 and roll[step, 1:, 0].mean() > 0.95, roll[:, 1:, 0].mean(-1)


def test_the_capital_of_france_is_paris(smollm2):
    """lesson "How a GPT picks the next word" step 2: the bars of "The capital of France is"."""
    logits = next_distribution(smollm2, text_prompt_ids(smollm2, lessons.PROMPT))
    assert smollm2.tokenizer.decode([int(np.argmax(logits))]) == " Paris"


def test_top_p_after_top_k_as_the_lesson_says(smollm2):
    """step 5: top-k = 5 keeps five; top-p = 0.9 then keeps, among those five, the fewest holding 90% of
    their probability, which may be less than 90% of the model's."""
    logits = next_distribution(smollm2, text_prompt_ids(smollm2, lessons.PROMPT))
    probs = sampling.softmax(logits)
    top_k, top_p = sampling.apply_filters(probs, top_k=5, top_p=0.9).steps
    five = np.sort(probs)[::-1][:5] / np.sort(probs)[::-1][:5].sum()  # the five, renormalised
    fewest = int(np.searchsorted(np.cumsum(five), 0.9) + 1)  # the fewest holding 90% of them
    assert top_k.n_kept == 5 and top_p.n_kept == fewest
    assert top_p.mass_of_input >= 0.9 and top_p.mass == pytest.approx(top_p.mass_of_input * top_k.mass)


def test_the_instruct_model_answers_the_dialogue_question(smollm2):
    """lesson step 6 and the home page's dialogue demo."""
    assert "Paris" in concepts.chat_reply(smollm2, concepts.DIALOGUE_QUESTION)


def test_the_model_that_sees_both_sides_fills_blanks_better(smollm2, masked_default):
    """What the page, the FAQ and the lesson exist to show, on the classroom cloze benchmark: the masked
    model beats the causal model's left-only guess overall and far more where the clue is on the right,
    and it rarely echoes a word of the sentence."""
    items = cloze.load_items()
    masked = cloze.score(
        "masked", [masked_default.name], items, lambda it: cloze.masked_guesses(masked_default, it)
    )
    left = cloze.score(
        "causal_left", [smollm2.name], items, lambda it: cloze.causal_left_guesses(smollm2, it)
    )
    assert masked.top1 >= 0.70 and masked.top5 >= 0.88, masked.line()
    assert masked.top1 > left.top1 + 0.1, (masked.line(), left.line())
    assert masked.by_clue["right"][0] > left.by_clue["right"][0] + 0.25
    assert masked.echo_rate < 0.05
