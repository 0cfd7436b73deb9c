"""Fine-tuning speed: lmviz's training loop against HF `Trainer` on the same model copy, data, batch, steps
and method, and the training page's default demo end to end (blocks, training, before/after)."""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import replace

import torch

from lmviz.models.loading import LoadedModel
from lmviz.training.config import TrainConfig
from lmviz.training.data import Blocks, corpus, make_blocks
from lmviz.training.loop import TrainRun

DEMO_CORPUS = "kjv"
DEMO_PROBE = "And the LORD said unto"
NO_EVAL = 10_000  # eval_every: only the first and the last step evaluate, and those are not timed


def demo_blocks(loaded: LoadedModel, seq_len: int = TrainConfig.seq_len) -> Blocks:
    return make_blocks(loaded.tokenizer, corpus(DEMO_CORPUS), seq_len)


def lmviz_step_times(loaded: LoadedModel, blocks: Blocks, config: TrainConfig, n_steps: int) -> list[float]:
    """Seconds of `n_steps` steps of lmviz's loop, each from the end of the step before to its own end.

    The run has two more steps: the first (warm-up, with a held-out evaluation) and the last (evaluation)."""
    run = TrainRun(loaded, blocks, replace(config, steps=n_steps + 2, eval_every=NO_EVAL))
    times, last = [], time.perf_counter()
    for record in run.steps():
        now = time.perf_counter()
        if 1 < record.step < n_steps + 2:
            times.append(now - last)
        last = now
    return times


def trainer_step_times(loaded: LoadedModel, blocks: Blocks, config: TrainConfig, n_steps: int) -> list[float]:
    """The same for transformers' `Trainer`: the model copy lmviz would train (same method and adapters),
    the same blocks, batch, AdamW and learning rate; no evaluation, saving or logging."""
    from transformers import Trainer, TrainerCallback, TrainingArguments
    from transformers.trainer_callback import PrinterCallback

    model = TrainRun(loaded, blocks, config).model  # a private copy prepared exactly as lmviz's loop gets it
    rows = torch.from_numpy(blocks.train)
    dataset = [{"input_ids": row, "labels": row} for row in rows]
    stamps: list[float] = []

    class StepEnds(TrainerCallback):
        def on_step_end(self, args, state, control, **kwargs):
            stamps.append(time.perf_counter())

    device = loaded.device
    with tempfile.TemporaryDirectory(prefix="lmviz-bench-") as out:
        args = TrainingArguments(
            output_dir=out,
            max_steps=n_steps + 1,  # the first step warms up: timed from its end on
            per_device_train_batch_size=config.batch,
            learning_rate=config.learning_rate,
            weight_decay=0.0,
            max_grad_norm=config.max_grad_norm,
            optim="adamw_torch",
            lr_scheduler_type="cosine",
            logging_strategy="no",
            save_strategy="no",
            eval_strategy="no",
            report_to=[],
            disable_tqdm=True,
            dataloader_num_workers=0,
            dataloader_pin_memory=False,
            remove_unused_columns=False,
            use_cpu=device.type == "cpu",
            bf16=device.type == "cuda",  # lmviz's loop autocasts to bfloat16 on CUDA
            seed=config.seed,
        )
        trainer = Trainer(model=model, args=args, train_dataset=dataset, callbacks=[StepEnds()])
        trainer.remove_callback(PrinterCallback)  # with tqdm off it prints the final metrics to stdout
        trainer.train()
    return [b - a for a, b in zip(stamps, stamps[1:])]


def finetune_figures(loaded: LoadedModel, n_steps: int = 8, rounds: int = 2) -> tuple[dict, dict]:
    """lmviz steps/s and its ratio to Trainer, rounds alternating (lmviz, Trainer, lmviz, ...)."""
    config = TrainConfig()
    blocks = demo_blocks(loaded, config.seq_len)
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        ours += lmviz_step_times(loaded, blocks, config, n_steps)
        theirs += trainer_step_times(loaded, blocks, config, n_steps)
    lmviz_s, trainer_s = statistics.median(ours), statistics.median(theirs)
    figures = {
        "finetune_steps_per_s": round(1 / lmviz_s, 4),
        "finetune_vs_trainer": round(trainer_s / lmviz_s, 3),
    }
    details = {
        "finetune": {
            "method": config.method,
            "batch": config.batch,
            "seq_len": config.seq_len,
            "timed_steps_each": len(ours),
            "lmviz_step_s": round(lmviz_s, 4),
            "trainer_step_s": round(trainer_s, 4),
        }
    }
    return figures, details


def demo_figures(loaded: LoadedModel) -> tuple[dict, dict]:
    """The training page's default demo: blocks from the KJV, TrainConfig() (held-out evaluations
    included), the tuned model, and the before/after comparison."""
    from lmviz.training import before_after

    parts = {}
    start = time.perf_counter()
    blocks = demo_blocks(loaded)
    parts["blocks_s"] = time.perf_counter() - start
    run = TrainRun(loaded, blocks, TrainConfig())
    for _ in run.steps():
        pass
    parts["train_s"] = time.perf_counter() - start - sum(parts.values())
    tuned = run.result(f"{loaded.name} (fine-tuned)")
    parts["result_s"] = time.perf_counter() - start - sum(parts.values())
    before_after.compare_models(loaded, tuned, blocks, DEMO_PROBE, 0)
    parts["compare_s"] = time.perf_counter() - start - sum(parts.values())
    total = time.perf_counter() - start
    return {"finetune_demo_s": round(total, 2)}, {"finetune_demo": {k: round(v, 2) for k, v in parts.items()}}


def terminal_train_s(loaded: LoadedModel) -> float:
    """The training page's default fine-tune (TrainConfig() on the KJV) in this process: its 30 steps'
    seconds, as the page would report them."""
    records = list(TrainRun(loaded, demo_blocks(loaded), TrainConfig()).steps())
    return records[-1].elapsed_s
