"""Every setting of every page, declared once: its session key, URL name, type, range, default and labels.

Widgets (`lmviz_app.widgets.inputs`), the URL state (`lmviz_app.url_state`), the lessons and the "Share
this view" link all read these declarations; nothing else writes a setting's key, range or default.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from lmviz.analysis.attention import SCALE_MODES
from lmviz.analysis.decoding_tree import MAX_STEPS as TREE_MAX
from lmviz.analysis.decoding_tree import METHODS as TREE_METHODS
from lmviz.analysis.generation import MAX_NEW_TOKENS
from lmviz.analysis.gltr import MODES as GLTR_MODES
from lmviz.analysis.why.ablation import MODES as ABLATION_MODES
from lmviz.analysis.why.ablation import PARTS as ABLATION_PARTS
from lmviz.analysis.why.attribution import MAX_STEPS as ATTRIBUTION_STEPS
from lmviz.analysis.why.attribution import METHODS as ATTRIBUTION_METHODS
from lmviz.analysis.why.attribution import MIN_STEPS as ATTRIBUTION_MIN_STEPS
from lmviz.analysis.why.patching import SITES as PATCH_SITES
from lmviz.kinds import Method
from lmviz.text.bpe import VOCAB_MAX, VOCAB_MIN, WORD_CHARS
from lmviz.training.config import DEFAULT_LR, PRETRAIN_CONFIG, TrainConfig
from lmviz_app.attention_view import SINK_MODES
from lmviz_app.presets import COMPARE_PRESETS, PAIR_PRESETS, PATCH_PRESETS, STEER_PRESETS

OWN_PAIR = "own"  # the pair typed into the two boxes
MAX_TEXT = 20_000  # characters the text box keeps (a longer paste is cut, with a notice)
MAX_UI_STEPS = 1000  # longer training runs belong to `lmviz train`
# A model is a registry name, a hub id or a folder path: printable, no control characters, bounded.
MODEL_NAME_CHARS = 300


@dataclass(frozen=True)
class Setting:
    """One setting. `kind`: "choice", "int", "float", "bool", "text" or "model"."""

    key: str  # session-state key (and the widget's key)
    kind: str
    default: object = None
    url: str | None = None  # the URL parameter that shares it; None: not part of a shared view
    label: str = ""  # i18n key of the widget's label
    help: str | None = None  # i18n key of the widget's help text
    choices: tuple = ()
    option_labels: Mapping[object, str] = field(default_factory=lambda: MappingProxyType({}))
    low: float | None = None
    high: float | None = None
    step: float | None = None

    def option_label(self, value: object) -> str:
        """The i18n key that names one of the choices."""
        return self.option_labels[value]

    def parse(self, raw: object) -> object | None:
        """A URL value as this setting's value; None when it is not a valid one."""
        raw = raw if isinstance(raw, str) else str(raw)
        if self.kind == "text":
            return raw if len(raw) <= MAX_TEXT else None
        if self.kind == "model":
            name = raw.strip()
            ok = 0 < len(name) <= MODEL_NAME_CHARS and all(c.isprintable() for c in name)
            return name if ok else None
        if self.kind == "choice":
            return next((c for c in self.choices if str(c) == raw), None)
        if self.kind == "bool":
            return {"1": True, "true": True, "0": False, "false": False}.get(raw.lower())
        try:
            number = int(raw) if self.kind == "int" else float(raw)
        except ValueError:
            return None
        return number if self.valid(number) else None

    def valid(self, value: object) -> bool:
        if self.kind in ("int", "float"):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
            return (
                ok and (self.low is None or value >= self.low) and (self.high is None or value <= self.high)
            )
        if self.kind == "choice":
            return value in self.choices
        if self.kind == "bool":
            return isinstance(value, bool)
        return isinstance(value, str)

    def encode(self, value: object) -> str:
        if self.kind == "bool":
            return "1" if value else "0"
        if self.kind == "float":
            return f"{float(value):g}"
        return str(value)


# --- the sidebar: every page ---------------------------------------------------------------------------
LANG = Setting("lang", "choice", "en", url="lang", label="language", choices=("en", "zh"))
CAUSAL = Setting("causal", "model", url="causal", label="causal_model")
MASKED = Setting("masked", "model", url="masked", label="masked_model")
TEXT = Setting("text", "text", url="text", label="text")
PRESENTER = Setting("presenter", "bool", False, url="presenter", label="presenter", help="presenter_help")
SIDEBAR = (LANG, CAUSAL, MASKED, TEXT, PRESENTER)


TEXT_FOLLOWS = "_text_follows_lang"  # session: the text is the sidebar's own example (a lesson clears it)


def chosen_key(role: str) -> str:
    """Session key: the user, a link or a lesson picked this role's model, so it stays when the language
    changes (an untouched pick follows the language's default)."""
    return f"_{role}_chosen"


# --- attention ------------------------------------------------------------------------------------------
ATTENTION_VIEWS = ("head", "grid", "average", "rollout", "bv_head", "bv_model")
SLOTS = ("causal", "masked", "both")
ATT_WHICH = Setting(
    "att_which", "choice", "causal", url="which", label="att_which", choices=SLOTS,
    option_labels=MappingProxyType({"causal": "att_which_causal", "masked": "att_which_masked",
                                    "both": "att_which_both"}),
)  # fmt: skip
ATT_VIEW = Setting(
    "att_view", "choice", "head", url="view", label="att_view", choices=ATTENTION_VIEWS,
    option_labels=MappingProxyType({"head": "att_view_head", "grid": "att_view_grid",
                                    "average": "att_view_average", "rollout": "att_view_rollout",
                                    "bv_head": "att_view_bv_head", "bv_model": "att_view_bv_model"}),
)  # fmt: skip
ATT_SINKS = Setting(
    "att_sinks", "choice", "keep", url="sinks", label="att_sinks", help="att_sinks_help", choices=SINK_MODES,
    option_labels=MappingProxyType({"keep": "att_sinks_keep", "hide": "att_sinks_hide",
                                    "down": "att_sinks_down"}),
)  # fmt: skip
ATT_SINK_WEIGHT = Setting(
    "att_sink_weight", "float", 0.2, url="sink_weight", label="att_sink_weight", low=0.0, high=1.0, step=0.05
)
ATT_SCALE = Setting(
    "att_scale", "choice", "linear", url="scale", label="att_scale", choices=SCALE_MODES,
    option_labels=MappingProxyType({"linear": "att_scale_linear", "log": "att_scale_log",
                                    "row": "att_scale_row"}),
)  # fmt: skip
ATT_WORDS = Setting("att_words", "bool", False, url="words", label="att_words", help="att_words_help")
ATT_FMT = Setting("att_fmt", "choice", "png", label="att_image_format", choices=("png", "svg"))
# (layer, head) of each slot: the slider's range is the model's, a URL may say up to 1000
ATT_LAYER_CAUSAL = Setting("att_layer_causal", "int", 0, url="layer", label="att_layer", low=0, high=1000)
ATT_HEAD_CAUSAL = Setting("att_head_causal", "int", 0, url="head", label="att_head", low=0, high=1000)
ATT_LAYER_MASKED = Setting("att_layer_masked", "int", 0, url="mlayer", label="att_layer", low=0, high=1000)
ATT_HEAD_MASKED = Setting("att_head_masked", "int", 0, url="mhead", label="att_head", low=0, high=1000)
LAYER_HEAD = {"causal": (ATT_LAYER_CAUSAL, ATT_HEAD_CAUSAL), "masked": (ATT_LAYER_MASKED, ATT_HEAD_MASKED)}
ATTENTION = (
    ATT_WHICH, ATT_VIEW, ATT_SINKS, ATT_SINK_WEIGHT, ATT_SCALE, ATT_WORDS, ATT_FMT,
    *LAYER_HEAD["causal"], *LAYER_HEAD["masked"],
)  # fmt: skip

# --- next token -----------------------------------------------------------------------------------------
NT_PANEL = Setting(
    "nt_panel", "choice", "next", url="panel", choices=("next", "tree", "pair", "loss", "lens"),
    option_labels=MappingProxyType({"next": "nt_tab_next", "tree": "nt_tab_tree", "pair": "nt_tab_pair",
                                    "loss": "nt_tab_loss", "lens": "nt_tab_lens"}),
)  # fmt: skip
NT_CHAT = Setting("nt_chat", "bool", False, url="chat", label="nt_chat", help="nt_chat_help")
NT_TEMPERATURE = Setting(
    "nt_temperature", "float", 1.0, url="temperature", label="nt_temperature", low=0.05, high=3.0, step=0.05
)
NT_TOP_K = Setting("nt_top_k", "int", 0, url="top_k", label="nt_top_k", low=0, high=1000)
NT_TOP_P = Setting("nt_top_p", "float", 1.0, url="top_p", label="nt_top_p", low=0.05, high=1.0, step=0.01)
NT_GREEDY = Setting("nt_greedy", "bool", False, url="greedy", label="nt_greedy")
NT_SEED = Setting("nt_seed", "int", 0, url="seed", label="nt_seed", low=0, high=2**31 - 1)
NT_FMT = Setting("nt_fmt", "choice", "png", label="att_image_format", choices=("png", "svg"))
NT_BARS = Setting("nt_bars", "int", 10, label="nt_bars", low=5, high=30)
NT_N = Setting("nt_n", "int", 10, label="nt_generate_n", low=1, high=MAX_NEW_TOKENS)
NT_PAIR_PRESET = Setting(
    "nt_pair_preset", "choice", PAIR_PRESETS[0].key, url="pair_preset", label="nt_pair_preset",
    choices=(*(p.key for p in PAIR_PRESETS), OWN_PAIR),
    option_labels=MappingProxyType({**{p.key: p.label for p in PAIR_PRESETS}, OWN_PAIR: "pair_own"}),
)  # fmt: skip
NT_TREE_METHOD = Setting(
    "nt_tree_method", "choice", "beam", url="decoder", label="nt_tree_method", choices=TREE_METHODS,
    option_labels=MappingProxyType({"always_top": "nt_tree_greedy", "beam": "nt_tree_beam_search",
                                    "sample": "nt_tree_sample"}),
)  # fmt: skip
NT_TREE_STEPS = Setting(
    "nt_tree_steps", "int", 6, url="tree_steps", label="nt_tree_steps", low=1, high=TREE_MAX
)
NT_BEAMS = Setting("nt_beams", "int", 3, url="beams", label="nt_beams", low=2, high=5)
NT_LENGTH_PENALTY = Setting(
    "nt_length_penalty", "float", 1.0, url="length_penalty", label="nt_length_penalty",
    help="nt_length_penalty_help", low=0.0, high=2.0, step=0.1,
)  # fmt: skip
NT_GLTR_MODE = Setting(
    "nt_gltr_mode", "choice", "sample_top40", url="gltr", label="nt_gltr_mode", choices=GLTR_MODES,
    option_labels=MappingProxyType({"sample_top40": "nt_gltr_sampled", "always_top": "nt_gltr_greedy"}),
)  # fmt: skip
NT_PAIR_A = Setting("nt_pair_a", "text", "", url="pair_a", label="nt_pair_a")
NT_PAIR_B = Setting("nt_pair_b", "text", "", url="pair_b", label="nt_pair_b")
NEXT_TOKEN = (NT_PANEL, NT_CHAT, NT_TEMPERATURE, NT_TOP_K, NT_TOP_P, NT_GREEDY, NT_SEED, NT_FMT,
              NT_PAIR_PRESET, NT_PAIR_A, NT_PAIR_B, NT_GLTR_MODE, NT_TREE_METHOD, NT_TREE_STEPS, NT_BEAMS,
              NT_LENGTH_PENALTY)  # fmt: skip

# --- left vs both sides ---------------------------------------------------------------------------------
OWN_TEXT = "own"  # the sidebar's text (a selectbox shows None as "Choose an option")
CMP_PRESET = Setting(
    "cmp_preset", "choice", OWN_TEXT, url="preset", label="cmp_preset",
    choices=(OWN_TEXT, *(p.key for p in COMPARE_PRESETS)),
    option_labels=MappingProxyType({OWN_TEXT: "cmp_preset_none",
                                    **{p.key: p.label for p in COMPARE_PRESETS}}),
)  # fmt: skip
CMP_WORD = Setting("cmp_word", "int", None, url="word", label="cmp_word", low=0, high=10_000)
COMPARE = (CMP_PRESET, CMP_WORD)

# --- training -------------------------------------------------------------------------------------------
LEARNING_RATES = (1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 2e-3, 3e-3, 1e-2)
SEQ_LENS = (32, 64, 128, 256)
TR_MODE = Setting(
    "tr_mode", "choice", "finetune", label="tr_mode", choices=("finetune", "pretrain"),
    option_labels=MappingProxyType({"finetune": "tr_mode_finetune", "pretrain": "tr_mode_pretrain"}),
)  # fmt: skip
TR_DATA = Setting(
    "tr_data", "choice", "kjv", label="tr_data", choices=("kjv", "wikipedia", "poems_zh", "paste", "upload"),
    option_labels=MappingProxyType({"kjv": "tr_data_kjv", "wikipedia": "tr_data_wikipedia",
                                    "poems_zh": "tr_data_poems_zh",
                                    "paste": "tr_data_paste", "upload": "tr_data_upload"}),
)  # fmt: skip
TR_METHOD = Setting(
    "tr_method", "choice", Method.LORA, label="tr_method", choices=(Method.LORA, Method.TOP, Method.FULL),
    option_labels=MappingProxyType({Method.LORA: "tr_method_lora", Method.TOP: "tr_method_top",
                                    Method.FULL: "tr_method_full"}),
)  # fmt: skip
TR_STEPS_FINETUNE = Setting(
    "tr_steps_finetune", "int", TrainConfig.steps, label="tr_steps", low=1, high=MAX_UI_STEPS
)
TR_STEPS_PRETRAIN = Setting(
    "tr_steps_pretrain", "int", PRETRAIN_CONFIG.steps, label="tr_steps", low=1, high=MAX_UI_STEPS
)
TR_BATCH_FINETUNE = Setting("tr_batch_finetune", "int", TrainConfig.batch, label="tr_batch", low=1, high=32)
TR_BATCH_PRETRAIN = Setting(
    "tr_batch_pretrain", "int", PRETRAIN_CONFIG.batch, label="tr_batch", low=1, high=64
)
TR_SEQ_LEN = Setting("tr_seq_len", "choice", TrainConfig.seq_len, label="tr_seq_len", choices=SEQ_LENS)
TR_TOP_LAYERS = Setting("tr_top_layers", "int", 2, label="tr_top_layers", low=1)  # high: the model's layers
TR_LORA_RANK = Setting(
    "tr_lora_rank", "choice", TrainConfig.lora_rank, label="tr_lora_rank", choices=(4, 8, 16, 32)
)
TR_SEED = Setting("tr_seed", "int", 0, label="tr_seed", low=0, high=1_000_000)
TR_LR = {  # one per method, each starting at that method's default learning rate
    m: Setting(f"tr_lr_{m.value}", "choice", DEFAULT_LR[m], label="tr_lr", choices=LEARNING_RATES)
    for m in Method
}
TR_LR_PRETRAIN = Setting(
    "tr_lr_pretrain", "choice", PRETRAIN_CONFIG.lr, label="tr_lr", choices=LEARNING_RATES
)
TR_BASE = Setting("tr_base", "model", label="tr_base", help="tr_base_help")
TR_PASTE = Setting("tr_paste", "text", "", label="tr_paste")
TRAIN = (
    TR_MODE, TR_BASE, TR_DATA, TR_PASTE, TR_METHOD, TR_STEPS_FINETUNE, TR_STEPS_PRETRAIN,
    TR_BATCH_FINETUNE, TR_BATCH_PRETRAIN, TR_SEQ_LEN, TR_TOP_LAYERS, TR_LORA_RANK, TR_SEED,
    *TR_LR.values(), TR_LR_PRETRAIN,
)  # fmt: skip

# --- inside the Transformer -----------------------------------------------------------------------------
INSIDE_PARTS = ("attention", "mlp", "logits", "vectors")
WORD_SETS = ("royals", "numbers", "days", "capitals", "chinese", "own")


def which_model(key: str, url: str) -> Setting:
    """A page's causal/masked switch (the inside and why pages each keep their own, shared in links)."""
    return Setting(
        key, "choice", "causal", url=url, label="in_which", choices=("causal", "masked"),
        option_labels=MappingProxyType({"causal": "att_which_causal", "masked": "att_which_masked"}),
    )  # fmt: skip


IN_WHICH = which_model("in_which", "in_model")
IN_PART = Setting(
    "in_part", "choice", "attention", url="part", label="in_part", choices=INSIDE_PARTS,
    option_labels=MappingProxyType({"attention": "in_part_attention", "mlp": "in_part_mlp",
                                    "logits": "in_part_logits", "vectors": "in_part_vectors"}),
)  # fmt: skip
IN_LAYER = Setting("in_layer", "int", 0, url="in_layer", label="in_arch_block", low=0, high=1000)
IN_HEAD = Setting("in_head", "int", 0, url="in_head", label="att_head", low=0, high=1000)
IN_TOKEN = Setting("in_token", "int", None, url="in_token", label="in_token", low=0, high=1000)
IN_NEURON = Setting("in_neuron", "int", None, url="neuron", label="in_neuron", low=0, high=1_000_000)
IN_TARGET = Setting("in_target", "int", None, url="target", label="in_target", low=0, high=10_000_000)
IN_TARGET_WORD = Setting(
    "in_target_word", "text", "", url="target_word", label="in_target_word", help="in_target_word_help"
)
IN_WORDSET = Setting(
    "in_wordset", "choice", "royals", url="wordset", label="in_wordset", choices=WORD_SETS,
    option_labels=MappingProxyType({"royals": "in_words_royals", "numbers": "in_words_numbers",
                                    "days": "in_words_days", "capitals": "in_words_capitals",
                                    "chinese": "in_words_chinese", "own": "in_words_own"}),
)  # fmt: skip
IN_WORDLIST = Setting("in_wordlist", "text", "", url="wordlist", label="in_wordlist", help="in_wordlist_help")
IN_RESCALE = Setting("in_rescale", "bool", True, url="rescale", label="in_rescale", help="in_rescale_help")
INSIDE = (IN_WHICH, IN_PART, IN_LAYER, IN_HEAD, IN_TOKEN, IN_NEURON, IN_TARGET, IN_TARGET_WORD, IN_WORDSET,
          IN_WORDLIST, IN_RESCALE)  # fmt: skip

# --- why did it say that ---------------------------------------------------------------------------------
WHY_PARTS = ("attribution", "heads", "patching", "steering")
OWN = "own"
WHY_WHICH = which_model("why_which", "why_model")
WHY_PART = Setting(
    "why_part", "choice", "attribution", url="why_part", label="why_part", choices=WHY_PARTS,
    option_labels=MappingProxyType({"attribution": "why_part_attribution", "heads": "why_part_heads",
                                    "patching": "why_part_patching", "steering": "why_part_steering"}),
)  # fmt: skip
WHY_ANSWER = Setting("why_answer", "text", "", url="answer", label="why_answer", help="why_answer_help")
WHY_CONTRAST = Setting(
    "why_contrast", "text", "", url="contrast", label="why_contrast", help="why_contrast_help"
)
WHY_METHOD = Setting(
    "why_method", "choice", "integrated", url="why_method", label="why_method", choices=ATTRIBUTION_METHODS,
    option_labels=MappingProxyType({"integrated": "why_method_integrated",
                                    "grad_input": "why_method_grad_input",
                                    "attention_grad": "why_method_attention_grad"}),
)  # fmt: skip
WHY_STEPS = Setting(
    "why_steps",
    "int",
    32,
    url="ig_steps",
    label="why_steps",
    help="why_steps_help",
    low=ATTRIBUTION_MIN_STEPS,
    high=ATTRIBUTION_STEPS,
)
WHY_HT_ON = Setting(
    "why_ht_on", "choice", "text", url="heads_on", label="why_ht_on", choices=("text", "sequence"),
    option_labels=MappingProxyType({"text": "why_ht_on_text", "sequence": "why_ht_on_sequence"}),
)  # fmt: skip
WHY_SEED = Setting("why_seed", "int", 0, url="seq_seed", label="why_seed", low=0, high=1_000_000)
WHY_ABLATE = Setting(
    "why_ablate", "choice", "head", url="ablate", label="why_ablate", choices=ABLATION_PARTS,
    option_labels=MappingProxyType({"head": "why_ablate_head", "attention": "why_ablate_attention",
                                    "mlp": "why_ablate_mlp"}),
)  # fmt: skip
WHY_ABLATE_MODE = Setting(
    "why_ablate_mode", "choice", "zero", url="ablate_mode", label="why_ablate_mode", choices=ABLATION_MODES,
    help="why_ablate_mode_help",
    option_labels=MappingProxyType({"zero": "why_mode_zero", "mean": "why_mode_mean"}),
)  # fmt: skip
WHY_LAYER = Setting("why_layer", "int", 0, url="why_layer", label="in_arch_block", low=0, high=1000)
WHY_HEAD = Setting("why_head", "int", 0, url="why_head", label="att_head", low=0, high=1000)
WHY_PATCH_PRESET = Setting(
    "why_patch_preset", "choice", PATCH_PRESETS[0].key, url="patch_preset", label="why_patch_preset",
    choices=(*(p.key for p in PATCH_PRESETS), OWN),
    option_labels=MappingProxyType({**{p.key: p.label for p in PATCH_PRESETS}, OWN: "pair_own"}),
)  # fmt: skip
WHY_CLEAN = Setting("why_clean", "text", "", url="clean", label="why_clean")
WHY_CORRUPT = Setting("why_corrupt", "text", "", url="corrupt", label="why_corrupt")
WHY_PATCH_SITE = Setting(
    "why_patch_site", "choice", "resid", url="patch_site", label="why_patch_site", choices=PATCH_SITES,
    option_labels=MappingProxyType({"resid": "why_site_resid", "attn": "why_site_attn",
                                    "mlp": "why_site_mlp"}),
)  # fmt: skip
WHY_STEER_PRESET = Setting(
    "why_steer_preset", "choice", STEER_PRESETS[0].key, url="steer_preset", label="why_steer_preset",
    choices=(*(p.key for p in STEER_PRESETS), OWN),
    option_labels=MappingProxyType({**{p.key: p.label for p in STEER_PRESETS}, OWN: "pair_own"}),
)  # fmt: skip
WHY_STEER_A = Setting("why_steer_a", "text", "", url="steer_a", label="why_steer_a")
WHY_STEER_B = Setting("why_steer_b", "text", "", url="steer_b", label="why_steer_b")
WHY_STEER_PROMPT = Setting("why_steer_prompt", "text", "", url="steer_prompt", label="why_steer_prompt")
WHY_STEER_LAYER = Setting(
    "why_steer_layer",
    "int",
    STEER_PRESETS[0].layer,
    url="steer_layer",
    label="in_arch_block",
    low=0,
    high=1000,
)
WHY_ALPHA = Setting(
    "why_alpha", "float", STEER_PRESETS[0].alpha, url="alpha", label="why_alpha", help="why_alpha_help",
    low=-20.0, high=20.0, step=0.5,
)  # fmt: skip
WHY_STEER_TEMP = Setting(
    "why_steer_temp", "float", 0.0, url="steer_temp", label="why_steer_temp", help="why_steer_temp_help",
    low=0.0, high=2.0, step=0.1,
)  # fmt: skip
WHY = (WHY_WHICH, WHY_PART, WHY_ANSWER, WHY_CONTRAST, WHY_METHOD, WHY_STEPS, WHY_HT_ON, WHY_SEED, WHY_ABLATE,
       WHY_ABLATE_MODE, WHY_LAYER, WHY_HEAD, WHY_PATCH_PRESET, WHY_CLEAN, WHY_CORRUPT, WHY_PATCH_SITE,
       WHY_STEER_PRESET, WHY_STEER_A, WHY_STEER_B, WHY_STEER_PROMPT, WHY_STEER_LAYER, WHY_ALPHA,
       WHY_STEER_TEMP)  # fmt: skip

# --- tokenizers ---------------------------------------------------------------------------------------
TK_CORPUS = Setting(
    "tk_corpus", "choice", "kjv", url="bpe_corpus", label="tk_corpus",
    choices=("kjv", "wikipedia", "poems_zh", "text"),
    option_labels=MappingProxyType({"kjv": "tk_corpus_kjv", "wikipedia": "tk_corpus_wikipedia",
                                    "poems_zh": "tk_corpus_poems_zh",
                                    "text": "tk_corpus_text"}),
)  # fmt: skip
TK_VOCAB = Setting(
    "tk_vocab", "int", 1000, url="bpe_vocab", label="tk_vocab", low=VOCAB_MIN, high=VOCAB_MAX, step=20
)
TK_WORD = Setting("tk_word", "text", "beginning", url="bpe_word", label="tk_word", help="tk_word_help")
TK_STEP = Setting("tk_step", "int", None, url="merge_step", label="tk_step", low=0, high=4 * WORD_CHARS)
TOKENIZERS = (TK_CORPUS, TK_VOCAB, TK_WORD, TK_STEP)

# --- all of them ----------------------------------------------------------------------------------------
PAGE_SETTINGS: dict[str, tuple[Setting, ...]] = {
    "home": (),
    "attention": ATTENTION,
    "next_token": NEXT_TOKEN,
    "compare": COMPARE,
    "train": TRAIN,
    "inside": INSIDE,
    "why": WHY,
    "tokenizers": TOKENIZERS,
}
ALL = SIDEBAR + tuple(s for settings in PAGE_SETTINGS.values() for s in settings)
SHARED = tuple(s for s in ALL if s.url)  # what a link carries, in URL order
BY_URL = {s.url: s for s in SHARED}
BY_KEY = {s.key: s for s in ALL}


def keys(settings: tuple[Setting, ...]) -> tuple[str, ...]:
    return tuple(s.key for s in settings)


def view_defaults(page: str) -> dict[str, object]:
    """The shared settings of a page at their defaults (those that have one): where a lesson step starts."""
    return {s.key: s.default for s in PAGE_SETTINGS[page] if s.url and s.default is not None}
