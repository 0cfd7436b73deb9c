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
    # Tang poems for poem-gpt-zh and poem-bert-zh (tests/test_chinese_models.py checks each label's claim)
    ComparePreset("zh_wind", "preset_zh_wind", "野火烧不尽，春风吹又生。", "风"),
    ComparePreset("zh_white_sun", "preset_zh_white_sun", "白日依山尽，黄河入海流。", "白"),
    ComparePreset("zh_moon", "preset_zh_moon", "举头望明___，低头思故___。", None),
)

# Word lists of the "Words as vectors" view (state.WORD_SETS; "own" is the user's list).
WORD_LISTS = {
    "royals": "king, queen, man, woman, prince, princess, boy, girl",
    "numbers": "one, two, three, four, five, six, seven, eight, nine, ten",
    "days": "Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday, January, February, March, "
    "April, May, June",
    "capitals": "France, Paris, Germany, Berlin, Italy, Rome, Spain, Madrid, Japan, Tokyo, China, Beijing",
    "chinese": "山, 水, 日, 月, 风, 雨, 春, 夏, 秋, 冬, 一, 二, 三, 爱, 心",
}


@dataclass(frozen=True)
class PairPreset:
    """Two prompts with one difference. `watch`: tokens whose probability the preset's label points at
    (tests/test_minimal_pair.py checks that each moves the way the label says: up after A, down after B)."""

    key: str
    label: str  # its i18n key
    a: str
    b: str
    watch: tuple[str, ...] = ()  # more likely after A than after B


PAIR_PRESETS = (
    PairPreset("nurse", "pair_nurse", "The nurse said that", "The doctor said that", (" she",)),
    PairPreset("agreement", "pair_agreement", "The keys to the cabinet", "The key to the cabinet", (" are",)),
    PairPreset(
        "sentiment", "pair_sentiment", "The movie was great, I", "The movie was awful, I", (" loved",)
    ),
    PairPreset("negation", "pair_negation", "A robin is a", "A robin is not a"),
    PairPreset("zh_nurse", "pair_zh_nurse", "他是一名护士，", "他是一名医生，"),
    PairPreset("zh_like", "pair_zh_like", "我喜欢吃", "我不喜欢吃"),
)


@dataclass(frozen=True)
class PatchPreset:
    """A clean and a corrupted prompt of the same length for activation patching (tests/test_why_bundled.py
    checks that the bundled causal model answers `clean_answer` to one and `corrupt_answer` to the other)."""

    key: str
    label: str
    clean: str
    corrupt: str
    clean_answer: str
    corrupt_answer: str


PATCH_PRESETS = (
    PatchPreset(
        "eiffel", "why_patch_eiffel", "The Eiffel Tower is in", "The Colosseum is in", " Paris", " Rome"
    ),
    PatchPreset(
        "eiffel_city", "why_patch_eiffel_city", "The Eiffel Tower is in the city of",
        "The Colosseum is in the city of", " Paris", " Rome",
    ),
)  # fmt: skip


@dataclass(frozen=True)
class SteerPreset:
    """Prompts A and B whose difference is the direction, a prompt to continue, and the layer to push at.
    `up` is more likely after the prompt when pushed towards A than towards B (tested)."""

    key: str
    label: str
    a: str
    b: str
    prompt: str
    layer: int
    alpha: float
    up: str


STEER_PRESETS = (
    SteerPreset(
        "love_hate", "why_steer_love_hate", "I love you. You are wonderful, kind and beautiful.",
        "I hate you. You are terrible, cruel and ugly.", "I think that you are", 10, 4.0, " wonderful",
    ),
)  # fmt: skip
