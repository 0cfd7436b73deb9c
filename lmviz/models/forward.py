"""The one path from token ids to a model's outputs: every analysis runs the model through here.

No gradients, the model's device, a full attention mask, no KV cache unless asked for, and the
vocabulary head only where it is read (`last_only`) when the model allows it. Training's forward passes
take `train_kwargs` from here too.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from functools import cache

import torch
from torch import nn

from lmviz.models.loading import LoadedModel


@cache
def _parameters(model_class: type) -> tuple[frozenset[str], bool]:
    params = inspect.signature(model_class.forward).parameters
    takes_any = any(p.kind is p.VAR_KEYWORD for p in params.values())
    return frozenset(params), takes_any


def takes(model: nn.Module, name: str, explicitly: bool = False) -> bool:
    """True when the model's forward accepts the keyword `name` (by name, or through **kwargs unless
    `explicitly`)."""
    names, takes_any = _parameters(type(model))
    return name in names or (takes_any and not explicitly)


def train_kwargs(model: nn.Module) -> dict:
    """use_cache=False where the model takes it: a KV cache built while training is thrown away."""
    return {"use_cache": False} if takes(model, "use_cache") else {}


Ids = Sequence[int] | Sequence[Sequence[int]] | torch.Tensor  # one sequence (T,) or a batch (B, T)


def _as_batch(loaded: LoadedModel, ids: Ids) -> torch.Tensor:
    batch = ids if isinstance(ids, torch.Tensor) else torch.tensor(ids)
    if batch.ndim == 1:
        batch = batch[None]  # (1, T)
    return batch.to(device=loaded.device, dtype=torch.long)


@torch.inference_mode()
def run(
    loaded: LoadedModel,
    ids: Ids,
    *,
    attentions: bool = False,
    hidden_states: bool = False,
    last_only: bool = False,
    attention_mask: torch.Tensor | None = None,
    cache: bool = False,
    logits_at: Sequence[int] | None = None,
):
    """One forward pass over `ids` (T,) or (B, T); returns the model's output (logits (B, T or 1, V)).

    `last_only` computes the vocabulary head at the last position only where the model takes
    `logits_to_keep` (for SmolLM2's 49k-word head and a 20-token prompt, a fifth of the pass); `cache`
    keeps the keys and values (`past_key_values`) for `extend_cache`. `logits_at` computes the head at
    those positions only (logits (B, len(logits_at), V)); check `keeps_logits` first: other models give
    every position.
    """
    batch = _as_batch(loaded, ids)
    mask = torch.ones_like(batch) if attention_mask is None else attention_mask.to(batch.device)
    kwargs: dict = {"input_ids": batch, "attention_mask": mask}
    if attentions:
        kwargs["output_attentions"] = True
    if hidden_states:
        kwargs["output_hidden_states"] = True
    if takes(loaded.model, "use_cache"):
        kwargs["use_cache"] = cache
    if last_only and keeps_logits(loaded):
        kwargs["logits_to_keep"] = 1
    elif logits_at is not None and keeps_logits(loaded):
        kwargs["logits_to_keep"] = torch.tensor(list(logits_at), device=batch.device)
    return loaded.model(**kwargs)


def keeps_logits(loaded: LoadedModel) -> bool:
    """True when the model can compute its vocabulary head at chosen positions only (`logits_to_keep`)."""
    return takes(loaded.model, "logits_to_keep", explicitly=True)


@torch.inference_mode()
def extend_cache(loaded: LoadedModel, token_id: int, past):
    """One more token after a `run(..., cache=True)`: reads only the new token, reusing `past`."""
    new = torch.tensor([[int(token_id)]], device=loaded.device)  # (1, 1)
    return loaded.model(input_ids=new, past_key_values=past, use_cache=True)


@torch.inference_mode()
def extend_batch(loaded: LoadedModel, token_ids: Sequence[int], past):
    """One more token for each row of a batch run with `run(..., cache=True)` (beam search): (B,) ids."""
    new = torch.tensor([[int(t)] for t in token_ids], device=loaded.device)  # (B, 1)
    return loaded.model(input_ids=new, past_key_values=past, use_cache=True)


def log_probs(loaded: LoadedModel, ids: Sequence[int]) -> torch.Tensor:
    """Log-probabilities (T, V) in float32 at every position of one sequence."""
    return torch.log_softmax(run(loaded, ids).logits[0].float(), dim=-1)


def next_logits(loaded: LoadedModel, ids: Sequence[int]) -> torch.Tensor:
    """Logits (V,) in float32 for the token after `ids` (the head read at the last position only)."""
    return run(loaded, ids, last_only=True).logits[0, -1].float()


def input_embeddings(loaded: LoadedModel, ids: Sequence[int]) -> torch.Tensor:
    """The token embeddings (1, T, D) a pass over `ids` starts from (positions are added inside)."""
    with torch.no_grad():
        return loaded.model.get_input_embeddings()(_as_batch(loaded, ids)).detach()


def run_embeddings(loaded: LoadedModel, embeds: torch.Tensor, position: int) -> torch.Tensor:
    """Logits (B, V) at `position` from input embeddings (B, T, D), with gradients (for attribution).

    When `position` is the last one the head is read there only (`logits_to_keep`) where the model allows.
    """
    batch, t = embeds.shape[:2]
    kwargs: dict = {"inputs_embeds": embeds, "attention_mask": torch.ones(batch, t, device=embeds.device)}
    if takes(loaded.model, "use_cache"):
        kwargs["use_cache"] = False
    last = position == t - 1 and takes(loaded.model, "logits_to_keep", explicitly=True)
    if last:
        kwargs["logits_to_keep"] = 1
    logits = loaded.model(**kwargs).logits
    return logits[:, -1 if last else position].float()
