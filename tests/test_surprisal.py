"""Surprisal, ranks and GLTR bands from one forward pass; the loss equals transformers' own."""

import dataclasses
import math

import numpy as np
import pytest
import torch

from lmviz import LmvizError, inspect_text
from lmviz.analysis.surprisal import BANDS, gltr_band, gltr_color, prompt_loss, token_table

TEXT = "Attention is all you need, they said, and then they trained it."


def hf_loss(loaded, text: str) -> float:
    enc = loaded.tokenizer(text, return_tensors="pt")
    with torch.no_grad():
        return loaded.model(**enc, labels=enc["input_ids"]).loss.item()


def brute_rank(logits_row: np.ndarray, token_id: int) -> int:
    order = np.argsort(-logits_row, kind="stable")
    return int(np.flatnonzero(order == token_id)[0]) + 1


def test_loss_equals_the_models_own(tiny_gpt2):
    r = inspect_text(tiny_gpt2, TEXT)
    loss, perplexity = prompt_loss(r)
    assert loss == pytest.approx(hf_loss(tiny_gpt2, TEXT), rel=1e-5)
    assert perplexity == pytest.approx(math.exp(loss))


def test_table_against_brute_force(tiny_gpt2):
    r = inspect_text(tiny_gpt2, TEXT)
    rows = token_table(tiny_gpt2, r, k=4)
    assert [row.token for row in rows] == list(r.tokens) and len(rows) == r.n_tokens
    first = rows[0]
    assert not first.has_prediction and first.rank is None and first.band is None
    assert math.isnan(first.surprisal_bits) and math.isnan(first.prob) and first.alternatives == ()
    probs = torch.softmax(torch.from_numpy(np.array(r.logits)), -1).numpy()
    for t, row in enumerate(rows[1:], start=1):
        prev = r.logits[t - 1]
        assert row.has_prediction and row.token_id == r.token_ids[t]
        assert row.rank == brute_rank(prev, row.token_id)
        assert row.band == gltr_band(row.rank)
        assert row.prob == pytest.approx(probs[t - 1, row.token_id], rel=1e-4)
        assert row.surprisal_bits == pytest.approx(-math.log2(row.prob), rel=1e-6)
        best = np.argsort(-prev, kind="stable")[:4]
        names = [tiny_gpt2.tokenizer.decode([i], clean_up_tokenization_spaces=False) for i in best]
        assert [name for name, _ in row.alternatives] == names
        np.testing.assert_allclose([p for _, p in row.alternatives], probs[t - 1, best], rtol=1e-5)


def test_the_top_guess_has_rank_one(tiny_gpt2):
    r = inspect_text(tiny_gpt2, TEXT)
    greedy = r.logits.argmax(-1)  # (T,): what the model would write after each token
    ids = np.concatenate([r.token_ids[:1], greedy[:-1]])
    logprobs = torch.log_softmax(torch.from_numpy(np.array(r.logits[:-1])), -1).numpy()
    picked = np.concatenate([[np.nan], logprobs[np.arange(len(ids) - 1), ids[1:]]]).astype(np.float32)
    as_if_greedy = dataclasses.replace(r, token_ids=ids, token_logprobs=picked)
    rows = token_table(tiny_gpt2, as_if_greedy, k=1)
    assert all(row.rank == 1 and row.band == "top10" for row in rows[1:])
    assert all(row.alternatives[0][1] == pytest.approx(row.prob, rel=1e-5) for row in rows[1:])


def test_ties_rank_by_id(tiny_gpt2):
    r = inspect_text(tiny_gpt2, TEXT)
    flat = np.zeros_like(r.logits)  # every token equally likely: the rank is the id's place
    uniform = np.full(r.n_tokens, -math.log(flat.shape[-1]), dtype=np.float32)
    uniform[0] = np.nan
    rows = token_table(tiny_gpt2, dataclasses.replace(r, logits=flat, token_logprobs=uniform))
    assert [row.rank for row in rows[1:]] == [int(i) + 1 for i in r.token_ids[1:]]


def test_bands_and_colours():
    cases = {1: "top10", 10: "top10", 11: "top100", 100: "top100", 101: "top1000", 1000: "top1000"}
    cases.update({1001: "rest", 50_000: "rest"})
    assert {rank: gltr_band(rank) for rank in cases} == cases
    colours = [gltr_color(band) for band in BANDS]
    assert len(set(colours)) == 4 and all(c.startswith("#") for c in colours)
    assert gltr_color(None) not in colours
    with pytest.raises(ValueError, match="Unknown GLTR band"):
        gltr_color("top5")


def test_masked_models_and_single_tokens_are_refused(tiny_bert, tiny_gpt2):
    r = inspect_text(tiny_bert, TEXT)
    with pytest.raises(LmvizError, match="causal"):
        prompt_loss(r)
    with pytest.raises(LmvizError, match="causal"):
        token_table(tiny_bert, r)
    one = inspect_text(tiny_gpt2, "Hello")
    assert one.n_tokens == 1
    with pytest.raises(LmvizError, match="single token"):
        prompt_loss(one)
    assert not token_table(tiny_gpt2, one)[0].has_prediction
    with pytest.raises(LmvizError, match="k must be"):
        token_table(tiny_gpt2, inspect_text(tiny_gpt2, TEXT), k=0)


@pytest.mark.bundled
def test_smollm2_loss_and_an_easy_token(smollm2):
    text = "The capital of France is Paris."
    r = inspect_text(smollm2, text)
    loss, _ = prompt_loss(r)
    assert loss == pytest.approx(hf_loss(smollm2, text), rel=1e-4)
    paris = next(row for row in token_table(smollm2, r) if row.token == " Paris")
    assert paris.rank == 1 and paris.band == "top10" and paris.alternatives[0][0] == " Paris"
    assert paris.prob > 0.5 and paris.surprisal_bits < 1
