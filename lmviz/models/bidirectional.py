"""A Llama-style GPT made to read both sides: no causal mask, and the word at position i predicted from
the output at position i - 1 (masked next-token prediction, as in LLM2Vec).

The causal model's head already predicts token i from position i - 1; keeping that readout lets the same
network, trained briefly with masks, fill a blank from both sides. `logits[:, i]` of this class is the
guess for position i (BERT's convention), so every masked-model analysis reads it unchanged.
"""

from __future__ import annotations

import torch
from transformers import AutoModelForMaskedLM, LlamaConfig, LlamaForCausalLM
from transformers.modeling_outputs import MaskedLMOutput


class BidirectionalLlamaForMaskedLM(LlamaForCausalLM):
    """LlamaForCausalLM with full (padding-only) attention and logits shifted one place to the right."""

    reads_previous_position = True  # the guess for position i is read from the output at i - 1

    def __init__(self, config: LlamaConfig) -> None:
        config.is_causal = False  # transformers builds a bidirectional (padding-only) mask
        super().__init__(config)
        for layer in self.model.layers:  # with no mask to pass, SDPA would fall back to the layer's flag
            layer.self_attn.is_causal = False

    def forward(
        self,
        input_ids: torch.LongTensor | None = None,
        attention_mask: torch.Tensor | None = None,
        labels: torch.LongTensor | None = None,
        output_attentions: bool | None = None,
        output_hidden_states: bool | None = None,
        positions: torch.Tensor | None = None,
        **kwargs,
    ) -> MaskedLMOutput:
        """`positions` (M, 2) of (row, position) pairs: logits (M, V) for those slots only (training)."""
        kwargs.pop("use_cache", None)
        out = self.model(
            input_ids=input_ids,
            attention_mask=attention_mask,
            use_cache=False,
            output_attentions=output_attentions,
            output_hidden_states=output_hidden_states,
            **kwargs,
        )
        hidden = out.last_hidden_state  # (B, T, D), final norm applied
        if positions is not None:
            if bool((positions[:, 1] < 1).any()):
                raise ValueError("positions must be >= 1: the guess for position i is read at i - 1")
            logits = self.lm_head(hidden[positions[:, 0], positions[:, 1] - 1])  # (M, V)
        else:
            raw = self.lm_head(hidden)  # (B, T, V): row t guesses token t + 1
            logits = torch.cat([raw[:, :1], raw[:, :-1]], dim=1)  # (B, T, V): row t guesses token t
        loss = None
        if labels is not None:
            target = labels if positions is None else labels[positions[:, 0], positions[:, 1]]
            loss = torch.nn.functional.cross_entropy(
                logits.float().reshape(-1, logits.shape[-1]), target.reshape(-1), ignore_index=-100
            )
        return MaskedLMOutput(
            loss=loss, logits=logits, hidden_states=out.hidden_states, attentions=out.attentions
        )


AutoModelForMaskedLM.register(LlamaConfig, BidirectionalLlamaForMaskedLM, exist_ok=True)
