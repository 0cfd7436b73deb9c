"""Masked-LM data and scoring: BERT-style masking, chunking text into rows, held-out accuracy.

Shared by the bundled model's training script and by the tests that check its quality.
"""

from __future__ import annotations

import numpy as np
import torch

from lmviz.text import corpora
from lmviz.text.tokens import special_frame

HELD_OUT_EVERY = 30  # every 30th Wikipedia article is never trained on


def wikipedia_split() -> tuple[list[str], list[str]]:
    """(train, held_out) Wikipedia lead paragraphs; the split is fixed by article order."""
    docs = list(corpora.wikipedia().documents)
    held_out = docs[::HELD_OUT_EVERY]
    train = [d for i, d in enumerate(docs) if i % HELD_OUT_EVERY]
    return train, held_out


def chunk_ids(tok, docs: list[str], seq_len: int) -> np.ndarray:
    """Concatenate documents and cut them into rows of seq_len, each framed the way the tokenizer frames a
    text: [CLS] ... [SEP] with [SEP] between documents (BERT), <|endoftext|> ... with <|endoftext|>
    between them (the masked SmolLM2)."""
    if not docs:
        return np.empty((0, seq_len), dtype=np.int64)
    lead, trail = special_frame(tok)
    body = seq_len - len(lead) - len(trail)
    separator = (trail or lead)[:1]
    stream: list[int] = []
    for ids in tok(docs, add_special_tokens=False)["input_ids"]:
        stream.extend(ids)
        stream.extend(separator)
    n = len(stream) // body
    rows = np.array(stream[: n * body], dtype=np.int64).reshape(n, body)
    return framed(rows, lead, trail)  # (N, seq_len)


def framed(rows: np.ndarray, lead: list[int], trail: list[int]) -> np.ndarray:
    """Rows (N, body) with the `lead` ids before each and the `trail` ids after: (N, lead + body + trail)."""
    n = len(rows)
    before = np.full((n, len(lead)), lead, dtype=np.int64)
    after = np.full((n, len(trail)), trail, dtype=np.int64)
    return np.concatenate([before, rows, after], axis=1)


def mask_batch(ids: torch.Tensor, tok, gen: torch.Generator, all_mask: bool = False):
    """BERT masking: 15% of non-special tokens; 80% [MASK], 10% random, 10% kept (all [MASK] for eval)."""
    special = torch.isin(ids, torch.tensor(tok.all_special_ids, dtype=ids.dtype))
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
    """Logits (M, V) at the chosen positions: for BERT the encoder, then the MLM head only where tokens
    were chosen (the head is 30k wide); for the masked SmolLM2 its head at those slots only."""
    if hasattr(model, "bert"):
        hidden = model.bert(input_ids=inputs).last_hidden_state  # (B, T, H)
        return model.cls(hidden[chosen])  # (M, V)
    return model(input_ids=inputs, positions=chosen.nonzero()).logits


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
