"""Strings of the concepts home page and the lesson bar, in English and Chinese (merged into i18n.STRINGS)."""

from __future__ import annotations

CONCEPT_STRINGS: dict[str, dict[str, str]] = {
    # --- concept map ---------------------------------------------------------------------------------
    "concepts_heading": {"en": "The big picture", "zh": "知识地图"},
    "concepts_intro": {
        "en": "Three ideas, in the order a course meets them. Each box opens the page that shows it.",
        "zh": "三个核心概念，按课程顺序排列。点击每个方框可以打开展示它的页面。",
    },
    "concept_pretrain": {"en": "Pretraining & fine-tuning (预训练与微调)", "zh": "预训练与微调"},
    "concept_pretrain_desc": {
        "en": "A model first learns from a huge amount of text (pretraining), then a smaller dataset adapts it "
        "to a task or a style (fine-tuning). Fine-tune a model, or pretrain a tiny one, and watch the loss fall.",
        "zh": "模型先在海量文本上学习（预训练），再用较小的数据集让它适应某个任务或风格（微调）。"
        "在这里微调一个模型，或从头预训练一个小模型，看损失如何下降。",
    },
    "concept_arae": {"en": "Autoregressive & autoencoding (自回归与自编码)", "zh": "自回归与自编码"},
    "concept_arae_desc": {
        "en": "GPT-style models predict the next token from the left context only; BERT-style models fill in "
        "masked words from both sides. Compare the same word predicted both ways.",
        "zh": "GPT 类模型只根据左边的上下文预测下一个词元；BERT 类模型根据两边的上下文填补被遮住的词。"
        "比较两种方式对同一个词的预测。",
    },
    "concept_transformer": {"en": "The Transformer (Transformer结构)", "zh": "Transformer结构"},
    "concept_transformer_desc": {
        "en": "Both kinds are stacks of Transformer blocks: in each, attention heads decide which tokens read "
        "from which, and an MLP works on each token. See one block computed on your text, step by step.",
        "zh": "两类模型都是由多个 Transformer 块堆叠而成：每个块里，注意力头决定哪个词元从哪些词元读取信息，"
        "MLP 再对每个词元单独计算。在你的文本上逐步查看一个块的计算。",
    },
    "concept_open": {"en": "Open the {page} page", "zh": "打开“{page}”页面"},
    # --- softmax -------------------------------------------------------------------------------------
    "softmax_heading": {"en": "How the next token is chosen: softmax", "zh": "如何选出下一个词元：softmax"},
    "softmax_explain": {
        "en": "The model gives every token w of its vocabulary V a score (a logit) z_w. Softmax turns the "
        "scores into probabilities that add up to 1; the temperature T sharpens them (T < 1) or flattens "
        "them (T > 1). Sampling from these probabilities, one token at a time, is how a GPT writes.",
        "zh": "模型为词表 V 中的每个词元 w 打一个分数（logit）z_w。softmax 把这些分数变成总和为 1 的概率；"
        "温度 T 让分布更尖锐（T < 1）或更平缓（T > 1）。GPT 就是这样一次一个词元地从这些概率中采样来写作的。",
    },
    "softmax_link": {
        "en": "Try it: change the temperature in the next-token lab",
        "zh": "动手试试：在下一个词元实验室里调节温度",
    },
    # --- lessons -------------------------------------------------------------------------------------
    "lessons_heading": {"en": "Lessons", "zh": "课程"},
    "lessons_intro": {
        "en": "Guided tours for a class: each step opens a page with the models, text and view set, and "
        "explains what to look at. Step through with Previous and Next at the top of the page.",
        "zh": "适合课堂的引导式讲解：每一步都会打开一个页面，设置好模型、文本和视图，并说明要看什么。"
        "用页面顶部的“上一步”和“下一步”逐步进行。",
    },
    "lesson_start": {"en": "{title} ({n} steps)", "zh": "{title}（{n} 步）"},
    "lesson_pick": {"en": "Lesson", "zh": "课程"},
    "lesson_none": {"en": "No lesson", "zh": "不使用课程"},
    "lesson_heading": {"en": "Lesson: {title} — step {k}/{n}", "zh": "课程：{title} — 第 {k}/{n} 步"},
    "lesson_prev": {"en": "Previous", "zh": "上一步"},
    "lesson_next": {"en": "Next", "zh": "下一步"},
    "lesson_leave": {"en": "Leave", "zh": "退出课程"},
    # --- FAQ -----------------------------------------------------------------------------------------
    "faq_heading": {
        "en": "Questions, answered with the models loaded now",
        "zh": "常见问题（用当前加载的模型作答）",
    },
    "faq_size_q": {"en": "What makes a model large or small?", "zh": "大模型和小模型有什么区别？"},
    "faq_size_a": {
        "en": "Its number of parameters (the learned weights): more layers, wider vectors and a bigger "
        "vocabulary mean more parameters, more knowledge and better text, but more memory and time. "
        "The models in use here:",
        "zh": "区别在于参数（学到的权重）的数量：层数越多、向量越宽、词表越大，参数就越多，"
        "知识更丰富、生成的文本更好，但也需要更多内存和时间。当前使用的模型：",
    },
    "faq_size_scale": {"en": "For scale: {refs}.", "zh": "作为对比：{refs}。"},
    "col_hidden": {"en": "Vector width", "zh": "向量宽度"},
    "col_vocab": {"en": "Vocabulary", "zh": "词表大小"},
    "col_token": {"en": "Token", "zh": "词元"},
    "col_prob": {"en": "Probability", "zh": "概率"},
    "faq_arae_q": {
        "en": "What is the difference between autoregressive and autoencoding models?",
        "zh": "自回归模型和自编码模型有什么区别？",
    },
    "faq_arae_a": {
        "en": "An autoregressive (causal, GPT-style) model reads left to right and predicts the next token: "
        "it can write. An autoencoding (masked, BERT-style) model sees the whole text with some words hidden "
        "and fills them in from both sides: it understands a text but does not write one.",
        "zh": "自回归（因果、GPT 类）模型从左到右阅读并预测下一个词元：它能写作。"
        "自编码（掩码、BERT 类）模型能看到整段文本，其中一些词被遮住，它根据两边的上下文把这些词填回去："
        "它擅长理解文本，但不会写作。",
    },
    "faq_arae_sentence": {
        "en": "The same blank for both: *{sentence}*",
        "zh": "同一个空让两者来填：*{sentence}*",
    },
    "faq_arae_causal": {
        "en": "**{name}** reads only “The”: its next token",
        "zh": "**{name}** 只读到“The”：它预测的下一个词元",
    },
    "faq_arae_causal_nothing": {
        "en": "**{name}** has nothing on the left of the blank: its first token",
        "zh": "**{name}** 在空的左边什么也读不到：它预测的第一个词元",
    },
    "faq_arae_masked": {
        "en": "**{name}** reads both sides: its fill",
        "zh": "**{name}** 读到两边：它的填词",
    },
    "faq_arae_link": {"en": "Compare any word both ways", "zh": "用两种方式比较任意一个词"},
    "faq_transformer_q": {"en": "What is the Transformer?", "zh": "什么是 Transformer？"},
    "faq_transformer_a": {
        "en": "The architecture inside both kinds: each token becomes a vector, and a stack of identical "
        "layers refines the vectors. In each layer, several attention heads let every token gather "
        "information from other tokens, and a small feed-forward network processes what was gathered.",
        "zh": "两类模型内部共同的结构：每个词元先变成一个向量，再经过一叠结构相同的层不断加工。"
        "每一层里，多个注意力头让每个词元从其他词元收集信息，再由一个小的前馈网络处理收集到的内容。",
    },
    "faq_transformer_live": {
        "en": "{name}: {layers} layers × {heads} heads = {maps} attention patterns for every text; each "
        "token is a vector of {hidden} numbers.",
        "zh": "{name}：{layers} 层 × {heads} 个头 = 每段文本 {maps} 张注意力图；每个词元是一个含 {hidden} 个数的向量。",
    },
    "faq_transformer_link": {"en": "See these heads on the attention page", "zh": "在注意力页面查看这些头"},
    # --- applications --------------------------------------------------------------------------------
    "apps_heading": {"en": "What language models are used for", "zh": "语言模型的应用"},
    "app_gen": {"en": "Text generation", "zh": "文本生成"},
    "app_gen_desc": {
        "en": "A causal model continues a text, one most-likely token at a time.",
        "zh": "自回归模型续写一段文本，每次选出最可能的词元。",
    },
    "app_fill": {"en": "Understanding: fill in the blank", "zh": "语言理解：完形填空"},
    "app_fill_desc": {
        "en": "A masked model uses the words on both sides to guess the hidden one.",
        "zh": "掩码模型利用两边的词来猜测被遮住的词。",
    },
    "app_chat": {"en": "Dialogue", "zh": "对话"},
    "app_chat_desc": {
        "en": "An instruct model, tuned on conversations, answers a question through its chat template.",
        "zh": "在对话数据上微调过的指令模型，通过对话模板回答问题。",
    },
    "app_input": {"en": "Input: *{text}*", "zh": "输入（英文：内置模型读英文）：*{text}*"},
    "app_input_plain": {"en": "Input (the models read Chinese): *{text}*", "zh": "输入：*{text}*"},
    # What the English demo sentences mean, shown under them in the Chinese interface only.
    "gloss_gen": {
        "en": "Once upon a time, in a small village by the sea,",
        "zh": "意思是：“从前，在海边的一个小村庄里，”",
    },
    "gloss_fill": {
        "en": "The doctor told the patient to take the [MASK] twice a day.",
        "zh": "意思是：“医生让病人每天吃两次 [MASK]。”",
    },
    "gloss_chat": {"en": "What is the capital of France?", "zh": "意思是：“法国的首都是哪里？”"},
    "gloss_faq_blank": {
        "en": "The ___ barked all night, so nobody could sleep.",
        "zh": "意思是：“那只 ___ 叫了一整夜，所以谁都睡不着。”",
    },
    "app_run": {"en": "Run the demo", "zh": "运行演示"},
    "app_running": {"en": "The model is writing…", "zh": "模型正在写…"},
    "app_open": {"en": "Explore on the {page} page", "zh": "在“{page}”页面中探索"},
    "app_need_masked": {
        "en": "Choose a masked (BERT-style) model in the sidebar for this demo.",
        "zh": "请在侧边栏选择一个掩码（BERT 类）模型来运行此演示。",
    },
    "app_need_chat": {
        "en": "{name} has no chat template: it was not tuned to chat. Choose an instruct model such as "
        "smollm2-135m in the sidebar.",
        "zh": "{name} 没有对话模板：它没有经过对话微调。请在侧边栏选择一个指令模型，例如 smollm2-135m。",
    },
}
