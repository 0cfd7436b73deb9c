"""Modern Chinese models from the hub (bert-base-chinese, uer/gpt2-chinese-cluecorpussmall, Qwen2.5
instruct) load from the local Hugging Face cache or a folder and work on every view that applies. Stand-ins:
tiny random models with each one's architecture and tokenizer type, laid out as the hub cache lays out a
download (no network: HF_HUB_OFFLINE=1)."""

from __future__ import annotations

import huggingface_hub.constants
import pytest
import torch
import transformers.utils.hub
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import (
    BertConfig,
    BertForMaskedLM,
    BertTokenizerFast,
    GPT2Config,
    GPT2LMHeadModel,
    PreTrainedTokenizerFast,
    Qwen2Config,
    Qwen2ForCausalLM,
)

import lmviz
from lmviz import inspect_text
from lmviz.analysis import compare
from lmviz.analysis.generation import chat_prompt_ids, generate, next_distribution, text_prompt_ids
from lmviz.analysis.sampling import Strategy
from tests.apptest_pages import ok, open_page

POEM = "床前明月光，疑是地上霜。举头望明月，低头思故乡。"
CHARS = sorted(set(POEM + "白日依山尽黄河入海流欲穷千里目更上一层楼我家的猫喜欢在阳光下睡觉"))
QWEN_TEMPLATE = (
    "{% for message in messages %}{% if loop.first and message['role'] != 'system' %}"
    "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
    "{% endif %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
COMMIT = "0" * 40  # the snapshot the cache's refs/main points at
HUB = {
    "bert": "bert-base-chinese",
    "uer": "uer/gpt2-chinese-cluecorpussmall",
    "qwen": "Qwen/Qwen2.5-0.5B-Instruct",
}


def bert_tokenizer(folder) -> BertTokenizerFast:
    """bert-base-chinese's kind of vocabulary: WordPiece with every Chinese character its own token."""
    folder.mkdir(parents=True, exist_ok=True)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *CHARS, *"abcdefghijklmnopqrstuvwxyz"]
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    return BertTokenizerFast(str(folder / "vocab.txt"), do_lower_case=False, tokenize_chinese_chars=True)


def qwen_tokenizer() -> PreTrainedTokenizerFast:
    """Qwen2.5's kind: byte-level BPE (a Chinese character may be several byte pieces), ChatML specials."""
    tk = Tokenizer(models.BPE())
    tk.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tk.decoder = decoders.ByteLevel()
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    trainer = trainers.BpeTrainer(
        vocab_size=600, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    tk.train_from_iterator([POEM, "我家的猫喜欢在阳光下睡觉。", "Hello, the cat sat."] * 20, trainer=trainer)
    tok = PreTrainedTokenizerFast(tokenizer_object=tk, eos_token="<|im_end|>", pad_token="<|endoftext|>")
    tok.chat_template = QWEN_TEMPLATE
    return tok


def build(kind: str, folder) -> None:
    small = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=64)
    torch.manual_seed(0)
    if kind == "bert":
        tok = bert_tokenizer(folder)
        model = BertForMaskedLM(BertConfig(vocab_size=len(tok), max_position_embeddings=64, **small))
    elif kind == "uer":  # a GPT-2 that reads through a BERT tokenizer ([CLS] text [SEP])
        tok = bert_tokenizer(folder)
        config = GPT2Config(vocab_size=len(tok), n_positions=64, n_embd=32, n_layer=2, n_head=4)
        config.tokenizer_class = "BertTokenizer"
        model = GPT2LMHeadModel(config)
    else:
        tok = qwen_tokenizer()
        config = Qwen2Config(vocab_size=len(tok), num_key_value_heads=2, max_position_embeddings=128, **small)
        model = Qwen2ForCausalLM(config)
    model.save_pretrained(folder, safe_serialization=True)
    tok.save_pretrained(folder)


@pytest.fixture(scope="module")
def hub_cache(tmp_path_factory):
    """A Hugging Face cache holding the three stand-ins, as `hf download` leaves them."""
    root = tmp_path_factory.mktemp("hub")
    for kind, repo in HUB.items():
        entry = root / f"models--{repo.replace('/', '--')}"
        build(kind, entry / "snapshots" / COMMIT)
        (entry / "refs").mkdir(parents=True)
        (entry / "refs" / "main").write_text(COMMIT)
    return root


@pytest.fixture()
def in_cache(hub_cache, monkeypatch):
    for module, attr in (
        (huggingface_hub.constants, "HF_HUB_CACHE"),
        (transformers.utils.hub, "TRANSFORMERS_CACHE"),
    ):
        monkeypatch.setattr(module, attr, str(hub_cache), raising=False)
    monkeypatch.setenv("HF_HUB_CACHE", str(hub_cache))
    return hub_cache


def test_bert_base_chinese_from_the_cache_fills_a_character(in_cache):
    m = lmviz.load_model(HUB["bert"], device="cpu")
    assert m.kind == "masked" and m.source == "hub cache"
    ins = inspect_text(m, POEM)
    assert (
        ins.tokens[:3] == ("[CLS]", "床", "前") and len(ins.tokens) == len(POEM) + 2
    )  # a pill per character
    fills = compare.masked_fills(m, "床前明月[MASK]，疑是地上霜。", 5)
    assert len(fills) == 1 and len(fills[0].top) == 5


def test_uer_gpt2_chinese_continues_the_text_not_its_sep(in_cache):
    m = lmviz.load_model(HUB["uer"], device="cpu")
    assert m.kind == "causal"
    ids = text_prompt_ids(m, "床前明月")
    assert m.tokenizer.convert_ids_to_tokens(list(ids)) == ["[CLS]", "床", "前", "明", "月"]  # no [SEP] last
    assert next_distribution(m, ids).shape == (len(m.tokenizer),)
    path = generate(m, ids, 5, Strategy(temperature=1.0, seed=0))
    assert len(path.generated_ids) == 5
    assert inspect_text(m, POEM).attentions.shape[:2] == (2, 4)


def test_qwen_instruct_from_the_cache_chats_and_reads_chinese_bytes(in_cache):
    m = lmviz.load_model(HUB["qwen"], device="cpu")
    assert m.kind == "causal"
    ids = chat_prompt_ids(m, "床前明月光的下一句是什么？")
    text = m.tokenizer.decode(list(ids))
    assert "<|im_start|>user\n床前明月光的下一句是什么？<|im_end|>" in text and text.endswith("assistant\n")
    ins = inspect_text(m, "我家的猫喜欢在阳光下睡觉。龘")  # 龘: unseen, cut into byte pieces
    assert ins.tokens[-3:] == ("龘 (1/3)", "龘 (2/3)", "龘 (3/3)")  # byte pieces get a readable label
    assert "\ufffd" not in "".join(ins.tokens)


def test_a_folder_works_like_the_cache(tmp_path):
    build("bert", tmp_path / "bert-base-chinese")
    m = lmviz.load_model(str(tmp_path / "bert-base-chinese"), device="cpu")
    assert m.source == "local folder" and m.kind == "masked"


@pytest.mark.parametrize("role, repo", [("masked", "bert"), ("causal", "uer"), ("causal", "qwen")])
def test_the_pages_take_them_by_name(in_cache, role, repo):
    state = {f"{role}_pick": "__other__", f"{role}_other": HUB[repo]}
    at = open_page("pages/attention.py", lang="zh", text=POEM, **state)
    ok(at)
    assert at.session_state[f"{role}_model"] == HUB[repo]
