"""Step-through generation: reference logits, KV cache vs recompute, seeds, immutability, errors."""

import copy
import dataclasses

import numpy as np
import pytest

from lmviz import LmvizError, inspect_text
from lmviz.analysis.generation import (
    MAX_NEW_TOKENS,
    Path,
    Step,
    chat_prompt_ids,
    eos_ids,
    extend,
    generate,
    next_distribution,
    text_prompt_ids,
)
from lmviz.analysis.sampling import Strategy, softmax
from lmviz.models import forward
from lmviz.text.tokens import token_text

PROMPT = "The quick brown fox jumps over"
SAMPLED = Strategy(temperature=1.0, top_k=50, top_p=0.95, seed=11)


def test_next_distribution_matches_inspection(tiny_gpt2):
    r = inspect_text(tiny_gpt2, PROMPT)
    logits = next_distribution(tiny_gpt2, tuple(r.token_ids))
    assert logits.shape == (tiny_gpt2.model.config.vocab_size,)
    np.testing.assert_allclose(logits, r.logits[-1], atol=1e-5)


def test_only_the_last_position_is_scored_where_the_model_allows(tiny_gpt2, tiny_bert):
    assert forward.takes(tiny_gpt2.model, "logits_to_keep", explicitly=True)
    ids = tuple(inspect_text(tiny_gpt2, PROMPT).token_ids)
    out = forward.run(tiny_gpt2, ids, last_only=True)
    assert out.logits.shape[1] == 1  # (1, 1, V): the head read one position, not len(ids)
    # a model without the argument is called as before: every position scored
    assert not forward.takes(tiny_bert.model, "logits_to_keep", explicitly=True)
    bert_ids = tiny_bert.tokenizer(PROMPT)["input_ids"]
    assert forward.run(tiny_bert, bert_ids, last_only=True).logits.shape[1] == len(bert_ids)


def test_kv_cache_greedy_equals_recompute_from_scratch(tiny_gpt2):
    prompt = text_prompt_ids(tiny_gpt2, PROMPT)
    path = generate(tiny_gpt2, prompt, 15, Strategy(greedy=True))
    ids = list(prompt)
    for _ in range(15):
        ids.append(int(np.argmax(next_distribution(tiny_gpt2, tuple(ids)))))
    assert path.ids == tuple(ids)
    assert path.prompt_ids == prompt and len(path.steps) == 15
    assert all(s.prob_used == 1.0 and s.rank == 1 for s in path.steps)


def test_kv_cache_sampling_equals_no_cache(tiny_gpt2):
    prompt = text_prompt_ids(tiny_gpt2, PROMPT)
    cached = extend(tiny_gpt2, Path(prompt), 12, SAMPLED, use_cache=True)
    fresh = extend(tiny_gpt2, Path(prompt), 12, SAMPLED, use_cache=False)
    assert cached.ids == fresh.ids
    for a, b in zip(cached.steps, fresh.steps):
        assert a.prob == pytest.approx(b.prob, rel=1e-4) and a.prob_used == pytest.approx(
            b.prob_used, rel=1e-4
        )


def test_seeded_generation_is_reproducible_and_steps_match_one_go(tiny_gpt2):
    prompt = text_prompt_ids(tiny_gpt2, PROMPT)
    a = generate(tiny_gpt2, prompt, 8, SAMPLED)
    assert a == generate(tiny_gpt2, prompt, 8, SAMPLED)
    assert a.ids != generate(tiny_gpt2, prompt, 8, dataclasses.replace(SAMPLED, seed=12)).ids
    stepped = Path(prompt)
    for _ in range(8):  # one click at a time picks the same tokens as eight at once
        stepped = extend(tiny_gpt2, stepped, 1, SAMPLED)
    # (probabilities agree to float rounding only: cached and fresh attention sum in different orders)
    assert stepped.ids == a.ids
    assert extend(tiny_gpt2, a.undo(), 1, SAMPLED).ids == a.ids  # undo then redo: the same token again


def test_steps_report_probabilities(tiny_gpt2):
    prompt = text_prompt_ids(tiny_gpt2, PROMPT)
    path = generate(tiny_gpt2, prompt, 3, SAMPLED)
    ids = list(prompt)
    for step in path.steps:
        raw = softmax(next_distribution(tiny_gpt2, tuple(ids)))
        assert step.prob == pytest.approx(raw[step.token_id], rel=1e-4)
        assert step.rank == 1 + int((raw > raw[step.token_id]).sum())
        assert step.prob_used >= step.prob  # top-k/top-p renormalise mass onto the kept tokens
        assert step.text == tiny_gpt2.tokenizer.decode([step.token_id])
        ids.append(step.token_id)


def test_generation_stops_after_eos(tiny_gpt2):
    prompt = text_prompt_ids(tiny_gpt2, PROMPT)
    first = generate(tiny_gpt2, prompt, 1, Strategy(greedy=True)).steps[0].token_id
    tok = copy.deepcopy(tiny_gpt2.tokenizer)  # the fixture's tokenizer is shared: change a copy
    tok.eos_token = tok.convert_ids_to_tokens(first)
    loaded = dataclasses.replace(tiny_gpt2, tokenizer=tok)
    assert first in eos_ids(loaded) and 50256 in eos_ids(loaded)
    path = generate(loaded, prompt, 10, Strategy(greedy=True))
    assert path.generated_ids == (first,)


def test_path_is_immutable():
    a = Path((1, 2))
    step = Step(3, "x", 0.5, 0.6, 1)
    b = a.append(step)
    assert a.steps == () and b.ids == (1, 2, 3) and b.generated_ids == (3,)
    assert b.undo() == a and b.steps == (step,)
    with pytest.raises(dataclasses.FrozenInstanceError):
        b.steps = ()
    with pytest.raises(LmvizError, match="undo"):
        a.undo()


def test_path_text_and_token_text(tiny_gpt2):
    tok = tiny_gpt2.tokenizer
    paris = tok(" Paris")["input_ids"][0]
    prompt = tuple(tok("The capital of France is")["input_ids"])
    path = Path(prompt).append(Step(paris, token_text(tok, paris), 0.1, 0.1, 7))
    assert path.text(tok) == "The capital of France is Paris"
    assert path.text(tok, include_prompt=False) == " Paris"
    assert token_text(tok, paris) == " Paris"
    assert token_text(tok, 50256) == "<|endoftext|>"


def test_model_is_left_untouched(tiny_gpt2):
    model = tiny_gpt2.model
    before = {k: v.clone() for k, v in model.state_dict().items()}

    def hooks():  # transformers installs its own output-capturing hooks on a first output_attentions call
        return [(dict(m._forward_hooks), dict(m._forward_pre_hooks)) for m in model.modules()]

    hooks_before = hooks()
    generate(tiny_gpt2, text_prompt_ids(tiny_gpt2, PROMPT), 5, SAMPLED)
    assert not model.training
    assert hooks() == hooks_before
    assert all(np.array_equal(v.numpy(), model.state_dict()[k].numpy()) for k, v in before.items())


def test_errors(tiny_gpt2, tiny_bert):
    prompt = text_prompt_ids(tiny_gpt2, PROMPT)
    with pytest.raises(LmvizError, match="masked model"):
        next_distribution(tiny_bert, (101, 102))
    with pytest.raises(LmvizError, match="masked model"):
        generate(tiny_bert, (101, 102), 3, SAMPLED)
    with pytest.raises(LmvizError, match="empty"):
        next_distribution(tiny_gpt2, ())
    with pytest.raises(LmvizError, match="empty"):
        text_prompt_ids(tiny_gpt2, "   ")
    with pytest.raises(LmvizError, match="at most 256"):
        next_distribution(tiny_gpt2, (1,) * 257)
    with pytest.raises(LmvizError, match="at most 256"):
        generate(tiny_gpt2, (1,) * 250, 7, SAMPLED)
    with pytest.raises(LmvizError, match="vocabulary"):
        next_distribution(tiny_gpt2, (1, 50257))
    for n in (0, MAX_NEW_TOKENS + 1):
        with pytest.raises(LmvizError, match=f"between 1 and {MAX_NEW_TOKENS}"):
            generate(tiny_gpt2, prompt, n, SAMPLED)
    with pytest.raises(LmvizError, match="no chat template"):
        chat_prompt_ids(tiny_gpt2, "Hello")


@pytest.mark.bundled
def test_smollm2_chat_prompt_and_paris(smollm2):
    tok = smollm2.tokenizer
    ids = chat_prompt_ids(smollm2, "What is the capital of France?", system="Answer briefly.")
    text = tok.decode(list(ids), skip_special_tokens=False)
    assert "What is the capital of France?" in text and "Answer briefly." in text
    assert text.endswith("<|im_start|>assistant\n")
    reference = tok.apply_chat_template(
        [
            {"role": "system", "content": "Answer briefly."},
            {"role": "user", "content": "What is the capital of France?"},
        ],
        add_generation_prompt=True,
    )["input_ids"]
    assert list(ids) == list(reference)

    path = generate(smollm2, text_prompt_ids(smollm2, "The capital of France is"), 3, Strategy(greedy=True))
    assert path.steps[0].text == " Paris" and path.steps[0].prob > 0.5
    assert path.text(tok, include_prompt=False).startswith(" Paris")
