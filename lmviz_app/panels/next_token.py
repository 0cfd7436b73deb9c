"""The next-token lab's step-through panel: the distribution, sampling controls, and the path taken."""

from __future__ import annotations

import numpy as np
import streamlit as st

from lmviz.analysis import generation, sampling, surprisal
from lmviz.analysis.generation import Path
from lmviz.errors import LmvizError
from lmviz.models.loading import LoadedModel
from lmviz_app import plots
from lmviz_app import state as S
from lmviz_app.cache import get_next_logits, tr, tr_core
from lmviz_app.widgets import inputs
from lmviz_app.widgets.figures import show
from lmviz_app.widgets.inspect_text import inspect_buttons
from lmviz_app.widgets.text import html_text

PATH_KEY = "nt_path"


def current_path(loaded: LoadedModel, prompt_ids: tuple[int, ...]) -> Path:
    """The session's path, started again when the model or the prompt changes."""
    path = st.session_state.get(PATH_KEY)
    if not isinstance(path, Path) or st.session_state.get("nt_path_model") != loaded.name:
        path = None
    if path is None or path.prompt_ids != prompt_ids:
        path = Path(prompt_ids)
        st.session_state[PATH_KEY] = path
        st.session_state["nt_path_model"] = loaded.name
    return path


def strategy_controls() -> sampling.Strategy:
    cols = st.columns(5)
    temperature = inputs.slider(S.NT_TEMPERATURE, cols[0])
    top_k = inputs.number(S.NT_TOP_K, cols[1])
    top_p = inputs.slider(S.NT_TOP_P, cols[2])
    greedy = inputs.toggle(S.NT_GREEDY, cols[3])
    seed = inputs.number(S.NT_SEED, cols[4])
    return sampling.Strategy(
        temperature=float(temperature),
        top_k=int(top_k) or None,
        top_p=None if top_p >= 1.0 else float(top_p),
        greedy=bool(greedy),
        seed=int(seed),
    )


def _set_path(path: Path) -> None:
    st.session_state[PATH_KEY] = path


def _append(loaded: LoadedModel, strategy: sampling.Strategy, token_id: int | None) -> None:
    """Callback: append a chosen candidate (token_id) or one sampled with the strategy (None)."""
    path: Path = st.session_state[PATH_KEY]
    try:
        if token_id is None:
            path = generation.extend(loaded, path, 1, strategy)
        else:
            logits = get_next_logits(loaded.name, path.ids)
            choice = sampling.choice_of(logits, strategy, int(token_id))
            path = path.append(generation.make_step(loaded.tokenizer, choice))
    except LmvizError as exc:
        st.session_state["nt_error"] = tr_core(exc)
        return
    _set_path(path)


def _generate(loaded: LoadedModel, strategy: sampling.Strategy) -> None:
    try:
        _set_path(
            generation.extend(loaded, st.session_state[PATH_KEY], int(st.session_state[S.NT_N.key]), strategy)
        )
    except LmvizError as exc:
        st.session_state["nt_error"] = tr_core(exc)


def _undo() -> None:
    path: Path = st.session_state[PATH_KEY]
    if path.steps:
        _set_path(path.undo())


def _reset() -> None:
    path: Path = st.session_state[PATH_KEY]
    _set_path(Path(path.prompt_ids))


def draw_step_through(
    loaded: LoadedModel, path: Path, strategy: sampling.Strategy, fmt: str, chat: bool = False
) -> None:
    if err := st.session_state.pop("nt_error", None):
        st.error(err)
    st.markdown(f"**{tr('nt_sequence')}**")
    st.code(path.text(loaded.tokenizer), language=None, wrap_lines=True)
    if path.steps:  # a chat reply is inspected alone; a continuation with its prompt
        ids = list(path.generated_ids if chat else path.ids)
        text = loaded.tokenizer.decode(ids, skip_special_tokens=True, clean_up_tokenization_spaces=False)
        inspect_buttons(text, "nt_insp")
    logits = get_next_logits(loaded.name, path.ids)  # (V,) cached: the sliders below never re-run the model
    # Greedy picks the top token whatever the temperature: the bars show the model's own probabilities
    # (temperature 1), the chosen token in colour and the runners-up grey.
    probs = sampling.softmax(logits, 1.0 if strategy.is_greedy else strategy.temperature)
    dist = sampling.distribution(logits, strategy)
    n_bars = inputs.slider(S.NT_BARS)
    rows = sampling.top_table(probs, logits, n_bars)
    ids = [r.token_id for r in rows]
    labels = [generation.token_text(loaded.tokenizer, i) for i in ids]
    context = path.text(loaded.tokenizer)[-40:]
    fig = plots.next_token_bars(
        labels,
        np.array([r.prob for r in rows]),
        np.array([r.logit for r in rows]),
        dist.kept[ids],
        tr("nt_dist_title", context=context),
        tr("nt_prob_axis"),
    )
    show(fig, "nt_bars_fig", {"toImageButtonOptions": {"format": fmt}, "displaylogo": False})
    st.caption(
        tr(
            "nt_stats",
            nats=sampling.entropy(probs),
            bits=sampling.entropy_bits(probs),
            outside=sampling.mass_outside(probs, ids),
        )
    )
    if strategy.is_greedy:
        st.info(tr("nt_greedy_note"))
    elif dist.cut_mass > 0:
        st.info(_filter_note(dist))
    _buttons(loaded, strategy, ids, labels)
    _path_table(path)


def _filter_note(dist: sampling.Filtered) -> str:
    """What top-k and top-p each kept, with the mass they kept (top-p after top-k works on the top-k)."""
    parts, before = [], None
    for f in dist.steps:
        if f.name == "top_k":
            parts.append(tr("nt_cut_top_k", k=int(f.value), n=f.n_kept, mass=f.mass))
        elif before is None:
            parts.append(tr("nt_cut_top_p", p=f.value, n=f.n_kept, mass=f.mass))
        else:
            args = {"p": f.value, "k_n": before.n_kept, "n": f.n_kept, "share": f.mass_of_input}
            parts.append(tr("nt_cut_top_p_after_k", **args, mass=f.mass))
        before = f
    parts.append(tr("nt_cut", cut=dist.cut_mass, n=dist.n_kept))
    return " ".join(parts)


def _buttons(loaded, strategy, ids, labels) -> None:
    pick_row = st.columns([3, 1, 1])
    pick = pick_row[0].selectbox(
        tr("nt_pick"), range(len(ids)), key="nt_pick", format_func=lambda i: f"{i + 1}. {labels[i]!r}"
    )
    pick_row[1].button(
        tr("nt_pick"),
        key="nt_pick_go",
        on_click=_append,
        args=(loaded, strategy, ids[pick or 0]),
        width="stretch",
    )
    pick_row[2].button(
        tr("nt_sample"),
        key="nt_sample_go",
        on_click=_append,
        args=(loaded, strategy, None),
        width="stretch",
    )
    run_row = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
    inputs.number(S.NT_N, run_row[0])
    run_row[1].button(tr("nt_generate"), key="nt_generate_go", on_click=_generate, args=(loaded, strategy))
    run_row[2].button(tr("nt_undo"), key="nt_undo_go", on_click=_undo)
    run_row[3].button(tr("nt_reset"), key="nt_reset_go", on_click=_reset)


def _path_table(path: Path) -> None:
    if not path.steps:
        return
    st.markdown(f"**{tr('nt_path')}**")
    st.caption(tr("nt_path_caption"))
    st.table(
        [
            {
                "#": i + 1,
                tr("nt_col_token"): step.text,
                tr("nt_col_prob"): round(step.prob, 4),
                tr("nt_col_prob_used"): round(step.prob_used, 4),
                tr("nt_col_rank"): step.rank,
            }
            for i, step in enumerate(path.steps)
        ],
        hide_index=True,
    )  # a plain table: readable from the back of a room, and a real HTML table for tests


def draw_loss(loaded: LoadedModel, result, table) -> None:
    """The whole prompt's loss and perplexity, and each token coloured by its GLTR rank band."""
    try:
        loss, ppl = surprisal.prompt_loss(result)
    except LmvizError:
        st.info(tr("nt_loss_short"))
        return
    st.metric(tr("nt_tab_loss"), f"{ppl:.1f}", help=tr("nt_loss_caption"), label_visibility="collapsed")
    st.markdown(tr("nt_loss", loss=loss, ppl=ppl, n=result.n_tokens - 1))
    st.caption(tr("nt_loss_caption"))
    st.markdown(gltr_html(table), unsafe_allow_html=True)


def gltr_html(table) -> str:
    spans = []
    for row in table:
        colour = surprisal.gltr_color(row.band)
        if row.has_prediction:
            alts = "\n".join(f"{alt!r}: {p:.1%}" for alt, p in row.alternatives)
            tip = f"p = {row.prob:.2%} · rank {row.rank} · {row.surprisal_bits:.1f} bits\n{alts}"
        else:
            tip = "—"
        text = html_text(row.token.replace("\n", "⏎")).replace(" ", "&nbsp;")
        spans.append(
            f'<span title="{html_text(tip)}" style="background:{colour};'
            f'padding:1px 2px;margin:1px;border-radius:3px;line-height:2">{text}</span>'
        )
    return '<div class="lmviz-gltr">' + "".join(spans) + "</div>"


def draw_lens(lens, fmt: str, title: str, key: str = "nt_lens") -> None:
    fig = plots.lens_heatmap(
        lens.final_answer_prob,
        [list(row) for row in lens.top_tokens],
        list(lens.tokens),
        title,
        (tr("nt_lens_position"), tr("nt_lens_layer")),
    )
    show(fig, key, {"toImageButtonOptions": {"format": fmt}, "displaylogo": False})
    st.caption(tr("nt_lens_caption"))
