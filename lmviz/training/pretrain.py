"""Pretraining from scratch: a byte-level BPE tokenizer trained on the corpus in seconds and a tiny
randomly initialised GPT-2, sized to learn visibly within a minute on a CPU."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

from lmviz.analysis.generation import generate, text_prompt_ids
from lmviz.analysis.sampling import Strategy
from lmviz.errors import LmvizError, message
from lmviz.kinds import Kind
from lmviz.models.devices import pick_device
from lmviz.models.loading import LoadedModel
from lmviz.models.seeding import seeded

EOS = "<|endoftext|>"
TOKENIZER_CHARS = 1_000_000  # the tokenizer learns its merges from at most this much text


@dataclass(frozen=True)
class TinyConfig:
    """A GPT-2 small enough to train from nothing on two CPU cores (~0.8M parameters with 2k tokens)."""

    vocab_size: int = 2000  # BPE merges learned from the corpus; 256 bytes are always there
    n_layer: int = 2
    n_head: int = 4
    n_embd: int = 128
    n_positions: int = 128


def train_tokenizer(text: str, vocab_size: int = 2000) -> PreTrainedTokenizerFast:
    """A byte-level BPE tokenizer learned from `text` (any language: unknown characters fall to bytes)."""
    if not text.strip():
        raise LmvizError("pretrain.text_empty")
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=[EOS],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    lines = text[:TOKENIZER_CHARS].splitlines() or [text]
    tok.train_from_iterator(lines, trainer=trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=tok, eos_token=EOS, bos_token=EOS, unk_token=EOS, model_max_length=10_000
    )


def new_model(text: str, config: TinyConfig = TinyConfig(), seed: int = 0, name: str = "") -> LoadedModel:
    """A randomly initialised tiny GPT-2 with a tokenizer trained on `text`, ready for `TrainRun`."""
    tok = train_tokenizer(text, config.vocab_size)
    gpt_config = GPT2Config(
        vocab_size=len(tok),
        n_positions=config.n_positions,
        n_embd=config.n_embd,
        n_layer=config.n_layer,
        n_head=config.n_head,
        bos_token_id=tok.eos_token_id,
        eos_token_id=tok.eos_token_id,
        attn_implementation="eager",
    )
    device = pick_device(None)
    with seeded(seed):
        model = GPT2LMHeadModel(gpt_config).to(device).eval()
    model.requires_grad_(False)
    n_params = sum(p.numel() for p in model.parameters())
    return LoadedModel(
        name=name or "tiny-gpt2 (from scratch)",
        kind=Kind.CAUSAL,
        description=message(
            "pretrain.description",
            layers=config.n_layer,
            heads=config.n_head,
            params=n_params / 1e6,
            vocab=len(tok),
        ),
        model=model,
        tokenizer=tok,
        device=device,
        dtype=torch.float32,
        max_tokens=config.n_positions,
        source="session",
    )


def sample(loaded: LoadedModel, prompt: str, seed: int, n: int = 40) -> str:
    """A short continuation of `prompt` (temperature 0.8, top-k 40): what the model writes right now."""
    ids = text_prompt_ids(loaded, prompt) if prompt.strip() else (loaded.tokenizer.eos_token_id,)
    ids = ids[-(loaded.max_tokens - n) :]
    path = generate(loaded, ids, n, Strategy(temperature=0.8, top_k=40, seed=seed))
    return path.text(loaded.tokenizer, include_prompt=False)
