"""Lesson presets for the autoregressive-vs-masked page: sentences whose right side gives a word away."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ComparePreset:
    key: str
    label: str  # its i18n key
    text: str
    word: str | None  # the word to predict; None when the text holds blanks ([MASK], ___)


COMPARE_PRESETS = (
    ComparePreset("dog", "preset_dog", "The dog barked all night, so nobody could sleep.", "dog"),
    ComparePreset("went", "preset_went", "She went to the store yesterday and bought some bread.", "went"),
    ComparePreset(
        "umbrella", "preset_umbrella", "It started to rain, so she opened her umbrella.", "umbrella"
    ),
    ComparePreset("blanks", "preset_blanks", "The ___ chased the ___ up the tree.", None),
    ComparePreset("paris", "preset_paris", "Paris is the capital and largest city of France.", "Paris"),
    ComparePreset("zh_cat", "preset_zh_cat", "我家的猫喜欢在阳光下睡觉。", "猫"),
)
