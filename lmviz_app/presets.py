"""Lesson presets for the autoregressive-vs-masked page: sentences whose right side gives a word away."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ComparePreset:
    key: str  # i18n: preset_<key> is the label, in both languages
    text: str
    word: str | None  # the word to predict; None when the text holds blanks ([MASK], ___)


COMPARE_PRESETS = (
    ComparePreset("dog", "The dog barked all night, so nobody could sleep.", "dog"),
    ComparePreset("went", "She went to the store yesterday and bought some bread.", "went"),
    ComparePreset("umbrella", "It was raining, so he opened his umbrella.", "umbrella"),
    ComparePreset("blanks", "The ___ chased the ___ up the tree.", None),
    ComparePreset("paris", "Paris is the capital and largest city of France.", "Paris"),
    ComparePreset("zh_cat", "我家的猫喜欢在阳光下睡觉。", "猫"),
)
