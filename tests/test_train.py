"""The training loop on tiny random models: loss goes down, the shared model never changes, Stop keeps the
steps taken, divergence ends the run, settings are bounded; plus a job end to end, the zip export and the
command line."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import math
import os
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn
from transformers import OpenAIGPTConfig, OpenAIGPTLMHeadModel

import lmviz
from lmviz.analysis.inspection import inspect_text
from lmviz.errors import LmvizError, message
from lmviz.models.loading import LoadedModel
from lmviz.training import before_after
from lmviz.training import cli as train_cli
from lmviz.training.config import DEFAULT_LR, LIMITS, TrainConfig, bound
from lmviz.training.data import Blocks, make_blocks, pasted
from lmviz.training.evaluate import EVAL_BLOCKS, EVAL_SEED, held_out_loss
from lmviz.training.export import model_zip
from lmviz.training.jobs import Job
from lmviz.training.loop import TrainRun, divergence, transformer_layers
from lmviz.training.masking import mask_batch
from lmviz.training.request import TrainRequest, run_request

REPO = Path(__file__).resolve().parents[1]
REPEATED = "The quick brown fox jumps over the lazy dog. " * 40
# Learning rates that move a tiny random model within 8 steps (the defaults suit real checkpoints).
FAST_LR = {"full": 1e-3, "lora": 1e-2, "top": 1e-3}


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Tiny models train fastest on one thread; on a busy two-core machine two threads mostly wait."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def blocks_for(loaded: LoadedModel, seq_len: int = 32, text: str = REPEATED) -> Blocks:
    return make_blocks(loaded.tokenizer, pasted(text), seq_len, masked=loaded.kind == "masked")


def weight_hashes(module: nn.Module) -> dict[str, str]:
    """A digest of the exact bytes (and dtype and shape) of every parameter and buffer."""
    tensors = list(module.named_parameters(remove_duplicate=False))
    tensors += [(f"buffer:{n}", b) for n, b in module.named_buffers(remove_duplicate=False)]
    out = {}
    for name, t in tensors:
        data = t.detach().cpu().contiguous().view(torch.uint8).numpy().tobytes()
        out[name] = hashlib.sha256(f"{t.dtype}{tuple(t.shape)}".encode() + data).hexdigest()
    return out


def model_state(loaded: LoadedModel) -> tuple:
    """What else a fine-tune must not touch on the shared model: mode, grad flags and module names."""
    m = loaded.model
    return (
        m.training,
        any(p.requires_grad for p in m.parameters()),
        tuple(n for n, _ in m.named_modules()),
        type(m),
    )


@pytest.fixture(scope="module")
def trained(request):
    """One 8-step run per (model, method), shared by the tests below; the shared model is hashed just
    before it is trained from, and `result()` is taken, so the checks cover the merge too."""
    cache: dict = {}

    def get(model_name: str, method: str):
        if (model_name, method) not in cache:
            base = request.getfixturevalue(model_name)
            before = weight_hashes(base.model), model_state(base)
            run = TrainRun(
                base,
                blocks_for(base),
                TrainConfig(method, steps=8, lr=FAST_LR[method], batch=4, top_layers=1, eval_every=100),
            )
            records = list(run.steps())
            trainable = run.trainable_parameters  # counted before result() freezes the weights
            result = run.result(f"fine-tuned: {base.name}")
            cache[model_name, method] = types.SimpleNamespace(
                base=base, before=before, run=run, records=records, result=result, trainable=trainable
            )
        return cache[model_name, method]

    return get


CASES = [(model, method) for model in ("tiny_gpt2", "tiny_bert") for method in ("full", "lora", "top")]


@pytest.mark.parametrize(("model_name", "method"), CASES)
def test_seeded_loss_goes_down_on_repeated_text(trained, model_name, method):
    t = trained(model_name, method)
    losses = [r.loss for r in t.records]
    assert [r.status for r in t.records] == ["running"] * 7 + ["done"]
    assert all(math.isfinite(x) for x in losses)
    assert np.mean(losses[-3:]) < losses[0]
    held = [r.held_out_loss for r in t.records if r.held_out_loss is not None]
    assert len(held) == 2  # first and last step (eval_every is larger than the run)
    assert held[-1] < held[0]


@pytest.mark.parametrize(("model_name", "method"), CASES)
def test_shared_model_is_bit_identical_after_fine_tuning(trained, model_name, method):
    t = trained(model_name, method)
    hashes, state = t.before
    assert weight_hashes(t.base.model) == hashes
    assert model_state(t.base) == state
    assert state[:2] == (False, False)  # eval mode, frozen: as load_model left it
    # ... while the trained copy did change.
    assert t.result.model is not t.base.model
    assert weight_hashes(t.result.model) != hashes


def test_same_seed_same_losses(tiny_gpt2):
    config = TrainConfig(method="lora", steps=3, lr=1e-2, batch=2, eval_every=100, seed=7)
    blocks = blocks_for(tiny_gpt2)
    first = [r.loss for r in TrainRun(tiny_gpt2, blocks, config).steps()]
    again = [r.loss for r in TrainRun(tiny_gpt2, blocks, config).steps()]
    other = [r.loss for r in TrainRun(tiny_gpt2, blocks, dataclasses.replace(config, seed=8)).steps()]
    assert first == again
    assert first != other


def test_top_method_changes_only_the_top_layers(trained):
    t = trained("tiny_gpt2", "top")
    assert t.run.config.top_layers == 1
    top = transformer_layers(t.base.model)[-1]
    top_names = {f"{n}" for n, _ in top.named_parameters()}
    base = dict(t.base.model.named_parameters())
    changed = {n for n, p in t.result.model.named_parameters() if not torch.equal(p, base[n])}
    assert changed
    assert {n.removeprefix("transformer.h.1.") for n in changed} <= top_names
    assert all(n.startswith("transformer.h.1.") for n in changed)
    assert t.trainable == sum(p.numel() for p in top.parameters())


@pytest.mark.parametrize("model_name", ["tiny_gpt2", "tiny_bert"])
def test_lora_result_is_merged_into_a_plain_model(trained, model_name):
    t = trained(model_name, "lora")
    assert 0 < t.trainable < t.run.total_parameters
    assert t.run.total_parameters == sum(p.numel() for p in t.base.model.parameters())
    result_names = [n for n, _ in t.result.model.named_parameters()]
    assert result_names == [n for n, _ in t.base.model.named_parameters()]
    assert type(t.result.model) is type(t.base.model)


def test_result_is_a_frozen_session_model(trained):
    t = trained("tiny_gpt2", "full")
    r = t.result
    assert (r.name, r.kind, r.source) == ("fine-tuned: tiny-gpt2", "causal", "session")
    assert r.dtype == t.base.dtype and next(r.model.parameters()).dtype == t.base.dtype
    assert not r.model.training
    assert not any(p.requires_grad for p in r.model.parameters())
    assert r.extra["steps"] == 8 and r.extra["base"] == "tiny-gpt2"
    assert r.description == message("train.after_steps", model="tiny-gpt2", steps=8)
    assert str(r.description) == "tiny-gpt2 after 8 training steps"
    assert t.run.usable


def test_records_count_steps_evaluate_and_follow_the_schedule(tiny_gpt2):
    config = TrainConfig(method="lora", steps=6, lr=1e-3, batch=2, eval_every=2, warmup=0.5)
    records = list(TrainRun(tiny_gpt2, blocks_for(tiny_gpt2), config).steps())
    assert [r.step for r in records] == [1, 2, 3, 4, 5, 6]
    assert all(r.steps == 6 for r in records)
    assert [r.held_out_loss is not None for r in records] == [True, True, False, True, False, True]
    lrs = [r.lr for r in records]
    assert lrs[:3] == pytest.approx([1e-3 / 3, 2e-3 / 3, 1e-3])  # warm-up over half the steps
    assert lrs[2:] == sorted(lrs[2:], reverse=True)  # then cosine down ...
    assert min(lrs[2:]) >= 1e-4  # ... to no less than 10% of the peak
    assert records[-1].eta_s == 0.0
    assert all(r.tokens_per_s > 0 for r in records)
    assert [r.elapsed_s for r in records] == sorted(r.elapsed_s for r in records)


# --- Stop ---


def test_stop_keeps_the_steps_taken_so_far(tiny_gpt2):
    run = TrainRun(tiny_gpt2, blocks_for(tiny_gpt2), TrainConfig(method="full", steps=10, lr=1e-3, batch=2))
    steps = run.steps()
    for _ in range(3):
        record = next(steps)
    assert record.step == 3 and record.status == "running"
    after_three = {n: p.detach().clone() for n, p in run.model.state_dict().items()}
    run.stop()
    final = next(steps)
    with pytest.raises(StopIteration):
        next(steps)
    assert final.status == "stopped"
    assert final.step == run.steps_done == 3
    assert final.message.code == "train.stopped" and "keeps what it learned" in str(final.message)
    assert run.usable
    result = run.result("stopped").model.state_dict()
    assert result.keys() == after_three.keys()
    assert all(torch.equal(result[n], after_three[n]) for n in result)
    base = tiny_gpt2.model.state_dict()
    assert any(not torch.equal(result[n], base[n]) for n in base)
    assert run.result("stopped").extra["steps"] == 3


def test_stop_before_the_first_step_leaves_no_model(tiny_gpt2):
    run = TrainRun(tiny_gpt2, blocks_for(tiny_gpt2), TrainConfig(method="lora", steps=5))
    run.stop()
    records = list(run.steps())
    assert [(r.status, r.step) for r in records] == [("stopped", 0)]
    assert run.steps_done == 0
    assert not run.usable


# --- divergence ---


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_non_finite_loss_stops_the_run(tiny_gpt2, bad):
    broken = lmviz.load_model("tiny-gpt2", device="cpu")  # a private copy, broken on purpose
    with torch.no_grad():
        broken.model.transformer.ln_f.weight[0] = bad
    run = TrainRun(broken, blocks_for(broken), TrainConfig(method="full", steps=5, lr=1e-3))
    records = list(run.steps())
    assert len(records) == 1
    assert records[0].status == "diverged"
    assert not math.isfinite(records[0].loss)
    assert "at step 1: the run diverged. Lower the learning rate." in str(records[0].message)
    assert run.steps_done == 0
    assert not run.usable


class Valley(nn.Module):
    """A one-weight 'language model' whose loss is a narrow valley off its starting point: AdamW's
    first steps at the highest allowed learning rate overshoot it, so the loss really explodes."""

    def __init__(self) -> None:
        super().__init__()
        self.config = types.SimpleNamespace(num_hidden_layers=1)
        self.w = nn.Parameter(torch.zeros(()))

    def forward(self, input_ids, labels=None):
        return types.SimpleNamespace(loss=1e6 * (self.w - 1e-3) ** 2)


class Cusp(Valley):
    """A loss that is finite (zero) at the start but whose gradient there is not: sqrt(|w|)."""

    def forward(self, input_ids, labels=None):
        return types.SimpleNamespace(loss=torch.sqrt(self.w.abs()))


def toy_model(module: nn.Module, tok) -> tuple[LoadedModel, Blocks]:
    rows = np.arange(4 * 16, dtype=np.int64).reshape(4, 16)
    loaded = LoadedModel("toy", "causal", "", module, tok, torch.device("cpu"), torch.float32, 64)
    return loaded, Blocks(rows[:3], rows[3:], rows.size)


def test_exploding_loss_stops_the_run(tiny_gpt2):
    loaded, blocks = toy_model(Valley(), tiny_gpt2.tokenizer)
    run = TrainRun(loaded, blocks, TrainConfig(method="full", steps=50, lr=1e-2, batch=1, warmup=0))
    records = list(run.steps())
    losses = [r.loss for r in records]
    assert losses[0] == pytest.approx(1.0)
    assert records[-1].status == "diverged"
    assert losses[-1] > 3 * losses[0] + 1
    assert len(records) < 50
    assert records[-1].message.code == "train.loss_exploded"
    assert "(it started at 1.00)" in str(records[-1].message)
    assert all(r.status == "running" for r in records[:-1])


def test_infinite_gradient_stops_the_run(tiny_gpt2):
    loaded, blocks = toy_model(Cusp(), tiny_gpt2.tokenizer)
    run = TrainRun(loaded, blocks, TrainConfig(method="full", steps=5, batch=1))
    records = list(run.steps())
    assert [r.status for r in records] == ["diverged"]
    assert "gradients became infinite or NaN" in str(records[0].message)
    assert run.steps_done == 0 and not run.usable


def test_divergence_rules():
    assert divergence(10.0, None, 0) is None
    assert "became nan at step 1" in str(divergence(float("nan"), None, 0))
    assert "became inf at step 5" in str(divergence(float("inf"), 2.0, 4))
    assert "became -inf" in str(divergence(float("-inf"), 2.0, 4))
    # An explosion is a loss above 3x the first one (plus 1), judged from the fourth step on.
    assert divergence(40.0, 10.0, 2) is None
    assert divergence(31.0, 10.0, 3) is None
    assert "exploded to 31.50 at step 4 (it started at 10.00)" in str(divergence(31.5, 10.0, 3))
    assert divergence(4.5, 1.0, 10) is not None and divergence(3.9, 1.0, 10) is None


# --- settings ---


def test_absurd_settings_are_bounded_with_notices():
    config, notices = bound(TrainConfig(method="full", lr=10.0, steps=1e6, batch=0, lora_rank=-3))
    assert (config.lr, config.steps, config.batch, config.lora_rank) == (1e-2, 20_000, 1, 1)
    assert isinstance(config.steps, int) and isinstance(config.batch, int)
    joined = " ".join(map(str, notices))
    assert len(notices) == 4
    for part in ("lr 10.0 is outside", "steps 1000000.0 is outside 1..20000", "batch 0 is outside 1..64"):
        assert part in joined


def test_nan_settings_become_safe_values():
    config, notices = bound(
        TrainConfig(method="top", lr=float("nan"), steps=float("nan"), seq_len=float("inf"))
    )
    assert config.lr == DEFAULT_LR["top"]
    assert config.steps == LIMITS["steps"][0]
    assert config.seq_len == LIMITS["seq_len"][0]
    assert len(notices) == 3 and all("using" in str(n) for n in notices)


def test_sensible_settings_pass_unchanged():
    config = TrainConfig(method="lora", steps=30, batch=4, seq_len=64)
    assert bound(config) == (config, ())


def test_model_limits_bound_top_layers_and_sequence_length():
    config, notices = bound(TrainConfig(method="top", top_layers=12, seq_len=512), n_layers=2, max_tokens=128)
    assert (config.top_layers, config.seq_len) == (2, 128)
    assert len(notices) == 2


def test_unknown_method_is_refused():
    with pytest.raises(LmvizError, match="Unknown training method 'adapters'"):
        bound(TrainConfig(method="adapters"))


def test_fractional_counts_become_whole_numbers():
    config, _ = bound(TrainConfig(steps=2.5, batch=3.0))
    assert isinstance(config.steps, int) and isinstance(config.batch, int)


# --- models that cannot be trained this way ---


def test_lora_on_an_architecture_peft_does_not_know_is_refused(tiny_gpt2):
    tok = tiny_gpt2.tokenizer
    torch.manual_seed(0)
    config = OpenAIGPTConfig(vocab_size=len(tok), n_positions=64, n_embd=32, n_layer=2, n_head=2)
    gpt1 = OpenAIGPTLMHeadModel(config)
    loaded = LoadedModel("tiny-gpt1", "causal", "", gpt1.eval(), tok, torch.device("cpu"), torch.float32, 64)
    blocks = blocks_for(loaded, seq_len=16)
    with pytest.raises(LmvizError, match="LoRA does not know which layers of a 'openai-gpt' model"):
        TrainRun(loaded, blocks, TrainConfig(method="lora", steps=2))
    # The advice holds: the top layers of the same model train.
    run = TrainRun(loaded, blocks, TrainConfig(method="top", steps=2, top_layers=1))
    assert [r.status for r in run.steps()] == ["running", "done"]


def test_encoder_without_a_word_head_is_refused(tiny_bert):
    encoder = dataclasses.replace(tiny_bert, name="an-encoder", kind="encoder")
    with pytest.raises(LmvizError, match="'an-encoder' is an encoder without a word-prediction head"):
        TrainRun(encoder, blocks_for(tiny_bert), TrainConfig())


def test_blocks_longer_than_the_model_reads_are_refused(tiny_gpt2):
    too_long = tiny_gpt2.max_tokens + 1
    blocks = Blocks(np.zeros((2, too_long), np.int64), np.zeros((1, too_long), np.int64), 3 * too_long)
    with pytest.raises(LmvizError, match="longer than 'tiny-gpt2' reads"):
        TrainRun(tiny_gpt2, blocks, TrainConfig())


# --- held-out loss against a direct computation ---


def test_causal_held_out_loss_is_the_models_mean_next_token_loss(tiny_gpt2):
    text = " ".join(f"item{i}" for i in range(400))
    rows = blocks_for(tiny_gpt2, seq_len=16, text=text).train  # more rows than EVAL_BLOCKS
    assert len(rows) > EVAL_BLOCKS
    got = held_out_loss(tiny_gpt2.model, "causal", tiny_gpt2.tokenizer, rows, batch=5)
    ids = torch.from_numpy(rows[:EVAL_BLOCKS])
    with torch.no_grad():
        own = tiny_gpt2.model(input_ids=ids, labels=ids).loss.item()  # one batch: the plain mean
        logits = tiny_gpt2.model(input_ids=ids).logits  # (B, T, V)
    by_hand = torch.nn.functional.cross_entropy(logits[:, :-1].flatten(0, 1), ids[:, 1:].flatten()).item()
    assert got == pytest.approx(own, rel=1e-5)
    assert got == pytest.approx(by_hand, rel=1e-5)


def test_masked_held_out_loss_scores_the_same_masks_every_time(tiny_bert):
    rows = blocks_for(tiny_bert, seq_len=24, text=" ".join(f"item{i}" for i in range(150))).train
    tok = tiny_bert.tokenizer
    got = held_out_loss(tiny_bert.model, "masked", tok, rows, batch=4)
    assert got == held_out_loss(tiny_bert.model, "masked", tok, rows, batch=4)
    gen = torch.Generator().manual_seed(EVAL_SEED)
    total = count = 0.0
    for i in range(0, min(len(rows), EVAL_BLOCKS), 4):
        part = torch.from_numpy(rows[i : i + 4])
        inputs, chosen = mask_batch(part, tok, gen, all_mask=True)
        assert (inputs[chosen] == tok.mask_token_id).all()
        with torch.no_grad():
            logits = tiny_bert.model(input_ids=inputs).logits  # (B, T, V)
        nll = -torch.log_softmax(logits[chosen], dim=-1)[torch.arange(int(chosen.sum())), part[chosen]]
        total += nll.sum().item()
        count += int(chosen.sum())
    assert count > 0
    assert got == pytest.approx(total / count, rel=1e-5)


# --- one request end to end: a job's work, the comparison, the export ---


@pytest.fixture(scope="module")
def finetuned(tiny_gpt2):
    job = Job(1, "student", "fine-tune", work=lambda _job: None)
    config = TrainConfig(method="lora", steps=4, lr=1e-2, batch=2, seq_len=32, eval_every=2, seed=3)
    request = TrainRequest("finetune", pasted(REPEATED), config, probe="The quick brown", base=tiny_gpt2)
    return job, run_request(job, request)


def test_run_request_fine_tunes_a_usable_model_and_compares_it(finetuned, tiny_gpt2):
    job, outcome = finetuned
    assert job.result is outcome
    assert (job.final_state, outcome.status) == ("done", "done")
    assert [r.step for r in job.records] == [1, 2, 3, 4]
    assert outcome.before is tiny_gpt2
    assert outcome.model.name == "fine-tuned: tiny-gpt2 #1"
    assert str(outcome.model.description) == (
        "tiny-gpt2 trained for 4 steps (LoRA rank 8, lr 0.01, batch 2 x 32 tokens) on pasted text. "
        "This session only."
    )
    assert 0 < outcome.trainable < outcome.total
    c = outcome.comparison
    assert outcome.comparison_error is None and c is not None
    assert c.after.held_out_loss < c.before.held_out_loss
    assert c.after.held_out_loss == pytest.approx(job.records[-1].held_out_loss, rel=1e-5)
    assert 0 < c.shift <= 1
    assert len(c.after.top) == before_after.TOP_K
    assert isinstance(c.after.generation, str) and c.after.generation


def test_same_seed_gives_the_same_generation_twice(finetuned):
    _, outcome = finetuned
    again = before_after.compare_models(
        outcome.before, outcome.model, outcome.blocks, "The quick brown", outcome.comparison.seed
    )
    assert again.after.generation == outcome.comparison.after.generation
    assert again.before.generation == outcome.comparison.before.generation
    assert again.after.top == outcome.comparison.after.top


def test_fine_tuned_model_works_on_another_page(finetuned):
    _, outcome = finetuned
    seen = inspect_text(outcome.model, "The quick brown fox")
    ids = torch.tensor([seen.token_ids.tolist()])
    with torch.no_grad():
        logits = outcome.model.model(input_ids=ids).logits[0].numpy()
    assert seen.model_name == outcome.model.name
    np.testing.assert_allclose(seen.logits, logits, rtol=1e-5, atol=1e-5)


def test_exported_zip_loads_back_with_the_same_logits(finetuned, tmp_path):
    job, outcome = finetuned
    data = model_zip(outcome.model, {"records": job.records, "config": outcome.request.config})
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        zf.extractall(tmp_path)
    assert "model.safetensors" in names
    assert not [n for n in names if n.endswith((".bin", ".pt", ".pth", ".ckpt", ".pkl"))]
    report = json.loads((tmp_path / "training_report.json").read_text("utf-8"))
    assert report["name"] == outcome.model.name
    assert report["description"] == str(outcome.model.description)  # messages in English, not codes
    assert [r["message"] for r in report["records"]] == [None] * 4
    assert [r["step"] for r in report["records"]] == [1, 2, 3, 4]
    assert report["config"]["method"] == "lora"
    loaded = lmviz.load_model(str(tmp_path), device="cpu")
    assert loaded.kind == "causal"
    text = "The quick brown fox jumps"
    ids = outcome.model.tokenizer(text, return_tensors="pt")["input_ids"]
    assert loaded.tokenizer(text, return_tensors="pt")["input_ids"].tolist() == ids.tolist()
    with torch.no_grad():
        want = outcome.model.model(input_ids=ids).logits
        got = loaded.model(input_ids=ids).logits
    torch.testing.assert_close(got, want, rtol=0, atol=1e-6)


def test_masked_request_compares_fill_mask_answers(tiny_bert):
    job = Job(2, "student", "fine-tune", work=lambda _job: None)
    config = TrainConfig(method="full", steps=3, lr=1e-3, batch=2, seq_len=32)
    probe = "The quick brown [MASK] jumps over the lazy dog."
    outcome = run_request(job, TrainRequest("finetune", pasted(REPEATED), config, probe, base=tiny_bert))
    assert outcome.status == "done" and outcome.model.kind == "masked"
    c = outcome.comparison
    assert c.before.generation is None and c.after.generation is None
    probs = [x.prob for x in c.after.top]
    assert len(probs) == before_after.TOP_K
    assert probs == sorted(probs, reverse=True) and 0 < sum(probs) <= 1 + 1e-6
    assert c.after.held_out_loss != c.before.held_out_loss


def test_stop_requested_keeps_the_first_step_and_compares(tiny_gpt2):
    job = Job(3, "student", "fine-tune", work=lambda _job: None)
    job.stop()  # seen after the first record: the loop stops before the second step
    config = TrainConfig(method="lora", steps=10, lr=1e-2, batch=2, seq_len=32)
    request = TrainRequest("finetune", pasted(REPEATED), config, "The quick", base=tiny_gpt2)
    outcome = run_request(job, request)
    assert [r.status for r in job.records] == ["running", "stopped"]
    assert job.final_state == outcome.status == "stopped"
    assert job.message.code == "train.stopped" and "keeps what it learned" in str(job.message)
    assert outcome.model is not None and outcome.model.extra["steps"] == 1
    assert outcome.comparison is not None


def test_diverged_request_leaves_no_model(tiny_gpt2):
    broken = lmviz.load_model("tiny-gpt2", device="cpu")
    with torch.no_grad():
        broken.model.transformer.ln_f.weight.fill_(float("nan"))
    job = Job(4, "student", "fine-tune", work=lambda _job: None)
    config = TrainConfig(method="full", steps=3, seq_len=32)
    outcome = run_request(job, TrainRequest("finetune", pasted(REPEATED), config, "The quick", base=broken))
    assert job.final_state == outcome.status == "diverged"
    assert "diverged" in str(job.message)
    assert outcome.model is None and outcome.comparison is None


# --- the command line ---


def test_command_line_fine_tunes_and_saves_safetensors(tmp_path):
    out = tmp_path / "tuned"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1"}
    args = ["--model", "tiny-gpt2", "--steps", "3", "--seq-len", "32", "--corpus-chars", "20000"]
    done = subprocess.run(
        [sys.executable, "-m", "lmviz.training", *args, "--out", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "step     3/3" in done.stdout
    assert "held-out perplexity" in done.stdout
    assert (out / "model.safetensors").is_file()
    assert (out / "config.json").is_file()
    assert not list(out.glob("*.bin"))


def test_command_line_missing_text_file_exits_2_with_a_message(tmp_path, capsys):
    missing = tmp_path / "missing.txt"
    assert train_cli.main(["--model", "tiny-gpt2", "--text-file", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lmviz train: ")
    assert "No such file" in err and "missing.txt" in err


def test_command_line_too_short_text_exits_2(tmp_path, capsys):
    short = tmp_path / "short.txt"
    short.write_text("Too short to train on.", "utf-8")
    assert train_cli.main(["--model", "tiny-gpt2", "--text-file", str(short), "--seq-len", "32"]) == 2
    assert "needs at least 64" in capsys.readouterr().err


# --- the bundled causal model ---


@pytest.mark.bundled
def test_lora_on_smollm2_leaves_the_shared_weights_bit_identical(smollm2):
    before = weight_hashes(smollm2.model), model_state(smollm2)
    text = "In the beginning God created the heaven and the earth. " * 4
    blocks = blocks_for(smollm2, seq_len=16, text=text)
    run = TrainRun(smollm2, blocks, TrainConfig(method="lora", steps=3, batch=1))
    records = list(run.steps())
    tuned = run.result("fine-tuned: smollm2-135m")
    assert [r.status for r in records] == ["running", "running", "done"]
    assert weight_hashes(smollm2.model) == before[0]
    assert model_state(smollm2) == before[1]
    after = weight_hashes(tuned.model)
    changed = {n for n in after if after[n] != before[0][n]}
    assert changed  # LoRA's default targets for llama: the attention q and v projections
    assert all(n.endswith(("q_proj.weight", "v_proj.weight")) for n in changed)


def test_time_left_counts_steps_at_the_typical_step_and_evaluations_once():
    from lmviz.training.loop import remaining_s

    cfg = TrainConfig(steps=30, eval_every=10)
    # The first step took 8 s (warm-up); later ones 1 s; one held-out evaluation takes 5 s.
    assert remaining_s([8.0], 5.0, 0.0, 1, cfg) == pytest.approx(8.0 * 29 + 5.0 * 3)  # evals at 10, 20, 30
    assert remaining_s([8.0, 1.0, 1.2, 0.8], 5.0, 0.0, 4, cfg) == pytest.approx(1.0 * 26 + 5.0 * 3)
    assert remaining_s([8.0, 20.0], 5.0, 0.0, 2, cfg) == pytest.approx(8.0 * 28 + 5.0 * 3)  # one slow step
    assert remaining_s([8.0, 1.0], 5.0, 0.0, 30, cfg) == 0.0
    # The evaluation at step 1 is not charged to every remaining step (the page's "about 5876 s left").
    assert remaining_s([1.0, 1.0], 100.0, 0.0, 2, cfg) == pytest.approx(28 + 3 * 100.0)
    sampled = TrainConfig(steps=10, eval_every=100, sample_every=5)
    assert remaining_s([1.0, 1.0], 2.0, 3.0, 2, sampled) == pytest.approx(8 * 1.0 + 2.0 + 3.0 * 2)


def test_time_left_comes_down_to_zero(tiny_gpt2):
    config = TrainConfig(method="full", steps=6, batch=2, eval_every=2)
    records = list(TrainRun(tiny_gpt2, blocks_for(tiny_gpt2), config).steps())
    assert records[-1].eta_s == 0.0
    assert all(r.eta_s > 0 for r in records[:-1])
