"""One forward pass -> a frozen, typed result (tokens, spans, attentions, hidden states, logits) as numpy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from lmviz.analysis.frozen import readonly
from lmviz.errors import LmvizError, Message, message
from lmviz.kinds import Kind
from lmviz.models import forward
from lmviz.models.gather import Gatherer
from lmviz.models.loading import LoadedModel
from lmviz.text.tokens import tokenize
from lmviz.text.words import MAX_CHARS

DEFAULT_MAX_TOKENS = 256  # a readable cap for pictures of attention; the model's own limit may be lower


@dataclass(frozen=True, eq=False)
class Inspection:
    """Everything one forward pass shows about a text. Arrays are read-only; the batch dim is dropped.

    Shapes (T tokens, L layers, H heads, D hidden size, V vocabulary):
      token_ids (T,), special (T,) bool, attentions (L, H, T, T) with rows = queries summing to 1,
      hidden_states (L+1, T, D) (embeddings first), logits (T, V) or None for an encoder,
      token_logprobs (T,) for causal models: log P(token_i | tokens before it), NaN for the first token.
    """

    model_name: str
    kind: str
    text: str  # the text that was read (cut when the input was too long)
    tokens: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    token_ids: np.ndarray
    special: np.ndarray
    attentions: np.ndarray
    hidden_states: np.ndarray
    logits: np.ndarray | None
    token_logprobs: np.ndarray | None
    truncated: bool = False
    notice: tuple[Message, ...] | None = None  # what was cut, one message per cut
    unknown: tuple[str, ...] = ()  # the text's pieces the vocabulary lacks (read as [UNK]), each once

    @property
    def n_tokens(self) -> int:
        return len(self.tokens)

    @property
    def n_layers(self) -> int:
        return self.attentions.shape[0]

    @property
    def n_heads(self) -> int:
        return self.attentions.shape[1]


def token_cap(loaded: LoadedModel, max_tokens: int | None = None) -> int:
    return min(loaded.max_tokens, max_tokens or DEFAULT_MAX_TOKENS)


@torch.inference_mode()
def inspect_text(
    loaded: LoadedModel, text: str, max_tokens: int | None = None, gather: Gatherer | None = None
) -> Inspection:
    """Run `loaded` once on `text` and return what it computed. Raises LmvizError on unusable input.
    With `gather` the pass is batched with other callers' (a server's sessions); the result is the same."""
    if text is None or not text.strip():
        raise LmvizError("inspect.text_empty")
    notices = []
    if len(text) > MAX_CHARS:
        notices.append(message("inspect.chars_cut", n=len(text), max=MAX_CHARS))
        text = text[:MAX_CHARS]
    cap = token_cap(loaded, max_tokens)
    # One pass for a text that fits (cut at cap + 1 so a huge text costs no more); a longer one is counted
    # in full for the notice, then cut at cap.
    tk = tokenize(loaded.tokenizer, text, max_tokens=cap + 1)
    full_len = len(tk.ids)
    if full_len > cap:
        full_len = len(loaded.tokenizer(text)["input_ids"])
        tk = tokenize(loaded.tokenizer, text, max_tokens=cap)
        if cap == loaded.max_tokens:
            notices.append(message("inspect.tokens_cut_model", n=full_len, max=cap))
        else:
            notices.append(message("inspect.tokens_cut_view", n=full_len, max=cap))
        text = text[: max(end for _, end in tk.spans)]
    if not tk.ids:
        raise LmvizError("inspect.no_tokens")

    input_ids = torch.tensor([tk.ids], device=loaded.device)  # (1, T)
    if gather is None:
        out = forward.run(loaded, input_ids, attentions=True, hidden_states=True)
    else:
        out = gather.run(loaded, tk.ids, attentions=True, hidden_states=True)
    if not out.attentions or any(a is None for a in out.attentions):
        raise LmvizError("inspect.no_attention", model=loaded.name)
    attentions = torch.stack(out.attentions)[:, 0]  # (L, H, T, T)
    hidden = torch.stack(out.hidden_states)[:, 0]  # (L+1, T, D)
    logits = getattr(out, "logits", None)
    token_logprobs = None
    if logits is not None:
        logits = logits[0].float()  # (T, V)
        if loaded.kind == Kind.CAUSAL:
            # log softmax at the next token only (position t predicts token t+1): no (T-1, V) copy
            picked = logits[:-1].gather(-1, input_ids[0, 1:, None])[:, 0]  # (T-1,)
            picked = picked - torch.logsumexp(logits[:-1], dim=-1)
            nan = torch.full((1,), float("nan"), device=picked.device)
            token_logprobs = _numpy(torch.cat([nan, picked]))
    return Inspection(
        model_name=loaded.name,
        kind=loaded.kind,
        text=text,
        tokens=tk.tokens,
        spans=tk.spans,
        token_ids=readonly(np.asarray(tk.ids, dtype=np.int64)),
        special=readonly(np.asarray(tk.special, dtype=bool)),
        attentions=_numpy(attentions),
        hidden_states=_numpy(hidden),
        logits=None if logits is None else _numpy(logits),
        token_logprobs=token_logprobs,
        truncated=len(notices) > 0,
        notice=tuple(notices) or None,
        unknown=unknown_pieces(loaded.tokenizer, text, tk.ids, tk.spans, tk.special),
    )


def unknown_pieces(tokenizer, text: str, ids, spans, special) -> tuple[str, ...]:
    """The pieces of `text` read as the unknown token ([UNK]), each once, in order. A byte-level
    vocabulary (GPT-2, SmolLM2) has no unknown token of its own (its "unk" is end-of-text): none."""
    unk = tokenizer.unk_token_id
    if unk is None or tokenizer.unk_token in (tokenizer.eos_token, tokenizer.bos_token):
        return ()
    found = (text[a:b] for i, (a, b), sp in zip(ids, spans, special, strict=True) if i == unk and not sp)
    return tuple(dict.fromkeys(piece for piece in found if piece))


def _numpy(t: torch.Tensor) -> np.ndarray:
    return readonly(t.detach().float().cpu().numpy())
