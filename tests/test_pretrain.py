"""Pretraining from scratch: a BPE tokenizer learned from the text (Chinese and English), a tiny random
GPT-2 whose loss goes down, samples along the way, and a pretraining job end to end."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import torch

from lmviz.errors import LmvizError
from lmviz.text import chinese
from lmviz.training import before_after, pretrain
from lmviz.training.config import PRETRAIN_CONFIG, TrainConfig
from lmviz.training.data import corpus, make_blocks, pasted
from lmviz.training.jobs import Job
from lmviz.training.loop import TrainRun
from lmviz.training.request import TrainRequest, run_request

MIXED = (
    "预训练让模型从大量文本中学习语言的规律，微调让它适应新的任务。"
    "Pretraining teaches a model the patterns of language; fine-tuning adapts it to a new task.\n"
    "语言模型预测下一个词。A language model predicts the next word.\n"
) * 30
SMALL = pretrain.TinyConfig(vocab_size=500, n_layer=1, n_head=2, n_embd=32, n_positions=64)


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Tiny models train fastest on one thread; on a busy two-core machine two threads mostly wait."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def mixed_tokenizer():
    return pretrain.train_tokenizer(MIXED, vocab_size=600)


@pytest.mark.parametrize(
    "text",
    [
        "语言模型预测下一个词。",
        "A language model predicts the next word.",
        "预训练 and fine-tuning: 微调!",
        "  leading spaces,\ttabs and\n\nblank lines  ",
        "Unseen: 龘 😀 naïve Ωmega , spaced punctuation . and don 't",
    ],
)
def test_tokenizer_round_trips_chinese_and_english(mixed_tokenizer, text):
    ids = mixed_tokenizer(text, add_special_tokens=False)["input_ids"]
    assert mixed_tokenizer.decode(ids) == text


def test_tokenizer_learns_pieces_from_the_text(mixed_tokenizer):
    assert len(mixed_tokenizer) <= 600
    assert mixed_tokenizer.eos_token == pretrain.EOS
    # Frequent words become a few pieces instead of one per byte (12 bytes, 5 bytes).
    assert len(mixed_tokenizer("语言模型", add_special_tokens=False)["input_ids"]) < 4
    assert len(mixed_tokenizer(" model", add_special_tokens=False)["input_ids"]) == 1


def test_tokenizer_needs_text():
    with pytest.raises(LmvizError, match="text is empty"):
        pretrain.train_tokenizer(" \n\t ")


def test_new_model_is_a_seeded_random_gpt2_sized_to_its_tokenizer():
    a = pretrain.new_model(MIXED, SMALL, seed=1)
    b = pretrain.new_model(MIXED, SMALL, seed=1)
    c = pretrain.new_model(MIXED, SMALL, seed=2)
    assert (a.kind, a.source, a.max_tokens) == ("causal", "session", 64)
    assert a.model.config.vocab_size == len(a.tokenizer) <= 500
    assert a.model.config.n_layer == 1 and a.n_layers == 1
    assert not a.model.training and not any(p.requires_grad for p in a.model.parameters())
    assert a.description.code == "pretrain.description" and "1 layers x 2 heads" in str(a.description)
    wte = a.model.transformer.wte.weight
    assert torch.equal(wte, b.model.transformer.wte.weight)
    assert not torch.equal(wte, c.model.transformer.wte.weight)


def test_pretraining_loss_goes_down_and_samples_are_recorded():
    loaded = pretrain.new_model(MIXED, SMALL, seed=0)
    blocks = make_blocks(loaded.tokenizer, pasted(MIXED), 32)
    config = TrainConfig(
        method="full", steps=12, lr=3e-3, batch=8, eval_every=6, sample_every=6, sample_prompt="语言模型"
    )
    prompts: list[str] = []

    def sampler(model, prompt, seed):
        prompts.append(prompt)
        assert model.kind == "causal" and not model.model.training
        return pretrain.sample(model, prompt, seed, n=8)

    run = TrainRun(loaded, blocks, config, sampler=sampler)
    records = list(run.steps())
    losses = [r.loss for r in records]
    assert records[-1].status == "done"
    assert sum(losses[-3:]) / 3 < losses[0] - 0.5
    held = [r.held_out_loss for r in records if r.held_out_loss is not None]
    assert len(held) == 3 and held[-1] < held[0]
    assert [r.step for r in records if r.sample is not None] == [1, 6, 12]
    assert all(isinstance(r.sample, str) for r in records if r.sample is not None)
    assert prompts == ["语言模型"] * 3
    assert run.model.training is False  # left in eval mode after the last step


def test_sample_is_seeded():
    loaded = pretrain.new_model(MIXED, SMALL, seed=0)
    first = pretrain.sample(loaded, "A language", seed=5, n=10)
    assert first == pretrain.sample(loaded, "A language", seed=5, n=10)
    assert isinstance(pretrain.sample(loaded, "", seed=5, n=10), str)  # no prompt: starts from EOS


def test_pretraining_job_end_to_end_on_a_corpus():
    job = Job(7, "student", "pretrain", work=lambda _job: None)
    config = TrainConfig(
        method="full", steps=8, lr=3e-3, batch=8, seq_len=32, eval_every=4, sample_every=8, warmup=0.05
    )
    source = corpus("kjv", max_chars=20_000)
    probe = "And God said"
    outcome = run_request(job, TrainRequest("pretrain", source, config, probe))
    assert outcome.status == job.final_state == "done"
    assert outcome.before.name == outcome.model.name == "from scratch: tiny-gpt2 #7"
    assert outcome.before.source == "session"
    assert [r.step for r in job.records if r.sample is not None] == [1, 8]
    assert outcome.trainable == outcome.total
    c = outcome.comparison
    assert c is not None and outcome.comparison_error is None
    assert c.after.held_out_loss < c.before.held_out_loss
    assert isinstance(c.after.generation, str)
    again = before_after.compare_models(outcome.before, outcome.model, outcome.blocks, probe, config.seed)
    assert (again.before.generation, again.after.generation) == (c.before.generation, c.after.generation)
    # The "before" model is the random start: training changed a copy, not it.
    before_wte = outcome.before.model.transformer.wte.weight
    assert not torch.equal(before_wte, outcome.model.model.transformer.wte.weight)
    assert dataclasses.replace(config, sample_prompt=probe) == outcome.model.extra["config"]


POEMS = (
    "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n\n"
    "白日依山尽，黄河入海流。\n欲穷千里目，更上一层楼。\n\n"
)


def test_chinese_text_gets_one_token_per_character():
    tok = pretrain.train_tokenizer(POEMS * 3)
    text = "床前明月光，\n疑是地上霜"
    ids = tok(text, add_special_tokens=False)["input_ids"]
    assert len(ids) == len(text) and tok.decode(ids) == text  # a line break is a character too
    assert tok.convert_ids_to_tokens(tok("龘")["input_ids"]) == [pretrain.UNK]  # never seen: unknown
    loaded = pretrain.new_model(POEMS * 3, SMALL, seed=0)
    assert "one token per character" in str(loaded.description)
    assert not pretrain.is_chinese(MIXED) and "BPE" in str(pretrain.new_model(MIXED, SMALL).description)


def test_corpus_rows_start_at_a_document():
    tok = pretrain.train_tokenizer(POEMS * 40)
    source = dataclasses.replace(pasted(POEMS * 40), row_start="\n\n")
    blocks = make_blocks(tok, source, 30)
    firsts = {tok.decode([int(r[0])]) for r in np.concatenate([blocks.train, blocks.held_out])}
    assert firsts <= {"床", "白"}, firsts  # every row starts with a poem's first character
    plain = make_blocks(tok, pasted(POEMS * 40), 30)  # pasted text: rows anywhere, every token used
    assert len({tok.decode([int(r[0])]) for r in plain.train}) > 2


@pytest.mark.bundled
def test_default_pretraining_on_tang_poems_turns_noise_into_lines():
    """The training page's claim: from scratch, the default run on Tang poems writes five-character lines
    by its end (the first sample is noise)."""
    source = corpus("poems_zh")
    loaded = pretrain.new_model(source.text, seed=0)
    blocks = make_blocks(loaded.tokenizer, source, PRETRAIN_CONFIG.seq_len)
    config = dataclasses.replace(PRETRAIN_CONFIG, sample_prompt="春风")
    records = list(TrainRun(loaded, blocks, config, sampler=pretrain.sample).steps())
    samples = [r.sample for r in records if r.sample is not None]
    first, last = chinese.metre_share("春风" + samples[0]), chinese.metre_share("春风" + samples[-1])
    assert first[0] <= first[1] / 4, samples[0]
    assert last[1] >= 4 and last[0] >= last[1] * 0.6, samples[-1]
    assert "<|unknown|>" not in samples[-1]
