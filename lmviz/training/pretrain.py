"""Pretraining from scratch: a tokenizer learned from the corpus in seconds (byte-level BPE; one token per
character for Chinese text) and a tiny randomly initialised GPT-2, sized to learn visibly within a minute
on a CPU."""

from __future__ import annotations

import collections
from dataclasses import dataclass

import torch
from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

from lmviz.analysis.generation import generate, text_prompt_ids
from lmviz.analysis.sampling import Strategy
from lmviz.errors import LmvizError, Message, message
from lmviz.kinds import Kind
from lmviz.models.devices import pick_device
from lmviz.models.loading import LoadedModel
from lmviz.models.seeding import seeded
from lmviz.text import chinese

EOS = "<|endoftext|>"
UNK = "<|unknown|>"  # the character-level vocabulary's unknown token (a byte-level one has none)
TOKENIZER_CHARS = 1_000_000  # the tokenizer learns its merges from at most this much text
CJK_SHARE = 0.5  # a text whose letters are mostly Chinese characters gets one token per character
CHAR_VOCAB = 6000  # at most this many characters; the bundled Tang poems' first 300k characters have 4,800


@dataclass(frozen=True)
class TinyConfig:
    """A GPT-2 small enough to train from nothing on two CPU cores (~0.8M parameters with 2k tokens)."""

    vocab_size: int = 2000  # BPE merges learned from the corpus; 256 bytes are always there
    n_layer: int = 2
    n_head: int = 4
    n_embd: int = 128
    n_positions: int = 128


def is_chinese(text: str) -> bool:
    """Most of the text's letters (spaces and punctuation aside) are Chinese characters."""
    sample = text[:TOKENIZER_CHARS]
    letters = sum(ch.isalnum() for ch in sample)
    return letters > 0 and len(chinese.CJK.findall(sample)) / letters > CJK_SHARE


def train_tokenizer(text: str, vocab_size: int = 2000) -> PreTrainedTokenizerFast:
    """A tokenizer learned from `text`: byte-level BPE (any language: unknown characters fall to bytes),
    or, for Chinese text, one token per character (a byte-level BPE of this size cuts most characters
    into byte pieces, and a sample of a few steps' training is then mostly broken characters)."""
    if not text.strip():
        raise LmvizError("pretrain.text_empty")
    if is_chinese(text):
        return char_tokenizer(text)
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


def char_tokenizer(text: str, size: int = CHAR_VOCAB) -> PreTrainedTokenizerFast:
    """One token per character (line breaks and spaces included) for the `size` most frequent
    characters of `text`; any other character is the unknown token."""
    counts = collections.Counter(text[:TOKENIZER_CHARS])
    chars = [ch for ch, _ in counts.most_common(size)]
    vocab = {tok: i for i, tok in enumerate([EOS, UNK, *chars])}
    tok = Tokenizer(models.WordLevel(vocab, unk_token=UNK))
    tok.pre_tokenizer = pre_tokenizers.Split(Regex(r"[\s\S]"), behavior="isolated")
    tok.decoder = decoders.Fuse()
    return PreTrainedTokenizerFast(
        tokenizer_object=tok, eos_token=EOS, bos_token=EOS, unk_token=UNK, model_max_length=10_000
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
        description=_description(config, n_params, tok),
        model=model,
        tokenizer=tok,
        device=device,
        dtype=torch.float32,
        max_tokens=config.n_positions,
        source="session",
    )


def _description(config: TinyConfig, n_params: int, tok) -> Message:
    size = dict(layers=config.n_layer, heads=config.n_head, params=n_params / 1e6, vocab=len(tok))
    if isinstance(tok.backend_tokenizer.model, models.WordLevel):
        return message("pretrain.description_chars", **size)
    return message("pretrain.description", **size)


def sample(loaded: LoadedModel, prompt: str, seed: int, n: int = 40) -> str:
    """A short continuation of `prompt` (temperature 0.8, top-k 40): what the model writes right now."""
    ids = text_prompt_ids(loaded, prompt) if prompt.strip() else (loaded.tokenizer.eos_token_id,)
    ids = ids[-(loaded.max_tokens - n) :]
    path = generate(loaded, ids, n, Strategy(temperature=0.8, top_k=40, seed=seed))
    return path.text(loaded.tokenizer, include_prompt=False)
