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
    # --- attention explorer ---
    "nav_attention": {"en": "Attention", "zh": "注意力"},
    "page_attention_desc": {
        "en": "self-attention per head, all heads at once, averages and rollout, bertviz views, two models "
        "side by side.",
        "zh": "逐头查看自注意力、一次查看所有头、层平均与注意力展开（rollout）、bertviz 视图，以及两个模型并排对比。",
    },
    "att_title": {"en": "Attention explorer", "zh": "注意力探索器"},
    "att_intro": {
        "en": "Each row is a token asking “which tokens should I read from?”; each column is a token being "
        "read. Darker cells carry more weight. Every row sums to 1.",
        "zh": "每一行是一个词元在问“我应该从哪些词元读取信息？”；每一列是被读取的词元。颜色越深权重越大。每一行的权重之和为 1。",
    },
    "att_explain_heading": {"en": "What am I looking at?", "zh": "这张图表示什么？"},
    "att_explain": {
        "en": (
            "**Self-attention** lets every token build its new meaning from the other tokens. For each token "
            "(a *query*), the model scores every token it may look at (a *key*) with softmax(q·k/√d): the "
            "scores of one row are positive and add up to 1, and the token's new vector is the weighted "
            "average of the values of the tokens it attends to.\n\n"
            "- **Row**: one query token: where it looks.\n"
            "- **Column**: one key token: who looks at it.\n"
            "- **Head**: one of several attention patterns computed side by side in a layer; heads learn "
            "different jobs (the previous token, the same word, punctuation, ...).\n"
            "- **Layer**: the model repeats attention + a small network many times; early layers follow "
            "surface patterns, later ones meaning.\n"
            "- **Causal (GPT) models** may only look left: everything above the diagonal is 0. "
            "**Masked (BERT) models** look both ways.\n"
            "- **Attention sinks**: many heads park most of their weight on the first token or on "
            "[CLS]/[SEP] when they have nothing useful to do; hiding those columns and renormalising each "
            "row shows where the rest of the attention goes."
        ),
        "zh": (
            "**自注意力**让每个词元根据其他词元构建自己的新含义。对每个词元（*查询*，query），模型用 "
            "softmax(q·k/√d) 给它可以看到的每个词元（*键*，key）打分：同一行的分数为正且和为 1，"
            "该词元的新向量就是它所关注词元的值向量的加权平均。\n\n"
            "- **行**：一个查询词元：它在看哪里。\n"
            "- **列**：一个键词元：谁在看它。\n"
            "- **头**：同一层中并行计算的多个注意力模式之一；不同的头学会不同的任务（前一个词、同一个词、标点……）。\n"
            "- **层**：模型把“注意力 + 小型网络”重复很多次；靠前的层关注表面模式，靠后的层关注语义。\n"
            "- **自回归（GPT）模型**只能向左看：对角线以上全为 0。**掩码（BERT）模型**可以双向看。\n"
            "- **注意力汇聚点（sink）**：许多头在“无事可做”时把大部分权重放在第一个词元或 [CLS]/[SEP] 上；"
            "隐藏这些列并对每行重新归一化，可以看清其余注意力的去向。"
        ),
    },
    "att_which": {"en": "Model", "zh": "模型"},
    "att_which_causal": {"en": "Causal", "zh": "自回归"},
    "att_which_masked": {"en": "Masked", "zh": "掩码"},
    "att_which_both": {"en": "Compare both", "zh": "两者对比"},
    "att_view": {"en": "View", "zh": "视图"},
    "att_view_head": {"en": "One head", "zh": "单个头"},
    "att_view_grid": {"en": "All heads", "zh": "所有头"},
    "att_view_average": {"en": "Layer average", "zh": "层平均"},
    "att_view_rollout": {"en": "Rollout", "zh": "注意力展开"},
    "att_view_bv_head": {"en": "bertviz head view", "zh": "bertviz 头视图"},
    "att_view_bv_model": {"en": "bertviz model view", "zh": "bertviz 模型视图"},
    "att_layer": {"en": "Layer", "zh": "层"},
    "att_head": {"en": "Head", "zh": "头"},
    "att_sinks": {"en": "Attention sinks", "zh": "注意力汇聚点"},
    "att_sinks_keep": {"en": "Show", "zh": "显示"},
    "att_sinks_hide": {"en": "Hide and renormalise", "zh": "隐藏并重新归一化"},
    "att_sinks_down": {"en": "Down-weight", "zh": "降低权重"},
    "att_sink_weight": {"en": "Sink weight", "zh": "汇聚点权重"},
    "att_sinks_help": {
        "en": "Sinks are [CLS]/[SEP]/BOS and the first token. Rows are renormalised to sum to 1 again.",
        "zh": "汇聚点指 [CLS]/[SEP]/BOS 以及第一个词元。每行会重新归一化，使其和再次为 1。",
    },
    "att_scale": {"en": "Colour scale", "zh": "颜色刻度"},
    "att_scale_linear": {"en": "Linear", "zh": "线性"},
    "att_scale_log": {"en": "Log", "zh": "对数"},
    "att_scale_row": {"en": "Per-row max", "zh": "按行最大值"},
    "att_words": {"en": "Whole words", "zh": "按整词显示"},
    "att_words_help": {
        "en": "Merge sub-word tokens into words by their character spans (Chinese: one character each; emoji "
        "kept whole). Keys are summed, queries averaged, so rows still sum to 1.",
        "zh": "按字符位置把子词词元合并为整词（中文按单字，表情符号保持完整）。键求和、查询取平均，因此每行之和仍为 1。",
    },
    "att_image_format": {"en": "Image download format", "zh": "图片下载格式"},
    "att_head_title": {
        "en": "{model} · layer {layer}, head {head}",
        "zh": "{model} · 第 {layer} 层，第 {head} 个头",
    },
    "att_avg_title": {
        "en": "{model} · layer {layer}, average of {n} heads",
        "zh": "{model} · 第 {layer} 层，{n} 个头的平均",
    },
    "att_rollout_title": {
        "en": "{model} · attention rollout up to layer {layer}",
        "zh": "{model} · 到第 {layer} 层为止的注意力展开",
    },
    "att_rollout_help": {
        "en": "Rollout multiplies the head-averaged attention of each layer (plus the residual connection) "
        "from the first layer up, estimating how much each input token flows into each position.",
        "zh": "注意力展开（rollout）从第一层开始逐层相乘各层的头平均注意力（加上残差连接），估计每个输入词元流向每个位置的信息量。",
    },
    "att_grid_title": {
        "en": "{model} · all {layers} layers × {heads} heads",
        "zh": "{model} · 全部 {layers} 层 × {heads} 个头",
    },
    "att_grid_help": {
        "en": "Each small square is one head (rows = queries, columns = keys). Hover to see its layer and head; "
        "choose it with the layer and head sliders to enlarge it below.",
        "zh": "每个小方块是一个头（行为查询，列为键）。悬停可查看层号和头号；用层和头滑块选中它即可在下方放大。",
    },
    "att_grid_downsampled": {
        "en": "{n} tokens are shown as {cell}×{cell} tiles (neighbouring tokens averaged).",
        "zh": "{n} 个词元被显示为 {cell}×{cell} 的小方块（相邻词元取平均）。",
    },
    "att_csv": {"en": "Download matrix (CSV)", "zh": "下载矩阵（CSV）"},
    "att_html": {"en": "Download view (HTML)", "zh": "下载视图（HTML）"},
    "att_bertviz_cut": {
        "en": "bertviz shows the first {shown} of {total} tokens here, to keep the page responsive.",
        "zh": "为保持页面流畅，bertviz 这里只显示 {total} 个词元中的前 {shown} 个。",
    },
    "att_strongest": {"en": "Strongest links: {links}", "zh": "最强的连接：{links}"},
    "att_no_causal": {"en": "Choose a causal model in the sidebar.", "zh": "请在侧边栏选择一个自回归模型。"},
    "att_query_axis": {"en": "query (attending)", "zh": "查询（发出注意力）"},
    "att_key_axis": {"en": "key (attended to)", "zh": "键（被关注）"},
    "att_weight": {"en": "weight", "zh": "权重"},
}


def t(key: str, lang: str = "en", **fmt: object) -> str:
    """The string for `key` in `lang` (falling back to English), formatted with `fmt`."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**fmt) if fmt else text
