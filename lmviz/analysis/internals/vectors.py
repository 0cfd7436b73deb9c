"""Words as vectors: a 2-D PCA (scikit-learn) of the input embeddings of a word list, and the path of one
token's residual stream through the layers drawn in the same plane."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import PCA

from lmviz.analysis.frozen import readonly
from lmviz.analysis.internals import parts
from lmviz.analysis.internals.trace import Trace
from lmviz.errors import LmvizError
from lmviz.models.loading import LoadedModel

MAX_WORDS = 60
WORD_CHARS = 40


@dataclass(frozen=True, eq=False)
class WordMap:
    words: tuple[str, ...]
    pieces: tuple[int, ...]  # how many tokens each word is (their embeddings are averaged)
    points: np.ndarray  # (N, 2)
    explained: tuple[float, float]  # the share of variance each axis keeps
    mean: np.ndarray  # (D,) the words' mean vector, which the PCA subtracts
    axes: np.ndarray  # (2, D) the two principal directions
    mean_norm: float  # the words' average vector length

    def project(self, vectors: np.ndarray) -> np.ndarray:
        """Vectors (N, D) in the words' plane (N, 2), as the fitted PCA transforms them."""
        return (np.asarray(vectors, dtype=np.float64) - self.mean) @ self.axes.T


def parse_words(text: str) -> list[str]:
    """Words from a comma- or line-separated list (or space-separated when it has no commas); duplicates
    dropped, order kept."""
    raw = text.replace("，", ",").replace("、", ",").replace("\n", ",")
    chunks = raw.split(",") if "," in raw else raw.split()
    return list(dict.fromkeys(w.strip() for w in chunks if w.strip()))


def word_ids(loaded: LoadedModel, word: str) -> list[int]:
    """The tokens of `word` as it reads inside a sentence (after a space, for words with letters)."""
    spaced = word if not word.isascii() else " " + word
    ids = loaded.tokenizer(spaced, add_special_tokens=False)["input_ids"]
    return [i for i in ids if i not in set(loaded.tokenizer.all_special_ids)]


def word_map(loaded: LoadedModel, words: list[str]) -> WordMap:
    """Fit a 2-D PCA to the words' input embeddings (each word's tokens averaged)."""
    words = [w[:WORD_CHARS] for w in words][:MAX_WORDS]
    if len(words) < 3:
        raise LmvizError("inside.few_words", n=len(words))
    table = parts.base(loaded.model).get_input_embeddings().weight
    vectors, pieces = [], []
    for w in words:
        ids = word_ids(loaded, w)
        if not ids:
            raise LmvizError("inside.word_no_tokens", word=w)
        vectors.append(table[ids].detach().float().cpu().numpy().mean(0))
        pieces.append(len(ids))
    x = np.stack(vectors)
    pca = PCA(n_components=2, random_state=0).fit(x)
    ratio = pca.explained_variance_ratio_
    ro = lambda a: readonly(np.asarray(a, dtype=np.float64).copy())  # noqa: E731  # shared between sessions
    return WordMap(
        tuple(words), tuple(pieces), ro(pca.transform(x)), (float(ratio[0]), float(ratio[1])), ro(pca.mean_),
        ro(pca.components_), float(np.linalg.norm(x, axis=1).mean()),
    )  # fmt: skip


def layer_path(trace: Trace, position: int, wm: WordMap, rescale: bool = True) -> np.ndarray:
    """The residual stream of one token after the embeddings and after each block, in the words' plane
    (L+1, 2). `rescale`: each state is first scaled to the words' average length (the stream grows with
    depth, so unscaled points run off the plane)."""
    states = np.concatenate([trace.block_in[:1, position], trace.block_out[:, position]]).astype(np.float64)
    if rescale:
        states = states / np.linalg.norm(states, axis=1, keepdims=True) * wm.mean_norm
    return wm.project(states)
