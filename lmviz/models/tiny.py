"""Tiny random models built in code (seeded, dropout 0): ordinary registry entries for fast tests."""

from __future__ import annotations

import functools
import json

from transformers import (
    BertConfig,
    BertForMaskedLM,
    BertTokenizerFast,
    GPT2Config,
    GPT2LMHeadModel,
    GPT2TokenizerFast,
)

from lmviz.models.assets import asset_path
from lmviz.models.paths import PACKAGE_DIR
from lmviz.models.seeding import seeded

GPT2_TOKENIZER_DIR = PACKAGE_DIR / "vendor" / "gpt2-tokenizer"


@functools.lru_cache(maxsize=1)
def gpt2_tokenizer() -> GPT2TokenizerFast:
    """The real 50,257-token GPT-2 tokenizer, built from vendored files (no hub)."""
    vocab = json.loads((GPT2_TOKENIZER_DIR / "encoder.json").read_text(encoding="utf-8"))
    lines = (GPT2_TOKENIZER_DIR / "vocab.bpe").read_text(encoding="utf-8").split("\n")
    merges = [tuple(line.split(" ")) for line in lines[1:] if line.strip()]
    # File paths silently build an empty tokenizer in transformers 5: pass the data itself.
    return GPT2TokenizerFast(vocab=vocab, merges=merges, model_max_length=1024)


def bert_tokenizer() -> BertTokenizerFast:
    """The bert-base-uncased WordPiece vocabulary, as shipped with all-MiniLM-L6-v2."""
    return BertTokenizerFast.from_pretrained(asset_path("minilm_dir"))


def tiny_gpt2(seed: int = 0) -> tuple[GPT2LMHeadModel, GPT2TokenizerFast]:
    config = GPT2Config(
        n_layer=2,
        n_head=4,
        n_embd=64,
        n_positions=256,
        vocab_size=50257,
        resid_pdrop=0.0,
        embd_pdrop=0.0,
        attn_pdrop=0.0,
        attn_implementation="eager",
    )
    with seeded(seed):
        model = GPT2LMHeadModel(config).eval()
    return model, gpt2_tokenizer()


def tiny_bert(seed: int = 0) -> tuple[BertForMaskedLM, BertTokenizerFast]:
    config = BertConfig(
        vocab_size=30522,
        hidden_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        intermediate_size=128,
        max_position_embeddings=256,
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
        attn_implementation="eager",
    )
    with seeded(seed):
        model = BertForMaskedLM(config).eval()
    return model, bert_tokenizer()
