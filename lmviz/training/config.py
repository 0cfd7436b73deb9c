"""What a training run is asked to do: the settings, their limits, and the defaults per method.

`bound` brings absurd settings (lr 10, a million steps, batch 0, NaN) inside LIMITS with a notice each.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from lmviz.errors import LmvizError, Message, message
from lmviz.kinds import Method

METHODS = tuple(Method)
# Learning rates that move a small model visibly in ~30 steps without blowing it up.
DEFAULT_LR = {Method.FULL: 1e-4, Method.LORA: 2e-3, Method.TOP: 3e-4}
# (min, max) of every setting; anything outside is brought inside with a notice.
LIMITS = {
    "steps": (1, 20_000),
    "lr": (1e-6, 1e-2),
    "batch": (1, 64),
    "seq_len": (16, 1024),
    "top_layers": (1, 1_000),
    "lora_rank": (1, 64),
    "eval_every": (1, 10_000),
}
SETTINGS = {  # each setting's name in a notice
    "steps": message("setting.steps"),
    "lr": message("setting.lr"),
    "batch": message("setting.batch"),
    "seq_len": message("setting.seq_len"),
    "top_layers": message("setting.top_layers"),
    "lora_rank": message("setting.lora_rank"),
    "eval_every": message("setting.eval_every"),
}


@dataclass(frozen=True)
class TrainConfig:
    method: Method = Method.LORA  # every weight, low-rank adapters (peft), or the top N layers
    steps: int = 30
    lr: float | None = None  # None: DEFAULT_LR[method]
    batch: int = 4
    seq_len: int = 64  # only used when the caller makes blocks from this config
    top_layers: int = 2
    lora_rank: int = 8
    eval_every: int = 10  # held-out loss every this many steps (and at the first and last step)
    warmup: float = 0.1  # share of the steps with a rising learning rate; then cosine down to 10%
    max_grad_norm: float = 1.0
    seed: int = 0
    sample_every: int = 0  # >0: a short sample from `sample_prompt` at these steps (pretraining)
    sample_prompt: str = ""

    @property
    def learning_rate(self) -> float:
        return self.lr if self.lr is not None else DEFAULT_LR[self.method]


def bound(
    config: TrainConfig, n_layers: int | None = None, max_tokens: int | None = None
) -> tuple[TrainConfig, tuple[Message, ...]]:
    """(config inside LIMITS, notices saying what was changed). Never raises for numbers."""
    if config.method not in METHODS:
        raise LmvizError("train.unknown_method", name=str(config.method), choices=[m.value for m in METHODS])
    notices: list[Message] = []
    changes: dict = {}
    limits = dict(LIMITS)
    if n_layers:
        limits["top_layers"] = (1, n_layers)
    if max_tokens:
        limits["seq_len"] = (16, min(LIMITS["seq_len"][1], max_tokens))
    for name, (low, high) in limits.items():
        value = config.learning_rate if name == "lr" else getattr(config, name)
        number = isinstance(value, (int, float)) and math.isfinite(value)
        new = min(max(value, low), high) if number else (DEFAULT_LR[config.method] if name == "lr" else low)
        if name != "lr":
            new = max(low, int(round(new)))  # counts are whole numbers
        if new != value:
            s = SETTINGS[name]
            if number and low <= value <= high:
                notice = message("train.setting_not_whole", setting=s, value=value, new=new)
            else:
                notice = message("train.setting_outside", setting=s, value=value, low=low, high=high, new=new)
            notices.append(notice)
        if new != value or type(new) is not type(value):
            changes[name] = float(new) if name == "lr" else new
    return replace(config, **changes), tuple(notices)


# Pretraining from scratch: a higher learning rate and larger batches than fine-tuning, samples as it goes.
PRETRAIN_CONFIG = TrainConfig(
    method=Method.FULL, steps=300, lr=3e-3, batch=16, seq_len=64, eval_every=25, sample_every=50, warmup=0.05
)
