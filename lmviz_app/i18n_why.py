"""Strings of the "Why" page, in English and Chinese (merged into i18n.STRINGS)."""

from __future__ import annotations

WHY_STRINGS: dict[str, dict[str, str]] = {
    "nav_why": {"en": "Why did it say that?", "zh": "为什么"},
    "page_why_desc": {
        "en": "which input tokens made the model answer as it did (integrated gradients, gradient × input, attention × gradient), what each head does, what switching a head or a layer off costs, which activations carry a fact (activation patching), and steering the model while it writes.",
        "zh": "哪些输入词元让模型给出这个答案（积分梯度、梯度×输入、注意力×梯度），每个注意力头在做什么，关掉一个头或一层会损失什么，哪些激活携带了一个事实（激活修补），以及在模型写作时对它进行引导。",
    },
    "why_title": {"en": "Why did it say that?", "zh": "模型为什么这样回答？"},
    "why_intro": {
        "en": "Experiments on the real model: attribute its answer to the input, score and switch off its heads, patch activations from one prompt into another, push its hidden states in a direction.",
        "zh": "在真实模型上做实验：把答案归因到输入，给注意力头打分并关掉它们，把一个提示的激活修补到另一个提示中，沿某个方向推动隐藏状态。",
    },
    "why_explain_heading": {"en": "What am I looking at?", "zh": "这张图表示什么？"},
    "why_explain": {
        "en": (
            "Four ways to ask why the model gave its answer, each an experiment on the model itself:\n\n"
            "- **Attribution**: how much each input token contributed to the answer's logit (or to the difference between two answers' logits). "
            "Integrated gradients walk from a baseline, in which every ordinary token is replaced by the vocabulary's average embedding, to your text, and add up the gradients on the way: "
            "their sum should equal the logit's change, and the page says how close it is. "
            "Gradient × input is the slope at the text alone; attention × gradient weighs every attention weight by how much the answer depends on it.\n"
            "- **Heads**: what each head does (reads the previous token, the first token, earlier copies of itself, or what followed the last time the current token appeared), "
            "and what the answer loses when one head, a layer's attention or a layer's MLP is switched off.\n"
            "- **Patching**: two prompts that differ in one fact; copy one activation of the clean run into the corrupted run and see how much of the clean answer comes back.\n"
            "- **Steering**: add a direction (prompt A's mean hidden state minus prompt B's) into one layer while the model writes.\n\n"
            "Every change acts only on the forward passes of your own request, through hooks removed right after: the model the other users see is never changed."
        ),
        "zh": (
            "用四种方法追问模型为什么给出这个答案，每一种都是在模型本身上做的实验：\n\n"
            "- **归因**：每个输入词元对答案的 logit（或两个答案 logit 之差）贡献了多少。"
            "积分梯度从一个基线出发（每个普通词元都换成词表的平均嵌入），一直走到你的文本，并把沿途的梯度加起来："
            "它们的和应当等于 logit 的变化量，页面会说明两者有多接近。"
            "梯度×输入只看文本处的斜率；注意力×梯度用答案对每个注意力权重的依赖程度来给该权重加权。\n"
            "- **注意力头**：每个头在做什么（看前一个词元、看第一个词元、看自己之前的副本，或看当前词元上次出现后紧跟的词元），"
            "以及关掉一个头、一层的注意力或一层的 MLP 后答案会损失什么。\n"
            "- **激活修补**：两个只差一个事实的提示；把干净运行中的一个激活复制到被破坏的运行中，看干净答案能恢复多少。\n"
            "- **引导**：在模型写作时，把一个方向（提示 A 的平均隐藏状态减去提示 B 的）加到某一层上。\n\n"
            "每一次改动只作用于你自己这次请求的前向计算，所用的钩子在计算后立即移除：其他用户看到的模型从不改变。"
        ),
    },
    "why_part": {"en": "Question", "zh": "问题"},
    "why_part_attribution": {"en": "Which tokens?", "zh": "哪些词元？"},
    "why_part_heads": {"en": "Which heads?", "zh": "哪些注意力头？"},
    "why_part_patching": {"en": "Patching", "zh": "激活修补"},
    "why_part_steering": {"en": "Steering", "zh": "引导"},
    "why_answer": {"en": "Answer to explain", "zh": "要解释的答案"},
    "why_answer_help": {
        "en": "Empty: the model's most probable next token (or the token at the mask). A word of several tokens is represented by its first token.",
        "zh": "留空：模型最可能的下一个词元（或掩码处的词元）。由多个词元组成的词用它的第一个词元代表。",
    },
    "why_contrast": {"en": "…rather than (optional)", "zh": "……而不是（可选）"},
    "why_contrast_help": {
        "en": "A second answer: the attribution then explains the difference of the two logits (why Paris and not London).",
        "zh": "第二个答案：归因随后解释两个 logit 之差（为什么是巴黎而不是伦敦）。",
    },
    "why_first_piece": {
        "en": "'{word}' has {n} tokens here; its first, '{piece}', is used.",
        "zh": "“{word}”在这里有 {n} 个词元；使用其中第一个“{piece}”。",
    },
    "why_same_contrast": {
        "en": "The contrast is the answer itself ('{piece}'): it is left out.",
        "zh": "对比词就是答案本身（“{piece}”）：已忽略。",
    },
    "why_reads_last": {"en": "after the last token", "zh": "在最后一个词元之后"},
    "why_reads_mask": {"en": "at the mask (token {position})", "zh": "在掩码处（第 {position} 个词元）"},
    "why_answer_line": {
        "en": "Explaining '{piece}' {where} (probability {p:.1%}); the model's top answer is '{top}' ({top_p:.1%}).",
        "zh": "解释{where}的“{piece}”（概率 {p:.1%}）；模型最可能的答案是“{top}”（{top_p:.1%}）。",
    },
    "why_contrast_line": {
        "en": "Against '{piece}' ({p:.1%}).",
        "zh": "对比“{piece}”（{p:.1%}）。",
    },
    "why_example": {"en": "Try it on: {text}", "zh": "用这个例子试试：{text}"},
    "why_attr_heading": {"en": "Which input tokens made it say that?", "zh": "哪些输入词元让它这样回答？"},
    "why_method": {"en": "Method", "zh": "方法"},
    "why_method_integrated": {"en": "Integrated gradients", "zh": "积分梯度"},
    "why_method_grad_input": {"en": "Gradient × input", "zh": "梯度×输入"},
    "why_method_attention_grad": {"en": "Attention × gradient", "zh": "注意力×梯度"},
    "why_method_integrated_caption": {
        "en": "Integrated gradients: the gradient of the objective averaged along the straight path from the baseline to the text, times the distance travelled, summed over each token's embedding. Red tokens pushed the answer up, blue ones down; the shade is the token's share of the total.",
        "zh": "积分梯度：目标对输入的梯度沿从基线到文本的直线路径取平均，乘以走过的距离，再对每个词元的嵌入维度求和。红色词元把答案推高，蓝色词元把它压低；颜色深浅是该词元占总量的份额。",
    },
    "why_method_grad_input_caption": {
        "en": "Gradient × input: the gradient at the text itself times each token's embedding. One backward pass, but it sees only the local slope, which can point the other way from the whole walk.",
        "zh": "梯度×输入：文本处的梯度乘以每个词元的嵌入。只需一次反向传播，但它只看到局部斜率，方向可能与整条路径的结果相反。",
    },
    "why_method_attention_grad_caption": {
        "en": "Attention × gradient: every attention weight times the objective's gradient with respect to it, summed over layers, heads and the tokens that read it: a first-order estimate of what being attended to contributes. It is noisier than integrated gradients and large for the first token, which most heads use as a resting place.",
        "zh": "注意力×梯度：每个注意力权重乘以目标对它的梯度，再对层、头和读取它的词元求和：这是对“被关注”所作贡献的一阶估计。它比积分梯度噪声大，而且第一个词元的值很大，因为多数注意力头把它当作停靠处。",
    },
    "why_steps": {"en": "Integration steps", "zh": "积分步数"},
    "why_steps_help": {
        "en": "Points on the path from the baseline to the text where the gradient is taken (each one a forward and backward pass). More steps: a smaller gap in the completeness check, a longer wait.",
        "zh": "在从基线到文本的路径上取梯度的点数（每个点一次前向和反向传播）。步数越多，完备性检验的差距越小，等待越久。",
    },
    "why_attr_running": {
        "en": "Attributing over {n} tokens with {steps} integration steps…",
        "zh": "正在用 {steps} 个积分步对 {n} 个词元做归因……",
    },
    "why_objective_logit": {"en": "the logit of '{a}'", "zh": "“{a}”的 logit"},
    "why_objective_diff": {"en": "logit('{a}') − logit('{b}')", "zh": "logit(“{a}”) − logit(“{b}”)"},
    "why_completeness": {
        "en": "Objective: {objective} = {value:.3f} on the text and {base:.3f} on the baseline, a change of {gap:.3f}. Integrated gradients add up to {total:.3f}: the gap (captum's convergence delta) is {delta:.3f} with {steps} steps.",
        "zh": "目标：{objective}，在文本上为 {value:.3f}，在基线上为 {base:.3f}，变化量 {gap:.3f}。积分梯度之和为 {total:.3f}：用 {steps} 步时差距（captum 的收敛误差）为 {delta:.3f}。",
    },
    "why_completeness_far": {
        "en": "The attributions miss the change by {delta:.3f}, more than 5% of it: raise the integration steps for a more exact integral.",
        "zh": "归因之和与变化量相差 {delta:.3f}，超过其 5%：请增加积分步数以得到更精确的积分。",
    },
    "why_attr_bars": {"en": "{method}: each token's share", "zh": "{method}：每个词元的份额"},
    "why_share": {"en": "share of the total |attribution|", "zh": "占归因绝对值总和的份额"},
    "why_axg_layers": {"en": "Attention × gradient per layer", "zh": "每一层的注意力×梯度"},
    "why_token": {"en": "token", "zh": "词元"},
    "why_agreement": {
        "en": "Agreement over the tokens (correlation): integrated gradients with gradient × input {ig_gxi:.2f}, with attention × gradient {ig_axg:.2f}.",
        "zh": "各方法在词元上的一致程度（相关系数）：积分梯度与梯度×输入 {ig_gxi:.2f}，与注意力×梯度 {ig_axg:.2f}。",
    },
    "why_csv": {"en": "Download the numbers (CSV)", "zh": "下载数据（CSV）"},
    # heads
    "why_ht_heading": {"en": "What kind of head is each head?", "zh": "每个注意力头属于哪一类？"},
    "why_ht_on": {"en": "Score on", "zh": "打分所用的输入"},
    "why_ht_on_text": {"en": "your text", "zh": "你的文本"},
    "why_ht_on_sequence": {"en": "a repeated random sequence", "zh": "重复的随机序列"},
    "why_seed": {"en": "Seed", "zh": "随机种子"},
    "why_ht_running": {"en": "Scoring every head…", "zh": "正在为每个注意力头打分……"},
    "why_ht_previous": {"en": "Previous-token heads", "zh": "前一词元头"},
    "why_ht_first": {"en": "First-token (sink) heads", "zh": "首词元（汇聚）头"},
    "why_ht_duplicate": {"en": "Duplicate-token heads", "zh": "重复词元头"},
    "why_ht_induction": {"en": "Induction heads", "zh": "归纳头"},
    "why_ht_previous_def": {
        "en": "Score: the mean weight a token gives the token just before it.",
        "zh": "分数：每个词元给紧挨在它前面的词元的平均权重。",
    },
    "why_ht_first_def": {
        "en": "Score: the mean weight a token gives the first token, where heads with nothing to read rest.",
        "zh": "分数：每个词元给第一个词元的平均权重；无事可做的注意力头停靠在那里。",
    },
    "why_ht_duplicate_def": {
        "en": "Score: for tokens that appeared before, the mean weight on their earlier copies.",
        "zh": "分数：对于此前出现过的词元，它给自己先前副本的平均权重。",
    },
    "why_ht_induction_def": {
        "en": "Score: on a random sequence shown twice, the mean weight a token of the second copy gives the token that followed it in the first copy: the head that continues a pattern seen once.",
        "zh": "分数：在一段重复两次的随机序列上，第二遍中的词元给第一遍中紧跟在它后面的词元的平均权重：这类头让模型延续只见过一次的模式。",
    },
    "why_ht_no_repeats": {
        "en": "Your text repeats no token: score on the repeated random sequence, or type a text with a repeated word.",
        "zh": "你的文本里没有重复的词元：请改用重复的随机序列打分，或输入含有重复词的文本。",
    },
    "why_ht_top": {"en": "Highest: {heads}.", "zh": "最高：{heads}。"},
    "why_ht_sequence": {
        "en": "Induction heads are always scored on the random sequence: these {n} random tokens (seed {seed}), shown twice: {text}",
        "zh": "归纳头总是在随机序列上打分：这 {n} 个随机词元（种子 {seed}）重复两次：{text}",
    },
    "why_ab_heading": {"en": "Switch a part off", "zh": "关掉一个部件"},
    "why_ablate": {"en": "Part", "zh": "部件"},
    "why_ablate_head": {"en": "one attention head", "zh": "一个注意力头"},
    "why_ablate_attention": {"en": "a layer's attention", "zh": "一层的注意力"},
    "why_ablate_mlp": {"en": "a layer's MLP", "zh": "一层的 MLP"},
    "why_ablate_mode": {"en": "Replace with", "zh": "替换为"},
    "why_ablate_mode_help": {
        "en": "Zero: the part's output becomes 0 (for a head, its slice of W_O's input; W_O's bias stays). Mean: its average output over a few Wikipedia paragraphs, so that only what it computed for this text is lost.",
        "zh": "零：该部件的输出变为 0（对一个头而言是 W_O 输入中它的那一段；W_O 的偏置保留）。均值：换成它在几段维基百科文字上的平均输出，这样只失去它为这段文本专门算出的内容。",
    },
    "why_mode_zero": {"en": "zero", "zh": "零"},
    "why_mode_mean": {"en": "mean", "zh": "均值"},
    "why_ab_running": {
        "en": "Running the model with the part switched off…",
        "zh": "正在关掉该部件运行模型……",
    },
    "why_ab_what_head": {"en": "head {head} of layer {layer}", "zh": "第 {layer} 层的第 {head} 个头"},
    "why_ab_what_attention": {"en": "the attention of layer {layer}", "zh": "第 {layer} 层的注意力"},
    "why_ab_what_mlp": {"en": "the MLP of layer {layer}", "zh": "第 {layer} 层的 MLP"},
    "why_ab_prob": {"en": "P('{piece}')", "zh": "P(“{piece}”)"},
    "why_ab_logit": {"en": "its logit", "zh": "它的 logit"},
    "why_ab_loss": {"en": "loss of the text", "zh": "文本的损失"},
    "why_ab_caption": {
        "en": "With {what} replaced by its {mode} output the answer's probability goes from {before:.2%} to {after:.2%}. The loss is the mean next-token cross-entropy over the whole text.",
        "zh": "把{what}的输出替换为{mode}后，答案的概率从 {before:.2%} 变为 {after:.2%}。损失是整段文本上下一个词元交叉熵的平均值。",
    },
    "why_ab_reference": {
        "en": "Mean outputs over {n} tokens of Wikipedia lead paragraphs.",
        "zh": "均值取自维基百科导言段落中的 {n} 个词元。",
    },
    "why_sweep_heading": {"en": "Every head switched off in turn", "zh": "依次关掉每一个注意力头"},
    "why_sweep_cost": {
        "en": "{layers} layers × {heads} heads = {passes} passes over {n} tokens, one batch per layer. It runs in the background: you can watch, stop it, or leave the page.",
        "zh": "{layers} 层 × {heads} 个头 = {passes} 次对 {n} 个词元的前向计算，每层一批。它在后台运行：你可以观看进度、停止它，或离开本页。",
    },
    "why_sweep_start": {"en": "Switch off each head in turn", "zh": "依次关掉每个头"},
    "why_sweep_title": {
        "en": "Change in P('{piece}') with each head switched off ({layers} layers done)",
        "zh": "关掉每个头后 P(“{piece}”) 的变化（已完成 {layers} 层）",
    },
    "why_sweep_worst": {
        "en": "The answer depends most on head {head} of layer {layer}: without it its probability falls from {before:.2%} to {after:.2%}.",
        "zh": "答案最依赖第 {layer} 层的第 {head} 个头：没有它，概率从 {before:.2%} 降到 {after:.2%}。",
    },
    "why_job_stopped": {
        "en": "Stopped: the layers done so far are shown.",
        "zh": "已停止：显示目前已完成的层。",
    },
    "why_job_queued": {
        "en": "Waiting for {ahead} other analysis run(s) to finish…",
        "zh": "正在等待另外 {ahead} 个分析任务完成……",
    },
    "why_job_progress": {"en": "Layer {done} of {total}", "zh": "第 {done} 层，共 {total} 层"},
    "why_job_starting": {"en": "Starting…", "zh": "正在启动……"},
    "why_stop": {"en": "Stop", "zh": "停止"},
    # patching
    "why_patch_heading": {"en": "Which activations carry the fact?", "zh": "哪些激活携带了这个事实？"},
    "why_patch_preset": {"en": "Prompts", "zh": "提示"},
    "why_patch_eiffel": {"en": "Eiffel Tower / Colosseum", "zh": "埃菲尔铁塔 / 罗马斗兽场"},
    "why_patch_eiffel_city": {"en": "… is in the city of", "zh": "……位于哪座城市"},
    "why_clean": {"en": "Clean prompt", "zh": "干净提示"},
    "why_corrupt": {"en": "Corrupted prompt", "zh": "被破坏的提示"},
    "why_patch_site": {"en": "Patch", "zh": "修补位置"},
    "why_site_resid": {"en": "residual stream", "zh": "残差流"},
    "why_site_attn": {"en": "attention output", "zh": "注意力输出"},
    "why_site_mlp": {"en": "MLP output", "zh": "MLP 输出"},
    "why_patch_same_answer": {
        "en": "Both prompts make the model answer '{piece}': change the corrupted prompt so that its answer differs.",
        "zh": "两个提示都让模型回答“{piece}”：请修改被破坏的提示，使它的答案不同。",
    },
    "why_patch_answers": {
        "en": "The clean prompt's answer is '{right}', the corrupted one's '{wrong}'. The measure is logit('{right}') − logit('{wrong}').",
        "zh": "干净提示的答案是“{right}”，被破坏提示的答案是“{wrong}”。衡量指标是 logit(“{right}”) − logit(“{wrong}”)。",
    },
    "why_patch_cost": {
        "en": "Cost: {layers} layers × {n} positions = {passes} patched forward passes ({layers} batches of {n}). It runs in the background with a Stop button.",
        "zh": "代价：{layers} 层 × {n} 个位置 = {passes} 次修补后的前向计算（{layers} 批，每批 {n} 个）。它在后台运行，可随时停止。",
    },
    "why_patch_start": {"en": "Run the patching", "zh": "运行激活修补"},
    "why_patch_live": {
        "en": "Logit difference so far (NaN: not run yet)",
        "zh": "目前的 logit 差（空白：尚未运行）",
    },
    "why_patch_diffs": {
        "en": "logit('{right}') − logit('{wrong}'): {clean:.2f} on the clean prompt, {corrupt:.2f} on the corrupted one.",
        "zh": "logit(“{right}”) − logit(“{wrong}”)：干净提示上为 {clean:.2f}，被破坏提示上为 {corrupt:.2f}。",
    },
    "why_patch_title": {
        "en": "Share of the difference restored by patching the {site} ({layers} layers done)",
        "zh": "修补{site}后恢复的差值份额（已完成 {layers} 层）",
    },
    "why_patch_best": {
        "en": "The most: layer {layer} at '{token}', which restores {share:.0%} of the clean answer's lead.",
        "zh": "恢复最多的是第 {layer} 层的“{token}”处，恢复了干净答案优势的 {share:.0%}。",
    },
    "why_patch_explain": {
        "en": "1 (dark): that one activation from the clean run brings the clean answer back in full; 0: no effect. Read down the columns: the fact sits at the tokens that name it in the early layers and moves to the last token in later ones.",
        "zh": "1（深色）：干净运行中的这一个激活就能完全带回干净答案；0：没有作用。沿列往下读：早期层里事实位于说出它的词元上，后期层里它移到了最后一个词元。",
    },
    # steering
    "why_steer_heading": {"en": "Push the model in a direction", "zh": "沿一个方向推动模型"},
    "why_steer_causal_only": {
        "en": "Steering changes what the model writes: choose the causal model (a masked model does not write text).",
        "zh": "引导改变的是模型写出的内容：请选择自回归模型（掩码模型不生成文本）。",
    },
    "why_steer_preset": {"en": "Direction", "zh": "方向"},
    "why_steer_love_hate": {"en": "love − hate", "zh": "爱 − 恨"},
    "why_steer_a": {"en": "Prompt A (towards)", "zh": "提示 A（朝向）"},
    "why_steer_b": {"en": "Prompt B (away from)", "zh": "提示 B（远离）"},
    "why_steer_prompt": {"en": "Prompt to continue", "zh": "要续写的提示"},
    "why_alpha": {"en": "Strength α", "zh": "强度 α"},
    "why_alpha_help": {
        "en": "How many times the direction is added to every position entering the layer; negative values push towards B.",
        "zh": "方向被加到进入该层的每个位置上的倍数；负值朝 B 推动。",
    },
    "why_steer_temp": {"en": "Temperature", "zh": "温度"},
    "why_steer_temp_help": {
        "en": "0: always the most probable token. Above 0: sampled with the seed, the same for both columns.",
        "zh": "0：总是选最可能的词元。大于 0：用随机种子采样，两栏使用同一个种子。",
    },
    "why_steer_running": {
        "en": "Writing with and without the push…",
        "zh": "正在分别在有推动和无推动时生成……",
    },
    "why_steer_norms": {
        "en": "The direction at layer {layer} has length {norm:.1f}; the residual stream there averages {stream:.1f}. α = {alpha:g} adds a vector of length {push:.1f} to every position.",
        "zh": "第 {layer} 层的方向长度为 {norm:.1f}；该处残差流的平均长度为 {stream:.1f}。α = {alpha:g} 会给每个位置加上长度为 {push:.1f} 的向量。",
    },
    "why_steer_plain": {"en": "Without the push", "zh": "不推动"},
    "why_steer_pushed": {"en": "Pushed (α = {alpha:g})", "zh": "推动后（α = {alpha:g}）"},
    "why_steer_greedy": {"en": "always the most probable token", "zh": "总是选择最可能的词元"},
    "why_steer_sampled": {
        "en": "sampled at temperature {temp:g} from the top 40 with seed {seed}",
        "zh": "在温度 {temp:g} 下从前 40 个词元中用种子 {seed} 采样",
    },
    "why_steer_caption": {
        "en": "Both columns use the same strategy ({strategy}), so every difference comes from the push.",
        "zh": "两栏使用相同的策略（{strategy}），所以所有差异都来自推动。",
    },
}
