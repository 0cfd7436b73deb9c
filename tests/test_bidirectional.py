"""SmolLM2 read both ways (lmviz.models.bidirectional) on a tiny random Llama: no causal mask under either
attention implementation, and the guess for position i read at i - 1."""

from __future__ import annotations

import pytest
import torch
from transformers import LlamaConfig

from lmviz.models.bidirectional import BidirectionalLlamaForMaskedLM


def tiny(attn: str) -> BidirectionalLlamaForMaskedLM:
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=64, hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4,
        num_key_value_heads=2, max_position_embeddings=64, attn_implementation=attn,
    )  # fmt: skip
    return BidirectionalLlamaForMaskedLM(config).eval()


@pytest.mark.parametrize("attn", ["eager", "sdpa"])
def test_an_early_position_sees_a_later_token(attn):
    model = tiny(attn)
    ids = torch.tensor([[1, 5, 9, 13, 17, 21]])
    changed = ids.clone()
    changed[0, 5] = 30  # only the last token differs
    with torch.no_grad():
        a, b = model(input_ids=ids).logits, model(input_ids=changed).logits
    assert not torch.allclose(a[0, 2], b[0, 2], atol=1e-5)  # a causal model would give the same row


def test_eager_and_sdpa_agree():
    ids = torch.tensor([[1, 5, 9, 13, 17, 21]])
    with torch.no_grad():
        eager, sdpa = tiny("eager")(input_ids=ids).logits, tiny("sdpa")(input_ids=ids).logits
    assert torch.allclose(eager, sdpa, atol=1e-4)


def test_the_guess_for_position_i_is_read_at_i_minus_1():
    model = tiny("eager")
    ids = torch.tensor([[1, 5, 9, 13], [2, 6, 10, 14]])
    with torch.no_grad():
        full = model(input_ids=ids).logits  # (B, T, V)
        hidden = model.model(input_ids=ids).last_hidden_state
        some = model(input_ids=ids, positions=torch.tensor([[0, 2], [1, 3]])).logits  # (2, V)
    assert torch.allclose(full[:, 1:], model.lm_head(hidden)[:, :-1], atol=1e-5)
    assert torch.allclose(some, torch.stack([full[0, 2], full[1, 3]]), atol=1e-5)


def test_position_zero_has_nothing_before_it():
    with pytest.raises(ValueError, match=">= 1"):
        tiny("eager")(input_ids=torch.tensor([[1, 5, 9]]), positions=torch.tensor([[0, 0]]))
