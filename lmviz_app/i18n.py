"""A small strings table: every user-facing string in English and Chinese, looked up by key."""

from __future__ import annotations

from lmviz.kinds import Kind

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
        "zh": "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
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
    "kind_short_causal": {"en": "causal", "zh": "自回归"},
    "kind_short_masked": {"en": "masked", "zh": "掩码"},
    "kind_short_encoder": {"en": "encoder", "zh": "编码器"},
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
    "unknown_chars": {
        "en": "{model} has no token for {n} of the characters here and reads each as [UNK] (unknown): {chars}.",
        "zh": "{model} 的词表里没有这里的 {n} 个字符，每个都读成 [UNK]（未知）：{chars}。",
    },
    "unknown_traditional": {
        "en": "{chars}: traditional characters; the model learned the simplified ones ({simplified}).",
        "zh": "{chars} 是繁体字；该模型学的是简体字（{simplified}）。",
    },
    "tokens_caption": {
        "en": "{n} tokens. A model never sees letters, only these pieces (tokens), "
        "each a row of its vocabulary.",
        "zh": "{n} 个词元。模型看不到字母，只看到这些片段（词元），每个都是其词表中的一行。",
    },
    "available_heading": {"en": "Models available now", "zh": "当前可用的模型"},
    "unavailable": {"en": "unavailable: {reason}", "zh": "不可用：{reason}"},
    "empty_text": {"en": "Type some text in the sidebar to begin.", "zh": "请先在侧边栏输入一些文本。"},
    # --- next-token lab ---
    "nav_next_token": {"en": "Next token", "zh": "下一个词元"},
    "page_next_token_desc": {
        "en": "the softmax over the vocabulary, temperature, top-k/top-p, step-by-step generation, loss and "
        "perplexity, and what each layer would predict (logit lens).",
        "zh": "词表上的 softmax 分布、温度、top-k/top-p、逐步生成、损失与困惑度，以及每一层会预测什么（logit lens）。",
    },
    "nt_title": {"en": "Next-token lab", "zh": "下一个词元实验室"},
    "nt_intro": {
        "en": "A causal model reads x₁…x_t and gives every token x′ in its vocabulary a score (a logit); the "
        "softmax turns the scores into probabilities: P(x_t+1 = x′ | x₁…x_t) = softmax(f(x₁…x_t))[x′].",
        "zh": "自回归模型读取 x₁…x_t，为词表中的每个词元 x′ 打一个分数（logit）；softmax 把分数变成概率："
        "P(x_t+1 = x′ | x₁…x_t) = softmax(f(x₁…x_t))[x′]。",
    },
    "nt_explain_heading": {
        "en": "Logits, softmax, temperature, sampling, perplexity",
        "zh": "logit、softmax、温度、采样与困惑度",
    },
    "nt_explain": {
        "en": (
            "- **Logit**: the raw score the model gives each token of its vocabulary; any real number.\n"
            "- **Softmax**: p_i = exp(z_i / T) / Σ_j exp(z_j / T): positive numbers that add up to 1.\n"
            "- **Temperature T**: below 1 sharpens the distribution (the favourite gets more), above 1 "
            "flattens it (surprises get more); T → 0 always takes the favourite (greedy).\n"
            "- **Top-k** keeps the k most likely tokens; **top-p** (nucleus) keeps the smallest set whose "
            "probabilities add up to p. What is cut is set to 0 and the rest renormalised.\n"
            "- **Sampling** draws the next token from the distribution; a seed makes the draw repeatable.\n"
            "- **Loss** is the average of −log p(actual next token); **perplexity** = e^loss: how many tokens "
            "the model was, on average, as unsure as if choosing uniformly among."
        ),
        "zh": (
            "- **Logit**：模型给词表中每个词元的原始分数，可以是任意实数。\n"
            "- **Softmax**：p_i = exp(z_i / T) / Σ_j exp(z_j / T)：全为正数且和为 1。\n"
            "- **温度 T**：小于 1 使分布更尖锐（最可能的词元得到更多概率），大于 1 使分布更平坦（意外的词元得到更多）；"
            "T → 0 时总是选最可能的词元（贪心）。\n"
            "- **Top-k** 只保留最可能的 k 个词元；**top-p**（核采样）保留概率之和达到 p 的最小集合。被截掉的概率设为 0，其余重新归一化。\n"
            "- **采样**按分布抽取下一个词元；设定随机种子可以让抽取结果可复现。\n"
            "- **损失**是 −log p(真实下一个词元) 的平均值；**困惑度** = e^损失：模型平均而言就像在多少个词元中均匀地犹豫。"
        ),
    },
    "nt_no_causal": {
        "en": "The next-token lab needs a causal (GPT-style) model: choose one in the sidebar.",
        "zh": "下一个词元实验室需要自回归（GPT 类）模型：请在侧边栏选择一个。",
    },
    "nt_tab_next": {"en": "Next token", "zh": "下一个词元"},
    "nav_tokenizers": {"en": "Tokenizers", "zh": "分词器"},
    "page_tokenizers_desc": {
        "en": "your text through GPT-2's and BERT's tokenizers and those of the models in the sidebar, side by "
        "side (pieces, ids, counts), and a "
        "BPE trained here in a second, its merges applied one at a time to a word.",
        "zh": "你的文本经过 GPT-2、BERT 以及侧边栏所选模型的分词器，并排比较（片段、编号、数量），以及在这里一秒钟训练出的 "
        "BPE，把它的合并规则一条一条地应用到一个词上。",
    },
    "tk_title": {"en": "Tokenizer playground", "zh": "分词器试验场"},
    "tk_intro": {
        "en": "A model reads tokens, not letters. The same text becomes different pieces, and a different "
        "number of them, depending on the tokenizer.",
        "zh": "模型读取的是词元，而不是字母。同一段文本经过不同的分词器，会变成不同的片段，数量也不同。",
    },
    "tk_explain_heading": {"en": "How do tokenizers differ?", "zh": "分词器之间有什么不同？"},
    "tk_explain": {
        "en": (
            "- **Byte-level BPE** (GPT-2, SmolLM2) starts from the 256 bytes and learns to merge the most frequent "
            "adjacent pairs; any text can be written, a rare character as several byte pieces (shown as ⟨E5 A5⟩).\n"
            "- **WordPiece** (BERT, MiniLM) splits words into pieces from a fixed vocabulary, marking pieces inside a "
            "word with ##; a character it does not know becomes [UNK].\n"
            "- **Characters per token** measures how much text each token carries: more is cheaper for the model."
        ),
        "zh": (
            "- **字节级 BPE**（GPT-2、SmolLM2）从 256 个字节出发，学习合并最常相邻出现的一对；任何文本都能写出来，"
            "罕见字符会变成几个字节片段（显示为 ⟨E5 A5⟩）。\n"
            "- **WordPiece**（BERT、MiniLM）用固定的词表把词切成片段，词内部的片段以 ## 标记；不认识的字符变成 [UNK]。\n"
            "- **每个词元的字符数**衡量每个词元承载多少文本：越多，模型处理起来越省。"
        ),
    },
    "tk_gpt2": {"en": "GPT-2 byte-level BPE", "zh": "GPT-2 字节级 BPE"},
    "tk_bert": {
        "en": "BERT WordPiece (bert-base-uncased, MiniLM)",
        "zh": "BERT WordPiece（bert-base-uncased、MiniLM）",
    },
    "tk_col_tokenizer": {"en": "Tokenizer", "zh": "分词器"},
    "tk_col_vocab": {"en": "Vocabulary", "zh": "词表大小"},
    "tk_col_tokens": {"en": "Tokens", "zh": "词元数"},
    "tk_col_cpt": {"en": "Characters per token", "zh": "每个词元的字符数"},
    "tk_col_unk": {"en": "[UNK]", "zh": "[UNK] 数"},
    "tk_col_bytes": {"en": "Byte pieces", "zh": "字节片段数"},
    "tk_table_caption": {
        "en": "Your {n:,} characters, without the special tokens a model adds ([CLS], [SEP], ...).",
        "zh": "你的 {n:,} 个字符，不含模型额外添加的特殊词元（[CLS]、[SEP] 等）。",
    },
    "tk_tokens": {"en": "{n:,} tokens", "zh": "{n:,} 个词元"},
    "tk_chips_cut": {
        "en": "The first {shown} of {n:,} tokens are drawn.",
        "zh": "只画出了 {n:,} 个词元中的前 {shown} 个。",
    },
    "tk_unknown": {
        "en": "{n} piece(s) are [UNK]: characters this vocabulary cannot write.",
        "zh": "有 {n} 个片段是 [UNK]：这个词表写不出的字符。",
    },
    "tk_bpe_heading": {
        "en": "Train a BPE here and watch it merge",
        "zh": "在这里训练一个 BPE，观察它如何合并",
    },
    "tk_bpe_intro": {
        "en": "A byte-level BPE (Hugging Face tokenizers) trained on the chosen text: it starts from bytes and "
        "adds the most frequent adjacent pair as a new token, again and again, until the vocabulary is full.",
        "zh": "在所选文本上训练的字节级 BPE（Hugging Face tokenizers）：从字节开始，一次又一次地把最常相邻出现的一对"
        "加为新词元，直到词表满了为止。",
    },
    "tk_corpus": {"en": "Train on", "zh": "训练文本"},
    "tk_corpus_kjv": {"en": "King James Bible", "zh": "钦定版圣经"},
    "tk_corpus_poems_zh": {"en": "Tang poems (Chinese)", "zh": "唐诗"},
    "tk_corpus_wikipedia": {"en": "Wikipedia", "zh": "维基百科"},
    "tk_corpus_text": {"en": "your text", "zh": "你的文本"},
    "tk_vocab": {"en": "Vocabulary size", "zh": "词表大小"},
    "tk_word": {"en": "Word", "zh": "词"},
    "tk_word_help": {
        "en": "One word, read as it appears inside a sentence (after a space).",
        "zh": "一个词，按它在句子中间出现的样子读取（前面有空格）。",
    },
    "tk_step": {"en": "Merges applied", "zh": "已应用的合并"},
    "tk_bpe_trained": {
        "en": "Trained: {vocab:,} tokens ({merges:,} merges on top of the 256 bytes) on {chars:,} characters in "
        "{s:.2f} s.",
        "zh": "训练完成：{vocab:,} 个词元（在 256 个字节之上有 {merges:,} 条合并规则），用了 {chars:,} 个字符，"
        "耗时 {s:.2f} 秒。",
    },
    "tk_bpe_start": {
        "en": "Before any merge: the word's {n} bytes (a leading space is part of the word).",
        "zh": "合并之前：这个词的 {n} 个字节（开头的空格也属于这个词）。",
    },
    "tk_bpe_step": {
        "en": "Merge {k} of {n}: {a} + {b}, learnt as merge number {rank}.",
        "zh": "第 {k} 次合并（共 {n} 次）：{a} + {b}，训练中第 {rank} 个学到的组合。",
    },
    "tk_col_merge": {"en": "Merge", "zh": "合并"},
    "tk_col_rank": {"en": "Learnt as", "zh": "学到的顺序"},
    "tk_col_pieces": {"en": "The word after it", "zh": "合并后的词"},
    "tk_bpe_first": {"en": "The first merges it learnt: {merges}.", "zh": "它最先学到的合并：{merges}。"},
    "nt_tab_tree": {"en": "Decoding tree", "zh": "解码树"},
    "nt_tree_method": {"en": "Decoder", "zh": "解码方法"},
    "nt_tree_greedy": {"en": "Greedy", "zh": "贪心"},
    "nt_tree_beam_search": {"en": "Beam search", "zh": "束搜索"},
    "nt_tree_sample": {"en": "Sampling", "zh": "采样"},
    "nt_tree_steps": {"en": "New tokens", "zh": "新词元数"},
    "nt_beams": {"en": "Beams", "zh": "束宽"},
    "nt_length_penalty": {"en": "Length penalty", "zh": "长度惩罚"},
    "nt_length_penalty_help": {
        "en": "A finished beam's score is its log-probability ÷ (its length ^ penalty): above 0 favours "
        "longer answers. It only matters when beams end at different lengths (an end-of-text token).",
        "zh": "已结束的束得分 = 它的对数概率 ÷（长度 ^ 惩罚）：大于 0 时偏向更长的回答。只有在各个束"
        "在不同长度结束时（出现结束词元）才起作用。",
    },
    "nt_tree_title": {"en": "{method}: the tree it walks", "zh": "{method}：它走过的树"},
    "nt_tree_axis": {"en": "new token", "zh": "第几个新词元"},
    "nt_tree_caption": {
        "en": "Each column is one step: the {k} most likely tokens there, the one taken in red (sampling, "
        "seeded by the next-token panel's seed, may take a less likely one). Dot size: the token's probability; hover for it and the running "
        "log-probability of the sequence.",
        "zh": "每一列是一步：该步最可能的 {k} 个词元，红色是选中的那个（采样使用下一个词元面板的随机种子，"
        "可能选中可能性较小的词元）。"
        "圆点大小表示词元的概率；鼠标悬停可看到它和整个序列累计的对数概率。",
    },
    "nt_tree_caption_beam": {
        "en": "Each column is one step: every candidate beam search weighed there (at least twice the beams), in blue "
        "those kept as beams, in red the final best sequence. The same beams as transformers' "
        "generate(num_beams=...).",
        "zh": "每一列是一步：束搜索在该步权衡的所有候选（至少是束宽的两倍），蓝色是被保留为束的，红色是最终最好的序列。"
        "与 transformers 的 generate(num_beams=...) 得到的束相同。",
    },
    "nt_tree_chosen": {
        "en": "Chosen: {text} · log-probability {logp:.3f} (probability {p:.2e})",
        "zh": "选中：{text} · 对数概率 {logp:.3f}（概率 {p:.2e}）",
    },
    "nt_tree_beam": {"en": "Beam", "zh": "束"},
    "nt_tree_score": {"en": "Score", "zh": "得分"},
    "nt_tree_score_caption": {
        "en": "Score = log-probability ÷ (new tokens ^ {lp}), best first.",
        "zh": "得分 = 对数概率 ÷（新词元数 ^ {lp}），从高到低。",
    },
    "nt_tab_pair": {"en": "Minimal pair", "zh": "最小对比对"},
    "nt_pair_preset": {"en": "Pair", "zh": "对比对"},
    "pair_nurse": {
        "en": "The nurse / The doctor said that (watch “ she”)",
        "zh": "The nurse / The doctor said that（看“ she”）",
    },
    "pair_agreement": {
        "en": "The keys / The key to the cabinet (agreement: watch “ are”)",
        "zh": "The keys / The key to the cabinet（主谓一致：看“ are”）",
    },
    "pair_sentiment": {
        "en": "The movie was great / awful, I (watch “ loved”)",
        "zh": "The movie was great / awful, I（看“ loved”）",
    },
    "pair_negation": {"en": "A robin is a / is not a (negation)", "zh": "A robin is a / is not a（否定）"},
    "pair_zh_nurse": {
        "en": "他是一名护士， / 医生， (Chinese: nurse / doctor)",
        "zh": "他是一名护士， / 医生，",
    },
    "pair_zh_like": {"en": "我喜欢吃 / 我不喜欢吃 (Chinese negation)", "zh": "我喜欢吃 / 我不喜欢吃（否定）"},
    "pair_own": {"en": "My own two prompts", "zh": "我自己的两个提示"},
    "nt_pair_a": {"en": "Prompt A", "zh": "提示 A"},
    "nt_pair_b": {"en": "Prompt B (change one thing)", "zh": "提示 B（只改一处）"},
    "nt_pair_tv": {"en": "Total variation", "zh": "总变差距离"},
    "nt_pair_tv_help": {
        "en": "Half the sum of |P_A − P_B| over the vocabulary: the share of probability that moved (0 = the "
        "same distribution, 1 = nothing in common).",
        "zh": "对整个词表求 |P_A − P_B| 之和的一半：移动了多少概率（0 = 分布相同，1 = 完全不重叠）。",
    },
    "nt_pair_kl_ab": {"en": "KL(A ‖ B), nats", "zh": "KL(A ‖ B)，奈特"},
    "nt_pair_kl_ba": {"en": "KL(B ‖ A), nats", "zh": "KL(B ‖ A)，奈特"},
    "nt_pair_kl_help": {
        "en": "Kullback-Leibler divergence: how surprised, on average, a reader expecting one distribution "
        "is by the other. It is not symmetric, so both directions are shown.",
        "zh": "KL 散度：预期一个分布的读者看到另一个分布时平均有多意外。它不对称，所以两个方向都显示。",
    },
    "nt_pair_title": {
        "en": "The most likely next tokens after A and after B",
        "zh": "A 和 B 之后最可能的下一个词元",
    },
    "nt_pair_caption": {
        "en": "The model's own probabilities (temperature 1), one pass per prompt. A piece of a Chinese "
        "character the tokenizer splits into bytes is labelled by its bytes, e.g. ⟨E5 A5⟩.",
        "zh": "模型自己的概率（温度 1），每个提示一次前向计算。分词器拆成字节的汉字片段用字节标注，例如 ⟨E5 A5⟩。",
    },
    "nt_pair_changed": {"en": "The tokens whose probability changed most", "zh": "概率变化最大的词元"},
    "nt_pair_col_change": {"en": "B − A (points)", "zh": "B − A（百分点）"},
    "nt_pair_scripts": {
        "en": "One prompt is Chinese and the other is not: most of the difference is the language itself, not "
        "the one thing you changed.",
        "zh": "一个提示是中文，另一个不是：差异大多来自语言本身，而不是你改动的那一处。",
    },
    "nt_gltr_heading": {"en": "Your text against the model's own", "zh": "你的文本与模型自己写的文本"},
    "nt_gltr_intro": {
        "en": "GLTR's histograms: the model continues your text's first words to about the same length (at most "
        "200 new tokens), and "
        "both texts are scored the same way. Only the tokens after the shared opening are counted.",
        "zh": "GLTR 的直方图：模型从你文本开头的几个词接着写到差不多的长度（最多 200 个新词元），两段文本用同样的方法打分。"
        "只统计共同开头之后的词元。",
    },
    "nt_gltr_mode": {"en": "How the model writes its text", "zh": "模型怎样写它的文本"},
    "nt_gltr_sampled": {
        "en": "sampled (top-k 40, the Next-token panel's seed)",
        "zh": "采样（top-k 40，用“下一个词元”面板的随机种子）",
    },
    "nt_gltr_greedy": {"en": "greedy (always its top token)", "zh": "贪心（每次都选概率最高的词元）"},
    "nt_gltr_yours": {"en": "Your text", "zh": "你的文本"},
    "nt_gltr_model_sampled": {"en": "The model's text (sampled)", "zh": "模型的文本（采样）"},
    "nt_gltr_model_greedy": {"en": "The model's text (greedy)", "zh": "模型的文本（贪心）"},
    "nt_gltr_counted": {"en": "{n} tokens counted", "zh": "统计了 {n} 个词元"},
    "nt_gltr_top10": {"en": "top 10", "zh": "前 10"},
    "nt_gltr_top100": {"en": "top 100", "zh": "前 100"},
    "nt_gltr_top1000": {"en": "top 1000", "zh": "前 1000"},
    "nt_gltr_rest": {"en": "beyond", "zh": "更靠后"},
    "nt_gltr_share": {"en": "share of the tokens", "zh": "占词元的比例"},
    "nt_gltr_bands": {"en": "Rank of each actual token", "zh": "每个实际词元的排名"},
    "nt_gltr_probs": {"en": "P(actual token)", "zh": "实际词元的概率"},
    "nt_gltr_p_axis": {"en": "probability the model gave it", "zh": "模型给它的概率"},
    "nt_gltr_entropy": {"en": "Entropy of each prediction", "zh": "每次预测的熵"},
    "nt_gltr_bits": {"en": "bits", "zh": "比特"},
    "nt_gltr_caption": {
        "en": "Rank: where the token that came next stood among the model's guesses (GLTR's colours outline "
        "the bars). Probability: how likely the model found it. Entropy: how unsure the model was before "
        "seeing it. GLTR's finding: text generated with top-k sampling sits mostly in the model's top ranks, and "
        "human text usually has more surprises, though a well-known sentence can be as predictable as the "
        "model's own.",
        "zh": "排名：实际出现的词元在模型猜测中排第几（柱子的边框是 GLTR 的颜色）。概率：模型认为它有多可能。"
        "熵：看到它之前模型有多不确定。GLTR 的发现：用 top-k 采样生成的文本大多落在模型排名靠前的位置，"
        "人写的文本通常意外更多，不过一句众所周知的话也可能和模型自己写的一样好预测。",
    },
    "nt_tab_loss": {"en": "Loss and surprise", "zh": "损失与意外程度"},
    "nt_tab_lens": {"en": "Logit lens", "zh": "Logit lens（逐层预测）"},
    "nt_chat": {"en": "Chat mode (the text is the user's message)", "zh": "对话模式（文本作为用户消息）"},
    "nt_chat_help": {
        "en": "Wraps the text in the model's chat template, so an instruct model's reply can be stepped through.",
        "zh": "用模型的对话模板包装文本，从而可以逐个词元地查看指令模型的回复。",
    },
    "nt_no_template": {"en": "This model has no chat template.", "zh": "该模型没有对话模板。"},
    "nt_temperature": {"en": "Temperature", "zh": "温度"},
    "nt_top_k": {"en": "Top-k (0 = off)", "zh": "Top-k（0 = 关闭）"},
    "nt_top_p": {"en": "Top-p (1 = off)", "zh": "Top-p（1 = 关闭）"},
    "nt_greedy": {"en": "Greedy (always the most likely)", "zh": "贪心（总是选最可能的）"},
    "nt_seed": {"en": "Seed", "zh": "随机种子"},
    "nt_bars": {"en": "Tokens shown", "zh": "显示的词元数"},
    "inspect_this": {
        "en": "Inspect this text: make it the sidebar's text and open",
        "zh": "查看这段文本：把它设为侧边栏的文本，并打开",
    },
    "inspect_attention": {"en": "🔭 its attention", "zh": "🔭 它的注意力"},
    "inspect_loss": {"en": "📉 its loss", "zh": "📉 它的损失"},
    "inspect_lens": {"en": "🔎 its logit lens", "zh": "🔎 它的逐层预测（logit lens）"},
    "inspect_inside": {"en": "🧩 inside the Transformer", "zh": "🧩 Transformer 内部"},
    "nt_sequence": {"en": "So far", "zh": "目前的文本"},
    "nt_dist_title": {"en": "P(next token) after “…{context}”", "zh": "“…{context}”之后下一个词元的概率"},
    "nt_prob_axis": {"en": "probability", "zh": "概率"},
    "nt_stats": {
        "en": "Entropy {nats:.2f} nats ({bits:.2f} bits) · probability outside the bars shown: {outside:.1%}",
        "zh": "熵 {nats:.2f} nats（{bits:.2f} 比特）· 未显示词元的总概率：{outside:.1%}",
    },
    "nt_cut": {
        "en": "In all, the filters cut {cut:.1%} of the probability mass ({n:,} tokens kept); the kept tokens "
        "were renormalised to sum to 1.",
        "zh": "两个过滤器共截掉了 {cut:.1%} 的概率（保留 {n:,} 个词元）；保留的词元已重新归一化，总和为 1。",
    },
    "nt_cut_top_k": {
        "en": "Top-k = {k} kept the {n:,} most likely tokens, holding {mass:.1%} of the probability.",
        "zh": "Top-k = {k} 保留了最可能的 {n:,} 个词元，它们占 {mass:.1%} 的概率。",
    },
    "nt_cut_top_p": {
        "en": "Top-p = {p:g} kept {n:,} tokens: the fewest whose probability reaches {p:.0%} (here {mass:.1%}).",
        "zh": "Top-p = {p:g} 保留了 {n:,} 个词元：概率之和达到 {p:.0%} 的最少词元（这里是 {mass:.1%}）。",
    },
    "nt_cut_top_p_after_k": {
        "en": "Top-p = {p:g} then looked only at those {k_n:,}, renormalised (as transformers does): it kept "
        "{n:,}, holding {share:.1%} of the top-k tokens' probability but {mass:.1%} of the model's.",
        "zh": "随后 top-p = {p:g} 只在这 {k_n:,} 个词元中（重新归一化后，与 transformers 的做法相同）挑选：保留了 {n:,} 个，"
        "占 top-k 词元概率的 {share:.1%}，但只占模型全部概率的 {mass:.1%}。",
    },
    "nt_greedy_note": {
        "en": "Greedy: the most likely token is taken every time, whatever the temperature. The grey bars are "
        "the runners-up at the model's own probabilities (temperature 1); greedy never picks them.",
        "zh": "贪心：无论温度是多少，每次都选最可能的词元。灰色柱是其余候选词元在模型自身分布（温度 1）下的概率；贪心从不选它们。",
    },
    "nt_pick": {"en": "Append a candidate", "zh": "追加一个候选词元"},
    "nt_sample": {"en": "Sample one", "zh": "采样一个"},
    "nt_generate": {"en": "Generate", "zh": "生成"},
    "nt_generate_n": {"en": "Tokens to generate", "zh": "要生成的词元数"},
    "nt_undo": {"en": "Undo", "zh": "撤销"},
    "nt_reset": {"en": "Start again", "zh": "重新开始"},
    "nt_path": {"en": "The path taken", "zh": "已走过的路径"},
    "nt_path_caption": {
        "en": "Each generated token with its probability at the time it was chosen.",
        "zh": "每个生成的词元，以及它被选中时的概率。",
    },
    "nt_col_token": {"en": "Token", "zh": "词元"},
    "nt_col_prob": {"en": "Probability", "zh": "概率"},
    "nt_col_prob_used": {"en": "Probability (with settings)", "zh": "概率（应用设置后）"},
    "nt_col_logit": {"en": "Logit", "zh": "Logit（原始分数）"},
    "nt_col_rank": {"en": "Rank", "zh": "排名"},
    "nt_loss": {
        "en": "Loss {loss:.3f} nats per token · perplexity {ppl:.1f} · over {n} predicted tokens",
        "zh": "损失 {loss:.3f} nats/词元 · 困惑度 {ppl:.1f} · 共 {n} 个被预测的词元",
    },
    "nt_loss_caption": {
        "en": "The same number as `model(**enc, labels=input_ids).loss` in transformers. Colours: the rank of "
        "each actual token among the model's predictions (green top 10, yellow top 100, red top 1000, "
        "purple beyond). Hover a token to see what the model expected instead.",
        "zh": "与 transformers 中 `model(**enc, labels=input_ids).loss` 相同。颜色表示每个真实词元在模型预测中的排名"
        "（绿色前 10，黄色前 100，红色前 1000，紫色更靠后）。将鼠标悬停在词元上可查看模型原本的预期。",
    },
    "nt_loss_short": {
        "en": "Type at least two tokens to measure the loss.",
        "zh": "至少输入两个词元才能计算损失。",
    },
    "nt_lens_title": {
        "en": "{model} · what each layer would predict next",
        "zh": "{model} · 每一层会预测的下一个词元",
    },
    "nt_lens_caption": {
        "en": "Each cell: the top token if the model stopped at that layer (final norm + unembedding applied "
        "to that layer's hidden state). Colour: the probability that layer gives to the model's final answer.",
        "zh": "每个格子：如果模型在该层停下（对该层隐藏状态应用最终归一化和输出嵌入）会预测的词元。颜色：该层给模型最终答案的概率。",
    },
    "nt_lens_layer": {"en": "layer", "zh": "层"},
    "nt_lens_position": {"en": "position (predicting the token after it)", "zh": "位置（预测其后的词元）"},
    "nt_lens_cut": {
        "en": "The logit lens reads the first {n} tokens of the text (every layer goes through the whole vocabulary).",
        "zh": "Logit lens 只读取文本的前 {n} 个词元（每一层都要经过整个词表）。",
    },
    "nt_lens_unsupported": {"en": "Logit lens: {error}", "zh": "Logit lens：{error}"},
    "nt_masked_lens": {
        "en": "Logit lens of the masked model (its MLM head on every layer; each position predicts itself)",
        "zh": "掩码模型的 logit lens（在每一层上应用其 MLM 头；每个位置预测它自己）",
    },
    # --- autoregressive vs masked ---
    "nav_compare": {"en": "Left vs both sides", "zh": "自回归 vs 掩码"},
    "page_compare_desc": {
        "en": "the same word predicted by a causal model (left context only) and a masked model (both sides), "
        "and a whole-sentence strip of both.",
        "zh": "同一个词分别由自回归模型（只看左边）和掩码模型（看两边）来预测，以及整句的对比条带。",
    },
    "cmp_title": {
        "en": "Autoregressive vs masked: the same word, predicted two ways",
        "zh": "自回归与自编码：同一个词，两种预测方式",
    },
    "cmp_intro": {
        "en": "A GPT-style model predicts each word from the words to its left only. A BERT-style model sees "
        "the whole sentence with the word hidden ([MASK]) and uses both sides.",
        "zh": "GPT 类模型只根据左边的词预测下一个词。BERT 类模型看到整句话，被预测的词被遮住（[MASK]），可以同时利用左右两边。",
    },
    "cmp_explain_heading": {"en": "Autoregressive vs autoencoding", "zh": "自回归与自编码"},
    "cmp_explain": {
        "en": (
            "- **Autoregressive (causal)** models such as GPT are trained to predict the next token: "
            "P(x_t | x_1 … x_t−1). They generate text one token at a time, but never see what comes after.\n"
            "- **Autoencoding (masked)** models such as BERT are trained to restore hidden tokens: "
            "P(x_t | everything else). They understand a word from both sides, but do not generate text "
            "left to right.\n"
            "- A word of several pieces: the causal model multiplies the probabilities of its pieces, each "
            "given the left context and the pieces before it; the masked model hides all the pieces at once "
            "and multiplies their probabilities (an estimate: the number of [MASK]s tells it the length).\n"
            "- The sentence strip scores every word both ways: where the masked row is much higher, the "
            "words to the right gave the answer away."
        ),
        "zh": (
            "- **自回归（causal）模型**（如 GPT）训练目标是预测下一个词元：P(x_t | x_1 … x_t−1)。"
            "它们逐个词元地生成文本，但从不看后面的内容。\n"
            "- **自编码（掩码）模型**（如 BERT）训练目标是还原被遮住的词元：P(x_t | 其余所有词元)。"
            "它们从两边理解一个词，但不能从左到右生成文本。\n"
            "- 由多个词元组成的词：自回归模型把各个片段的概率相乘，每个片段都以左边的上下文和之前的片段为条件；"
            "掩码模型同时遮住所有片段并把它们的概率相乘（这是一个估计：[MASK] 的个数透露了词的长度）。\n"
            "- 整句条带从两个方向为每个词打分：掩码那一行明显更高的地方，说明右边的词泄露了答案。"
        ),
    },
    "cmp_preset": {"en": "Lesson preset", "zh": "课堂预设"},
    "preset_dog": {
        "en": "Right context gives it away: “The ___ barked all night”",
        "zh": "右边的上下文泄露答案：“The ___ barked all night”",
    },
    "preset_went": {
        "en": "A verb the right side pins down: “She ___ to the store … and bought”",
        "zh": "右边的词锁定了动词：“She ___ to the store … and bought”",
    },
    "preset_umbrella": {
        "en": "Left context is enough: rain → umbrella",
        "zh": "只看左边就够了：下雨 → 雨伞",
    },
    "preset_blanks": {
        "en": "Two blanks at once (masked model fills both)",
        "zh": "同时两个空（掩码模型同时填两个）",
    },
    "preset_paris": {"en": "The first word: no left context at all", "zh": "第一个词：完全没有左边的上下文"},
    "preset_zh_cat": {
        "en": "Chinese (needs a Chinese masked model such as bert-base-chinese for good answers)",
        "zh": "中文句子（需要中文掩码模型，如 bert-base-chinese，才能得到好的答案）",
    },
    "preset_zh_wind": {
        "en": "Tang poem: the left side is enough (春 -> 风)",
        "zh": "唐诗：左边就够了（春 → 风）",
    },
    "preset_zh_white_sun": {
        "en": "Tang poem: the first character, only the right side helps (白日依山尽)",
        "zh": "唐诗：第一个字，只有右边能帮忙（白日依山尽）",
    },
    "preset_zh_moon": {
        "en": "Tang poem: two blanks the masked model fills (举头望明___)",
        "zh": "唐诗：两个空，掩码模型来填（举头望明___）",
    },
    "cmp_preset_none": {"en": "(my own text from the sidebar)", "zh": "（使用侧边栏中我自己的文本）"},
    "cmp_word": {"en": "The word to predict (click one)", "zh": "要预测的词（点击选择）"},
    "cmp_no_word": {
        "en": "Click a word above, or write [MASK], <mask> or ___ where the hidden word goes.",
        "zh": "点击上方的一个词，或在要遮住的位置写 [MASK]、<mask> 或 ___。",
    },
    "cmp_need_models": {
        "en": "This page needs a causal model and a masked (fill-mask) model: choose them in the sidebar.",
        "zh": "本页需要一个自回归模型和一个掩码（填空）模型：请在侧边栏选择。",
    },
    "cmp_causal_side": {"en": "Causal: left context only", "zh": "自回归：只看左边"},
    "cmp_masked_side": {"en": "Masked: both sides", "zh": "掩码：看两边"},
    "cmp_rescore_side": {"en": "Causal: both sides, by rescoring", "zh": "自回归：看两边（整句重新打分）"},
    "cmp_rescore_explain": {
        "en": "Can a GPT use the right side? Only by reading whole sentences: P(word | left, right) ∝ P(the "
        "sentence with that word), so it scores one full sentence per candidate. Candidates: its own {left} "
        "best next words and the masked model's {masked} best fills.",
        "zh": "GPT 能利用右边的词吗？只能通过读完整的句子：P(词 | 左边, 右边) ∝ P(填入这个词的整句)，"
        "所以它要为每个候选词读一整句。候选词：它自己最可能的 {left} 个下一个词，加上掩码模型最可能的 {masked} 个填空词。",
    },
    "cmp_rescore_run": {"en": "Score about {n} whole sentences", "zh": "给大约 {n} 个整句打分"},
    "cmp_rescore_cost": {
        "en": "Scored {n} candidates: {n} sentences in {passes} passes, {seconds:.1f} s. The masked model: one "
        "pass, {masked:.2f} s.",
        "zh": "为 {n} 个候选词打了分：{n} 个句子，分 {passes} 批前向计算，用时 {seconds:.1f} 秒。掩码模型：一次前向计算，{masked:.2f} 秒。",
    },
    "cmp_rescore_word": {
        "en": "“{word}”: {prob:.2%} among the candidates (rank {rank}).",
        "zh": "“{word}”：在候选词中占 {prob:.2%}（排名第 {rank}）。",
    },
    "cmp_read": {"en": "What the model read: {context}", "zh": "模型读到的内容：{context}"},
    "cmp_true_word": {
        "en": "“{word}”: probability {prob:.2%}, rank {rank} of its first piece",
        "zh": "“{word}”：概率 {prob:.2%}，第一个片段排名第 {rank}",
    },
    "cmp_true_word_unscored": {"en": "“{word}” could not be scored.", "zh": "无法为“{word}”打分。"},
    "cmp_top_title": {"en": "{model}: top guesses", "zh": "{model}：最可能的猜测"},
    "cmp_blanks_heading": {"en": "Fill in the blanks", "zh": "填空"},
    "cmp_blank_n": {"en": "Blank {n}", "zh": "第 {n} 个空"},
    "cmp_strip_heading": {"en": "The whole sentence, both ways", "zh": "整句话，两种方式"},
    "cmp_strip_caption": {
        "en": "log-probability of every word (nats; 0 = certain). Top row: the causal model, left context only. "
        "Bottom row: the masked model, that word hidden, every other word visible.",
        "zh": "每个词的对数概率（nats；0 表示完全确定）。上行：自回归模型，只看左边。下行：掩码模型，遮住该词，其余词都可见。",
    },
    "cmp_strip_empty_unknown": {
        "en": "The {row} row is empty: {model} has no token for any word of this text (emoji, or a script "
        "its vocabulary lacks, all read as {unk}), so it cannot say how likely any of them is.",
        "zh": "{row}这一行是空的：{model} 的词表里没有这段文本中任何一个词的词元（表情符号，或它的词表缺少的文字，都被读作 {unk}），"
        "因此无法给出其中任何词的可能性。",
    },
    "cmp_strip_empty": {
        "en": "The {row} row is empty: {model} could not score any word of this text ({why}).",
        "zh": "{row}这一行是空的：{model} 无法为这段文本中的任何词打分（{why}）。",
    },
    "cmp_row_causal": {"en": "causal (left)", "zh": "自回归（左）"},
    "cmp_row_masked": {"en": "masked (both)", "zh": "掩码（两边）"},
    "cmp_unk": {
        "en": "The masked model's vocabulary reads “{word}” as [UNK] (unknown): it cannot score it.",
        "zh": "掩码模型的词表把“{word}”读作 [UNK]（未知）：无法为它打分。",
    },
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
            "**Masked (BERT-style) models** look both ways.\n"
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
            "- **自回归（GPT）模型**只能向左看：对角线以上全为 0。**掩码（BERT 类）模型**可以双向看。\n"
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
    # --- sharing and presenter mode -------------------------------------------------------------------
    "share": {"en": "Share this view", "zh": "分享此视图"},
    "share_help": {
        "en": "This link opens the same page with the same models, text and settings. Copy it with the "
        "button on the right.",
        "zh": "此链接会以相同的模型、文本和设置打开同一页面。用右侧的按钮复制。",
    },
    "url_problems": {
        "en": "Some settings in the link were not understood and their defaults are used: {problems}.",
        "zh": "链接中的部分设置无法识别，已改用默认值：{problems}。",
    },
    "url_unknown": {"en": "unknown parameter “{name}”", "zh": "未知参数“{name}”"},
    "url_invalid": {"en": "“{name}={value}” is not valid", "zh": "“{name}={value}”无效"},
    "url_more": {"en": "and {n:,} more", "zh": "另有 {n:,} 个"},
    "list_separator": {"en": "; ", "zh": "；"},
    "url_model_unavailable": {
        "en": "this model is not available on this server, the default is used",
        "zh": "此服务器上没有这个模型，已改用默认模型",
    },
    "url_model_kind": {
        "en": "this is a {kind} model, not one for the slot “{role}”; the default is used",
        "zh": "这是一个{kind}模型，不适用于“{role}”这个位置；已改用默认模型",
    },
    "model_kind_mismatch": {
        "en": "{name} is a {kind} model, not a {wanted} one: pages that need a {wanted} model will say so.",
        "zh": "{name} 是{kind}模型，不是{wanted}模型：需要{wanted}模型的页面会给出提示。",
    },
    "text_cut": {
        "en": "The text had {n:,} characters; lmviz reads at most {max:,}, so it was cut there.",
        "zh": "文本有 {n:,} 个字符；lmviz 最多读取 {max:,} 个，已在此处截断。",
    },
    "save_view": {"en": "Save this view", "zh": "保存此视图"},
    "save_view_help": {
        "en": "A zip of every figure on this page: PNG and SVG pictures, interactive HTML (works offline) "
        "and the numbers as CSV.",
        "zh": "本页所有图表的压缩包：PNG 和 SVG 图片、可交互的 HTML（离线可用），以及 CSV 格式的数值。",
    },
    "presenter": {"en": "Presenter mode", "zh": "演示模式"},
    "presenter_help": {
        "en": "Large type, no sidebar and high-contrast figures, for a projector.",
        "zh": "大字体、隐藏侧边栏、高对比度图表，适合投影。",
    },
    "presenter_exit": {"en": "Leave presenter mode", "zh": "退出演示模式"},
    # --- training page -------------------------------------------------------------------------------
    "nav_train": {"en": "Training", "zh": "训练"},
    "page_train_desc": {
        "en": "fine-tune a real model on your own text, or pretrain a tiny one from scratch, and compare "
        "the model before and after.",
        "zh": "用你自己的文本微调一个真实模型，或从零预训练一个小模型，并比较训练前后的模型。",
    },
    "kind_own_suffix": {"en": "trained in this session", "zh": "本次会话中训练"},
    "tr_title": {"en": "Training: pretraining and fine-tuning", "zh": "训练：预训练与微调"},
    "tr_intro": {
        "en": "Train a private copy of a model here and watch its loss fall. The shared model every "
        "visitor uses is never changed; your trained copy joins the model lists of this session.",
        "zh": "在这里训练模型的一个私有副本，看着损失下降。所有访问者共用的模型不会被改变；"
        "训练好的副本会出现在本次会话的模型列表中。",
    },
    "tr_explain_heading": {"en": "Pretraining vs fine-tuning", "zh": "预训练与微调"},
    "tr_explain": {
        "en": "**Pretraining** starts from random weights and learns language itself from a large amount "
        "of text, by predicting the next word (GPT) or hidden words (BERT) billions of times. It is the "
        "expensive part: SmolLM2 read 2 trillion tokens.\n\n"
        "**Fine-tuning** starts from a pretrained model and trains it a little more on a small, specific "
        "text (a style, a subject, a task). It is cheap, and the model changes quickly: watch the "
        "before/after panels. It can also forget: a model tuned on the Bible may stop answering "
        "*Paris* after *The capital of France is*.\n\n"
        "**Loss** is the average surprise (in nats) at each true next token; **perplexity** = e^loss is "
        "the number of equally likely choices that surprise corresponds to. Held-out text is never "
        "trained on, so its loss shows what the model learned that carries over.\n\n"
        "**Full** fine-tuning changes every weight; **LoRA** freezes them and learns small low-rank "
        "additions to the attention layers (far fewer numbers); **top layers** trains only the last few "
        "Transformer blocks.",
        "zh": "**预训练**从随机权重开始，通过数十亿次地预测下一个词（GPT）或被遮住的词（BERT），"
        "从大量文本中学会语言本身。这是最昂贵的部分：SmolLM2 读了 2 万亿个词元。\n\n"
        "**微调**从一个预训练好的模型出发，在一小段特定文本（某种文风、主题或任务）上再训练一会儿。"
        "它很便宜，模型变化很快：请看训练前后的对比。它也会遗忘：在圣经上微调过的模型，"
        "可能不再在 *The capital of France is* 后面回答 *Paris*。\n\n"
        "**损失**是模型对每个真实下一个词元的平均“意外程度”（单位 nat）；**困惑度** = e^损失，"
        "相当于模型在多少个等可能的选项之间犹豫。留出文本从不参与训练，它的损失反映学到的东西能否推广。\n\n"
        "**全量**微调改变所有权重；**LoRA** 冻结原权重，只在注意力层上学习很小的低秩增量"
        "（参数少得多）；**顶层**只训练最后几个 Transformer 层。",
    },
    "tr_mode": {"en": "What to do", "zh": "做什么"},
    "tr_mode_finetune": {"en": "Fine-tune a pretrained model", "zh": "微调预训练模型"},
    "tr_mode_pretrain": {"en": "Pretrain a tiny model from scratch", "zh": "从零预训练一个小模型"},
    "tr_base": {"en": "Model to fine-tune", "zh": "要微调的模型"},
    "tr_base_help": {
        "en": "The causal and masked models of the sidebar, the bundled ones, and models trained in this "
        "session (to train them further).",
        "zh": "侧边栏中的自回归和掩码模型、自带模型，以及本次会话中训练过的模型（可继续训练）。",
    },
    "tr_data": {"en": "Training text", "zh": "训练文本"},
    "tr_data_kjv": {"en": "King James Bible", "zh": "钦定版圣经（英文）"},
    "tr_data_poems_zh": {"en": "Tang poems (Chinese)", "zh": "唐诗（中文）"},
    "tr_data_wikipedia": {"en": "Wikipedia lead paragraphs", "zh": "维基百科条目导言"},
    "tr_data_paste": {"en": "Paste text", "zh": "粘贴文本"},
    "tr_data_upload": {"en": "Upload a text file", "zh": "上传文本文件"},
    "tr_paste": {"en": "Text to train on", "zh": "用于训练的文本"},
    "tr_upload": {"en": "A plain-text file (.txt, up to 2 MB)", "zh": "纯文本文件（.txt，最大 2 MB）"},
    "tr_upload_needed": {"en": "Upload a text file to train on.", "zh": "请上传一个用于训练的文本文件。"},
    "tr_data_summary": {
        "en": "{chars:,} characters from {label}.",
        "zh": "来自 {label} 的 {chars:,} 个字符。",
    },
    "tr_method": {"en": "Method", "zh": "方法"},
    "tr_method_lora": {"en": "LoRA (small adapters)", "zh": "LoRA（小型适配器）"},
    "tr_method_top": {"en": "Top layers only", "zh": "只训练顶层"},
    "tr_method_full": {"en": "Full (every weight)", "zh": "全量（所有权重）"},
    "tr_settings": {"en": "Settings", "zh": "设置"},
    "tr_steps": {"en": "Steps", "zh": "步数"},
    "tr_lr": {"en": "Learning rate", "zh": "学习率"},
    "tr_batch": {"en": "Batch (blocks per step)", "zh": "批大小（每步的文本块数）"},
    "tr_seq_len": {"en": "Sequence length (tokens per block)", "zh": "序列长度（每块的词元数）"},
    "tr_top_layers": {"en": "Layers to train (from the top)", "zh": "训练的层数（从顶层数起）"},
    "tr_lora_rank": {"en": "LoRA rank", "zh": "LoRA 秩"},
    "tr_seed": {"en": "Seed", "zh": "随机种子"},
    "tr_probe": {"en": "Probe prompt (compared before and after)", "zh": "探测提示（训练前后对比）"},
    "tr_probe_masked": {
        "en": "Probe sentence with [MASK] (compared before and after)",
        "zh": "含 [MASK] 的探测句子（训练前后对比）",
    },
    "tr_sample_prompt": {"en": "Start of the samples", "zh": "样本的开头"},
    "tr_start": {"en": "Start training", "zh": "开始训练"},
    "tr_stop": {"en": "Stop", "zh": "停止"},
    "tr_busy": {
        "en": "Your training run is in progress below: stop it or wait for it to finish.",
        "zh": "你的训练正在下方进行：可以停止它，或等待它结束。",
    },
    "tr_queued": {
        "en": "Queued: {ahead} run(s) ahead of yours. The server trains {limit} at a time; yours starts "
        "by itself.",
        "zh": "排队中：前面还有 {ahead} 个训练。服务器同时只训练 {limit} 个；轮到你时会自动开始。",
    },
    "tr_preparing": {
        "en": "Preparing: copying the model and cutting the text into blocks…",
        "zh": "准备中：正在复制模型并把文本切成块…",
    },
    "tr_finishing": {
        "en": "Training finished: measuring the model before and after on the held-out text and the probe…",
        "zh": "训练结束：正在用留出文本和探测提示比较训练前后的模型…",
    },
    "tr_progress": {
        "en": "Step {step} of {steps} · loss {loss:.3f} · {tps:,.0f} tokens/s · about {eta:.0f} s left",
        "zh": "第 {step}/{steps} 步 · 损失 {loss:.3f} · 每秒 {tps:,.0f} 个词元 · 约剩 {eta:.0f} 秒",
    },
    "tr_done": {
        "en": "Done: {steps} steps in {seconds:.0f} s. The trained model is now “{name}” in the sidebar.",
        "zh": "完成：{steps} 步，用时 {seconds:.0f} 秒。训练后的模型已作为“{name}”出现在侧边栏。",
    },
    "tr_stopped": {
        "en": "Stopped after {steps} steps; the model keeps what it learned so far: “{name}”.",
        "zh": "已在第 {steps} 步后停止；模型保留到目前为止学到的内容：“{name}”。",
    },
    "tr_stopped_empty": {
        "en": "Stopped before the first step: nothing was trained.",
        "zh": "在第一步之前就停止了：没有进行任何训练。",
    },
    "tr_diverged": {
        "en": "The run diverged and was stopped: {why} The model was not kept.",
        "zh": "训练发散，已停止：{why} 模型没有保留。",
    },
    "tr_failed": {"en": "Training failed: {error}", "zh": "训练失败：{error}"},
    "tr_notices": {"en": "Settings adjusted: {notes}", "zh": "设置已调整：{notes}"},
    "tr_params": {
        "en": "Training {trainable:,} of {total:,} weights ({share:.2%}) on {blocks} blocks of {seq} tokens; "
        "{held} blocks held out.",
        "zh": "训练 {total:,} 个权重中的 {trainable:,} 个（{share:.2%}），共 {blocks} 个 {seq} 词元的块；"
        "留出 {held} 个块。",
    },
    "tr_loss_title": {"en": "Loss while training", "zh": "训练中的损失"},
    "tr_loss_train": {"en": "training batch", "zh": "训练批次"},
    "tr_loss_held": {"en": "held-out text", "zh": "留出文本"},
    "tr_step_axis": {"en": "step", "zh": "步数"},
    "tr_loss_axis": {"en": "loss (nats per token)", "zh": "损失（每词元 nat）"},
    "tr_samples": {"en": "Samples as it learns", "zh": "学习过程中的样本"},
    "tr_sample_at": {"en": "Step {step}", "zh": "第 {step} 步"},
    "tr_sample_metre": {
        "en": "{right} of {n} phrases have the 5 or 7 characters of a Tang poem's line",
        "zh": "{n} 个句读中有 {right} 个是唐诗的五言或七言",
    },
    "tr_before": {"en": "Before", "zh": "训练前"},
    "tr_after": {"en": "After", "zh": "训练后"},
    "tr_perplexity": {"en": "Held-out perplexity", "zh": "留出文本困惑度"},
    "tr_shift": {
        "en": "The probe's distribution moved by {shift:.0%} (total variation distance: 0% = unchanged, "
        "100% = nothing in common).",
        "zh": "探测分布变化了 {shift:.0%}（总变差距离：0% 表示未变，100% 表示完全不同）。",
    },
    "tr_next_title": {"en": "{model}: what comes next", "zh": "{model}：接下来是什么"},
    "tr_fill_title": {"en": "{model}: fills for the blank", "zh": "{model}：空白处的填词"},
    "tr_generation": {"en": "Writes (seed {seed})", "zh": "续写（种子 {seed}）"},
    "tr_compare_failed": {
        "en": "The model was trained, but the before/after probe failed: {error}",
        "zh": "模型已训练好，但训练前后的探测失败：{error}",
    },
    "tr_download": {"en": "Download the trained model (.zip)", "zh": "下载训练好的模型（.zip）"},
    "tr_prepare_download": {"en": "Prepare the download (.zip)", "zh": "准备下载（.zip）"},
    "tr_preparing_download": {
        "en": "Writing the weights and the tokenizer into a zip…",
        "zh": "正在把权重和分词器写入 zip 文件…",
    },
    "tr_download_failed": {
        "en": "The trained model could not be saved for download: {error}. It is still usable on every page "
        "of this session.",
        "zh": "训练好的模型无法保存以供下载：{error}。在本次会话的各个页面上它仍然可以使用。",
    },
    "tr_download_size": {"en": "{mb:,.0f} MB, ready.", "zh": "{mb:,.0f} MB，已准备好。"},
    "tr_download_help": {
        "en": "safetensors weights + tokenizer + training_report.json; load it in lmviz with “Other: "
        "local folder” after unzipping.",
        "zh": "safetensors 权重 + 分词器 + training_report.json；解压后可在 lmviz 中通过“其他：本地文件夹”加载。",
    },
    "tr_inspect": {"en": "Look at it on the {page} page", "zh": "在“{page}”页面查看它"},
    "tr_need_model": {
        "en": "Choose a causal or a masked model to fine-tune (encoders cannot predict words).",
        "zh": "请选择一个自回归或掩码模型来微调（编码器模型不能预测词）。",
    },
}


# Static keys for values the pages show (a key is never built from a value at run time).
KIND_LABEL = {Kind.CAUSAL: "kind_causal", Kind.MASKED: "kind_masked", Kind.ENCODER: "kind_encoder"}
KIND_SHORT = {
    Kind.CAUSAL: "kind_short_causal",
    Kind.MASKED: "kind_short_masked",
    Kind.ENCODER: "kind_short_encoder",
}
ROLE_LABELS = {"causal": "causal_model", "masked": "masked_model"}  # the sidebar's two model slots


def t(key: str, lang: str = "en", **fmt: object) -> str:
    """The string for `key` in `lang` (falling back to English), formatted with `fmt`."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**fmt) if fmt else text


from lmviz_app.i18n_concepts import CONCEPT_STRINGS  # noqa: E402

STRINGS.update(CONCEPT_STRINGS)

from lmviz_app.i18n_inside import INSIDE_STRINGS  # noqa: E402

STRINGS.update(INSIDE_STRINGS)

from lmviz_app.i18n_why import WHY_STRINGS  # noqa: E402

STRINGS.update(WHY_STRINGS)
