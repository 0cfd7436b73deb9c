"""Held-out evaluation during and after training: the loss (exp of it is the perplexity) on blocks the
model never trains on, with masked models scored at the same positions every time."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from lmviz.kinds import Kind
from lmviz.models import forward
from lmviz.training.masking import mask_batch

EVAL_BLOCKS = 16  # held-out loss reads at most this many blocks (same ones every time)
EVAL_SEED = 1234  # masked models: the held-out masks are the same at every evaluation


@torch.inference_mode()
def held_out_loss(model: nn.Module, kind: str, tok, blocks: np.ndarray, batch: int = 8) -> float:
    """Mean loss over (at most EVAL_BLOCKS) held-out blocks; exp() of it is the perplexity.

    Masked models are scored at the same 15% positions every time (all replaced by [MASK]).
    """
    was_training = model.training
    model.eval()
    rows = torch.from_numpy(np.ascontiguousarray(blocks[:EVAL_BLOCKS]))
    gen = torch.Generator().manual_seed(EVAL_SEED)
    device = next(model.parameters()).device
    total, count = 0.0, 0
    for i in range(0, len(rows), batch):
        part = rows[i : i + batch]
        if kind == Kind.MASKED:
            inputs, chosen = mask_batch(part, tok, gen, all_mask=True)
            labels = torch.where(chosen, part, torch.full_like(part, -100))
            n = int(chosen.sum())
            if n == 0:
                continue
            loss = model(input_ids=inputs.to(device), labels=labels.to(device)).loss
        else:
            n = part.numel() - len(part)
            loss = model(
                input_ids=part.to(device), labels=part.to(device), **forward.train_kwargs(model)
            ).loss
        total += float(loss) * n
        count += n
    model.train(was_training)
    return total / max(count, 1)
