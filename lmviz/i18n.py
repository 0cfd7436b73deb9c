"""A small strings table: every user-facing string in English and Chinese, looked up by key."""

from __future__ import annotations

LANGUAGES = {"en": "English", "zh": "中文"}

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"en": "lmviz: see how language models work", "zh": "lmviz：看见语言模型如何工作"},
    "nav_home": {"en": "Home", "zh": "首页"},
    "language": {"en": "Language", "zh": "语言"},
    "causal_model": {"en": "Causal (GPT-style) model", "zh": "自回归（GPT 类）模型"},
    "masked_model": {"en": "Masked (BERT-style) model", "zh": "掩码（BERT 类）模型"},
    "other_model": {"en": "Other: hub id or local folder…", "zh": "其他：Hub 模型名或本地文件夹…"},
    "other_model_input": {
        "en": "Hub id (e.g. gpt2, bert-base-uncased) or local folder",
        "zh": "Hub 模型名（如 gpt2、bert-base-chinese）或本地文件夹",
    },
    "other_model_help": {
        "en": "Hub models load from the local Hugging Face cache; downloads need LMVIZ_ALLOW_DOWNLOADS=1.",
        "zh": "Hub 模型从本地 Hugging Face 缓存加载；下载需要设置 LMVIZ_ALLOW_DOWNLOADS=1。",
    },
    "text": {"en": "Text", "zh": "文本"},
    "default_text": {
        "en": "The capital of France is Paris, and the river that runs through it is the Seine.",
        "zh": "法国的首都是巴黎，流经巴黎的河流是塞纳河。",
    },
    "loading_model": {"en": "Loading {name}…", "zh": "正在加载 {name}…"},
    "model_failed": {
        "en": "The model could not be loaded: {error}",
        "zh": "模型无法加载：{error}",
    },
    "analysis_failed": {"en": "The text could not be analysed: {error}", "zh": "无法分析该文本：{error}"},
    "kind_causal": {"en": "causal (predicts the next token)", "zh": "自回归（预测下一个词元）"},
    "kind_masked": {"en": "masked (fills in [MASK])", "zh": "掩码（填补 [MASK]）"},
    "kind_encoder": {"en": "encoder (attention only)", "zh": "编码器（仅注意力）"},
    "kind_tiny_suffix": {"en": "test model, random weights", "zh": "测试模型，随机权重"},
    "home_intro": {
        "en": (
            "lmviz runs real language models on this machine and shows what they compute: which words "
            "attend to which, the probability of every possible next token, and how a masked model and an "
            "autoregressive model predict the same word differently. Choose the models and the text in the "
            "sidebar; every page uses them."
        ),
        "zh": (
            "lmviz 在本机运行真实的语言模型，并展示它们计算的内容：哪些词关注哪些词、"
            "下一个词元的完整概率分布，"
            "以及掩码模型与自回归模型如何以不同方式预测同一个词。在侧边栏选择模型和文本，所有页面都会使用它们。"
        ),
    },
    "pages_heading": {"en": "Pages", "zh": "页面"},
    "page_home_desc": {
        "en": "the models in use, the device they run on, and your text as each model reads it (tokens).",
        "zh": "正在使用的模型、运行设备，以及每个模型如何读取你的文本（词元）。",
    },
    "models_heading": {"en": "Models in use", "zh": "正在使用的模型"},
    "col_role": {"en": "Role", "zh": "角色"},
    "col_model": {"en": "Model", "zh": "模型"},
    "col_kind": {"en": "Kind", "zh": "类型"},
    "col_shape": {"en": "Layers × heads", "zh": "层数 × 头数"},
    "col_params": {"en": "Parameters", "zh": "参数量"},
    "col_device": {"en": "Device", "zh": "设备"},
    "col_dtype": {"en": "Precision", "zh": "精度"},
    "tokens_heading": {"en": "Your text as each model reads it", "zh": "每个模型如何读取你的文本"},
    "tokens_caption": {
        "en": "{n} tokens. A model never sees letters, only these pieces (tokens), "
        "each a row of its vocabulary.",
        "zh": "{n} 个词元。模型看不到字母，只看到这些片段（词元），每个都是其词表中的一行。",
    },
    "available_heading": {"en": "Models available now", "zh": "当前可用的模型"},
    "unavailable": {"en": "unavailable: {reason}", "zh": "不可用：{reason}"},
    "empty_text": {"en": "Type some text in the sidebar to begin.", "zh": "请先在侧边栏输入一些文本。"},
}


def t(key: str, lang: str = "en", **fmt: object) -> str:
    """The string for `key` in `lang` (falling back to English), formatted with `fmt`."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**fmt) if fmt else text
