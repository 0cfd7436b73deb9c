"""`lmviz train` (or `python -m lmviz.training`): the training page's loop in a terminal, for longer jobs."""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import replace
from pathlib import Path

from lmviz.errors import LmvizError
from lmviz.kinds import Kind
from lmviz.models.loading import load_model
from lmviz.training import before_after, export, pretrain
from lmviz.training import data as train_data
from lmviz.training.config import METHODS, PRETRAIN_CONFIG, TrainConfig
from lmviz.training.loop import TrainRun


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="lmviz train", description=__doc__)
    what = p.add_mutually_exclusive_group()
    what.add_argument("--model", default="smollm2-135m", help="model to fine-tune (name, hub id or folder)")
    what.add_argument("--scratch", action="store_true", help="pretrain a tiny GPT-2 from random weights")
    data = p.add_mutually_exclusive_group()
    data.add_argument("--corpus", choices=train_data.CORPORA, default="kjv")
    data.add_argument("--text-file", type=Path, help="a plain-text file to train on")
    p.add_argument("--corpus-chars", type=int, default=train_data.CORPUS_CHARS)
    p.add_argument("--method", choices=METHODS, default=None)
    p.add_argument("--steps", type=int, default=None)
    p.add_argument("--lr", type=float, default=None)
    p.add_argument("--batch", type=int, default=None)
    p.add_argument("--seq-len", type=int, default=None)
    p.add_argument("--top-layers", type=int, default=2)
    p.add_argument("--lora-rank", type=int, default=8)
    p.add_argument("--eval-every", type=int, default=None)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--probe", default="And the LORD said unto", help="prompt (or [MASK] sentence) to compare")
    p.add_argument("--device", default=None, help="cuda, mps or cpu (default: the best one present)")
    p.add_argument("--out", type=Path, help="save the trained model here (safetensors + tokenizer)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    try:
        if args.text_file:
            source = train_data.decode_upload(args.text_file.read_bytes(), args.text_file.name)
        else:
            source = train_data.corpus(args.corpus, args.corpus_chars)
        base_config = PRETRAIN_CONFIG if args.scratch else TrainConfig()
        overrides = {
            k: v
            for k, v in dict(
                method=args.method,
                steps=args.steps,
                lr=args.lr,
                batch=args.batch,
                seq_len=args.seq_len,
                eval_every=args.eval_every,
            ).items()
            if v is not None
        }
        config = replace(base_config, top_layers=args.top_layers, lora_rank=args.lora_rank, seed=args.seed)
        config = replace(config, **overrides)
        if args.scratch:
            before = pretrain.new_model(source.text, seed=args.seed)
            config = replace(config, sample_prompt=args.probe)
            sampler = pretrain.sample
        else:
            before = load_model(args.model, device=args.device)
            sampler = None
        blocks = train_data.make_blocks(
            before.tokenizer, source, config.seq_len, masked=before.kind == Kind.MASKED
        )
        run = TrainRun(before, blocks, config, sampler=sampler)
    except (LmvizError, OSError) as exc:
        print(f"lmviz train: {exc}", file=sys.stderr)
        return 2
    for notice in run.notices:
        print(f"note: {notice}")
    print(
        f"{before.name} on {before.device}: {run.trainable_parameters:,} of {run.total_parameters:,} "
        f"weights trained, {len(blocks.train)} blocks x {blocks.seq_len} tokens "
        f"({len(blocks.held_out)} held out)"
    )
    try:
        for r in run.steps():
            held = (
                f"  held-out {r.held_out_loss:.3f} (ppl {math.exp(r.held_out_loss):.1f})"
                if r.held_out_loss
                else ""
            )
            print(
                f"step {r.step:>5}/{r.steps}  loss {r.loss:.3f}  {r.tokens_per_s:,.0f} tok/s{held}",
                flush=True,
            )
            if r.sample:
                print(f"  sample: {r.sample!r}")
            if r.message:
                print(r.message)
    except KeyboardInterrupt:
        print("interrupted: keeping the steps taken so far")
    if not run.usable:
        print("lmviz train: the run did not leave a usable model.", file=sys.stderr)
        return 1
    after = run.result(f"{before.name} (trained)")
    result = before_after.compare_models(before, after, blocks, args.probe, args.seed)
    for label, s in (("before", result.before), ("after", result.after)):
        top = ", ".join(f"{c.text!r} {c.prob:.2f}" for c in s.top[:5])
        print(f"{label:>6}: held-out perplexity {s.perplexity:.1f}; after the probe: {top}")
        if s.generation is not None:
            print(f"        writes: {s.generation!r}")
    if args.out:
        export.save_folder(after, args.out)
        print(f"saved to {args.out}")
    return 0
