"""The logit lens: read every layer's hidden state through the model's own final norm and output head.

Works on the hidden states an `Inspection` already holds: the model is not run again, only its head.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from lmviz.analysis.frozen import readonly
from lmviz.analysis.inspection import Inspection
from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz.models.loading import LoadedModel
from lmviz.text.tokens import token_strings

# Causal models: where the final norm lives. Their hidden_states[:-1] are the raw residual stream;
# hidden_states[-1] already went through this norm (transformers swaps in last_hidden_state).
FINAL_NORMS = (
    "transformer.ln_f",  # GPT-2, GPT-J, Bloom, Falcon, CodeGen
    "model.norm",  # Llama, SmolLM2, Mistral, Qwen2, Gemma, OLMo
    "gpt_neox.final_layer_norm",  # GPT-NeoX, Pythia
    "model.final_layernorm",  # Phi
    "model.decoder.final_layer_norm",  # OPT
)
# Logits and probabilities for at most this many (row, vocabulary) entries at once: 2**24 floats = 64 MB each.
CHUNK_ELEMENTS = 2**24


@dataclass(frozen=True, eq=False)
class LensResult:
    """What each layer would predict if the model stopped there. Arrays are read-only.

    Shapes (L layers, T tokens, k = top_k): entry 0 is the embeddings, entry L the model's own output.
      top_ids (L+1, T, k), top_probs (L+1, T, k) sorted best first,
      top_tokens (L+1, T): display strings of the top-1 ids,
      final_ids (T,): the model's own top prediction at each position,
      final_answer_prob (L+1, T): the probability each layer gives to final_ids.
    For a causal model position t predicts token t+1; for a masked model it fills position t.
    """

    model_name: str
    tokens: tuple[str, ...]
    top_ids: np.ndarray
    top_probs: np.ndarray
    top_tokens: tuple[tuple[str, ...], ...]
    final_ids: np.ndarray
    final_answer_prob: np.ndarray

    @property
    def n_layers(self) -> int:
        """Rows in the lens (embeddings + every layer), i.e. L+1."""
        return self.top_ids.shape[0]


@torch.inference_mode()
def logit_lens(loaded: LoadedModel, result: Inspection, top_k: int = 1) -> LensResult:
    """Apply `loaded`'s final norm and unembedding to each of `result`'s hidden states.

    The last entry uses `result.logits` itself: the model already normed that hidden state.
    """
    check_same_model(loaded, result)
    if result.logits is None or loaded.kind == Kind.ENCODER:
        raise LmvizError("lens.encoder", model=loaded.name)
    vocab = result.logits.shape[-1]
    if not 1 <= top_k <= vocab:
        raise LmvizError("lens.top_k_out_of_range", vocab=vocab, k=top_k)
    read_out = lens_head(loaded)

    n_rows, n_tokens, _ = result.hidden_states.shape  # (L+1, T, D)
    final_logits = torch.from_numpy(np.array(result.logits))  # (T, V)
    final_ids = final_logits.topk(1, dim=-1).indices[:, 0]  # (T,) the argmax, ties broken as topk does
    top_ids = torch.empty(n_rows, n_tokens, top_k, dtype=torch.long)
    top_probs = torch.empty(n_rows, n_tokens, top_k)
    final_prob = torch.empty(n_rows, n_tokens)

    # Every layer but the last, flattened to (L*T, D) rows and read in chunks of bounded memory.
    states = torch.from_numpy(np.array(result.hidden_states[:-1]))  # (L, T, D)
    if getattr(loaded.model, "reads_previous_position", False):  # position t is guessed from t - 1
        states = torch.cat([states[:, :1], states[:, :-1]], dim=1)
    hidden = states.reshape(-1, states.shape[-1])
    targets = final_ids.repeat(n_rows - 1)  # (L*T,), row r = (layer r // T, position r % T)
    step = max(1, CHUNK_ELEMENTS // vocab)
    ids_flat, probs_flat, final_flat = (
        top_ids[:-1].view(-1, top_k),
        top_probs[:-1].view(-1, top_k),
        final_prob[:-1].view(-1),
    )
    for start in range(0, hidden.shape[0], step):
        rows = slice(start, start + step)
        h = hidden[rows].to(device=loaded.device, dtype=loaded.dtype)
        logits = read_out(h).float()  # (rows, V), on the model's device
        read = _read(logits, top_k, targets[rows].to(logits.device))
        ids_flat[rows], probs_flat[rows], final_flat[rows] = (x.cpu() for x in read)
    top_ids[-1], top_probs[-1], final_prob[-1] = _read(final_logits, top_k, final_ids)

    return LensResult(
        model_name=loaded.name,
        tokens=result.tokens,
        top_ids=readonly(top_ids.numpy()),
        top_probs=readonly(top_probs.numpy()),
        top_tokens=_top_token_strings(loaded.tokenizer, top_ids[..., 0].numpy()),
        final_ids=readonly(final_ids.numpy()),
        final_answer_prob=readonly(final_prob.numpy()),
    )


def lens_head(loaded: LoadedModel) -> Callable[[torch.Tensor], torch.Tensor]:
    """hidden state (..., D) -> logits (..., V) for a layer before the last. Raises LmvizError if unknown."""
    model = loaded.model
    arch = type(model).__name__
    if loaded.kind == Kind.MASKED and not getattr(model, "reads_previous_position", False):
        return _masked_head(model, arch)
    if loaded.kind not in (Kind.CAUSAL, Kind.MASKED):
        raise LmvizError("lens.no_head", model=loaded.name)
    head = model.get_output_embeddings()
    norm = next((m for m in (_find(model, path) for path in FINAL_NORMS) if m is not None), None)
    if head is None or norm is None:
        raise LmvizError("lens.no_final_norm", arch=arch)
    softcap = getattr(model.config, "final_logit_softcapping", None)  # Gemma 2 and 3 squash their logits

    def read_out(h: torch.Tensor) -> torch.Tensor:
        logits = head(norm(h))
        return torch.tanh(logits / softcap) * softcap if softcap else logits

    return read_out


def _masked_head(model: nn.Module, arch: str) -> Callable[[torch.Tensor], torch.Tensor]:
    # BERT-like encoders end every layer (and the embeddings) in LayerNorm: the MLM head reads any layer
    # as it is. The head is the whole transform + decoder, not just get_output_embeddings().
    for name in ("cls", "lm_head", "predictions"):  # BERT/MiniLM, RoBERTa/XLM-R, ALBERT
        head = getattr(model, name, None)
        if isinstance(head, nn.Module):
            return head
    if isinstance(getattr(model, "vocab_projector", None), nn.Module):  # DistilBERT

        def distilbert_head(h: torch.Tensor) -> torch.Tensor:
            h = model.vocab_layer_norm(model.activation(model.vocab_transform(h)))
            return model.vocab_projector(h)

        return distilbert_head
    raise LmvizError("lens.no_mask_head", arch=arch)


def _find(model: nn.Module, path: str) -> nn.Module | None:
    obj = model
    for part in path.split("."):
        obj = getattr(obj, part, None)
    return obj if isinstance(obj, nn.Module) else None


def _read(logits: torch.Tensor, k: int, targets: torch.Tensor):
    """logits (N, V) -> top-k ids (N, k), their probabilities (N, k) and P(targets) (N,)."""
    probs = torch.softmax(logits, dim=-1)  # (N, V); N is bounded by CHUNK_ELEMENTS
    ids = logits.topk(k, dim=-1).indices  # (N, k): ranked by logits, as the model's argmax is
    return ids, probs.gather(-1, ids), probs.gather(-1, targets[:, None])[:, 0]


def check_same_model(loaded: LoadedModel, result: Inspection) -> None:
    """Raise LmvizError when `result` was computed by another model than `loaded`."""
    if result.model_name != loaded.name:
        raise LmvizError("inspect.other_model", old=result.model_name, model=loaded.name)


def _top_token_strings(tokenizer, ids: np.ndarray) -> tuple[tuple[str, ...], ...]:
    unique, inverse = np.unique(ids, return_inverse=True)  # decode each distinct id once
    shown = np.array(token_strings(tokenizer, unique), dtype=object)[inverse.reshape(ids.shape)]
    return tuple(tuple(row) for row in shown)
