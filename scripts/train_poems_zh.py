"""Train lmviz's two small Chinese models on the bundled Tang poems (lmviz/bundled/poems_zh.json.xz):

- `poem-gpt-zh` (--kind causal): a GPT-2 that continues a line in the poem's metre;
- `poem-bert-zh` (--kind masked): a BERT that fills one hidden character (床前明月[MASK] -> 光).

Both read characters: one token per character of the training split (those seen at least
`--min-count` times), the full-width punctuation, and [PAD] [UNK] [CLS] [SEP] [MASK]. Half-width
punctuation is read as full-width. The poems of 唐诗三百首 and 千家诗 are repeated `--famous-repeat`
times per pass: a class expects a model to know them by heart. Seeded; prints held-out loss and
perplexity (per character, on poems no model trained on) as it goes, then:
- causal: the metre check (each held-out 五言/七言 poem's first phrase as the prompt, sampled with a fixed
  seed: the share of generated phrases of the prompt's length) and a few continuations;
- masked: the Chinese cloze benchmark (lmviz/bundled/cloze_zh.json) top-1/top-5 on the famous lines and
  on the held-out poems.
Writes fp16 safetensors, the tokenizer and training_report.json to lmviz/bundled/<name>/.

The bundled models (2-core CPU; training_report.json keeps every stage, `earlier_stages` first):

    .venv/bin/python scripts/train_poems_zh.py --kind causal --minutes 72
    .venv/bin/python scripts/train_poems_zh.py --kind masked --minutes 72 --famous-repeat 20 --out /tmp/s1
    .venv/bin/python scripts/train_poems_zh.py --kind masked --init-from /tmp/s1 --out /tmp/s2 \
        --famous-repeat 40 --lr 5e-4 --warmup 100 --minutes 40 --threads 2 --seed 1 --eval-every 400
    .venv/bin/python scripts/train_poems_zh.py --kind masked --init-from /tmp/s2 --out /tmp/s3 \
        --famous-repeat 200 --mask-share 0.2 --lr 3e-4 --warmup 50 --minutes 15 --threads 2 --seed 2
    .venv/bin/python scripts/train_poems_zh.py --kind masked --init-from /tmp/s3 \
        --famous-repeat 600 --mask-share 0.25 --lr 5e-4 --warmup 50 --minutes 33 --threads 2 --seed 3

(The BERT learned slowly: after 72 min its cloze top-1 was 2% on famous lines and 0.8% on held-out poems;
the later stages weigh the famous poems more, to 50% on the famous lines; the held-out poems stay at 7%.)
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import random
import re
import sys
import time
from pathlib import Path

import numpy as np
import torch
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
from transformers import (
    BertConfig,
    BertForMaskedLM,
    DataCollatorForLanguageModeling,
    GPT2Config,
    GPT2LMHeadModel,
    PreTrainedTokenizerFast,
)

from lmviz.text import corpora

BUNDLED = Path(__file__).resolve().parents[1] / "lmviz" / "bundled"
NAMES = {"causal": "poem-gpt-zh", "masked": "poem-bert-zh"}
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PUNCT = list("，。？！；：、")
HALF_WIDTH = {",": "，", "?": "？", "!": "！", ";": "；", ":": "："}
FAMOUS = ("tangshisanbaishou", "qianjiashi")
PHRASE = re.compile(r"[^，。？！；：、]+")
PROMPTS = [
    "床前明月光，",
    "白日依山尽，",
    "春眠不觉晓，",
    "红豆生南国，",
    "两个黄鹂鸣翠柳，",
    "葡萄美酒夜光杯，",
]


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kind", choices=NAMES, required=True)
    p.add_argument("--minutes", type=float, default=80.0, help="training time budget (then evaluate)")
    p.add_argument("--max-steps", type=int, default=100_000)
    p.add_argument("--batch-tokens", type=int, default=4096, help="tokens per step (rows x their length)")
    p.add_argument("--seq-len", type=int, default=128)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--warmup", type=int, default=300)
    p.add_argument("--min-count", type=int, default=3)
    p.add_argument("--famous-repeat", type=int, default=8)
    p.add_argument("--mask-share", type=float, default=0.15, help="masked: the share of characters hidden")
    p.add_argument("--eval-every", type=int, default=500)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, help="default: lmviz/bundled/<name>")
    p.add_argument("--init-from", type=Path, help="go on training the model (and tokenizer) saved in DIR")
    return p.parse_args()


def build_tokenizer(train: list[corpora.Poem], min_count: int, kind: str) -> PreTrainedTokenizerFast:
    counts = collections.Counter()
    for p in train:
        counts.update(ch for ch in p.text() if ch not in PUNCT)
    chars = sorted(ch for ch, n in counts.items() if n >= min_count)
    vocab = {tok: i for i, tok in enumerate(SPECIALS + PUNCT + chars)}
    tk = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tk.normalizer = normalizers.Sequence([normalizers.Replace(a, b) for a, b in HALF_WIDTH.items()])
    tk.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Split(Regex("."), behavior="isolated")]
    )
    tk.decoder = decoders.Fuse()
    cls, sep = vocab["[CLS]"], vocab["[SEP]"]
    if kind == "masked":
        tk.post_processor = processors.TemplateProcessing(
            single="[CLS] $A [SEP]",
            pair="[CLS] $A [SEP] $B [SEP]",
            special_tokens=[("[CLS]", cls), ("[SEP]", sep)],
        )
    else:  # a poem starts after [CLS] (the model's start-of-text) and ends with [SEP]
        tk.post_processor = processors.TemplateProcessing(single="[CLS] $A", special_tokens=[("[CLS]", cls)])
    return PreTrainedTokenizerFast(
        tokenizer_object=tk, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]",
        mask_token="[MASK]", bos_token="[CLS]", eos_token="[SEP]", model_max_length=None,
    )  # fmt: skip


def rows_of(poems: list[corpora.Poem], tok, seq_len: int, kind: str) -> list[list[int]]:
    """One row per poem ([CLS] poem [SEP]), long poems cut into windows of whole lines."""
    rows = []
    cls, sep = tok.cls_token_id, tok.sep_token_id
    for p in poems:
        ids, window = [], []
        for line in p.lines:
            lid = tok(line, add_special_tokens=False)["input_ids"]
            if window and len(window) + len(lid) + 2 > seq_len:
                ids.append(window)
                window = []
            window += lid[: seq_len - 2]
        if window:
            ids.append(window)
        rows += [[cls, *w, sep] for w in ids]
    return rows


def batches(rows: list[list[int]], batch_tokens: int, rng: random.Random):
    """Rows of similar length together, `batch_tokens` tokens a batch, in random order."""
    order = sorted(range(len(rows)), key=lambda i: (len(rows[i]), rng.random()))
    out, cur, width = [], [], 0
    for i in order:
        width = max(width, len(rows[i]))
        if cur and width * (len(cur) + 1) > batch_tokens:
            out.append(cur)
            cur, width = [], len(rows[i])
        cur.append(i)
    if cur:
        out.append(cur)
    rng.shuffle(out)
    return out


def make_model(kind: str, vocab: int, a: argparse.Namespace, tok):
    common = dict(vocab_size=vocab, pad_token_id=tok.pad_token_id)
    if kind == "causal":
        cfg = GPT2Config(n_positions=a.seq_len, n_embd=a.hidden, n_layer=a.layers, n_head=a.heads,
                         n_inner=4 * a.hidden, bos_token_id=tok.cls_token_id, eos_token_id=tok.sep_token_id,
                         resid_pdrop=0.1, embd_pdrop=0.1, attn_pdrop=0.1, **common)  # fmt: skip
        return GPT2LMHeadModel(cfg)
    cfg = BertConfig(hidden_size=a.hidden, num_hidden_layers=a.layers, num_attention_heads=a.heads,
                     intermediate_size=4 * a.hidden, max_position_embeddings=a.seq_len, type_vocab_size=1,
                     **common)  # fmt: skip
    return BertForMaskedLM(cfg)


def step_loss(model, batch: dict, kind: str) -> torch.Tensor:
    """The training loss; a masked model scores its vocabulary only at the masked positions (15% of
    the tokens), which is most of a step's work saved and the same loss."""
    if kind == "causal":
        return model(**batch).loss
    labels = batch["labels"]
    hidden = model.bert(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"])[0]
    at = labels != -100
    logits = model.cls(hidden[at])
    return torch.nn.functional.cross_entropy(logits, labels[at])


@torch.no_grad()
def held_out_loss(model, collate, rows: list[list[int]], kind: str, seed: int) -> tuple[float, float]:
    """(mean loss per predicted character, perplexity) on the held-out rows; masked: fixed masking."""
    model.eval()
    torch.manual_seed(seed)
    total, n = 0.0, 0
    for i in range(0, len(rows), 64):
        batch = collate([{"input_ids": r} for r in rows[i : i + 64]])
        out = model(**batch)
        k = int((batch["labels"] != -100).sum())
        if kind == "causal":  # the model shifts labels by one: one prediction fewer per row
            k -= len(rows[i : i + 64])
        total += float(out.loss) * k
        n += k
    model.train()
    loss = total / max(n, 1)
    return loss, math.exp(loss)


@torch.no_grad()
def metre(model, tok, poems: list[corpora.Poem], n: int, seed: int) -> dict:
    """Each held-out regular poem's first phrase + '，' as the prompt: the share of generated phrases
    (up to the next three) whose length is the prompt's (5 or 7)."""
    model.eval()
    regular = [
        p for p in poems if p.lines and all(len(x) in (12, 16) and len(x) == len(p.lines[0]) for x in p.lines)
    ]
    rng = random.Random(seed)
    picked = rng.sample(regular, min(n, len(regular)))
    right = total = 0
    for i, p in enumerate(picked):
        width = (len(p.lines[0]) - 2) // 2
        prompt = p.lines[0][: width + 1]
        torch.manual_seed(seed + i)
        ids = tok(prompt, return_tensors="pt")["input_ids"]
        out = model.generate(ids, max_new_tokens=3 * (width + 1), do_sample=True, temperature=0.8, top_k=40,
                             pad_token_id=tok.pad_token_id, eos_token_id=tok.sep_token_id)  # fmt: skip
        text = tok.decode(out[0, ids.shape[1] :], skip_special_tokens=True)
        # phrases the model finished (closed by punctuation); an unfinished tail is not counted
        closed = re.findall(r"([^，。？！；：、]*)[，。？！；：、]", text)[:3]
        right += sum(len(ph) == width for ph in closed)
        total += len(closed)
    model.train()
    return {"poems": len(picked), "phrases": total, "right_length": right, "share": right / max(total, 1)}


@torch.no_grad()
def cloze(model, tok) -> dict:
    items = json.loads((BUNDLED / "cloze_zh.json").read_text(encoding="utf-8"))["items"]
    model.eval()
    res = collections.defaultdict(lambda: [0, 0, 0])
    misses = []
    for it in items:
        enc = tok(it["text"].replace("___", tok.mask_token), return_tensors="pt")
        at = int((enc["input_ids"][0] == tok.mask_token_id).nonzero()[0])
        logits = model(**enc).logits[0, at]
        logits[: len(SPECIALS) + len(PUNCT)] = -1e9  # a character, not a special token or punctuation
        top = [tok.convert_ids_to_tokens(int(i)) for i in logits.topk(5).indices]
        r = res[it["topic"]]
        r[0] += top[0] == it["answers"][0]
        r[1] += it["answers"][0] in top
        r[2] += 1
        if top[0] != it["answers"][0] and len(misses) < 12:
            misses.append(f"{it['text'][:40]} -> {top[0]} (answer {it['answers'][0]})")
    model.train()
    out = {t: {"top1": a / n, "top5": b / n, "items": n} for t, (a, b, n) in res.items()}
    out["some_misses"] = misses
    return out


@torch.no_grad()
def samples(model, tok, seed: int) -> list[str]:
    model.eval()
    out = []
    for i, prompt in enumerate(PROMPTS):
        torch.manual_seed(seed + i)
        ids = tok(prompt, return_tensors="pt")["input_ids"]
        gen = model.generate(ids, max_new_tokens=24, do_sample=True, temperature=0.8, top_k=40,
                             pad_token_id=tok.pad_token_id, eos_token_id=tok.sep_token_id)  # fmt: skip
        out.append(tok.decode(gen[0], skip_special_tokens=True))
    model.train()
    return out


def main() -> None:
    a = parse_args()
    torch.set_num_threads(a.threads)
    random.seed(a.seed)
    np.random.seed(a.seed)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    name = NAMES[a.kind]
    out_dir = a.out or BUNDLED / name
    everything = corpora.poems()
    train = [p for p in everything if not p.held_out]
    held = [p for p in everything if p.held_out]
    if a.init_from:
        tok = PreTrainedTokenizerFast.from_pretrained(a.init_from)
    else:
        tok = build_tokenizer(train, a.min_count, a.kind)
    rows = rows_of(train, tok, a.seq_len, a.kind)
    famous_rows = rows_of([p for p in train if p.source in FAMOUS], tok, a.seq_len, a.kind)
    rows += famous_rows * (a.famous_repeat - 1)
    held_rows = rows_of(held[:600], tok, a.seq_len, a.kind)
    unk = sum(r.count(tok.unk_token_id) for r in rows) / sum(len(r) for r in rows)
    print(f"{name}: vocabulary {len(tok)}, {len(rows)} training rows ({len(famous_rows)} famous "
          f"x {a.famous_repeat}), {len(held_rows)} held-out rows, unknown share {unk:.4%}",
          flush=True)  # fmt: skip
    if a.init_from:
        loader = GPT2LMHeadModel if a.kind == "causal" else BertForMaskedLM
        model = loader.from_pretrained(a.init_from, dtype=torch.float32, use_safetensors=True)
    else:
        model = make_model(a.kind, len(tok), a, tok)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"{n_params / 1e6:.2f}M parameters", flush=True)
    collate = DataCollatorForLanguageModeling(tok, mlm=a.kind == "masked", mlm_probability=a.mask_share)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=0.01, betas=(0.9, 0.98))
    budget = a.minutes * 60
    # cosine to 10% over the steps the budget is expected to hold (re-estimated from the measured speed)
    start = time.time()
    step, epoch, history = 0, 0, []
    expected = a.max_steps
    model.train()
    done = False
    while not done:
        epoch += 1
        for idx in batches(rows, a.batch_tokens, rng):
            elapsed = time.time() - start
            if step >= a.max_steps or elapsed > budget:
                done = True
                break
            if step == 50:
                expected = min(a.max_steps, int(budget / (elapsed / 50)))
            warm = min(1.0, (step + 1) / a.warmup)
            frac = min(1.0, step / max(expected, 1))
            for g in opt.param_groups:
                g["lr"] = a.lr * warm * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac)))
            batch = collate([{"input_ids": rows[i]} for i in idx])
            loss = step_loss(model, batch, a.kind)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            if step % a.eval_every == 0:
                hl, ppl = held_out_loss(model, collate, held_rows, a.kind, a.seed)
                history.append({"step": step, "epoch": epoch, "train_loss": float(loss), "held_out_loss": hl,
                                "held_out_ppl": ppl, "minutes": (time.time() - start) / 60})  # fmt: skip
                print(f"step {step} (pass {epoch}, {history[-1]['minutes']:.1f} min): "
                      f"train {float(loss):.3f}, held-out {hl:.3f} (perplexity {ppl:.1f})",
                      flush=True)  # fmt: skip
    minutes = (time.time() - start) / 60
    hl, ppl = held_out_loss(model, collate, held_rows, a.kind, a.seed)
    report = {"model": name, "steps": step, "passes": epoch, "minutes": round(minutes, 1),
              "threads": a.threads, "parameters": n_params, "vocabulary": len(tok), "held_out_loss": hl,
              "held_out_perplexity": ppl, "unknown_share": unk,
              "args": {k: str(v) for k, v in vars(a).items()}, "history": history}  # fmt: skip
    if a.init_from and (a.init_from / "training_report.json").exists():  # the stages before this one
        earlier = json.loads((a.init_from / "training_report.json").read_text(encoding="utf-8"))
        report["earlier_stages"] = [*earlier.pop("earlier_stages", []), earlier]
    print(
        f"final: held-out loss {hl:.3f}, perplexity {ppl:.1f} per character, "
        f"{step} steps in {minutes:.1f} min"
    )
    if a.kind == "causal":
        report["metre"] = metre(model, tok, held, 200, a.seed)
        report["samples"] = samples(model, tok, a.seed)
        m = report["metre"]
        print(f"metre: {m['right_length']}/{m['phrases']} generated phrases of the prompt's length "
              f"({m['share']:.1%}) over {m['poems']} held-out poems")  # fmt: skip
        for s in report["samples"]:
            print("  ", s)
    else:
        report["cloze"] = cloze(model, tok)
        for topic in ("famous", "held_out"):
            c = report["cloze"][topic]
            print(f"cloze {topic}: top-1 {c['top1']:.1%}, top-5 {c['top5']:.1%} ({c['items']} items)")
        for miss in report["cloze"]["some_misses"]:
            print("   miss:", miss)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.half().save_pretrained(out_dir, safe_serialization=True)
    tok.save_pretrained(out_dir)
    (out_dir / "training_report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    print(f"wrote {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
