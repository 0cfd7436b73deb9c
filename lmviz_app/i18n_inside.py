"""Strings of the "Inside the Transformer" page, in English and Chinese (merged into i18n.STRINGS)."""

from __future__ import annotations

INSIDE_STRINGS: dict[str, dict[str, str]] = {
    "nav_inside": {"en": "Inside the Transformer", "zh": "Transformer 内部"},
    "page_inside_desc": {
        "en": "the loaded model's architecture with real shapes, one attention head computed step by step on "
        "your text, the MLP's neurons, what each layer adds to the prediction, and words as vectors.",
        "zh": "所加载模型的结构和真实张量形状、在你的文本上逐步计算的一个注意力头、MLP 的神经元、"
        "每一层对预测的贡献，以及词向量。",
    },
    "in_title": {"en": "Inside the Transformer", "zh": "Transformer 内部"},
    "in_intro": {
        "en": "The model you loaded, drawn from its own weights, and one of its layers computed by hand on your "
        "text with real numbers, its results checked against what the model itself computed.",
        "zh": "根据所加载模型自身的权重画出它的结构，并在你的文本上用真实数字手工计算其中一层，"
        "计算结果与模型自己算出的结果核对过。",
    },
    "in_explain_heading": {"en": "What am I looking at?", "zh": "这张图表示什么？"},
    "in_explain": {
        "en": (
            "A Transformer turns each token into a vector (the **embedding**) and then passes all the vectors "
            "through the same kind of **block** many times. Each block has two parts, each added back to "
            "the vectors it read (the **residual stream**):\n\n"
            "- **Attention** mixes information *between* tokens: each token's query q is compared with "
            "every key k (q·k/√d), a softmax turns the scores into weights, and the token receives the "
            "weighted sum of the values v. Several heads do this side by side; W_O mixes their results back.\n"
            "- **The MLP** works on each token *alone*: it widens the vector (4 times in GPT-2 and MiniLM, 2.7 in SmolLM2), applies a "
            "non-linearity, and narrows it again. Its hidden units are the **neurons**.\n"
            "- A **norm** (LayerNorm or RMSNorm) rescales the vectors before each part (GPT-2, Llama) or "
            "after each add (BERT).\n\n"
            "At the end a final norm and the **unembedding** (often the embedding matrix itself) turn the "
            "last vector into one score (logit) per vocabulary token."
        ),
        "zh": (
            "Transformer 先把每个词元变成一个向量（**嵌入**），再让所有向量多次通过同一种**块**。"
            "每个块有两部分，每部分的结果都加回到它读取的向量上（**残差流**）：\n\n"
            "- **注意力**在词元*之间*交换信息：每个词元的查询 q 与每个键 k 比较（q·k/√d），softmax "
            "把分数变成权重，该词元得到值 v 的加权和。多个头并行地这样做；W_O 再把它们的结果混合回来。\n"
            "- **MLP** 对每个词元*单独*计算：把向量变宽（GPT-2 和 MiniLM 是 4 倍，SmolLM2 是 2.7 倍），经过非线性函数，再变窄。"
            "它的隐藏单元就是**神经元**。\n"
            "- **归一化**（LayerNorm 或 RMSNorm）在每部分之前（GPT-2、Llama）或每次相加之后（BERT）"
            "重新缩放向量。\n\n"
            "最后，最终归一化和**反嵌入**（常常就是嵌入矩阵本身）把最后的向量变成词表中每个词元的一个分数（logit）。"
        ),
    },
    "in_which": {"en": "Model", "zh": "模型"},
    "in_part": {"en": "Show", "zh": "显示"},
    "in_part_attention": {"en": "Attention step by step", "zh": "逐步计算注意力"},
    "in_part_mlp": {"en": "MLP neurons", "zh": "MLP 神经元"},
    "in_part_logits": {"en": "What each layer adds", "zh": "每层的贡献"},
    "in_part_vectors": {"en": "Words as vectors", "zh": "词向量"},
    "in_token": {"en": "Token", "zh": "词元"},
    "in_neuron": {"en": "Neuron", "zh": "神经元"},
    "in_target": {"en": "Token whose logit is split", "zh": "拆分哪个词元的 logit"},
    "in_target_word": {"en": "…or type a word", "zh": "……或输入一个词"},
    "in_target_word_help": {
        "en": "Any word: its first token's logit is split, even when the model does not predict it.",
        "zh": "任意一个词：拆分它第一个词元的 logit，即使模型并没有预测它。",
    },
    "in_dla_first_piece": {
        "en": "“{word}” is {n} tokens for this model; the first, “{piece}”, is the one split here.",
        "zh": "“{word}”在这个模型中是 {n} 个词元；这里拆分的是第一个：“{piece}”。",
    },
    "in_dla_typed_prob": {
        "en": "The model gives “{token}” {p:.2%} here (rank {rank:,}).",
        "zh": "模型在这里给“{token}”的概率为 {p:.2%}（排第 {rank:,} 位）。",
    },
    "in_wordset": {"en": "Words", "zh": "词语"},
    "in_words_royals": {"en": "king, queen, man, woman…", "zh": "国王、王后、男人、女人……"},
    "in_words_numbers": {"en": "numbers", "zh": "数字"},
    "in_words_days": {"en": "days and months", "zh": "星期和月份"},
    "in_words_capitals": {"en": "countries and capitals", "zh": "国家和首都"},
    "in_words_chinese": {"en": "Chinese characters", "zh": "汉字"},
    "in_words_own": {"en": "my own list", "zh": "我自己的列表"},
    "in_wordlist": {"en": "Your words (comma-separated)", "zh": "你的词语（用逗号分隔）"},
    "in_wordlist_help": {
        "en": "3 to 60 words. A word the model reads as several tokens is placed at their average.",
        "zh": "3 到 60 个词。模型读成多个词元的词，取这些词元向量的平均值。",
    },
    "in_rescale": {
        "en": "Scale each layer's vector to the words' length",
        "zh": "把每层向量缩放到词向量的长度",
    },
    "in_rescale_help": {
        "en": "The residual stream grows with depth; scaled, the path shows its direction, unscaled its size.",
        "zh": "残差流的长度随层数增长；缩放后路径显示方向，不缩放则显示大小。",
    },
    "in_unsupported_page": {
        "en": "{error} The attention page still shows its attention weights; its word vectors are below.",
        "zh": "{error} 注意力页面仍可显示它的注意力权重；下面是它的词向量。",
    },
    "in_unsupported_total": {"en": "{model}: {params} parameters.", "zh": "{model}：{params} 个参数。"},
    # --- architecture --------------------------------------------------------------------------------------
    "in_arch_heading": {"en": "The architecture of {model}", "zh": "{model} 的结构"},
    "in_arch_block": {"en": "Block (layer) to open below", "zh": "在下方展开的块（层）"},
    "in_arch_title": {
        "en": "{model}: {params} parameters, {layers} blocks, for your {tokens} tokens",
        "zh": "{model}：{params} 个参数，{layers} 个块（按你的 {tokens} 个词元）",
    },
    "in_arch_frame": {
        "en": "block {layer}\nof {layers}\n\n{params}\nparameters\nin this block",
        "zh": "第 {layer} 块\n共 {layers} 块\n\n本块有\n{params}\n个参数",
    },
    "in_arch_sum": {
        "en": "The boxes outside the block plus all {layers} blocks' parameters add up to {total} = the model's "
        "{model_total} (`sum(p.numel() for p in model.parameters())`).",
        "zh": "块外各方框的参数加上全部 {layers} 个块的参数，共 {total}，等于模型的 {model_total}"
        "（`sum(p.numel() for p in model.parameters())`）。",
    },
    "in_arch_tokens": {"en": "Tokens", "zh": "词元"},
    "in_arch_tokens_detail": {"en": "ids ({n},)", "zh": "编号 ({n},)"},
    "in_arch_embed": {"en": "Token embedding", "zh": "词元嵌入"},
    "in_arch_positions_learned": {"en": "+ Position embedding", "zh": "+ 位置嵌入"},
    "in_arch_positions_bert": {"en": "+ Positions, segment, LayerNorm", "zh": "+ 位置、句段、LayerNorm"},
    "in_arch_positions_rope": {"en": "Positions: RoPE", "zh": "位置：RoPE"},
    "in_arch_rope_detail": {
        "en": "no table: q and k are rotated by position inside attention · 0 parameters",
        "zh": "没有位置表：在注意力内部按位置旋转 q 和 k · 0 个参数",
    },
    "in_arch_norm1": {"en": "Norm", "zh": "归一化"},
    "in_arch_norm2": {"en": "Norm", "zh": "归一化"},
    "in_arch_attention": {"en": "Attention", "zh": "注意力"},
    "in_arch_attention_detail": {
        "en": "{heads} query, {kv} key/value heads × {dh} · q ({heads}, {t}, {dh}) · "
        "weights ({heads}, {t}, {t}) · out ({t}, {d}) · {params} params",
        "zh": "{heads} 个查询头、{kv} 个键/值头 × {dh} 维 · q ({heads}, {t}, {dh}) · 权重 "
        "({heads}, {t}, {t}) · 输出 ({t}, {d}) · {params} 个参数",
    },
    "in_arch_mlp": {"en": "MLP", "zh": "MLP"},
    "in_arch_mlp_detail": {
        "en": "({t}, {d}) → ({t}, {f}) {act}{gate} → ({t}, {d}) · {params} params",
        "zh": "({t}, {d}) → ({t}, {f}) {act}{gate} → ({t}, {d}) · {params} 个参数",
    },
    "in_arch_gated": {"en": "(gate) × up (SwiGLU)", "zh": "(门控) × up（SwiGLU）"},
    "in_arch_add": {"en": "add to the residual stream ({t}, {d})", "zh": "加回残差流 ({t}, {d})"},
    "in_arch_shape_params": {"en": "({shape}) · {params} params", "zh": "({shape}) · {params} 个参数"},
    "in_arch_final_norm": {"en": "Final norm", "zh": "最终归一化"},
    "in_arch_unembed": {"en": "Unembedding", "zh": "反嵌入"},
    "in_arch_tied": {
        "en": "logits ({t}, {v}) · the embedding matrix reused (tied): 0 new params{bias}",
        "zh": "logits ({t}, {v}) · 复用嵌入矩阵（共享权重）：0 个新参数{bias}",
    },
    "in_arch_bias": {"en": " + a bias of {n}", "zh": " + {n} 个偏置"},
    "in_arch_head_extra": {"en": "Other output layers", "zh": "其他输出层"},
    "in_arch_head_extra_detail": {
        "en": "the MLM head's dense layer and norm, or the pooler · {params} params",
        "zh": "MLM 输出头的全连接层和归一化，或池化层 · {params} 个参数",
    },
    "in_arch_table": {"en": "Every part, with its parameters (CSV)", "zh": "每个部分及其参数（CSV）"},
    # --- attention step by step ---------------------------------------------------------------------------
    "in_att_heading": {
        "en": "Layer {layer}, head {head}, computed step by step",
        "zh": "第 {layer} 层第 {head} 个头的逐步计算",
    },
    "in_att_x": {"en": "① The head's input x ({t} × {d})", "zh": "① 这个头的输入 x（{t} × {d}）"},
    "in_att_x_pre": {
        "en": "x = {norm}(h): each token's residual stream h divided by its {what} (here {low:.2f} to "
        "{high:.2f}), times the norm's learned gain (plus its bias, in LayerNorm). One row per token, one "
        "column per dimension.",
        "zh": "x = {norm}(h)：每个词元的残差流 h 除以它的{what}（这里为 {low:.2f} 到 {high:.2f}），"
        "再乘以归一化层学到的增益（LayerNorm 还要加上偏置）。每行一个词元，每列一个维度。",
    },
    "in_att_x_post": {
        "en": "x is the residual stream itself: BERT-style models normalise after each add, not before.",
        "zh": "x 就是残差流本身：BERT 类模型在每次相加之后归一化，而不是之前。",
    },
    "in_att_rms": {"en": "root mean square", "zh": "均方根"},
    "in_att_std": {"en": "standard deviation (after subtracting its mean)", "zh": "标准差（先减去均值）"},
    "in_att_qkv": {
        "en": "② q = x W_Qᵀ, k = x W_Kᵀ, v = x W_Vᵀ: {dh} numbers per token",
        "zh": "② q = x W_Qᵀ，k = x W_Kᵀ，v = x W_Vᵀ：每个词元 {dh} 个数",
    },
    "in_att_gqa": {
        "en": "Grouped-query attention: {heads} query heads share {kv} key/value heads; head {head} reads "
        "key/value head {kv_head}, with heads {first} to {last}.",
        "zh": "分组查询注意力：{heads} 个查询头共用 {kv} 个键/值头；第 {head} 个头读取第 {kv_head} 个键/值头，"
        "与第 {first} 到第 {last} 个头相同。",
    },
    "in_att_q": {"en": "q (query): what the token looks for", "zh": "q（查询）：这个词元在找什么"},
    "in_att_k": {"en": "k (key): what the token offers", "zh": "k（键）：这个词元能提供什么"},
    "in_att_v": {"en": "v (value): what it passes on", "zh": "v（值）：它传递出去的内容"},
    "in_att_rope": {
        "en": "③ RoPE: q and k rotated by position",
        "zh": "③ RoPE：按位置旋转 q 和 k",
    },
    "in_att_rope_caption": {
        "en": "Each pair of dimensions (i, i + {half}) is turned by an angle of position × θᵢ; token 0 is not "
        "turned. After rotation q·k depends on how far apart two tokens are, which is how this model knows "
        "word order: it has no position table.",
        "zh": "每对维度 (i, i + {half}) 旋转一个角度：位置 × θᵢ；第 0 个词元不旋转。旋转之后 q·k 取决于两个词元"
        "相隔多远，这个模型就是这样知道词序的：它没有位置表。",
    },
    "in_att_q_before": {"en": "q before", "zh": "旋转前的 q"},
    "in_att_q_after": {"en": "q after", "zh": "旋转后的 q"},
    "in_att_k_before": {"en": "k before", "zh": "旋转前的 k"},
    "in_att_k_after": {"en": "k after", "zh": "旋转后的 k"},
    "in_att_scores": {
        "en": "{n} Scores q·kᵀ ({t} × {t}): row = query token, column = key token",
        "zh": "{n} 分数 q·kᵀ（{t} × {t}）：行 = 查询词元，列 = 键词元",
    },
    "in_att_scores_caption": {
        "en": "Hover a cell: the dot product written as a sum of {dh} products, its largest terms first.",
        "zh": "把鼠标移到一个格子上：点积写成 {dh} 个乘积之和，最大的几项在前。",
    },
    "in_att_hover": {
        "en": "q[{q}] · k[{k}] = Σᵢ qᵢ kᵢ<br>= {terms}<br>+ {rest:.3f} ({more} smaller terms)<br>= {total:.3f}",
        "zh": "q[{q}] · k[{k}] = Σᵢ qᵢ kᵢ<br>= {terms}<br>+ {rest:.3f}（其余 {more} 项）<br>= {total:.3f}",
    },
    "in_att_scaled": {"en": "{n} ÷ √d_head = ÷ {root:.2f}", "zh": "{n} 除以每头维度的平方根：÷ {root:.2f}"},
    "in_att_scaled_caption": {
        "en": "Dividing by √{dh} keeps the scores in a range where the softmax is not all-or-nothing.",
        "zh": "除以 √{dh} 让分数保持在合适的范围，使 softmax 不会变成“全有或全无”。",
    },
    "in_att_mask_causal": {
        "en": "{n} Causal mask: −∞ above the diagonal (empty cells)",
        "zh": "{n} 因果掩码：对角线以上为 −∞（空白格）",
    },
    "in_att_mask_causal_caption": {
        "en": "A token may not read tokens after it: their scores become −∞, so their weight will be 0.",
        "zh": "词元不能读取它后面的词元：这些分数变成 −∞，它们的权重将为 0。",
    },
    "in_att_mask_none": {
        "en": "{n} No mask: this model reads both sides",
        "zh": "{n} 没有掩码：这个模型双向读取",
    },
    "in_att_mask_none_caption": {
        "en": "Every token may read every other token (only padding would be masked, and there is none).",
        "zh": "每个词元都可以读取所有其他词元（只有填充会被掩盖，这里没有填充）。",
    },
    "in_att_softmax": {
        "en": "{n} Softmax of each row: the attention weights",
        "zh": "{n} 每行做 softmax：注意力权重",
    },
    "in_att_softmax_caption": {
        "en": "softmax(s)ⱼ = exp(sⱼ) / Σ exp(s): every row adds up to 1. This is the attention page's matrix "
        "for layer {layer}, head {head}: largest difference from what the model returned {diff:.1e}.",
        "zh": "softmax(s)ⱼ = exp(sⱼ) / Σ exp(s)：每行之和为 1。这正是注意力页面第 {layer} 层第 {head} 个头的矩阵："
        "与模型返回值的最大差异为 {diff:.1e}。",
    },
    "in_att_softmax_caption_cut": {
        "en": "softmax(s)ⱼ = exp(sⱼ) / Σ exp(s): every row adds up to 1. Largest difference from what the "
        "model returned for these first {n} tokens, layer {layer}, head {head}: {diff:.1e}. The attention page "
        "reads more of the text, so its matrix is computed over more tokens.",
        "zh": "softmax(s)ⱼ = exp(sⱼ) / Σ exp(s)：每行之和为 1。与模型对这前 {n} 个词元在第 {layer} 层第 {head} "
        "个头返回的结果相比，最大差异为 {diff:.1e}。注意力页面读取的文本更长，所以它的矩阵基于更多的词元。",
    },
    "in_att_z": {
        "en": "{n} z = weights · v ({t} × {dh}): each token's weighted average of the values",
        "zh": "{n} z = 权重 · v（{t} × {dh}）：每个词元得到值向量的加权平均",
    },
    "in_att_concat": {
        "en": "{n} All {heads} heads side by side ({t} × {width}); this head's {dh} columns framed",
        "zh": "{n} {heads} 个头并排（{t} × {width}）；框出的是这个头的 {dh} 列",
    },
    "in_att_wo": {
        "en": "{n} × W_Oᵀ ({width} → {d}): attention's output",
        "zh": "{n} × W_Oᵀ（{width} → {d}）：注意力的输出",
    },
    "in_att_wo_caption": {
        "en": "W_O mixes the heads back into the model's {d} dimensions. Largest difference from the model's "
        "own attention output: {diff:.1e}.",
        "zh": "W_O 把各个头的结果混合回模型的 {d} 个维度。与模型自己的注意力输出的最大差异：{diff:.1e}。",
    },
    "in_att_residual_pre": {
        "en": "{n} Residual add: h + attention output",
        "zh": "{n} 残差相加：h + 注意力输出",
    },
    "in_att_residual_post": {
        "en": "{n} Residual add, then LayerNorm: LN(h + attention output)",
        "zh": "{n} 残差相加，再做 LayerNorm：LN(h + 注意力输出)",
    },
    "in_att_block": {
        "en": "{n} Then the MLP and its add: the block's output",
        "zh": "{n} 然后是 MLP 及其相加：这个块的输出",
    },
    "in_att_block_caption": {
        "en": "Computed here by hand from the weights, then compared with the hidden state the model passes to "
        "block {next}: largest difference {diff:.1e} (of values up to {peak:.0f}).",
        "zh": "这里根据权重手工计算，再与模型传给第 {next} 块的隐藏状态比较：最大差异为 {diff:.1e}"
        "（数值最大约 {peak:.0f}）。",
    },
    "in_att_block_caption_final": {
        "en": "Computed here by hand from the weights, then compared with the last block's output the model "
        "passes to its final norm: largest difference {diff:.1e} (of values up to {peak:.0f}).",
        "zh": "这里根据权重手工计算，再与模型最后一个块交给最终归一化的输出比较：最大差异为 {diff:.1e}"
        "（数值最大约 {peak:.0f}）。",
    },
    "in_att_block_caption_head": {
        "en": "Computed here by hand from the weights, then compared with the last block's output the model "
        "passes to its output head: largest difference {diff:.1e} (of values up to {peak:.0f}).",
        "zh": "这里根据权重手工计算，再与模型最后一个块交给输出层的结果比较：最大差异为 {diff:.1e}"
        "（数值最大约 {peak:.0f}）。",
    },
    "in_att_csv": {"en": "Download this head's steps (CSV)", "zh": "下载这个头的各步数值（CSV）"},
    "in_dims": {"en": "dimension", "zh": "维度"},
    # --- MLP ----------------------------------------------------------------------------------------------
    "in_mlp_heading": {"en": "Layer {layer}'s MLP: {f} neurons", "zh": "第 {layer} 层的 MLP：{f} 个神经元"},
    "in_mlp_caption_gated": {
        "en": "neuron = {act}(x W_gateᵀ) × (x W_upᵀ), then W_down brings {f} back to {d}. A neuron's value "
        "can be negative.",
        "zh": "神经元 = {act}(x W_gateᵀ) × (x W_upᵀ)，然后 W_down 把 {f} 维变回 {d} 维。神经元的值可以为负。",
    },
    "in_mlp_caption": {
        "en": "neuron = {act}(x W_inᵀ + b), then W_out brings {f} back to {d}.",
        "zh": "神经元 = {act}(x W_inᵀ + b)，然后 W_out 把 {f} 维变回 {d} 维。",
    },
    "in_mlp_grid": {
        "en": "The {k} neurons most active anywhere in the text (columns), at every token (rows)",
        "zh": "在整段文本中最活跃的 {k} 个神经元（列）在每个词元（行）上的值",
    },
    "in_mlp_top": {"en": "The most active neurons at “{token}”", "zh": "在“{token}”上最活跃的神经元"},
    "in_mlp_text": {"en": "Your text coloured by neuron {neuron}", "zh": "按第 {neuron} 号神经元着色的文本"},
    "in_mlp_text_caption": {
        "en": "Red: positive, blue: negative; the strongest is {peak:.3f}. Hover a token for its value.",
        "zh": "红色：正值，蓝色：负值；最强为 {peak:.3f}。把鼠标移到词元上查看数值。",
    },
    "in_activation": {"en": "activation", "zh": "激活值"},
    # --- logit shares -------------------------------------------------------------------------------------
    "in_dla_heading": {"en": "What each layer adds to one prediction", "zh": "每一层对一个预测的贡献"},
    "in_dla_reads": {
        "en": "The output at token {position} (“{token}”) predicts the next token.",
        "zh": "第 {position} 个词元（“{token}”）处的输出预测下一个词元。",
    },
    "in_dla_sum": {
        "en": "Logit of “{target}”: {logit:.3f} (from the model's own head). The parts add up to "
        "{total:.3f} = embeddings {embed:.3f} + attention {attn:.3f} + MLP {mlp:.3f} + constant {const:.3f}.",
        "zh": "“{target}”的 logit：{logit:.3f}（来自模型自己的输出层）。各部分之和为 {total:.3f} = "
        "嵌入 {embed:.3f} + 注意力 {attn:.3f} + MLP {mlp:.3f} + 常数 {const:.3f}。",
    },
    "in_dla_explain": {
        "en": "The last residual stream is a sum: embeddings + every layer's attention + every layer's MLP. The "
        "final norm divides it by one number (here s = {scale:.2f}; LayerNorm first subtracts the mean) before "
        "the unembedding; holding s at that value, the logit splits exactly into one share per part. The approximation: each part also changes "
        "s, so a share says what the part pushes for with the others in place, not what removing it would do "
        "(ablation answers that).",
        "zh": "最后的残差流是一个和：嵌入 + 每层注意力 + 每层 MLP。最终归一化在反嵌入之前把它除以一个数"
        "（这里 s = {scale:.2f}；LayerNorm 先减去均值）；把 s 固定在这个值，logit 就能精确地拆成每部分一份。近似之处在于："
        "每部分也会改变 s，所以份额说明的是在其他部分都在时它推动了什么，而不是去掉它会怎样（那要用消融来回答）。",
    },
    "in_dla_layers": {
        "en": "Each layer's share of the logit of “{target}”",
        "zh": "每层对“{target}”的 logit 的贡献",
    },
    "in_dla_heads": {"en": "Each head's share (layer × head)", "zh": "每个头的贡献（层 × 头）"},
    "in_dla_top": {"en": "The largest shares", "zh": "贡献最大的部分"},
    "in_dla_embeddings": {"en": "embeddings", "zh": "嵌入"},
    "in_dla_attention": {"en": "attention", "zh": "注意力"},
    "in_dla_mlp": {"en": "MLP", "zh": "MLP"},
    "in_dla_layer": {"en": "layer", "zh": "层"},
    "in_dla_share": {"en": "share of the logit", "zh": "对 logit 的贡献"},
    "in_dla_head_label": {"en": "head", "zh": "头"},
    "in_dla_part_attn": {"en": "attention L{layer}", "zh": "第 {layer} 层注意力"},
    "in_dla_part_mlp": {"en": "MLP L{layer}", "zh": "第 {layer} 层 MLP"},
    "in_dla_csv": {"en": "Download the shares (CSV)", "zh": "下载各部分贡献（CSV）"},
    "in_dla_prob": {"en": "{token} ({p:.1%})", "zh": "{token}（{p:.1%}）"},
    # --- word vectors -------------------------------------------------------------------------------------
    "in_vec_heading": {"en": "Words as vectors", "zh": "词向量"},
    "in_vec_title": {
        "en": "{n} input embeddings of {model} in 2-D (PCA)",
        "zh": "{model} 的 {n} 个输入嵌入的二维投影（PCA）",
    },
    "in_vec_axis": {"en": "PC{n} ({share:.0%} of the variance)", "zh": "主成分 {n}（方差的 {share:.0%}）"},
    "in_vec_caption": {
        "en": "Each word's {d}-dimensional embedding, projected on the two directions along which these words "
        "differ most (scikit-learn PCA). Nearby words have similar vectors in those two directions; the "
        "other {rest} directions are not shown.",
        "zh": "每个词的 {d} 维嵌入，投影到这些词差异最大的两个方向上（scikit-learn PCA）。"
        "相近的词在这两个方向上向量相似；其余 {rest} 个方向没有显示。",
    },
    "in_vec_pieces": {
        "en": "Read as several tokens (their vectors averaged): {words}.",
        "zh": "被读成多个词元（取其向量平均值）：{words}。",
    },
    "in_vec_path": {"en": "Path of “{token}” through the layers", "zh": "“{token}”穿过各层的路径"},
    "in_vec_path_caption": {
        "en": "The residual stream of the chosen token after the embedding (L0) and after each block, in the "
        "same plane. A point near the middle means that state lies mostly along directions in which these "
        "words do not differ.",
        "zh": "所选词元的残差流在嵌入之后（L0）以及每个块之后的位置，画在同一平面上。"
        "点靠近中间，表示那一层的向量主要位于这些词彼此并无差别的方向上。",
    },
}
