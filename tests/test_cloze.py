"""The classroom cloze benchmark's data and scoring (no model: the guesses are given)."""

from __future__ import annotations

from lmviz.analysis import cloze


def test_the_benchmark_has_what_it_promises():
    items = cloze.load_items()
    assert len(items) >= 150 and len({it.id for it in items}) == len(items)
    assert sum(it.clue == "right" for it in items) >= 50
    assert all(it.text.count("___") == 1 and it.answers and it.clue in cloze.CLUES for it in items)


def test_scoring_counts_hits_and_echoes_through_punctuation():
    items = (
        cloze.ClozeItem("a", "The ___ barked all night.", ("dog", "dogs"), "right", "daily"),
        cloze.ClozeItem("b", "I brush my ___ every day.", ("teeth",), "left", "daily"),
    )
    guesses = {"a": ["night", "dog"], "b": ["teeth"]}  # "night" repeats "night." of the sentence
    score = cloze.score("test", ["none"], items, lambda it: guesses[it.id])
    assert (score.top1, score.top5) == (0.5, 1.0)
    assert score.echo_rate == 0.5
    assert score.by_clue == {"right": (0.0, 1.0, 1), "left": (1.0, 1.0, 1)}  # clues with no item are left out


def test_evenly_reaches_both_ends():
    items = cloze.load_items()
    picked = cloze.evenly(items, 20)
    assert len(picked) == 20 and picked[0] == items[0] and picked[-1] == items[-1]
    assert cloze.evenly(items, None) == items and cloze.evenly(items, 10_000) == items
