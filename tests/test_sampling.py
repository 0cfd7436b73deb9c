"""Unit tests of next-token choice as pure functions: temperature, top-k, top-p, sampling, greedy."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
import torch
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lmviz.analysis.sampling import (
    Strategy,
    apply_filters,
    distribution,
    entropy,
    entropy_bits,
    greedy,
    mass_outside,
    next_token,
    rank_of,
    sample,
    softmax,
    top_k_mask,
    top_p_mask,
    top_table,
)

LOGITS = np.array([2.0, 1.0, 0.5, -1.0, 3.0, 3.0, -np.inf, 0.0])

logit_vectors = st.lists(
    st.floats(min_value=-30, max_value=30, allow_nan=False), min_size=2, max_size=12
).map(np.array)
weights = st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=8).filter(
    lambda w: sum(w) > 0
)


def test_softmax_matches_torch_at_temperature_one_and_two():
    z = np.random.default_rng(0).normal(size=50) * 4
    for t in (1.0, 2.0, 0.3):
        ref = torch.softmax(torch.tensor(z / t, dtype=torch.float64), -1).numpy()
        np.testing.assert_allclose(softmax(z, t), ref, rtol=1e-12)


@pytest.mark.parametrize("t", [1e-3, 1e-30, 1e-300, 5e-324])
def test_tiny_temperature_is_argmax_without_overflow(t):
    z = np.array([1e30, -1e30, 1e30 - 1e16, 0.0, -np.inf])
    p = softmax(z, t)
    assert np.isfinite(p).all()
    np.testing.assert_array_equal(p, [1, 0, 0, 0, 0])


def test_temperature_zero_is_greedy_one_hot_with_lowest_id_on_ties():
    np.testing.assert_array_equal(softmax(LOGITS, 0), np.eye(8)[4])  # ids 4 and 5 tie: 4 wins
    assert greedy(softmax(LOGITS)) == 4


def test_temperature_approaches_argmax():
    z = np.array([0.1, 0.3, 0.2])
    tops = [softmax(z, t)[1] for t in (1.0, 0.1, 0.01, 0.001)]
    assert tops == sorted(tops)
    assert softmax(z, 0.001)[[0, 2]].max() < 1e-40  # the runner-up, 0.1 below, has exp(-100)


def test_bad_inputs_raise():
    with pytest.raises(ValueError, match="temperature"):
        softmax(LOGITS, -0.5)
    with pytest.raises(ValueError, match="NaN"):
        softmax(np.array([0.0, np.nan]))
    with pytest.raises(ValueError, match="-inf"):
        softmax(np.array([-np.inf, -np.inf]))
    with pytest.raises(ValueError):
        top_k_mask(softmax(LOGITS), 0)
    with pytest.raises(ValueError):
        top_p_mask(softmax(LOGITS), 0.0)
    for bad in (dict(temperature=-1), dict(top_k=0), dict(top_p=1.5), dict(seed=-1)):
        with pytest.raises(ValueError):
            Strategy(**bad)


@settings(max_examples=60, deadline=None)
@given(logit_vectors)
def test_entropy_grows_with_temperature(z):
    temps = [0.05, 0.2, 0.5, 1.0, 2.0, 5.0, 50.0]
    h = [entropy(softmax(z, t)) for t in temps]
    assert all(b >= a - 1e-9 for a, b in zip(h, h[1:]))
    assert h[-1] <= np.log(len(z)) + 1e-9


def test_entropy_units():
    assert entropy(np.ones(8) / 8) == pytest.approx(np.log(8))
    assert entropy_bits(np.ones(8) / 8) == pytest.approx(3.0)
    assert entropy(np.array([0.0, 1.0, 0.0])) == 0.0


def test_top_k_keeps_exactly_k_with_ties_by_id():
    p = np.array([0.1, 0.2, 0.2, 0.2, 0.3])
    np.testing.assert_array_equal(np.flatnonzero(top_k_mask(p, 3)), [1, 2, 4])
    for k in range(1, 6):
        assert top_k_mask(p, k).sum() == k
    assert top_k_mask(p, 100).all()


@settings(max_examples=300, deadline=None)
@given(weights, st.floats(min_value=1e-6, max_value=1.0, exclude_max=True))
def test_top_p_is_the_smallest_set_reaching_p(w, p):
    probs = np.array(w, dtype=np.float64) / sum(w)
    exact = [Fraction(x) for x in probs]
    subsets = [c for n in range(1, len(w) + 1) for c in itertools.combinations(range(len(w)), n)]
    # A p within rounding of some subset's mass has no float-stable answer: skip those.
    assume(all(abs(float(sum(exact[i] for i in c)) - p) > 1e-9 for c in subsets))
    smallest = min(len(c) for c in subsets if sum(exact[i] for i in c) >= Fraction(p))

    mask = top_p_mask(probs, p)
    assert mask.sum() == smallest
    assert probs[mask].sum() >= p
    kept, dropped = np.flatnonzero(mask), np.flatnonzero(~mask)
    for i, j in itertools.product(kept, dropped):  # the most probable ones, lower ids first on ties
        assert probs[i] > probs[j] or (probs[i] == probs[j] and i < j)


def test_top_p_one_keeps_everything_and_tiny_p_keeps_the_top():
    p = softmax(LOGITS)
    assert top_p_mask(p, 1.0).all()
    np.testing.assert_array_equal(np.flatnonzero(top_p_mask(p, 1e-9)), [4])


@settings(max_examples=100, deadline=None)
@given(
    logit_vectors,
    st.floats(min_value=0.1, max_value=3),
    st.one_of(st.none(), st.integers(1, 12)),
    st.one_of(st.none(), st.floats(min_value=0.01, max_value=1.0)),
)
def test_filters_renormalise_and_report_the_cut(z, t, k, p):
    probs = softmax(z, t)
    f = apply_filters(probs, top_k=k, top_p=p)
    assert f.probs.sum() == pytest.approx(1.0, abs=1e-12)
    assert np.all(f.probs[~f.kept] == 0)
    assert f.cut_mass == pytest.approx(probs[~f.kept].sum(), abs=1e-12)
    np.testing.assert_allclose(f.probs[f.kept], probs[f.kept] / probs[f.kept].sum(), rtol=1e-12)
    if k is not None:
        assert f.n_kept <= k
    if p is None and k is None:
        assert f.cut_mass == 0 and f.kept.all()


def test_top_p_applies_to_the_top_k_distribution():
    probs = np.array([0.4, 0.3, 0.2, 0.1])
    # top-2 renormalised is (4/7, 3/7): p = 0.5 then keeps only the first; on the raw probs it would keep 2
    f = apply_filters(probs, top_k=2, top_p=0.5)
    np.testing.assert_array_equal(f.kept, [True, False, False, False])
    assert f.cut_mass == pytest.approx(0.6)
    np.testing.assert_array_equal(apply_filters(probs, top_p=0.5).kept, [True, True, False, False])


def test_mass_outside():
    probs = np.array([0.5, 0.25, 0.125, 0.125])
    assert mass_outside(probs, [0, 1]) == pytest.approx(0.25)
    assert mass_outside(probs, [0, 0, 1]) == pytest.approx(0.25)  # duplicates count once
    assert mass_outside(probs, []) == 1.0
    with pytest.raises(ValueError):
        mass_outside(probs, [4])


def test_seeded_sampling_is_reproducible_and_matches_frequencies():
    probs = np.array([0.5, 0.3, 0.0, 0.15, 0.05])
    n = 20_000

    def draws(seed):
        rng = np.random.default_rng(seed)
        return np.array([sample(probs, rng) for _ in range(n)])

    a = draws(7)
    np.testing.assert_array_equal(a, draws(7))
    assert not np.array_equal(a, draws(8))
    counts = np.bincount(a, minlength=len(probs))
    assert counts[2] == 0  # a 0-probability token is never drawn
    nz = probs > 0
    expected = probs[nz] * n
    chi2 = float(((counts[nz] - expected) ** 2 / expected).sum())
    assert chi2 < 16.27  # chi-square, 3 degrees of freedom, p = 0.001


def test_next_token_greedy_and_sampled():
    g = next_token(LOGITS, Strategy(greedy=True))
    raw = softmax(LOGITS)
    assert (g.token_id, g.prob, g.rank) == (4, 1.0, 1)
    assert g.raw_prob == pytest.approx(raw[4])
    assert next_token(LOGITS, Strategy(temperature=0)) == g

    s = Strategy(temperature=0.7, top_k=3, seed=3)
    choice = next_token(LOGITS, s)
    assert choice == next_token(LOGITS, s, np.random.default_rng(3))
    final = distribution(LOGITS, s)
    assert final.kept[choice.token_id]
    assert choice.prob == pytest.approx(final.probs[choice.token_id])
    assert choice.raw_prob == pytest.approx(raw[choice.token_id])
    assert choice.rank == rank_of(raw, choice.token_id)
    seen = {next_token(LOGITS, s, np.random.default_rng(i)).token_id for i in range(200)}
    assert seen == {0, 4, 5}  # the top 3 only


def test_rank_and_top_table():
    raw = softmax(LOGITS)
    assert [rank_of(raw, i) for i in (4, 5, 0, 6)] == [1, 2, 3, 8]
    rows = top_table(raw, LOGITS, 3)
    assert [r.token_id for r in rows] == [4, 5, 0]
    assert rows[0] == (4, pytest.approx(raw[4]), 3.0)
    assert [r.prob for r in rows] == sorted((r.prob for r in rows), reverse=True)
    assert len(top_table(raw, LOGITS, 100)) == 8
