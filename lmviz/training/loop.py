"""The training loop: fine-tune (full, LoRA or the top layers) or pretrain a copy of a model, yielding one
`StepRecord` per step. It knows nothing of Streamlit; the page, the CLI and the tests read the records.

    run = TrainRun(loaded, blocks, TrainConfig(method="lora", steps=30))
    for record in run.steps():      # stop early by calling run.stop() or by leaving the loop
        print(record.step, record.loss)
    tuned = run.result("fine-tuned: smollm2")   # a LoadedModel: the shared `loaded` is never changed

Also a command line for longer jobs: `lmviz train --model smollm2-135m --corpus kjv ...`.
"""

from __future__ import annotations

import copy
import math
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from lmviz.errors import LmvizError, Message, message
from lmviz.kinds import Kind, Status
from lmviz.models import forward
from lmviz.models.loading import LoadedModel
from lmviz.models.seeding import seeded
from lmviz.training.config import TrainConfig, bound
from lmviz.training.data import Blocks
from lmviz.training.evaluate import held_out_loss
from lmviz.training.masking import mask_batch

EXPLODE_FACTOR = 3.0  # a loss this many times the first step's (after a few steps) stops the run


@dataclass(frozen=True)
class StepRecord:
    """What happened at one step. `status` is "running" until the last record."""

    step: int  # 1-based
    steps: int  # planned steps
    loss: float  # training loss of this step's batch (nats per predicted token)
    lr: float
    elapsed_s: float
    tokens_per_s: float
    eta_s: float
    held_out_loss: float | None = None  # set at evaluation steps
    sample: str | None = None  # set at sample steps
    status: Status = Status.RUNNING  # then done, stopped or diverged in the last record
    message: Message | None = None  # why the run stopped or diverged


def _trainable_model(base: LoadedModel, config: TrainConfig) -> nn.Module:
    """A private float32 copy of the base model, with only the chosen weights trainable."""
    model = copy.deepcopy(base.model).to(dtype=torch.float32)
    model.requires_grad_(False)
    if config.method == "full":
        model.requires_grad_(True)
    elif config.method == "top":
        layers = transformer_layers(model)
        for layer in layers[-config.top_layers :]:
            layer.requires_grad_(True)
    else:
        model = _with_lora(model, config.lora_rank)
    return model


def transformer_layers(model: nn.Module) -> nn.ModuleList:
    """The model's stack of Transformer blocks (llama .layers, GPT-2 .h, BERT .layer, ...)."""
    n = getattr(model.config, "num_hidden_layers", None)
    for module in model.modules():
        if isinstance(module, nn.ModuleList) and len(module) == n:
            return module
    raise LmvizError("train.no_layers")


def _with_lora(model: nn.Module, rank: int) -> nn.Module:
    from peft import LoraConfig, get_peft_model

    try:
        return get_peft_model(model, LoraConfig(r=rank, lora_alpha=2 * rank, lora_dropout=0.0))
    except ValueError as exc:  # peft knows no default target layers for this architecture
        raise LmvizError("train.lora_unknown_arch", model_type=str(model.config.model_type)) from exc


def _lr_at(step: int, config: TrainConfig) -> float:
    """Linear warm-up, then cosine down to 10% of the peak (step is 0-based)."""
    peak = config.learning_rate
    warm = max(1, round(config.warmup * config.steps))
    if step < warm:
        return peak * (step + 1) / warm
    progress = (step - warm) / max(1, config.steps - warm)
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))


def batch_loss(model: nn.Module, kind: str, tok, rows: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """Mean loss per predicted token: next token for causal models, masked positions for masked ones."""
    device = next(model.parameters()).device
    if kind == Kind.MASKED:
        inputs, chosen = mask_batch(rows, tok, gen)
        if not chosen.any():  # a tiny batch can draw no mask at all: mask one token per row
            chosen[:, 1] = True
            inputs[:, 1] = tok.mask_token_id
        labels = torch.where(chosen, rows, torch.full_like(rows, -100))
        return model(input_ids=inputs.to(device), labels=labels.to(device)).loss
    rows = rows.to(device)
    return model(input_ids=rows, labels=rows, **forward.train_kwargs(model)).loss


class TrainRun:
    """One training job on a private copy of `base`. Iterate `steps()`; `stop()` may come from any thread."""

    def __init__(
        self,
        base: LoadedModel,
        blocks: Blocks,
        config: TrainConfig,
        sampler: Callable[[LoadedModel, str, int], str] | None = None,
    ) -> None:
        if base.kind not in (Kind.CAUSAL, Kind.MASKED):
            raise LmvizError("train.encoder", model=base.name)
        if base.kind == Kind.MASKED and base.tokenizer.mask_token_id is None:
            raise LmvizError("train.no_mask_token", model=base.name)
        self.base = base
        self.blocks = blocks
        self.config, self.notices = bound(config, base.n_layers, base.max_tokens)
        if blocks.seq_len > base.max_tokens:
            raise LmvizError("train.blocks_too_long", n=blocks.seq_len, model=base.name)
        with seeded(self.config.seed):  # LoRA's initial adapters
            self.model = _trainable_model(base, self.config)
        self.model.to(base.device)
        self.records: list[StepRecord] = []
        self.steps_done = 0
        self._sampler = sampler
        self._stop = threading.Event()

    @property
    def trainable_parameters(self) -> int:
        return sum(p.numel() for p in self.model.parameters() if p.requires_grad)

    @property
    def total_parameters(self) -> int:
        return sum(p.numel() for n, p in self.model.named_parameters() if "lora_" not in n)

    def stop(self) -> None:
        self._stop.set()

    def steps(self) -> Iterator[StepRecord]:
        cfg, tok, kind = self.config, self.base.tokenizer, self.base.kind
        params = [p for p in self.model.parameters() if p.requires_grad]
        # foreach: one call per step for all tensors (LoRA has 120 small ones), not a Python loop over them
        optimizer = torch.optim.AdamW(params, lr=cfg.learning_rate, weight_decay=0.0, foreach=True)
        gen = torch.Generator().manual_seed(cfg.seed)
        train = torch.from_numpy(self.blocks.train)
        order: list[int] = []
        device = self.base.device
        autocast = torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda")
        first_loss: float | None = None
        start = time.perf_counter()
        tokens = 0
        step_s: list[float] = []  # each training step's own time, for an honest "time left"
        eval_s = sample_s = 0.0  # the last held-out evaluation's and sample's time
        self.model.train()
        for step in range(cfg.steps):
            began = time.perf_counter()
            if self._stop.is_set():
                yield self._finish(Status.STOPPED, message("train.stopped"), start, tokens)
                return
            while len(order) < cfg.batch:  # a fresh shuffled pass over the blocks
                order.extend(torch.randperm(len(train), generator=gen).tolist())
            rows = train[order[: cfg.batch]]
            del order[: cfg.batch]
            lr = _lr_at(step, cfg)
            for group in optimizer.param_groups:
                group["lr"] = lr
            with autocast:
                loss = batch_loss(self.model, kind, tok, rows, gen)
            value = loss.detach().item()
            why = divergence(value, first_loss, step)
            if why:
                yield self._finish(Status.DIVERGED, why, start, tokens, loss=value)
                return
            loss.backward()
            grad_norm = float(torch.nn.utils.clip_grad_norm_(params, cfg.max_grad_norm))
            if not math.isfinite(grad_norm):
                optimizer.zero_grad(set_to_none=True)
                msg = message("train.grad_not_finite")
                yield self._finish(Status.DIVERGED, msg, start, tokens, loss=value)
                return
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            first_loss = value if first_loss is None else first_loss
            self.steps_done = step + 1
            tokens += rows.numel()
            last = step + 1 == cfg.steps
            step_s.append(time.perf_counter() - began)
            held = None
            if step == 0 or last or (step + 1) % cfg.eval_every == 0:
                t = time.perf_counter()
                held = held_out_loss(self.model, kind, tok, self.blocks.held_out)
                eval_s = time.perf_counter() - t
            sample = None
            if (
                self._sampler
                and cfg.sample_every
                and (step == 0 or last or (step + 1) % cfg.sample_every == 0)
            ):
                t = time.perf_counter()
                sample = self._sample()
                sample_s = time.perf_counter() - t
            elapsed = time.perf_counter() - start
            record = StepRecord(
                step=step + 1,
                steps=cfg.steps,
                loss=value,
                lr=lr,
                elapsed_s=elapsed,
                tokens_per_s=tokens / elapsed if elapsed > 0 else 0.0,
                eta_s=remaining_s(step_s, eval_s, sample_s, step + 1, cfg),
                held_out_loss=held,
                sample=sample,
                status=Status.DONE if last else Status.RUNNING,
            )
            self.records.append(record)
            yield record
        self.model.eval()

    def _finish(self, status: str, why: Message, start: float, tokens: int, loss: float | None = None):
        self.model.eval()
        elapsed = time.perf_counter() - start
        last = self.records[-1] if self.records else None
        record = StepRecord(
            step=self.steps_done,
            steps=self.config.steps,
            loss=loss if loss is not None else (last.loss if last else float("nan")),
            lr=last.lr if last else 0.0,
            elapsed_s=elapsed,
            tokens_per_s=tokens / elapsed if elapsed > 0 else 0.0,
            eta_s=0.0,
            held_out_loss=None,
            status=status,
            message=why,
        )
        self.records.append(record)
        return record

    def _sample(self) -> str:
        snapshot = self.result(f"{self.base.name} (training)", merge=False)
        try:
            return self._sampler(snapshot, self.config.sample_prompt, self.config.seed)
        finally:
            self.model.train()

    def result(self, name: str, description: Message | None = None, merge: bool = True) -> LoadedModel:
        """The trained model as a LoadedModel (LoRA merged into the weights, eval mode, base dtype).

        A diverged run's weights may hold NaN; callers keep the base model instead (`usable`)."""
        model = self.model
        if merge:  # a copy: training may go on, and two results never share weights
            model = copy.deepcopy(model)
            if hasattr(model, "merge_and_unload"):
                model = model.merge_and_unload()
            model = model.to(dtype=self.base.dtype)
            model.requires_grad_(False)
        model.eval()
        if description is None:
            description = message("train.after_steps", model=self.base.name, steps=self.steps_done)
        return LoadedModel(
            name=name,
            kind=self.base.kind,
            description=description,
            model=model,
            tokenizer=self.base.tokenizer,
            device=self.base.device,
            dtype=self.base.dtype,
            max_tokens=self.base.max_tokens,
            source="session",
            extra={"base": self.base.name, "steps": self.steps_done, "config": self.config},
        )

    @property
    def usable(self) -> bool:
        """True when at least one step was taken and every weight is finite."""
        if not self.steps_done:
            return False
        return all(torch.isfinite(p).all() for p in self.model.parameters())


def remaining_s(step_s: list[float], eval_s: float, sample_s: float, done: int, config: TrainConfig) -> float:
    """Seconds left after `done` of `config.steps` steps: the steps still to take at the typical step's
    time, plus the held-out evaluations and samples still to come at what one of them took.

    `step_s` are the training steps' own durations (evaluation and sampling not included). The first one
    carries one-off warm-up costs, and any one step can be slowed by something else on the machine: the
    typical step is the faster of the first two, then the median of those after the first.
    """
    if not step_s:
        return 0.0
    typical = float(np.median(step_s[1:]) if len(step_s) > 2 else min(step_s))
    later = range(done + 1, config.steps + 1)
    evals = sum(1 for j in later if j % config.eval_every == 0 or j == config.steps)
    samples = sum(
        1 for j in later if config.sample_every and (j % config.sample_every == 0 or j == config.steps)
    )
    return typical * len(later) + eval_s * evals + sample_s * samples


def divergence(loss: float, first_loss: float | None, step: int) -> Message | None:
    """Why the run must stop (None when it need not): a NaN/inf loss, or one that exploded."""
    if not math.isfinite(loss):
        return message("train.loss_not_finite", loss=loss, step=step + 1)
    if first_loss is not None and step >= 3 and loss > EXPLODE_FACTOR * first_loss + 1.0:
        return message("train.loss_exploded", loss=loss, step=step + 1, first=first_loss)
    return None
