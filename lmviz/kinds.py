"""The kinds of things lmviz names in one place: model kinds, training methods and job states.

Each is a `str` enum, so `Kind.CAUSAL == "causal"` and a value read from a URL or a config compares as is.
"""

from __future__ import annotations

from enum import Enum


class _Named(str, Enum):
    def __str__(self) -> str:
        return self.value


class Kind(_Named):
    """What a model predicts: the next token, a masked token, or nothing (attention only)."""

    CAUSAL = "causal"
    MASKED = "masked"
    ENCODER = "encoder"


class Method(_Named):
    """Which weights a fine-tune changes."""

    FULL = "full"  # every weight
    LORA = "lora"  # low-rank adapters (peft)
    TOP = "top"  # the top N Transformer layers


class Status(_Named):
    """A training job's state; the last four are final."""

    QUEUED = "queued"
    PREPARING = "preparing"
    RUNNING = "running"
    FINISHING = "finishing"
    DONE = "done"
    STOPPED = "stopped"
    DIVERGED = "diverged"
    FAILED = "failed"

    @property
    def finished(self) -> bool:
        return self in FINISHED


FINISHED = frozenset({Status.DONE, Status.STOPPED, Status.DIVERGED, Status.FAILED})
ACTIVE = frozenset({Status.PREPARING, Status.RUNNING, Status.FINISHING})
