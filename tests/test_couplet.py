"""Couplet attention scores (lmviz.analysis.couplet) against a direct reading of the weights."""

import numpy as np

from lmviz import inspect_text
from lmviz.analysis import couplet

POEM = "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。"


def test_couplets_are_pairs_of_equal_lines():
    assert couplet.couplets(POEM) == [(0, 6, 5), (12, 18, 5)]
    assert couplet.couplets("两个黄鹂鸣翠柳，一行白鹭上青天。") == [(0, 8, 7)]
    assert couplet.couplets("春眠不觉晓，处处闻啼鸟啊。") == []  # lines of 5 and 6: not a couplet
    assert couplet.couplets("no poem here.") == []


def test_scores_read_the_weights_at_the_parallel_places(tiny_bert):
    ins = inspect_text(tiny_bert, POEM)
    s = couplet.scores(ins)
    at = {ins.spans[i][0]: i for i in range(len(ins.tokens)) if not ins.special[i]}
    assert s.pairs[0] == (at[6], at[0]) and len(s.pairs) == 10  # 黄 -> 白, ..., five per couplet
    assert s.rhymes == ((at[22], at[10]),)  # 楼 -> 流
    a = ins.attentions
    want = np.mean([a[:, :, q, k] for q, k in s.pairs], axis=0)
    np.testing.assert_allclose(s.parallel, want, rtol=1e-6)
    np.testing.assert_allclose(s.rhyme, a[:, :, at[22], at[10]], rtol=1e-6)
    line1 = [at[c] for c in range(0, 5)]
    np.testing.assert_allclose(s.chance[0, 0], np.mean([a[0, 0, at[c], line1].mean() for c in range(6, 11)] +
                                                        [a[0, 0, at[c], [at[x] for x in range(12, 17)]].mean()
                                                         for c in range(18, 23)]), rtol=1e-6)  # fmt: skip


def test_a_text_with_no_couplet_has_no_scores(tiny_bert):
    s = couplet.scores(inspect_text(tiny_bert, "The cat sat on the mat."))
    assert s.parallel is None and s.rhyme is None and s.pairs == ()
