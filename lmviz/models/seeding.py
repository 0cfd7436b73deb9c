"""Seeded construction under threads: building a model draws from torch's one global generator, so two
sessions building at once would interleave draws. Everything that seeds it does so inside `seeded`."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import torch

_LOCK = threading.Lock()


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Seed torch's global generator and hold it until the block ends (weights drawn in it repeat)."""
    with _LOCK:
        torch.manual_seed(seed)
        yield
