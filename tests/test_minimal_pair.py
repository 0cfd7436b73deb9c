"""Minimal pairs: the distances against a direct computation, bad input, the page on tiny models, and the
presets' claims on the bundled model."""

from __future__ import annotations

import numpy as np
import pytest

from lmviz.analysis import minimal_pair
from lmviz.analysis.generation import next_distribution, text_prompt_ids
from lmviz.errors import LmvizError
from lmviz.models.tiny import gpt2_tokenizer
from lmviz.text.tokens import readable_token
from lmviz_app import url_state
from lmviz_app.presets import PAIR_PRESETS
from tests.apptest_pages import ok, open_page


def test_distances_against_a_direct_computation():
    rng = np.random.default_rng(0)
    la, lb = rng.normal(size=50) * 3, rng.normal(size=50) * 3
    s = minimal_pair.pair_shift(la, lb, k=5)
    pa, pb = np.exp(la) / np.exp(la).sum(), np.exp(lb) / np.exp(lb).sum()
    assert s.total_variation == pytest.approx(0.5 * np.abs(pa - pb).sum())
    assert s.kl_ab == pytest.approx((pa * np.log(pa / pb)).sum())
    assert s.kl_ba == pytest.approx((pb * np.log(pb / pa)).sum())
    assert s.kl_ab > 0 and s.kl_ba > 0 and s.kl_ab != pytest.approx(s.kl_ba)
    moved = [abs(b - a) for _, a, b in s.changed]
    assert moved == sorted(moved, reverse=True) and moved[0] == pytest.approx(np.abs(pb - pa).max())
    same = minimal_pair.pair_shift(la, la)
    assert same.total_variation == 0 and same.kl_ab == 0 and same.kl_ba == 0


def test_no_probability_underflows_in_kl():
    """A token with logit -1000 after one prompt: its probability underflows in float32, not in the KL."""
    la, lb = np.zeros(4), np.array([0.0, 0.0, 0.0, -1000.0])
    s = minimal_pair.pair_shift(la, lb)
    assert np.isfinite(s.kl_ab) and s.kl_ab > 100 and np.isfinite(s.kl_ba)


def test_union_of_the_top_tokens():
    s = minimal_pair.pair_shift(np.array([5.0, 4, 0, 0]), np.array([0.0, 0, 5, 4]))
    assert s.top_union(2) == [0, 1, 2, 3]


def test_bad_prompts_say_which():
    with pytest.raises(LmvizError) as e:
        minimal_pair.check_prompts("The cat", "   ")
    assert e.value.code == "pair.prompt_empty" and e.value.message.params["which"] == "B"
    with pytest.raises(LmvizError) as e:
        minimal_pair.check_prompts("x" * 500, "y")
    assert e.value.code == "pair.prompt_too_long"
    with pytest.raises(LmvizError):
        minimal_pair.pair_shift(np.zeros(3), np.zeros(4))
    assert minimal_pair.different_scripts("The cat", "猫") and not minimal_pair.different_scripts("猫", "狗")


def test_byte_pieces_are_labelled_by_their_bytes():
    tok = gpt2_tokenizer()
    ids = tok("她", add_special_tokens=False)["input_ids"]
    labels = [readable_token(tok, i) for i in ids]
    assert all(label.startswith("⟨") for label in labels)
    data = bytes.fromhex("".join(label.strip("⟨⟩").replace(" ", "") for label in labels))
    assert data.decode("utf-8") == "她"
    assert readable_token(tok, tok(" Paris")["input_ids"][0]) == " Paris"


@pytest.mark.parametrize("preset", [p.key for p in PAIR_PRESETS])
def test_every_preset_draws(preset):
    at = open_page("pages/next_token.py", nt_panel="pair", nt_pair_preset=preset)
    ok(at)
    assert len(at.get("plotly_chart")) == 1 and len(at.metric) == 3 and at.table


def test_own_pair_empty_second_prompt_and_languages():
    own = {"nt_panel": "pair", "nt_pair_preset": "own", "nt_pair_a": "The cat", "nt_pair_b": ""}
    at = open_page("pages/next_token.py", **own)
    ok(at)
    assert any("Prompt B is empty" in w.value for w in at.warning) and not at.get("plotly_chart")
    at.text_input(key="nt_pair_b").set_value("猫在").run()
    ok(at)
    assert any("One prompt is Chinese" in i.value for i in at.info) and len(at.get("plotly_chart")) == 1


def test_the_pair_is_part_of_a_shared_link():
    state = {"nt_panel": "pair", "nt_pair_preset": "own", "nt_pair_a": "The nurse said"}
    state["nt_pair_b"] = "He said"
    parsed = url_state.parse(url_state.encode(state))
    assert parsed.values == state and not parsed.problems


@pytest.mark.bundled
@pytest.mark.parametrize("preset", [p for p in PAIR_PRESETS if p.watch], ids=lambda p: p.key)
def test_the_watched_token_moves_as_the_label_says(smollm2, preset):
    la = next_distribution(smollm2, text_prompt_ids(smollm2, preset.a))
    lb = next_distribution(smollm2, text_prompt_ids(smollm2, preset.b))
    s = minimal_pair.pair_shift(la, lb)
    for word in preset.watch:
        (token,) = smollm2.tokenizer(word, add_special_tokens=False)["input_ids"]
        assert s.probs_a[token] > 1.5 * s.probs_b[token], (preset.key, word)
        assert token in [i for i, _, _ in s.changed] or s.probs_a[token] > 0.1
