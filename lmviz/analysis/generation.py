"""Step-through generation on a causal model: the next-token distribution, one chosen token at a time.

A `Path` is an immutable prompt plus the steps taken so far; `extend` adds tokens to it (with a KV cache),
`undo` takes the last one back. The shared model is only ever read: no training mode, no hooks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from transformers import PreTrainedTokenizerBase

from lmviz.analysis.sampling import Choice, Strategy, next_token
from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz.models import forward
from lmviz.models.gather import Gatherer
from lmviz.models.loading import LoadedModel
from lmviz.text.tokens import token_text

MAX_NEW_TOKENS = 200  # one click never runs the model longer than this


@dataclass(frozen=True)
class Step:
    """One generated token, with how likely the model found it."""

    token_id: int
    text: str  # display string: " Paris", or the token itself for special tokens
    prob: float  # under the model's softmax at temperature 1
    prob_used: float  # under the strategy's distribution (temperature and filters); 1.0 when greedy
    rank: int  # 1 = the model's most probable token


@dataclass(frozen=True)
class Path:
    """A prompt and the tokens generated after it. append/undo return new Paths."""

    prompt_ids: tuple[int, ...]
    steps: tuple[Step, ...] = ()

    @property
    def ids(self) -> tuple[int, ...]:
        return self.prompt_ids + tuple(s.token_id for s in self.steps)

    @property
    def generated_ids(self) -> tuple[int, ...]:
        return tuple(s.token_id for s in self.steps)

    def append(self, step: Step) -> Path:
        return Path(self.prompt_ids, self.steps + (step,))

    def undo(self) -> Path:
        if not self.steps:
            raise LmvizError("generate.nothing_to_undo")
        return Path(self.prompt_ids, self.steps[:-1])

    def text(self, tokenizer: PreTrainedTokenizerBase, include_prompt: bool = True) -> str:
        """The decoded text, special tokens included (a chat prompt shows its role markers)."""
        ids = self.ids if include_prompt else self.generated_ids
        return tokenizer.decode(list(ids), skip_special_tokens=False, clean_up_tokenization_spaces=False)


def eos_ids(loaded: LoadedModel) -> frozenset[int]:
    """Token ids that end a generation: the generation config's eos ids and the tokenizer's eos token."""
    found: set[int] = set()
    gen_config = getattr(loaded.model, "generation_config", None)
    for source in (getattr(gen_config, "eos_token_id", None), loaded.tokenizer.eos_token_id):
        if isinstance(source, int):
            found.add(source)
        elif source is not None:
            found.update(int(i) for i in source)
    return frozenset(found)


def text_prompt_ids(loaded: LoadedModel, text: str) -> tuple[int, ...]:
    """A plain-text prompt as token ids (with whatever special tokens the tokenizer adds)."""
    if text is None or not text.strip():
        raise LmvizError("generate.prompt_empty")
    tok = loaded.tokenizer
    ids = tuple(int(i) for i in tok(text)["input_ids"])
    sep = tok.sep_token_id
    if loaded.kind == Kind.CAUSAL and len(ids) > 1 and sep is not None and ids[-1] == sep:
        # A GPT with a BERT tokenizer (uer/gpt2-chinese-*) would continue after the [SEP] that closes a
        # text: the prompt goes on where the text stops.
        ids = ids[:-1]
    _check_ids(loaded, ids)
    return ids


def chat_prompt_ids(loaded: LoadedModel, user_message: str, system: str | None = None) -> tuple[int, ...]:
    """A chat prompt as token ids, ending with the assistant's header so the model answers next.

    Without `system` the template's own default system message (if it has one) is used.
    """
    _check_causal(loaded)
    tok = loaded.tokenizer
    if not getattr(tok, "chat_template", None):
        raise LmvizError("generate.no_chat_template", model=loaded.name)
    if user_message is None or not user_message.strip():
        raise LmvizError("generate.message_empty")
    messages = [{"role": "user", "content": user_message}]
    if system:
        messages.insert(0, {"role": "system", "content": system})
    # Render to text, then tokenize without adding specials: the template already wrote them.
    rendered = tok.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
    ids = tuple(int(i) for i in tok(rendered, add_special_tokens=False)["input_ids"])
    _check_ids(loaded, ids)
    return ids


@torch.inference_mode()
def next_distribution(
    loaded: LoadedModel, ids: tuple[int, ...], gather: Gatherer | None = None
) -> np.ndarray:
    """Logits (V,) float32 for the token after `ids`: one forward pass, no cache (batched with other
    callers' through `gather` when given)."""
    _check_causal(loaded)
    ids = tuple(int(i) for i in ids)
    _check_ids(loaded, ids)
    if gather is None:
        return forward.next_logits(loaded, ids).cpu().numpy()  # (V,)
    return gather.run(loaded, ids, last_only=True).logits[0, -1].float().cpu().numpy()


def make_step(tokenizer: PreTrainedTokenizerBase, choice: Choice) -> Step:
    return Step(
        choice.token_id, token_text(tokenizer, choice.token_id), choice.raw_prob, choice.prob, choice.rank
    )


def step_rng(strategy: Strategy, position: int) -> np.random.Generator:
    """The rng for the token at `position` (its index in the full sequence).

    Seeding per position makes a choice depend only on (seed, position, logits): clicking "next" five
    times picks the same tokens as generating five at once, and undo + redo picks the same token again.
    """
    return np.random.default_rng([int(strategy.seed), int(position)])


def generate(loaded: LoadedModel, prompt_ids: tuple[int, ...], n: int, strategy: Strategy) -> Path:
    """Generate up to n tokens after the prompt, stopping early after an end-of-sequence token."""
    return extend(loaded, Path(tuple(int(i) for i in prompt_ids)), n, strategy)


@torch.inference_mode()
def extend(loaded: LoadedModel, path: Path, n: int, strategy: Strategy, use_cache: bool = True) -> Path:
    """Add up to n tokens to a path (n=1 is one step), stopping early after an end-of-sequence token.

    With use_cache the prompt is read once and each new token reuses the keys and values computed so far
    (past_key_values); without it every step re-reads the whole sequence (slower, same tokens).
    """
    _check_causal(loaded)
    if int(n) != n or not 1 <= n <= MAX_NEW_TOKENS:
        raise LmvizError("generate.n_out_of_range", max=MAX_NEW_TOKENS, n=n)
    _check_ids(loaded, path.ids)
    if len(path.ids) + n > loaded.max_tokens:
        raise LmvizError("generate.too_long", n=len(path.ids), more=n, max=loaded.max_tokens)
    stop = eos_ids(loaded)
    out = forward.run(loaded, path.ids, last_only=True, cache=use_cache)
    for i in range(n):
        logits = out.logits[0, -1].float().cpu().numpy()  # (V,)
        choice = next_token(logits, strategy, step_rng(strategy, len(path.ids)))
        path = path.append(make_step(loaded.tokenizer, choice))
        if choice.token_id in stop or i == n - 1:
            break
        if use_cache:
            out = forward.extend_cache(loaded, choice.token_id, out.past_key_values)
        else:
            out = forward.run(loaded, path.ids, last_only=True)
    return path


def _check_causal(loaded: LoadedModel) -> None:
    if loaded.kind != Kind.CAUSAL:
        raise LmvizError("generate.needs_causal", model=loaded.name, kind=Kind(loaded.kind))


def _check_ids(loaded: LoadedModel, ids: tuple[int, ...]) -> None:
    if not ids:
        raise LmvizError("generate.no_tokens")
    if len(ids) > loaded.max_tokens:
        raise LmvizError("generate.prompt_too_long", n=len(ids), max=loaded.max_tokens)
    vocab = getattr(loaded.model.config, "vocab_size", None)
    bad = [i for i in ids if i < 0 or (vocab is not None and i >= vocab)]
    if bad:
        last = (vocab if vocab is not None else len(loaded.tokenizer)) - 1
        raise LmvizError("generate.token_out_of_vocab", id=bad[0], last=last)
