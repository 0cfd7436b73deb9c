"""The one bridge between lmviz and Streamlit: shared cached models, cached results, sidebar state.

Models are cached with `st.cache_resource` (one object for every session: never mutate it). Results are
keyed by everything they depend on (model name, device, dtype, text, cap) and shared by every session
within one budget of bytes (`results.shared_result`, $LMVIZ_CACHE_MB), not copied per session as
`st.cache_data` would (139 MB and ~50 ms for 256 tokens of SmolLM2, mostly attentions and logits).
Inspections and next-token logits run through the process's gatherer: sessions asking at the same moment
share one batched forward pass (`lmviz.models.gather`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from lmviz.analysis import compare, decoding_tree, gltr
from lmviz.analysis.generation import next_distribution
from lmviz.analysis.inspection import Inspection, inspect_text
from lmviz.analysis.internals import head_steps, trace, vectors
from lmviz.analysis.logit_lens import LensResult, logit_lens
from lmviz.analysis.sampling import Strategy
from lmviz.analysis.surprisal import TokenScore, token_table
from lmviz.analysis.why import ablation, answer, attribution, head_types, steering
from lmviz.errors import LmvizError, Message
from lmviz.messages import SENTENCE_SEPARATOR, render
from lmviz.models import gather
from lmviz.models.loading import LoadedModel, load_model
from lmviz.models.registry import ModelInfo, list_models, model_kind_of
from lmviz.text import bpe, chinese, corpora
from lmviz_app import i18n
from lmviz_app.results import shared_result
from lmviz_app.widgets.text import md

OTHER = "__other__"


@dataclass(frozen=True)
class Choices:
    """What the shared sidebar says: language, chosen model names, text."""

    lang: str
    causal: str
    masked: str
    text: str


def tr(key: str, **fmt: object) -> str:
    """Translate with the language the sidebar is set to."""
    return i18n.t(key, st.session_state.get("lang", "en"), **fmt)


def tr_core(message: LmvizError | Message | Sequence[Message | None] | str | None) -> str:
    """What the core said (an error, a notice, a method), in the sidebar's language, ready for markdown:
    the parameters (model names, words, file names: user text) are escaped, the template is not. Plain
    text (another library's error) is escaped whole."""
    lang = st.session_state.get("lang", "en")
    if message is None:
        return ""
    if isinstance(message, LmvizError):
        message = message.message
    if isinstance(message, Message):
        return render(message, lang, escape=md)
    if isinstance(message, str):
        return md(message)
    return SENTENCE_SEPARATOR[lang].join(tr_core(m) for m in message if m is not None)


@st.cache_resource(max_entries=6, show_spinner=False)
def shared_model(name: str) -> LoadedModel:
    """The one copy of a registry model every session reads. Never train or change it."""
    return load_model(name)


OWN_MODELS = "_own_models"  # session state: this session's trained models, by their unique names
MAX_OWN_MODELS = 2  # a fine-tuned SmolLM2 is ~0.5 GB: a session keeps its two latest


def own_models() -> dict[str, LoadedModel]:
    """This session's trained models (empty outside a Streamlit run)."""
    if get_script_run_ctx() is None:
        return {}
    return st.session_state.setdefault(OWN_MODELS, {})


def add_own_model(loaded: LoadedModel) -> None:
    """Offer a trained model on every page of this session; the oldest beyond MAX_OWN_MODELS is dropped."""
    models = own_models()
    models[loaded.name] = loaded
    while len(models) > MAX_OWN_MODELS:
        models.pop(next(iter(models)))


def get_model(name: str) -> LoadedModel:
    """This session's trained model of that name, else the shared registry model.

    Trained models have names no other session has ("fine-tuned: smollm2-135m #3": the job number is
    unique in the server), so the result caches below, keyed by name, never mix sessions' models."""
    own = own_models().get(name)
    return own if own is not None else shared_model(name)


@st.cache_data(ttl=60, show_spinner=False)
def available_models() -> list[ModelInfo]:
    """list_models(), refreshed at most once a minute (it scans the Hugging Face cache)."""
    return list_models()


@st.cache_data(ttl=60, show_spinner=False)
def _config_kind(name: str) -> str | None:
    return model_kind_of(name)


def model_kind(name: str) -> str | None:
    """A model's kind (causal, masked, encoder) without loading its weights; None when unknown."""
    own = own_models().get(name)
    return own.kind if own is not None else _config_kind(name)


def _devices(*names: str) -> tuple[str, ...]:
    """Part of every cache key: the same model name on another device or dtype is another result."""
    return tuple(f"{m.device}/{m.dtype}" for m in map(get_model, names))


@shared_result
def _inspection(model_name: str, text: str, max_tokens: int | None, devices: tuple[str, ...]) -> Inspection:
    return inspect_text(get_model(model_name), text, max_tokens, gather=gather.shared())


def get_inspection(model_name: str, text: str, max_tokens: int | None = None) -> Inspection:
    return _inspection(model_name, text, max_tokens, _devices(model_name))


@shared_result
def _next_logits(model_name: str, ids: tuple[int, ...], devices: tuple[str, ...]) -> np.ndarray:
    logits = next_distribution(get_model(model_name), ids, gather=gather.shared())
    logits.flags.writeable = False  # shared between sessions
    return logits


def get_next_logits(model_name: str, ids: tuple[int, ...]) -> np.ndarray:
    """Logits (V,) for the token after `ids`; temperature and top-k/top-p redraw from this, no new pass."""
    return _next_logits(model_name, tuple(ids), _devices(model_name))


LENS_MAX_TOKENS = 40  # the lens reads every layer through the 30k-50k-wide head: ~2 s for 40 tokens on 2 CPUs


@shared_result
def _lens(model_name: str, text: str, devices: tuple[str, ...]) -> LensResult:
    return logit_lens(get_model(model_name), get_inspection(model_name, text, LENS_MAX_TOKENS))


def get_lens(model_name: str, text: str) -> LensResult:
    """The logit lens of the first LENS_MAX_TOKENS tokens of `text` (cached)."""
    return _lens(model_name, text, _devices(model_name))


@shared_result
def _token_table(model_name: str, text: str, devices: tuple[str, ...]) -> tuple[TokenScore, ...]:
    return token_table(get_model(model_name), get_inspection(model_name, text))


def get_token_table(model_name: str, text: str) -> tuple[TokenScore, ...]:
    return _token_table(model_name, text, _devices(model_name))


@shared_result
def _word_both_ways(causal: str, masked: str, text: str, word: int, devices: tuple[str, ...]):
    chosen = compare.pick_word(text, word)
    return compare.causal_word(get_model(causal), text, chosen), compare.masked_word(
        get_model(masked), text, chosen
    )


def get_word_both_ways(causal: str, masked: str, text: str, word: int):
    """(causal WordPrediction, masked WordPrediction) for word number `word` of `text`."""
    return _word_both_ways(causal, masked, text, word, _devices(causal, masked))


@shared_result
def _strip(causal: str, masked: str, text: str, devices: tuple[str, ...]) -> compare.Strip:
    return compare.sentence_strip(get_model(causal), get_model(masked), text)


def get_strip(causal: str, masked: str, text: str) -> compare.Strip:
    return _strip(causal, masked, text, _devices(causal, masked))


@shared_result
def _blanks(causal: str, masked: str, text: str, devices: tuple[str, ...]):
    return compare.causal_blank(get_model(causal), text), compare.masked_fills(get_model(masked), text)


def get_blanks(causal: str, masked: str, text: str):
    """(the causal model's guess at the first blank, the masked model's fills for every blank)."""
    return _blanks(causal, masked, text, _devices(causal, masked))


@shared_result
def _rescored(causal: str, masked: str, text: str, word: int | None, devices: tuple[str, ...]):
    c, m = get_model(causal), get_model(masked)
    return compare.rescore_blank(c, text, m) if word is None else compare.rescore_word(c, text, word, m)


def get_rescored(causal: str, masked: str, text: str, word: int | None = None) -> compare.Rescored:
    """The causal model's both-sides answer by whole-sentence rescoring: for the text's one blank, or for
    word number `word` hidden (cached: it reads a sentence per candidate)."""
    return _rescored(causal, masked, text, word, _devices(causal, masked))


@shared_result
def _trace(model_name: str, text: str, devices: tuple[str, ...]) -> trace.Trace:
    return trace.trace_text(get_model(model_name), text)


def get_trace(model_name: str, text: str) -> trace.Trace:
    """One pass with every block's inside recorded (first trace.MAX_TOKENS tokens): the whole "Inside the
    Transformer" page redraws from it and the weights, with no other pass."""
    return _trace(model_name, text, _devices(model_name))


@shared_result
def _head_steps(model_name: str, text: str, layer: int, head: int, devices: tuple[str, ...]):
    return head_steps.head_steps(get_model(model_name), get_trace(model_name, text), layer, head)


def get_head_steps(model_name: str, text: str, layer: int, head: int) -> head_steps.HeadSteps:
    return _head_steps(model_name, text, layer, head, _devices(model_name))


@shared_result
def _word_map(model_name: str, words: tuple[str, ...], devices: tuple[str, ...]) -> vectors.WordMap:
    return vectors.word_map(get_model(model_name), list(words))


def get_word_map(model_name: str, words: tuple[str, ...]) -> vectors.WordMap:
    return _word_map(model_name, words, _devices(model_name))


@shared_result
def _model_text(model_name: str, text: str, mode: str, seed: int, devices: tuple[str, ...]):
    return gltr.model_text(get_model(model_name), text, mode, seed)


def get_model_text(model_name: str, text: str, mode: str, seed: int = 0) -> tuple[int, str]:
    """(the opening's token count, the model's own text from the opening of `text`), cached."""
    return _model_text(model_name, text, mode, seed, _devices(model_name))


@shared_result
def _tree(name: str, ids: tuple[int, ...], method: str, steps: int, width: int, penalty: float, seed: int,
          devices: tuple[str, ...]) -> decoding_tree.Tree:  # fmt: skip
    loaded = get_model(name)
    if method == "beam":
        return decoding_tree.beam_search(loaded, ids, steps, width, penalty)
    strategy = Strategy(greedy=True) if method == "always_top" else Strategy(temperature=1.0, seed=seed)
    return decoding_tree.walk(loaded, ids, steps, strategy)


def get_tree(name: str, ids: tuple[int, ...], method: str, steps: int, width: int, penalty: float, seed: int):
    """The decoding tree of `method` from the prompt `ids` (cached: the sliders redraw it)."""
    return _tree(name, tuple(ids), method, steps, width, round(penalty, 2), seed, _devices(name))


@shared_result
def get_bpe(corpus: str, vocab_size: int, text: str = "") -> bpe.TrainedBPE:
    """A byte-level BPE trained on a bundled corpus (or on `text` when corpus is "text"), shared."""
    documents = (text,) if corpus == "text" else corpora.CORPORA[corpus]().documents
    return bpe.train_bpe(documents, vocab_size)


WHY_REFERENCE_TEXTS = 8  # Wikipedia lead paragraphs whose mean activations a mean ablation puts in place


@shared_result
def _attribution(
    name: str, text: str, target: int, contrast: int | None, steps: int, devices: tuple[str, ...]
):
    loaded, ins = get_model(name), get_inspection(name, text, attribution.MAX_TOKENS)
    ids = ins.token_ids.tolist()
    pos = answer.position(loaded, ids)
    return attribution.attribute(loaded, ids, pos, target, contrast, steps, ins.special.tolist())


def get_attribution(
    name: str, text: str, target: int, contrast: int | None, steps: int
) -> attribution.Attribution:
    """Integrated gradients, gradient x input and attention x gradient for one answer (cached)."""
    return _attribution(name, text, target, contrast, steps, _devices(name))


@shared_result
def _repeated_scores(name: str, seed: int, devices: tuple[str, ...]):
    return head_types.on_repeated(get_model(name), seed=seed)


def get_repeated_scores(name: str, seed: int) -> tuple[head_types.RepeatedSequence, head_types.HeadTypes]:
    """Head scores on a random sequence shown twice (the only input that scores induction heads)."""
    return _repeated_scores(name, seed, _devices(name))


@shared_result
def _reference(name: str, devices: tuple[str, ...]) -> ablation.Reference:
    docs = corpora.wikipedia().documents
    step = max(1, len(docs) // WHY_REFERENCE_TEXTS)
    return ablation.reference_means(get_model(name), docs[::step][:WHY_REFERENCE_TEXTS])


def get_reference(name: str) -> ablation.Reference:
    """Each part's mean output over a few Wikipedia paragraphs (what mean ablation puts in its place)."""
    return _reference(name, _devices(name))


@shared_result
def _ablation(name: str, text: str, target: int, part: str, layer: int, head: int, mode: str, devices):
    loaded, ins = get_model(name), get_inspection(name, text, attribution.MAX_TOKENS)
    ids = ins.token_ids.tolist()
    ref = get_reference(name) if mode == "mean" else None
    return ablation.ablate(loaded, ids, answer.position(loaded, ids), target, part, layer, head, mode, ref)


def get_ablation(name: str, text: str, target: int, part: str, layer: int, head: int, mode: str):
    """(before, after) for one part of the model switched off."""
    return _ablation(name, text, target, part, layer, head, mode, _devices(name))


@shared_result
def _steered(
    name: str, a: str, b: str, prompt: str, layer: int, alpha: float, temp: float, seed: int, devices
):
    loaded = get_model(name)
    ids = [loaded.tokenizer(x)["input_ids"][: attribution.MAX_TOKENS] for x in (a, b, prompt)]
    d = steering.direction(loaded, ids[0], ids[1], layer)
    strategy = (
        Strategy(temperature=temp, top_k=40, seed=seed) if temp > 0 else Strategy(greedy=True, seed=seed)
    )
    return steering.steer(loaded, ids[2], d, alpha, steering.DEFAULT_NEW, strategy)


def get_steered(name: str, a: str, b: str, prompt: str, layer: int, alpha: float, temp: float, seed: int):
    """The prompt continued without and with the push (same strategy and seed)."""
    return _steered(name, a, b, prompt, layer, alpha, temp, seed, _devices(name))


def model_or_error(name: str) -> LoadedModel | None:
    """The cached model, or None after showing a clear error (never a traceback)."""
    try:
        with st.spinner(tr("loading_model", name=name)):
            return get_model(name)
    except LmvizError as exc:
        st.error(tr("model_failed", error=tr_core(exc)))
    return None


def inspection_or_error(name: str, text: str, max_tokens: int | None = None) -> Inspection | None:
    """The inspection, or an error message; characters the model cannot read get a notice."""
    try:
        result = get_inspection(name, text, max_tokens)
    except LmvizError as exc:
        st.error(tr("analysis_failed", error=tr_core(exc)))
        return None
    if result.unknown:
        unknown_notice(name, result.unknown)
    return result


def unknown_notice(name: str, pieces: tuple[str, ...]) -> None:
    """Which characters `name` reads as [UNK]; traditional ones get their simplified form."""
    shown = "、".join(md(p) for p in pieces[:12]) + ("…" if len(pieces) > 12 else "")
    note = tr("unknown_chars", model=md(name), n=len(pieces), chars=shown)
    trad = chinese.traditional_chars("".join(pieces))
    if trad:
        note += " " + tr("unknown_traditional", chars="、".join(trad), simplified="、".join(trad.values()))
    st.info(note)


def restore_widgets(keys: tuple[str, ...]) -> None:
    """Carry widget values across pages. Call before drawing the widgets.

    Streamlit ties a widget's state to the page that drew it and drops it on a run where it is not drawn
    (another page). Writing each value back as plain session state detaches it from the old widget, so
    the same key on this page starts from it; values of widgets not drawn last run come from the copy
    `keep_widgets` made.
    """
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
        elif f"_keep_{key}" in st.session_state:
            st.session_state[key] = st.session_state[f"_keep_{key}"]


def keep_widgets(keys: tuple[str, ...]) -> None:
    for key in keys:
        if key in st.session_state:
            st.session_state[f"_keep_{key}"] = st.session_state[key]


def choices() -> Choices:
    s = st.session_state
    return Choices(
        s.get("lang", "en"), s.get("causal_model", ""), s.get("masked_model", ""), s.get("text", "")
    )
