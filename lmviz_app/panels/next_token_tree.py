"""The decoding tree on the next-token page: greedy, beam search or seeded sampling from the prompt, with
the alternatives each step weighed."""

from __future__ import annotations

import numpy as np
import streamlit as st

from lmviz.analysis import decoding_tree
from lmviz.analysis.decoding_tree import Tree
from lmviz.errors import LmvizError
from lmviz.models.loading import LoadedModel
from lmviz.text.tokens import readable_token
from lmviz_app import plots
from lmviz_app import state as S
from lmviz_app.cache import get_tree, tr, tr_core
from lmviz_app.widgets import inputs
from lmviz_app.widgets.figures import show
from lmviz_app.widgets.inspect_text import inspect_buttons
from lmviz_app.widgets.text import md


def _layout(tree: Tree) -> list[float]:
    """Each node's row: within its step, by running log-probability, best on top (0, -1, -2, ...)."""
    ys = [0.0] * len(tree.nodes)
    for step in {n.step for n in tree.nodes}:
        at = [i for i, n in enumerate(tree.nodes) if n.step == step]
        for row, i in enumerate(sorted(at, key=lambda i: -tree.nodes[i].logprob_sum)):
            ys[i] = -float(row)
    return ys


def draw_tree(loaded: LoadedModel, prompt_ids: tuple[int, ...], fmt: str, chat: bool = False) -> None:
    cols = st.columns([1.4, 1, 1, 1])
    method = inputs.segmented(S.NT_TREE_METHOD, cols[0])
    steps = inputs.slider(S.NT_TREE_STEPS, cols[1])
    width, penalty = S.NT_BEAMS.default, S.NT_LENGTH_PENALTY.default
    if method == "beam":
        width = inputs.slider(S.NT_BEAMS, cols[2])
        penalty = inputs.slider(S.NT_LENGTH_PENALTY, cols[3])
    seed = int(st.session_state.get(S.NT_SEED.key) or 0)
    try:
        tree = get_tree(loaded.name, prompt_ids, method, int(steps), int(width), float(penalty), seed)
    except LmvizError as exc:
        st.warning(tr_core(exc))
        return
    tok = loaded.tokenizer
    labels = [readable_token(tok, n.token_id) for n in tree.nodes]
    prompt = tok.decode(list(prompt_ids), skip_special_tokens=True)[-24:]
    fig = plots.decoding_tree(
        [n.step for n in tree.nodes], _layout(tree), [n.parent for n in tree.nodes], labels,
        [n.prob for n in tree.nodes], [n.logprob_sum for n in tree.nodes], [n.kept for n in tree.nodes],
        set(tree.chosen), prompt, tr("nt_tree_title", method=tr(S.NT_TREE_METHOD.option_label(method))),
        tr("nt_tree_axis"),
    )  # fmt: skip
    show(fig, "nt_tree", {"toImageButtonOptions": {"format": fmt}, "displaylogo": False})
    if method == "beam":
        st.caption(tr("nt_tree_caption_beam"))
    else:
        st.caption(tr("nt_tree_caption", k=decoding_tree.ALTERNATIVES))
    total = tree.nodes[tree.chosen[-1]].logprob_sum
    chosen = tok.decode(list(tree.chosen_ids), skip_special_tokens=False, clean_up_tokenization_spaces=False)
    st.markdown(tr("nt_tree_chosen", text=_code(chosen), logp=total, p=float(np.exp(total))))
    if method == "beam":
        beam, score_label = tr("nt_tree_beam"), tr("nt_tree_score")
        rows = [
            {
                "#": i + 1,
                beam: _plain(tok.decode(list(ids), skip_special_tokens=False)),
                score_label: round(score, 4),
            }
            for i, (ids, score) in enumerate(tree.beams)
        ]
        st.table(rows, hide_index=True)
        st.caption(tr("nt_tree_score_caption", lp=penalty))
    ids = list(tree.chosen_ids) if chat else list(prompt_ids) + list(tree.chosen_ids)  # a reply alone
    inspect_buttons(tok.decode(ids, skip_special_tokens=True), "nt_tree_insp")


def _plain(text: str) -> str:
    """A decoded sequence for a table cell: markdown-inert, newlines shown as ⏎."""
    return md(text.replace("\n", "⏎"))


def _code(text: str) -> str:
    return "`" + text.replace("`", "ˋ").replace("\n", "⏎") + "`"
