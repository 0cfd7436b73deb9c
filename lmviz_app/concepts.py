"""The home page's concepts as data: the sentences its examples use, published sizes, and its small demos.

Each demo is one short call into the core (greedy generation, a fill-mask pass) that returns plain text
and numbers; the caller caches and shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from lmviz.analysis import compare, generation
from lmviz.analysis.sampling import Strategy
from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz.models.loading import LoadedModel

# One blank whose right side gives the word away: a causal model sees only "The", a masked one the rest.
FAQ_BLANK = "The ___ barked all night, so nobody could sleep."
GENERATION_PROMPT = "Once upon a time, in a small village by the sea,"
FILL_TEXT = "The doctor told the patient to take the [MASK] twice a day."
DIALOGUE_QUESTION = "What is the capital of France?"
DEMO_TOKENS = 24  # greedy tokens per demo: a sentence or two, about a second on two CPU cores


@dataclass(frozen=True)
class Examples:
    """The sentences the home page's answers and demos run on the loaded models."""

    blank: str  # one blank whose right side gives the word away
    generation: str
    fill: str
    dialogue: str
    glossed: bool  # English: the Chinese interface says what each sentence means


ENGLISH = Examples(FAQ_BLANK, GENERATION_PROMPT, FILL_TEXT, DIALOGUE_QUESTION, glossed=True)
# For models that read Chinese one character a token (poem-gpt-zh, poem-bert-zh, bert-base-chinese):
# 白 has nothing on its left, 日依山尽 on its right; 举头望明[MASK] is 静夜思's moon
# (tests/test_chinese_models.py checks both).
CHINESE = Examples(
    blank="___日依山尽，黄河入海流。",
    generation="床前明月光，",
    fill="床前明月光，疑是地上霜。举头望明[MASK]，低头思故乡。",
    dialogue="床前明月光的下一句是什么？",
    glossed=False,
)
PROBE_CHARS = "床前明月光"


def reads_characters(loaded: LoadedModel) -> bool:
    """The model's vocabulary holds each of a few common Chinese characters as one token."""
    tok = loaded.tokenizer
    ids = tok(PROBE_CHARS, add_special_tokens=False)["input_ids"]
    return len(ids) == len(PROBE_CHARS) and tok.unk_token_id not in ids


def examples(models: list[LoadedModel]) -> Examples:
    """Chinese sentences when every loaded model reads Chinese characters, else English ones."""
    return CHINESE if models and all(reads_characters(m) for m in models) else ENGLISH


# Published sizes, for scale: the bundled models are small on purpose (they run on a laptop CPU).
REFERENCE_SIZES = (("GPT-2 small (2019)", 124e6), ("BERT-base (2018)", 110e6), ("GPT-3 (2020)", 175e9))


def has_chat_template(loaded: LoadedModel) -> bool:
    """True for an instruct model that knows how a conversation is laid out (e.g. smollm2-135m)."""
    return loaded.kind == Kind.CAUSAL and bool(getattr(loaded.tokenizer, "chat_template", None))


def continue_text(loaded: LoadedModel, prompt: str, n: int = DEMO_TOKENS) -> str:
    """The model's greedy continuation of `prompt` (the generated part only)."""
    path = generation.generate(loaded, generation.text_prompt_ids(loaded, prompt), n, Strategy(greedy=True))
    return loaded.tokenizer.decode(list(path.generated_ids), skip_special_tokens=True)


def chat_reply(loaded: LoadedModel, question: str, n: int = DEMO_TOKENS) -> str:
    """An instruct model's greedy answer to one user message, laid out by its chat template."""
    if not has_chat_template(loaded):
        raise LmvizError("concepts.no_chat_template", model=loaded.name)
    path = generation.generate(loaded, generation.chat_prompt_ids(loaded, question), n, Strategy(greedy=True))
    return loaded.tokenizer.decode(list(path.generated_ids), skip_special_tokens=True).strip()


def fill_in(loaded: LoadedModel, text: str, k: int = 5) -> tuple[compare.Candidate, ...]:
    """A masked model's top-k words for the first blank of `text` ([MASK] or ___)."""
    return compare.masked_fills(loaded, text, k)[0].top
