"""Masked-LM data and scoring: BERT-style masking, chunking text into rows, held-out accuracy.

Shared by the bundled model's training script and by the tests that check its quality.
"""

from __future__ import annotations

import numpy as np
import torch

from lmviz.text import corpora

HELD_OUT_EVERY = 30  # every 30th Wikipedia article is never trained on


def wikipedia_split() -> tuple[list[str], list[str]]:
    """(train, held_out) Wikipedia lead paragraphs; the split is fixed by article order."""
    docs = list(corpora.wikipedia().documents)
    held_out = docs[::HELD_OUT_EVERY]
    train = [d for i, d in enumerate(docs) if i % HELD_OUT_EVERY]
    return train, held_out


def chunk_ids(tok, docs: list[str], seq_len: int) -> np.ndarray:
    """Concatenate documents (separated by [SEP]) and cut into [CLS] ... [SEP] rows of seq_len."""
    if not docs:
        return np.empty((0, seq_len), dtype=np.int64)
    body = seq_len - 2
    stream: list[int] = []
    for ids in tok(docs, add_special_tokens=False)["input_ids"]:
        stream.extend(ids)
        stream.append(tok.sep_token_id)
    n = len(stream) // body
    rows = np.array(stream[: n * body], dtype=np.int64).reshape(n, body)
    cls = np.full((n, 1), tok.cls_token_id)
    sep = np.full((n, 1), tok.sep_token_id)
    return np.concatenate([cls, rows, sep], axis=1)  # (N, seq_len)


def mask_batch(ids: torch.Tensor, tok, gen: torch.Generator, all_mask: bool = False):
    """BERT masking: 15% of non-special tokens; 80% [MASK], 10% random, 10% kept (all [MASK] for eval)."""
    special = (ids == tok.cls_token_id) | (ids == tok.sep_token_id) | (ids == tok.pad_token_id)
    chosen = (torch.rand(ids.shape, generator=gen) < 0.15) & ~special
    inputs = ids.clone()
    if all_mask:
        inputs[chosen] = tok.mask_token_id
        return inputs, chosen
    r = torch.rand(ids.shape, generator=gen)
    inputs[chosen & (r < 0.8)] = tok.mask_token_id
    rand_pos = chosen & (r >= 0.8) & (r < 0.9)
    inputs[rand_pos] = torch.randint(999, tok.vocab_size, ids.shape, generator=gen)[rand_pos]
    return inputs, chosen


def masked_logits(model, inputs: torch.Tensor, chosen: torch.Tensor) -> torch.Tensor:
    """Run the encoder, then the MLM head only where tokens were chosen (the head is 30k wide)."""
    hidden = model.bert(input_ids=inputs).last_hidden_state  # (B, T, H)
    return model.cls(hidden[chosen])  # (M, V)


@torch.inference_mode()
def masked_accuracy(model, tok, rows: np.ndarray, seed: int, batch: int = 32) -> tuple[float, float]:
    """Top-1 and top-5 accuracy at 15% masked positions (all replaced by [MASK]), seeded."""
    was_training = model.training
    model.eval()
    gen = torch.Generator().manual_seed(seed)
    device = next(model.parameters()).device
    top1 = top5 = total = 0
    for i in range(0, len(rows), batch):
        ids = torch.from_numpy(rows[i : i + batch])
        inputs, chosen = mask_batch(ids, tok, gen, all_mask=True)
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cpu"):
            logits = masked_logits(model, inputs.to(device), chosen.to(device)).float()
        target = ids[chosen].to(device)
        best5 = logits.topk(5, dim=-1).indices
        top1 += (best5[:, 0] == target).sum().item()
        top5 += (best5 == target[:, None]).any(-1).sum().item()
        total += target.numel()
    model.train(was_training)
    return top1 / total, top5 / total
