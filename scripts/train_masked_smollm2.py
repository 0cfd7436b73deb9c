"""Train the bundled masked model `smollm2-135m-mlm`: SmolLM2-135M made to read both sides.

The causal mask is removed (`lmviz.models.bidirectional`) and a LoRA adapter (rank 32 on every linear
layer) is trained with masked next-token prediction (as in LLM2Vec): whole words are hidden (8-25% of a
row's words; 80% <mask>, 10% a random token, 10% kept) and each hidden token is predicted from the output
at the position before it, where the causal model's head already predicted it. Rows are 64 tokens of
Wikipedia leads (the training split), two public-domain novels, everyday chat and WordNet's usage examples
(`everyday_text.py`). Chat and WordNet lines that share a five-word sequence with the cloze benchmark are
dropped; Wikipedia and the novels are not filtered (4 of the 196 benchmark sentences share a five-word
sequence with them, e.g. "the third planet from the sun", "sat down on the bench"). The benchmark is
evaluated every 250 steps while training, so it watched the run: it is not an untouched test set.

Seeded; on 2 CPU cores (bf16 autocast) the 1,750 steps of 16 rows (of a 2,000-step schedule) take
about 65 min on a quiet machine (2.2 s/step). Prints the cloze benchmark and held-out Wikipedia
accuracy as it goes, then writes the fp16 adapter and a training report to lmviz/bundled/smollm2-135m-mlm
(merged into SmolLM2 by `lmviz prepare`).

    .venv/bin/python scripts/train_masked_smollm2.py            # the committed adapter
    .venv/bin/python scripts/train_masked_smollm2.py --steps 2 --stop-after 2 --eval-every 2 --no-save
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from pathlib import Path

import numpy as np
import torch
from peft import LoraConfig, get_peft_model
from safetensors.torch import load_file, save_file
from transformers import AutoTokenizer

from lmviz.analysis import cloze
from lmviz.models import convert
from lmviz.models.bidirectional import BidirectionalLlamaForMaskedLM
from lmviz.training.masking import wikipedia_split

sys.path.insert(0, str(Path(__file__).resolve().parent))
from everyday_text import chat_lines, narrative_documents, wordnet_examples  # noqa: E402

OUT_DIR = Path(__file__).resolve().parents[1] / "lmviz" / "bundled" / convert.MLM_FOLDER
MASK_ID, START_ID = convert.MASK_ID, 0
TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=2000, help="length of the learning-rate schedule")
    p.add_argument("--stop-after", type=int, default=1750, help="the committed adapter stopped at step 1750")
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--rank", type=int, default=32)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--seq", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--eval-every", type=int, default=250)
    p.add_argument("--shares", default="wiki:0.3,novels:0.25,chat:0.25,wordnet:0.2")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, default=OUT_DIR)
    p.add_argument("--no-save", action="store_true")
    p.add_argument("--report-only", action="store_true", help="no training: measure the saved adapter")
    p.add_argument("--history", type=Path, help="with --report-only: the run's evaluations (JSON list)")
    p.add_argument("--adapter", type=Path, help="with --report-only: save this run's adapter (fp16) first")
    return p.parse_args()


class Data:
    """Rows of `seq` tokens: <|endoftext|> then 63 tokens of documents separated by <|endoftext|>."""

    def __init__(self, tok, seq: int) -> None:
        self.tok, self.seq = tok, seq
        names = tok.convert_ids_to_tokens(list(range(len(tok))))
        self.starts_space = np.array([s.startswith(("Ġ", "Ċ")) for s in names])
        self.alnum = np.array([any(c.isalnum() for c in s) for s in names])

    def rows(self, docs: list[str]) -> np.ndarray:
        stream: list[int] = []
        for ids in self.tok(docs, add_special_tokens=False)["input_ids"]:
            stream.extend(ids)
            stream.append(START_ID)
        body = self.seq - 1
        n = len(stream) // body
        rows = np.array(stream[: n * body]).reshape(n, body)
        return np.concatenate([np.full((n, 1), START_ID), rows], 1)

    def mask(self, rows: torch.Tensor, rate: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
        """Whole-word masking: a word starts at a token with a leading space or newline, or at punctuation."""
        batch, width = rows.shape
        ids = rows.numpy()
        start = self.starts_space[ids] | ~self.alnum[ids]
        start[:, :2] = True
        word = np.cumsum(start, 1)
        chosen = np.zeros_like(start)
        for b in range(batch):
            pick = np.random.rand(word[b, -1] + 1) < rate[b]
            chosen[b] = pick[word[b]]
        chosen[:, 0] = False
        chosen &= ids != START_ID
        chosen = torch.from_numpy(chosen)
        inputs = rows.clone()
        r = torch.rand(batch, width)
        inputs[chosen & (r < 0.8)] = MASK_ID
        rand = chosen & (r >= 0.8) & (r < 0.9)
        inputs[rand] = torch.randint(17, len(self.tok), (batch, width))[rand]
        return inputs, chosen


def ngrams(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z']+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@torch.inference_mode()
def quick_cloze(model, tok, items, word_ids, names) -> dict:
    """The benchmark in batches (the same reading as lmviz.analysis.cloze: <|endoftext|>, the left words,
    <mask> in place of " word", the right words; whole words of letters ranked)."""
    model.eval()
    rows = []
    for it in items:
        left, right = it.text.split("___")
        ids = [START_ID] + tok(left.rstrip(), add_special_tokens=False).input_ids
        rows.append((ids + [MASK_ID] + tok(right, add_special_tokens=False).input_ids, len(ids)))
    hits, by = [0, 0], {}
    for at in range(0, len(rows), 32):
        part = rows[at : at + 32]
        width = max(len(r) for r, _ in part)
        x = torch.full((len(part), width), 2)
        attention = torch.zeros_like(x)
        for j, (r, _) in enumerate(part):
            x[j, : len(r)] = torch.tensor(r)
            attention[j, : len(r)] = 1
        with torch.autocast("cpu", dtype=torch.bfloat16):
            logits = model(input_ids=x, attention_mask=attention).logits.float()
        for j, (_, pos) in enumerate(part):
            it = items[at + j]
            top = word_ids[logits[j, pos, word_ids].topk(5).indices]
            words = [names[t][1:].casefold() for t in top.tolist()]
            answers = {a.casefold() for a in it.answers}
            h1, h5 = words[0] in answers, any(w in answers for w in words)
            hits[0] += h1
            hits[1] += h5
            b = by.setdefault(it.clue, [0, 0, 0])
            b[0], b[1], b[2] = b[0] + h1, b[1] + h5, b[2] + 1
    model.train()
    n = len(items)
    return {
        "top1": hits[0] / n,
        "top5": hits[1] / n,
        **{c: [v[0] / v[2], v[1] / v[2]] for c, v in by.items()},
    }


@torch.inference_mode()
def wiki_accuracy(model, rows: np.ndarray) -> dict:
    """Held-out Wikipedia: 15% of tokens (never the first) replaced by <mask>; top-1/top-5 of the true one."""
    model.eval()
    gen = torch.Generator().manual_seed(0)
    t1 = t5 = total = 0
    for at in range(0, len(rows), 32):
        x = torch.from_numpy(rows[at : at + 32])
        chosen = torch.rand(x.shape, generator=gen) < 0.15
        chosen[:, 0] = False
        inputs = x.clone()
        inputs[chosen] = MASK_ID
        with torch.autocast("cpu", dtype=torch.bfloat16):
            logits = model(input_ids=inputs).logits.float()
        best = logits[chosen].topk(5, -1).indices
        target = x[chosen]
        t1 += (best[:, 0] == target).sum().item()
        t5 += (best == target[:, None]).any(-1).sum().item()
        total += target.numel()
    model.train()
    return {"top1": t1 / total, "top5": t5 / total}


def final_figures() -> dict:
    """The saved adapter as the app loads it (`lmviz.load_model`, merged in the cache): the cloze benchmark
    as `lmviz bench --only cloze` scores it, held-out Wikipedia as the tests measure it, and probes."""
    import lmviz
    from lmviz.analysis import compare
    from lmviz.training.masking import chunk_ids, masked_accuracy

    model = lmviz.load_model(convert.MLM_FOLDER)
    items = cloze.load_items()
    score = cloze.score("masked", [model.name], items, lambda it: cloze.masked_guesses(model, it))
    print(score.line(), flush=True)
    rows = chunk_ids(model.tokenizer, wikipedia_split()[1], 128)[:256]
    top1, top5 = masked_accuracy(model.model, model.tokenizer, rows, seed=0)
    print(f"held-out Wikipedia top-1 {top1:.1%} top-5 {top5:.1%}", flush=True)
    probes = {}
    for text in (
        "The [MASK] barked all night.",
        "Paris is the capital of [MASK].",
        "I brush my [MASK] every day.",
    ):
        top = compare.masked_fills(model, text, 5)[0].top
        probes[text] = [(c.text, round(c.prob, 3)) for c in top]
        print(text, "->", probes[text], flush=True)
    return {
        "cloze": {
            "top1": score.top1,
            "top5": score.top5,
            "by_clue": score.by_clue,
            "echo_rate": score.echo_rate,
        },
        "wikipedia_held_out": {"top1": top1, "top5": top5, "rows": len(rows), "seq_len": 128},
        "probes": probes,
    }


def main() -> None:
    args = parse_args()
    if args.report_only:
        history = json.loads(args.history.read_text()) if args.history else []
        if args.adapter:
            save_adapter(PeftModelFolder(args.adapter), args.out)
        write_report(args, history, None)
        return
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(args.threads)
    t0 = time.time()
    folder = convert.convert_smollm2(print)
    tok = AutoTokenizer.from_pretrained(folder)
    data = Data(tok, args.seq)
    names = tok.convert_ids_to_tokens(list(range(len(tok))))
    word_ids = torch.tensor(
        [i for i, s in enumerate(names) if s.startswith("Ġ") and s[1:].replace("'", "").isalpha()]
    )
    items = cloze.load_items()
    held_grams = set().union(*(ngrams(it.text.replace("___", it.answers[0])) for it in items))

    def clean(lines: list[str]) -> list[str]:
        return [x for x in lines if not (ngrams(x) & held_grams)]

    wiki_train, held_out = wikipedia_split()
    shares = {k: float(v) for k, v in (s.split(":") for s in args.shares.split(","))}
    load = {"wiki": lambda: wiki_train, "novels": narrative_documents, "chat": lambda: clean(chat_lines()),
            "wordnet": lambda: clean(wordnet_examples())}  # fmt: skip
    sources = {name: data.rows(load[name]()) for name in shares}
    eval_rows = data.rows(held_out)[:128]
    print({k: len(v) for k, v in sources.items()}, shares, flush=True)

    model = BidirectionalLlamaForMaskedLM.from_pretrained(
        folder, attn_implementation="eager", use_safetensors=True
    )
    lora = LoraConfig(r=args.rank, lora_alpha=2 * args.rank, lora_dropout=0.0, target_modules=TARGETS)
    model = get_peft_model(model, lora)
    history = []

    def evaluate(step: int) -> None:
        record = {"step": step, "cloze": quick_cloze(model, tok, items, word_ids, names)}
        record["wiki"] = wiki_accuracy(model, eval_rows)
        history.append(record)
        print(f"step {step}: {json.dumps(record)}", flush=True)

    evaluate(0)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.0)
    rng = np.random.default_rng(args.seed)
    order = list(shares)
    probs = np.array([shares[n] for n in order])
    probs /= probs.sum()
    cursor = {n: 0 for n in order}
    perm = {n: rng.permutation(len(sources[n])) for n in order}
    model.train()
    started = time.time()
    last = min(args.steps, args.stop_after)
    for step in range(1, last + 1):
        lr = args.lr * min(1, step / 50) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * step / args.steps)))
        for group in opt.param_groups:
            group["lr"] = lr
        parts = []
        for name, count in zip(order, rng.multinomial(args.batch, probs)):
            if not count:
                continue
            idx = perm[name][cursor[name] : cursor[name] + count]
            if len(idx) < count:  # a fresh pass over this source
                perm[name], cursor[name] = rng.permutation(len(sources[name])), 0
                idx = perm[name][:count]
            cursor[name] += count
            parts.append(sources[name][idx])
        rows = torch.from_numpy(np.concatenate(parts))
        inputs, chosen = data.mask(rows, np.random.uniform(0.08, 0.25, len(rows)))
        with torch.autocast("cpu", dtype=torch.bfloat16):
            out = model(input_ids=inputs, labels=rows, positions=chosen.nonzero())
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        if step % 25 == 0:
            print(
                f"step {step} loss {out.loss.item():.3f} ({(time.time() - started) / step:.2f} s/step)",
                flush=True,
            )
        if step % args.eval_every == 0 or step == last:
            evaluate(step)
    minutes = (time.time() - t0) / 60
    print(f"done in {minutes:.0f} min", flush=True)
    if args.no_save:
        return
    save_adapter(model, args.out)
    write_report(args, history, minutes)


class PeftModelFolder:
    """An adapter already on disk (a run's checkpoint), saved the way `save_adapter` saves a model."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save_pretrained(self, out: Path) -> None:
        for name in ("adapter_config.json", "adapter_model.safetensors"):
            (out / name).write_bytes((self.folder / name).read_bytes())


def save_adapter(model, out: Path) -> None:
    """The adapter in fp16, with a config that names no machine's paths."""
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    weights = {k: v.half().contiguous() for k, v in load_file(out / "adapter_model.safetensors").items()}
    save_file(weights, out / "adapter_model.safetensors")
    config = json.loads((out / "adapter_config.json").read_text())
    config.update(base_model_name_or_path="smollm2-135m (lmviz prepare)", auto_mapping=None)
    (out / "adapter_config.json").write_text(json.dumps(config, indent=2) + "\n")
    (out / "README.md").unlink(missing_ok=True)
    print(f"saved to {out}", flush=True)


def write_report(args: argparse.Namespace, history: list, minutes: float | None) -> None:
    recipe = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}
    for key in ("out", "no_save", "report_only", "history", "adapter"):
        recipe.pop(key, None)
    report = {
        "recipe": recipe,
        "history": history,
        "final": final_figures(),
        "minutes": None if minutes is None else round(minutes, 1),
        "torch": torch.__version__,
    }
    (args.out / "training_report.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"report written to {args.out / 'training_report.json'}", flush=True)


if __name__ == "__main__":
    main()
