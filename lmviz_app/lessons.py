"""Lesson presets: short guided tours a teacher clicks through, each step a page and the view it shows.

A step's `state` uses the session keys of lmviz_app.state (the models, the text and the pages' view
settings). On top of its page's view defaults (state.view_defaults) it fixes the whole view, so a step
looks the same whatever was clicked before it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from lmviz.analysis.compare import find_words
from lmviz.kinds import Kind
from lmviz.models.registry import default_model
from lmviz_app import state as S
from lmviz_app.presets import COMPARE_PRESETS

CAUSAL = default_model(Kind.CAUSAL)  # the bundled models: every lesson runs offline
MASKED = default_model(Kind.MASKED)
MODELS = MappingProxyType({S.CAUSAL.key: CAUSAL, S.MASKED.key: MASKED})
POEM_MODELS = MappingProxyType(
    {S.CAUSAL.key: default_model(Kind.CAUSAL, "zh"), S.MASKED.key: default_model(Kind.MASKED, "zh")}
)


@dataclass(frozen=True)
class Step:
    page: str  # a ui.nav PageEntry key
    text: str
    explain: Mapping[str, str]  # language -> two lines, joined by "\n"
    view: Mapping[str, object] = field(default_factory=dict)  # overrides of the page's view defaults
    models: Mapping[str, str] = field(default_factory=lambda: MODELS)  # the sidebar's two models

    @property
    def state(self) -> dict[str, object]:
        """Every session value this step sets: the models, the text and the page's whole view."""
        return {**self.models, S.TEXT.key: self.text, **S.view_defaults(self.page), **self.view}


@dataclass(frozen=True)
class Lesson:
    key: str
    title: Mapping[str, str]  # language -> title
    steps: tuple[Step, ...]


def _preset(key: str) -> dict[str, object]:
    """The compare page's view of one of its presets, with the preset's word picked."""
    preset = next(p for p in COMPARE_PRESETS if p.key == key)
    view: dict[str, object] = {S.CMP_PRESET.key: key}
    if preset.word:
        view[S.CMP_WORD.key] = next(w.index for w in find_words(preset.text) if w.text == preset.word)
    return view


def _text(key: str) -> str:
    return next(p.text for p in COMPARE_PRESETS if p.key == key)


def _say(en: str, zh: str) -> Mapping[str, str]:
    return MappingProxyType({"en": en, "zh": zh})


PROMPT = "The capital of France is"
STORY = "Once upon a time, a little fox lived in a quiet forest. Every morning she ran to the river to drink."

NEXT_WORD = Lesson(
    "next_word",
    _say("How a GPT picks the next word", "GPT 如何挑选下一个词"),
    (
        Step(
            "home",
            PROMPT,
            _say(
                "A language model never sees letters: the text is first cut into tokens.\n"
                "Look at “Your text as each model reads it” on this page: each chip is one token.",
                "语言模型看不到字母：文本先被切成词元（token）。\n"
                "看本页的“每个模型如何读取你的文本”：每个小方块就是一个词元。",
            ),
        ),
        Step(
            "next_token",
            PROMPT,
            _say(
                "For the next token the model scores every word in its vocabulary; softmax turns the "
                "scores into probabilities.\n"
                "The bars are the most likely continuations of “The capital of France is”.",
                "模型为词表中的每个词打分，softmax 把分数变成概率。\n"
                "柱状图显示“The capital of France is”之后最可能出现的词。",
            ),
        ),
        Step(
            "next_token",
            PROMPT,
            _say(
                "Temperature 0.3 divides the scores by 0.3 before softmax: the likely words get likelier.\n"
                "The distribution is sharper and the output more predictable.",
                "温度 0.3：softmax 之前把分数除以 0.3，高概率的词更高。\n分布更尖锐，输出更可预测。",
            ),
            {S.NT_TEMPERATURE.key: 0.3},
        ),
        Step(
            "next_token",
            PROMPT,
            _say(
                "Temperature 2 flattens the distribution: unlikely words get a real chance.\n"
                "Sampling now gives more surprising (and more often wrong) continuations.",
                "温度 2 会把分布压平：不太可能的词也有了机会。\n"
                "此时采样会得到更出人意料（也更常出错）的续写。",
            ),
            {S.NT_TEMPERATURE.key: 2.0},
        ),
        Step(
            "next_token",
            PROMPT,
            _say(
                "Top-k = 5 keeps only the five best tokens; top-p = 0.9 then keeps, among those five, the "
                "fewest holding 90% of *their* probability (so maybe less of the model's).\nSampling with "
                "seed 42 then picks among those few, the same way every time.",
                "top-k = 5 只保留最好的 5 个词元；top-p = 0.9 再在这 5 个词元中保留占它们概率 90% 的最少词元"
                "（所以可能不到模型全部概率的 90%）。\n然后用种子 42 在这几个词中采样，每次结果都相同。",
            ),
            {S.NT_TOP_K.key: 5, S.NT_TOP_P.key: 0.9, S.NT_SEED.key: 42},
        ),
        Step(
            "next_token",
            PROMPT,
            _say(
                "Greedy decoding always takes the single most likely token.\n"
                "Click “Sample one” a few times: the model writes one token at a time, left to right.",
                "贪心解码总是选概率最高的那个词元。\n多点几次“采样一个”：模型从左到右，一次写一个词元。",
            ),
            {S.NT_GREEDY.key: True},
        ),
        Step(
            "next_token",
            STORY,
            _say(
                "The same probabilities score a whole text: each token is coloured by how surprised the "
                "model was.\nThe average surprise gives the loss and the perplexity that training lowers.",
                "同样的概率也能给整段文本打分：每个词元按模型的“意外程度”着色。\n"
                "平均意外程度就是损失和困惑度，训练就是要降低它。",
            ),
            {S.NT_PANEL.key: "loss"},
        ),
    ),
)

BOTH_SIDES = Lesson(
    "both_sides",
    _say("Left-to-right vs both sides", "从左到右 vs 双向"),
    (
        Step(
            "compare",
            _text("dog"),
            _say(
                "A causal (GPT) model guesses “dog” from “The” alone; a masked (BERT-style) model also reads "
                "“barked all night”.\nCompare the two probabilities and their top guesses, then press "
                "“Score about … whole sentences”: the GPT can use the right side too, but only by reading "
                "one whole sentence per candidate.",
                "自回归（GPT）模型只凭“The”猜“dog”；掩码（BERT 类）模型还能读到“barked all night”。\n"
                "比较两边的概率和最可能的候选词，再点“给大约 … 个整句打分”：GPT 也能利用右边的词，"
                "但要为每个候选词读一整句。",
            ),
            _preset("dog"),
        ),
        Step(
            "compare",
            _text("umbrella"),
            _say(
                "“umbrella” comes last, so both models see everything before it.\n"
                "When the clue is on the left, the causal model can do as well as the masked one.",
                "“umbrella”在句末，两个模型都能看到它前面的全部内容。\n线索在左边时，自回归模型也能猜得和掩码模型一样好。",
            ),
            _preset("umbrella"),
        ),
        Step(
            "compare",
            _text("paris"),
            _say(
                "“Paris” is the first word: the causal model has nothing to go on. The default masked model "
                "reads the whole sentence yet guesses little better here: it reads each hidden word at the "
                "token before it, and before the first word there is only the start token. Choose "
                "minilm-l6-mlm (the BERT architecture) as the masked model to see Paris near the top.\n"
                "The strip below shows, word by word, which side guessed better.",
                "“Paris”是第一个词：自回归模型毫无线索。默认的掩码模型虽然读到了整句话，在这里却猜得好不了多少："
                "它在每个被遮住的词的前一个词元处读出答案，而第一个词前面只有起始词元。"
                "把掩码模型换成 minilm-l6-mlm（BERT 架构），就能看到 Paris 排在前面。\n"
                "下方的条带逐词显示哪一方猜得更好。",
            ),
            _preset("paris"),
        ),
        Step(
            "compare",
            _text("blanks"),
            _say(
                "Fill in the blanks: this is the masked model's own training task (autoencoding).\n"
                "The causal model can only continue the text before the first blank.",
                "填空：这正是掩码模型自己的训练任务（自编码）。\n自回归模型只能续写第一个空之前的文本。",
            ),
            _preset("blanks"),
        ),
        Step(
            "attention",
            _text("dog"),
            _say(
                "Why: in the causal model a token may only attend to tokens on its left, so its attention is "
                "a triangle.\nThe masked model's tokens attend in both directions: its map is full.",
                "原因：自回归模型中每个词元只能关注它左边的词元，所以注意力图是一个三角形。\n"
                "掩码模型的词元可以双向关注：它的注意力图是满的。",
            ),
            {
                S.ATT_WHICH.key: "both",
                S.ATT_VIEW.key: "average",
                S.ATT_LAYER_CAUSAL.key: 2,
                S.ATT_LAYER_MASKED.key: 2,
            },
        ),
        Step(
            "next_token",
            "What is the capital of France?",
            _say(
                "Dialogue is next-token prediction too: the instruct model's chat template wraps the "
                "question, and the model writes the answer token by token.\n"
                "Click “Generate” to let it reply.",
                "对话也是“预测下一个词元”：指令模型的对话模板包装好问题，模型再逐个词元写出回答。\n"
                "点击“生成”让它回答。",
            ),
            {S.NT_CHAT.key: True, S.NT_GREEDY.key: True},
        ),
    ),
)

ATTENTION = Lesson(
    "attention",
    _say("Inside attention", "走进注意力机制"),
    (
        Step(
            "attention",
            "The cat sat on the mat because it was tired.",
            _say(
                "One attention head: each row is a token, and the colours show which earlier tokens it "
                "reads from.\nEvery row adds up to 1: attention shares out a fixed budget.",
                "一个注意力头：每一行是一个词元，颜色表示它从前面哪些词元读取信息。\n"
                "每一行加起来等于 1：注意力是在分配固定的“预算”。",
            ),
        ),
        Step(
            "attention",
            "The cat sat on the mat because it was tired.",
            _say(
                "All heads of all layers at once: each tile is one head.\n"
                "Heads specialise: some look at the previous token, some at the first, some spread out.",
                "一次看所有层的所有头：每个小格是一个头。\n各个头分工不同：有的看前一个词元，有的看第一个，有的分散开。",
            ),
            {S.ATT_VIEW.key: "grid"},
        ),
        Step(
            "attention",
            "The cat sat on the mat because it was tired.",
            _say(
                "Much attention lands on the first token, a “sink” that heads use when nothing else "
                "matters.\nHiding the sinks rescales each row so the rest becomes visible.",
                "很多注意力落在第一个词元上，它是注意力“汇”，在没有别的重要信息时被使用。\n"
                "隐藏汇之后每行重新归一化，其余的关系就显现出来了。",
            ),
            {S.ATT_VIEW.key: "grid", S.ATT_SINKS.key: "hide"},
        ),
        Step(
            "attention",
            "The cat sat on the mat because it was tired.",
            _say(
                "A log colour scale shows small weights too; layer 8, head 3 of the causal model.\n"
                "Move the sliders to visit other heads.",
                "对数色标让较小的权重也能看清；这里是自回归模型的第 8 层第 3 个头。\n拖动滑块去看其他的头。",
            ),
            {S.ATT_SCALE.key: "log", S.ATT_LAYER_CAUSAL.key: 8, S.ATT_HEAD_CAUSAL.key: 3},
        ),
        Step(
            "attention",
            "The cat sat on the mat because it was tired.",
            _say(
                "Rollout multiplies the layers' attention to estimate how information flows from the input "
                "up to each layer.\nIn the causal model nearly all of it drains into the first token by "
                "layer 20: the sink from step 3 swallows the flow, so here rollout says little about the "
                "other tokens.",
                "注意力展开（rollout）把各层的注意力相乘，估计信息如何从输入流到每一层。\n"
                "在自回归模型中，到第 20 层几乎全部流向第一个词元：第 3 步里的注意力汇吞掉了信息流，"
                "所以在这里 rollout 对其他词元说明不了多少。",
            ),
            {S.ATT_VIEW.key: "rollout", S.ATT_LAYER_CAUSAL.key: 20},
        ),
        Step(
            "attention",
            "The cat sat on the mat because it was tired.",
            _say(
                "The masked (BERT-style) model attends in both directions; whole-word view adds up the "
                "pieces of each word.\nHover a word in the head view to see where it looks.",
                "掩码（BERT 类）模型双向关注；整词视图把每个词的各个片段合在一起。\n"
                "在头视图中把鼠标移到一个词上，看它关注哪里。",
            ),
            {S.ATT_WHICH.key: "masked", S.ATT_VIEW.key: "bv_head", S.ATT_WORDS.key: True},
        ),
    ),
)

# The head whose attention looks up "France" and whose output is the largest head share of " Paris"
# (tests/test_inside_bundled.py checks both).
PARIS_LAYER, PARIS_HEAD = 23, 4
_HEAD = {S.IN_PART.key: "attention", S.IN_LAYER.key: PARIS_LAYER, S.IN_HEAD.key: PARIS_HEAD}

COMPUTING_ATTENTION = Lesson(
    "computing_attention",
    _say("How attention is computed", "注意力是怎样算出来的"),
    (
        Step(
            "inside",
            PROMPT,
            _say(
                "SmolLM2 drawn from its own weights: 30 identical blocks of attention and MLP, 134,515,008 "
                "parameters.\nEach box shows the shape of what it outputs for your 5 tokens.",
                "根据 SmolLM2 自身的权重画出的结构：30 个相同的块（注意力和 MLP），共 134,515,008 个参数。\n"
                "每个方框标出它对你的 5 个词元输出的张量形状。",
            ),
            {S.IN_LAYER.key: PARIS_LAYER},
        ),
        Step(
            "inside",
            PROMPT,
            _say(
                "Steps ① and ②: each token's vector x becomes a query q, a key k and a value v of 64 "
                "numbers, through three weight matrices.\nHere 9 query heads share 3 key/value heads "
                "(grouped-query attention).",
                "第 ① 和 ② 步：每个词元的向量 x 通过三个权重矩阵变成 64 个数的查询 q、键 k 和值 v。\n"
                "这里 9 个查询头共用 3 个键/值头（分组查询注意力）。",
            ),
            _HEAD,
        ),
        Step(
            "inside",
            PROMPT,
            _say(
                "Steps ③ and ④: RoPE turns q and k by their position, then q·kᵀ scores every pair of "
                "tokens.\n"
                "Hover a cell of the score matrix: the score is a sum of 64 products.",
                "第 ③ 和 ④ 步：RoPE 按位置旋转 q 和 k，然后 q·kᵀ 给每一对词元打分。\n"
                "把鼠标移到分数矩阵的一个格子上：分数是 64 个乘积之和。",
            ),
            _HEAD,
        ),
        Step(
            "inside",
            PROMPT,
            _say(
                "Steps ⑤ to ⑦: divide by 8, hide later tokens, softmax: each row becomes weights that add up "
                "to 1.\nIn layer 23, head 4, the last token “is” gives 90% of its weight to “France”.",
                "第 ⑤ 到 ⑦ 步：除以 8、遮住后面的词元、softmax：每一行变成和为 1 的权重。\n"
                "在第 23 层第 4 个头中，最后一个词元“is”把 90% 的权重给了“France”。",
            ),
            _HEAD,
        ),
        Step(
            "inside",
            PROMPT,
            _say(
                "Steps ⑧ to ⑫: the weighted values, all heads side by side, W_O, the residual add and the "
                "MLP.\nAll of it is computed here by hand; the attention output and the block's output are "
                "checked against the model's own numbers.",
                "第 ⑧ 到 ⑫ 步：加权后的值、所有头并排、W_O、残差相加和 MLP。\n"
                "这些都在这里手工计算；注意力输出和块的输出与模型自己的数值核对。",
            ),
            _HEAD,
        ),
        Step(
            "inside",
            PROMPT,
            _say(
                "What each layer adds to the logit of “ Paris”: most comes from the MLPs of the last "
                "layers.\n"
                "The largest share of any head is layer 23, head 4: the head that looked up “France”.",
                "每一层对“ Paris”的 logit 的贡献：大部分来自最后几层的 MLP。\n"
                "所有头中贡献最大的是第 23 层第 4 个头：正是那个去查看“France”的头。",
            ),
            {S.IN_PART.key: "logits"},
        ),
        Step(
            "inside",
            PROMPT,
            _say(
                "Words as vectors: the input embeddings of eight words, projected to two dimensions with "
                "PCA.\nKing, queen, prince and princess lie on one side of the first axis; man, woman, boy "
                "and girl on the other.",
                "词向量：八个词的输入嵌入，用 PCA 投影到二维。\n"
                "国王、王后、王子、公主（king、queen、prince、princess）在第一个坐标轴的一侧；"
                "男人、女人、男孩、女孩在另一侧。",
            ),
            {S.IN_PART.key: "vectors"},
        ),
    ),
)

# The heads this lesson shows (tests/test_chinese_models.py measures them over 100 held-out poems).
RHYME_LAYER, RHYME_HEAD = 1, 5  # poem-bert-zh: a couplet's last character -> the last of the one before
PARALLEL_LAYER, PARALLEL_HEAD = 1, 6  # poem-gpt-zh: a character -> the same place in the line before
JINGYESI = "床前明月光，疑是地上霜。举头望明月，低头思故乡。"
DENGGUANQUELOU = "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。"


def _poem_step(page: str, text: str, explain: Mapping[str, str], view: Mapping[str, object] | None = None):
    return Step(page, text, explain, view or {}, POEM_MODELS)


TANG_POEMS = Lesson(
    "tang_poems",
    _say("How a machine reads Tang poems", "机器怎样读唐诗"),
    (
        _poem_step(
            "home",
            JINGYESI,
            _say(
                "poem-gpt-zh and poem-bert-zh read one character at a time: each character is one token.\n"
                "They learned from 40,000 Tang poems; a character they never saw is shown as [UNK].",
                "poem-gpt-zh 和 poem-bert-zh 一次读一个字：每个汉字就是一个词元。\n"
                "它们从四万首唐诗中学习；没见过的字显示为 [UNK]。",
            ),
        ),
        _poem_step(
            "next_token",
            "床前明月光，疑是地上霜",
            _say(
                "After five characters of the second line the GPT puts almost all its probability on “。”.\n"
                "Nobody told it the metre: it learned to count characters from the poems.",
                "第二句写满五个字之后，GPT 几乎把全部概率给了“。”。\n"
                "没有人告诉它格律：它是从诗里学会数字数的。",
            ),
        ),
        _poem_step(
            "compare",
            _text("zh_wind"),
            _say(
                "野火烧不尽，春风吹又生: with 春 on its left, the GPT already guesses 风.\n"
                "When the left side is enough, reading both sides adds little.",
                "野火烧不尽，春风吹又生：左边有了“春”，GPT 已经猜到“风”。\n"
                "左边的上下文足够时，双向阅读帮助不大。",
            ),
            _preset("zh_wind"),
        ),
        _poem_step(
            "compare",
            _text("zh_white_sun"),
            _say(
                "白日依山尽: the first character has nothing on its left, so the GPT can only guess.\n"
                "The BERT reads 日依山尽 on its right and fills in 白.",
                "白日依山尽：第一个字左边什么都没有，GPT 只能瞎猜。\nBERT 读到右边的“日依山尽”，填出了“白”。",
            ),
            _preset("zh_white_sun"),
        ),
        _poem_step(
            "attention",
            JINGYESI,
            _say(
                f"The BERT's layer {RHYME_LAYER}, head {RHYME_HEAD}: the last character of each couplet "
                "looks back at the last character of the couplet before.\nThere the rhyme sits: 乡 reads 霜.",
                f"BERT 的第 {RHYME_LAYER} 层第 {RHYME_HEAD} 个头："
                "每一联的最后一个字回看上一联的最后一个字。\n那正是押韵的位置：“乡”在看“霜”。",
            ),
            {
                S.ATT_WHICH.key: "masked",
                S.ATT_LAYER_MASKED.key: RHYME_LAYER,
                S.ATT_HEAD_MASKED.key: RHYME_HEAD,
            },
        ),
        _poem_step(
            "attention",
            DENGGUANQUELOU,
            _say(
                f"The GPT's layer {PARALLEL_LAYER}, head {PARALLEL_HEAD} reads, from a couplet's second "
                "line, the same place of the first more than twice as much as chance.\n"
                "河 reads 日, 入 reads 依, 海 reads 山, 流 reads 尽: the parallel places of 白日依山尽.",
                f"GPT 的第 {PARALLEL_LAYER} 层第 {PARALLEL_HEAD} 个头：从一联的第二句看第一句的同一位置，"
                "是随便看的两倍多。\n“河”看“日”，“入”看“依”，“海”看“山”，“流”看“尽”：正是与“白日依山尽”对仗的位置。",
            ),
            {
                S.ATT_WHICH.key: "causal",
                S.ATT_LAYER_CAUSAL.key: PARALLEL_LAYER,
                S.ATT_HEAD_CAUSAL.key: PARALLEL_HEAD,
            },
        ),  # fmt: skip
    ),
)

LESSONS = (NEXT_WORD, BOTH_SIDES, ATTENTION, COMPUTING_ATTENTION, TANG_POEMS)
BY_KEY = {lesson.key: lesson for lesson in LESSONS}
